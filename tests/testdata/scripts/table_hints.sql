-- Table hints that choose how a table is read (Microsoft's "Table Hints
-- (Transact-SQL)": INDEX, FORCESEEK, FORCESCAN). The rows are the same
-- whatever the path; sys.dm_db_index_usage_stats shows which index each
-- statement read and how — user_seeks and user_scans count the statements
-- that sought or scanned an index, user_lookups those that looked rows up
-- in the clustered index from a nonclustered one — and the hints SQL
-- Server cannot honour are refused with its errors.
CREATE TABLE dbo.ix (a int NOT NULL CONSTRAINT pk_ix PRIMARY KEY, b int, c int INDEX ixc)
INSERT dbo.ix SELECT value, value % 10, value * 2 FROM GENERATE_SERIES(1, 50)
CREATE TABLE dbo.k (id int)
INSERT dbo.k VALUES (4)
GO
CREATE VIEW dbo.ix_use AS
SELECT i.index_id, i.name, ISNULL(s.user_seeks, 0) AS seeks, ISNULL(s.user_scans, 0) AS scans, ISNULL(s.user_lookups, 0) AS lookups
FROM sys.indexes i LEFT JOIN sys.dm_db_index_usage_stats s
  ON s.database_id = DB_ID() AND s.object_id = i.object_id AND s.index_id = i.index_id
WHERE i.object_id = OBJECT_ID('dbo.ix')
GO
-- No hint: equality on the primary key seeks the clustered index.
SELECT b FROM dbo.ix WHERE a = 5
-- expect: b
-- 5
GO
SELECT name, seeks, scans, lookups FROM dbo.ix_use ORDER BY index_id
-- expect: name | seeks | scans | lookups
-- pk_ix | 1 | 0 | 0
-- ixc | 0 | 0 | 0
GO
-- INDEX (ixc) with no condition on c: a scan of ixc, each row looked up
-- in the clustered index (ixc holds c and the key, not b).
SELECT b FROM dbo.ix WITH (INDEX(ixc)) WHERE a = 5
-- expect: b
-- 5
GO
SELECT name, seeks, scans, lookups FROM dbo.ix_use ORDER BY index_id
-- expect: name | seeks | scans | lookups
-- pk_ix | 1 | 0 | 1
-- ixc | 0 | 1 | 0
GO
-- INDEX = ixc (the older spelling) with a condition on c: a seek of ixc.
SELECT a, b FROM dbo.ix WITH (INDEX = ixc) WHERE c = 14
-- expect: a | b
-- 7 | 7
GO
SELECT name, seeks, scans, lookups FROM dbo.ix_use ORDER BY index_id
-- expect: name | seeks | scans | lookups
-- pk_ix | 1 | 0 | 2
-- ixc | 1 | 1 | 0
GO
-- INDEX (0) scans the clustered index even for a key; INDEX (1) reads the
-- clustered index, so a condition on c is a scan of it, not a seek of ixc;
-- FORCESCAN scans.
SELECT b FROM dbo.ix WITH (INDEX(0)) WHERE a = 5
SELECT a FROM dbo.ix WITH (INDEX(1)) WHERE c = 14
SELECT b FROM dbo.ix WITH (FORCESCAN) WHERE a = 6
-- expect: b
-- 5
-- expect: a
-- 7
-- expect: b
-- 6
GO
SELECT name, seeks, scans, lookups FROM dbo.ix_use ORDER BY index_id
-- expect: name | seeks | scans | lookups
-- pk_ix | 1 | 3 | 2
-- ixc | 1 | 1 | 0
GO
-- INDEX (1) with the key fixed is the clustered seek; several indexes in
-- INDEX (…): SQL Server intersects them, here the first is read.
SELECT b FROM dbo.ix WITH (INDEX(1)) WHERE a = 8
SELECT a FROM dbo.ix WITH (INDEX(ixc, pk_ix)) WHERE c = 20
-- expect: b
-- 8
-- expect: a
-- 10
GO
SELECT name, seeks, scans, lookups FROM dbo.ix_use ORDER BY index_id
-- expect: name | seeks | scans | lookups
-- pk_ix | 2 | 3 | 3
-- ixc | 2 | 1 | 0
GO
-- FORCESEEK: a seek of whichever index the conditions allow; with an
-- index and its columns, a seek of that index on them.
SELECT a FROM dbo.ix WITH (FORCESEEK) WHERE c = 14
SELECT a FROM dbo.ix WITH (FORCESEEK(ixc (c))) WHERE c BETWEEN 14 AND 18 ORDER BY a
SELECT y.b FROM dbo.k AS x JOIN dbo.ix AS y WITH (FORCESEEK) ON y.c = x.id
-- expect: a
-- 7
-- expect: a
-- 7
-- 8
-- 9
-- expect: b
-- 2
GO
SELECT name, seeks, scans, lookups FROM dbo.ix_use ORDER BY index_id
-- expect: name | seeks | scans | lookups
-- pk_ix | 2 | 3 | 6
-- ixc | 5 | 1 | 0
GO
-- FORCESEEK with nothing to seek on: 8622, raised while the batch
-- compiles, so the batch stops there.
SELECT a FROM dbo.ix WITH (FORCESEEK) WHERE b = 1
SELECT 'not reached' AS x
-- error: 8622 Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN.
GO
SELECT COUNT(*) AS n FROM dbo.ix WITH (FORCESEEK)
-- error: 8622 Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN.
GO
SELECT b FROM dbo.ix WITH (FORCESEEK, INDEX(ixc)) WHERE a = 5
-- error: 8622 Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN.
GO
SELECT b FROM dbo.ix WITH (FORCESEEK, INDEX(0)) WHERE a = 5
-- error: 8622 Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN.
GO
SELECT b FROM dbo.ix WITH (FORCESEEK(ixc (c))) WHERE a = 5
-- error: 8622 Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN.
GO
SELECT y.b FROM dbo.k AS x JOIN dbo.ix AS y WITH (FORCESEEK) ON y.b = x.id
-- error: 8622 Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN.
GO
-- INDEX (0) beside another index: no access path reads both.
SELECT COUNT(*) AS n FROM dbo.ix WITH (INDEX(0, ixc))
-- error: 8622 Query processor could not produce a query plan because of the hints defined in this query. Resubmit the query without specifying any hints and without using SET FORCEPLAN.
GO
-- The hints that contradict each other, and the ones naming what is not there.
SELECT b FROM dbo.ix WITH (FORCESEEK, FORCESCAN) WHERE a = 5
-- error: 10746 The FORCESCAN hint is specified simultaneously with the FORCESEEK hint. Remove one of the hints and resubmit the query.
GO
SELECT b FROM dbo.ix WITH (FORCESCAN, INDEX(ixc, pk_ix))
-- error: 10750 The FORCESCAN hint cannot be used with more than one INDEX hint. Remove the extra INDEX hints and resubmit the query.
GO
SELECT b FROM dbo.ix WITH (FORCESEEK(ixc (c)), INDEX(ixc)) WHERE c = 14
-- error: 10747 The parameterized FORCESEEK hint cannot be simultaneously used with INDEX hints or a non-parameterized FORCESEEK hint on the same object. Use either INDEX hints and a non-parameterized FORCESEEK hint or use a parameterized FORCESEEK hint without INDEX hints for each table or view.
GO
SELECT b FROM dbo.ix WITH (FORCESEEK(ixc (a))) WHERE c = 14
-- error: 362 The query processor could not produce a query plan because the name 'a' in the FORCESEEK hint on table or view 'ix' did not match the key column names of the index 'ixc'.
GO
SELECT b FROM dbo.ix WITH (FORCESEEK(ixc)) WHERE c = 14
-- error: 102 Incorrect syntax near ')'.
GO
SELECT b FROM dbo.ix WITH (INDEX(9))
-- error: 307 Index ID 9 on table 'dbo.ix' (specified in the FROM clause) does not exist.
GO
SELECT b FROM dbo.ix WITH (INDEX(nope))
-- error: 308 Index 'nope' on table 'dbo.ix' (specified in the FROM clause) does not exist.
GO
-- None of the refused statements read the table.
SELECT name, seeks, scans, lookups FROM dbo.ix_use ORDER BY index_id
-- expect: name | seeks | scans | lookups
-- pk_ix | 2 | 3 | 6
-- ixc | 5 | 1 | 0
GO
-- The cached plan (sys.dm_exec_query_plan) shows the read the hints chose:
-- a scan or seek of ixc with a Key Lookup of each row, a scan of the
-- clustered index for FORCESCAN.
CREATE PROCEDURE dbo.ix_hinted AS
SELECT b FROM dbo.ix WITH (INDEX(ixc)) WHERE a = 5;
SELECT b FROM dbo.ix WITH (INDEX(ixc)) WHERE c = 14;
SELECT b FROM dbo.ix WITH (FORCESCAN) WHERE a = 5;
GO
EXEC dbo.ix_hinted
-- expect: b
-- 5
-- expect: b
-- 7
-- expect: b
-- 5
GO
WITH XMLNAMESPACES ('http://schemas.microsoft.com/sqlserver/2004/07/showplan' AS p)
SELECT r.n.value('@PhysicalOp', 'nvarchar(60)') AS physical_op, r.n.value('(p:IndexScan/p:Object/@Index)[1]', 'sysname') AS ix,
    r.n.value('(p:IndexScan/p:Object/@IndexKind)[1]', 'sysname') AS kind
FROM (SELECT DISTINCT plan_handle FROM sys.dm_exec_query_stats) AS qs
CROSS APPLY sys.dm_exec_query_plan(qs.plan_handle) AS qp
CROSS APPLY qp.query_plan.nodes('/p:ShowPlanXML/p:BatchSequence/p:Batch/p:Statements/p:StmtSimple/p:QueryPlan//p:RelOp') AS r(n)
WHERE qp.dbid = DB_ID() AND qp.objectid = OBJECT_ID(N'dbo.ix_hinted')
-- expect: physical_op | ix | kind
-- Nested Loops | NULL | NULL
-- Index Scan | [ixc] | NonClustered
-- Key Lookup | [pk_ix] | Clustered
-- Nested Loops | NULL | NULL
-- Index Seek | [ixc] | NonClustered
-- Key Lookup | [pk_ix] | Clustered
-- Clustered Index Scan | [pk_ix] | Clustered
GO
