-- Clustered indexes as SQL Server builds them (issue #5): a clustered index
-- on a heap, unique or not, becomes the table's row store (index_id 1, the
-- heap's index_id 0 gone); a non-unique one keys duplicates by a hidden
-- uniquifier that is in no column; nonclustered indexes point at the new
-- row locator; DROP INDEX turns the table back into a heap; DROP_EXISTING
-- changes the key or the uniqueness.
CREATE TABLE dbo.orders (id int NOT NULL, cust int NULL, note varchar(20) NULL)
INSERT dbo.orders VALUES (1, 5, 'a'), (2, 3, 'b'), (3, 5, 'c'), (4, 1, 'd'), (5, 3, 'e'), (6, 5, 'f')
CREATE INDEX ix_note ON dbo.orders (note)
CREATE CLUSTERED INDEX cx_cust ON dbo.orders (cust)
GO
SELECT name, index_id, type, type_desc, is_unique FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.orders') ORDER BY index_id
-- expect: name | index_id | type | type_desc | is_unique
-- cx_cust | 1 | 1 | CLUSTERED | 0
-- ix_note | 2 | 2 | NONCLUSTERED | 0
GO
SELECT index_id, rows FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.orders') ORDER BY index_id
-- expect: index_id | rows
-- 1 | 6
-- 2 | 6
GO
SELECT index_id, index_type_desc, record_count FROM sys.dm_db_index_physical_stats(DB_ID(), OBJECT_ID('dbo.orders'), NULL, NULL, 'DETAILED') ORDER BY index_id
-- expect: index_id | index_type_desc | record_count
-- 1 | CLUSTERED INDEX | 6
-- 2 | NONCLUSTERED INDEX | 6
GO
EXEC sp_helpindex 'dbo.orders'
-- expect: index_name | index_description | index_keys
-- cx_cust | clustered located on PRIMARY | cust
-- ix_note | nonclustered located on PRIMARY | note
GO
-- The rows are in key order, duplicates in the order they came; the
-- uniquifier is not a column.
SELECT * FROM dbo.orders
-- expect: id | cust | note
-- 4 | 1 | d
-- 2 | 3 | b
-- 5 | 3 | e
-- 1 | 5 | a
-- 3 | 5 | c
-- 6 | 5 | f
GO
INSERT dbo.orders VALUES (7, 5, 'g'), (8, 2, 'h'), (9, NULL, 'i')
SELECT id FROM dbo.orders WHERE cust = 5
SELECT id FROM dbo.orders WHERE cust >= 2 AND cust <= 3
SELECT id, cust FROM dbo.orders WITH (INDEX(ix_note)) WHERE note >= 'g'
-- expect: id
-- 1
-- 3
-- 6
-- 7
-- expect: id
-- 8
-- 2
-- 5
-- expect: id | cust
-- 7 | 5
-- 8 | 2
-- 9 | NULL
GO
-- Reads on the clustered key seek it.
SELECT s.index_id, s.user_seeks FROM sys.dm_db_index_usage_stats s
WHERE s.database_id = DB_ID() AND s.object_id = OBJECT_ID('dbo.orders') AND s.index_id = 1
-- expect: index_id | user_seeks
-- 1 | 2
GO
-- A row whose key changes moves behind the duplicates already there.
UPDATE dbo.orders SET cust = 5 WHERE id IN (2, 4)
UPDATE dbo.orders SET note = 'z' WHERE id = 1
DELETE dbo.orders WHERE id = 3
SELECT id, cust, note FROM dbo.orders WHERE cust >= 5
-- expect: id | cust | note
-- 1 | 5 | z
-- 6 | 5 | f
-- 7 | 5 | g
-- 4 | 5 | d
-- 2 | 5 | b
GO
DBCC CHECKTABLE ('dbo.orders') WITH NO_INFOMSGS
GO
-- A second clustered index, a name in use, a missing column, a key
-- column of a type no index key may have.
CREATE CLUSTERED INDEX cx_id ON dbo.orders (id)
-- error: 1902 Cannot create more than one clustered index on table 'orders'. Drop the existing clustered index 'cx_cust' before creating another.
GO
CREATE INDEX cx_cust ON dbo.orders (id)
-- error: 1913 The operation failed because an index or statistics with name 'cx_cust' already exists on table 'dbo.orders'.
GO
CREATE TABLE dbo.lob (id int, body varchar(max), doc xml)
CREATE CLUSTERED INDEX cx_lob ON dbo.lob (nope)
-- error: 1911 Column name 'nope' does not exist in the target table or view.
GO
CREATE CLUSTERED INDEX cx_lob ON dbo.lob (body)
-- error: 1919 Column 'body' in table 'lob' is of a type that is invalid for use as a key column in an index.
GO
ALTER TABLE dbo.lob ADD CONSTRAINT pk_lob PRIMARY KEY (doc)
-- error: 1919 Column 'doc' in table 'lob' is of a type that is invalid for use as a key column in an index.
-- error: 1750 Could not create constraint or index. See previous errors.
GO
-- DROP_EXISTING changes the key, then the uniqueness (1505 while a key
-- value repeats).
CREATE CLUSTERED INDEX cx_cust ON dbo.orders (id DESC) WITH (DROP_EXISTING = ON)
SELECT TOP (3) id FROM dbo.orders
SELECT i.name, c.name AS col, ic.is_descending_key FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id WHERE i.object_id = OBJECT_ID('dbo.orders') AND i.index_id = 1
-- expect: id
-- 9
-- 8
-- 7
-- expect: name | col | is_descending_key
-- cx_cust | id | 1
GO
CREATE UNIQUE CLUSTERED INDEX cx_cust ON dbo.orders (cust) WITH (DROP_EXISTING = ON)
-- error: 1505 The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name 'dbo.orders' and the index name 'cx_cust'. The duplicate key value is (5).
-- message: The statement has been terminated.
GO
CREATE UNIQUE CLUSTERED INDEX cx_cust ON dbo.orders (id) WITH (DROP_EXISTING = ON)
INSERT dbo.orders VALUES (6, 0, 'dup')
-- error: 2601 Cannot insert duplicate key row in object 'dbo.orders' with unique index 'cx_cust'. The duplicate key value is (6).
-- message: The statement has been terminated.
GO
SELECT name, index_id, type_desc, is_unique FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.orders') ORDER BY index_id
-- expect: name | index_id | type_desc | is_unique
-- cx_cust | 1 | CLUSTERED | 1
-- ix_note | 2 | NONCLUSTERED | 0
GO
ALTER INDEX cx_cust ON dbo.orders REBUILD
ALTER INDEX ALL ON dbo.orders REBUILD
-- DROP INDEX of the clustered index leaves a heap with every row.
DROP INDEX cx_cust ON dbo.orders
SELECT name, index_id, type_desc FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.orders') ORDER BY index_id
SELECT COUNT(*) AS n, SUM(id) AS ids FROM dbo.orders
SELECT id FROM dbo.orders WITH (INDEX(ix_note)) WHERE note = 'z'
-- expect: name | index_id | type_desc
-- NULL | 0 | HEAP
-- ix_note | 2 | NONCLUSTERED
-- expect: n | ids
-- 8 | 42
-- expect: id
-- 1
GO
DBCC CHECKTABLE ('dbo.orders') WITH NO_INFOMSGS
GO
-- A constraint's index is dropped with its constraint (3723); DROP_EXISTING
-- keeps a constraint's definition (1907).
CREATE TABLE dbo.keyed (id int NOT NULL CONSTRAINT pk_keyed PRIMARY KEY CLUSTERED, v int)
GO
DROP INDEX pk_keyed ON dbo.keyed
-- error: 3723 An explicit DROP INDEX is not allowed on index 'keyed.pk_keyed'. It is being used for PRIMARY KEY constraint enforcement.
GO
CREATE UNIQUE CLUSTERED INDEX pk_keyed ON dbo.keyed (v) WITH (DROP_EXISTING = ON)
-- error: 1907 Cannot recreate index 'pk_keyed'. The new index definition does not match the constraint being enforced by the existing index.
GO
-- A nonclustered index becomes the clustered one by DROP_EXISTING.
CREATE TABLE dbo.h (k int, v int)
INSERT dbo.h VALUES (2, 1), (1, 2), (2, 3)
CREATE INDEX ix_k ON dbo.h (k)
CREATE CLUSTERED INDEX ix_k ON dbo.h (k) WITH (DROP_EXISTING = ON)
SELECT name, index_id, type_desc FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.h') ORDER BY index_id
SELECT k, v FROM dbo.h
-- expect: name | index_id | type_desc
-- ix_k | 1 | CLUSTERED
-- expect: k | v
-- 1 | 2
-- 2 | 1
-- 2 | 3
GO
-- An inline non-unique clustered index, and SELECT … INTO then a clustered
-- index.
CREATE TABLE dbo.inl (d date NOT NULL, n int, INDEX cx_d CLUSTERED (d), INDEX ix_n (n))
INSERT dbo.inl VALUES ('2020-01-02', 1), ('2020-01-01', 2), ('2020-01-02', 3)
SELECT * INTO dbo.copied FROM dbo.inl
CREATE CLUSTERED INDEX cx_n ON dbo.copied (n DESC)
SELECT OBJECT_NAME(object_id) AS t, name, index_id, type_desc FROM sys.indexes WHERE object_id IN (OBJECT_ID('dbo.inl'), OBJECT_ID('dbo.copied')) ORDER BY t, index_id
SELECT d, n FROM dbo.inl
SELECT n FROM dbo.copied
-- expect: t | name | index_id | type_desc
-- copied | cx_n | 1 | CLUSTERED
-- inl | cx_d | 1 | CLUSTERED
-- inl | ix_n | 2 | NONCLUSTERED
-- expect: d | n
-- 2020-01-01 | 2
-- 2020-01-02 | 1
-- 2020-01-02 | 3
-- expect: n
-- 3
-- 2
-- 1
GO
-- CREATE CLUSTERED INDEX rolls back with its transaction: the heap and its
-- rows are back.
CREATE TABLE dbo.rb (k int, v int)
INSERT dbo.rb VALUES (2, 1), (1, 2), (2, 3)
BEGIN TRAN
CREATE CLUSTERED INDEX cx_rb ON dbo.rb (k)
SELECT index_id, type_desc FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.rb')
ROLLBACK
SELECT index_id, type_desc FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.rb')
SELECT COUNT(*) AS n, SUM(v) AS v FROM dbo.rb
-- expect: index_id | type_desc
-- 1 | CLUSTERED
-- expect: index_id | type_desc
-- 0 | HEAP
-- expect: n | v
-- 3 | 6
GO
-- DROP INDEX takes WITH (ONLINE = ON, MAXDOP = n, MOVE TO …): the heap a
-- dropped clustered index leaves goes where MOVE TO says.
CREATE PARTITION FUNCTION pfCx (int) AS RANGE RIGHT FOR VALUES (10)
CREATE PARTITION SCHEME psCx AS PARTITION pfCx ALL TO ([PRIMARY])
CREATE TABLE dbo.mv (k int NOT NULL, v int)
INSERT dbo.mv VALUES (1, 1), (20, 2), (1, 3)
CREATE CLUSTERED INDEX cx_mv ON dbo.mv (k)
DROP INDEX cx_mv ON dbo.mv WITH (ONLINE = ON, MAXDOP = 1, MOVE TO psCx (k))
SELECT i.index_id, i.type_desc, ds.name AS data_space, (SELECT STRING_AGG(CAST(p.rows AS varchar(10)), ',') WITHIN GROUP (ORDER BY p.partition_number)
  FROM sys.partitions p WHERE p.object_id = i.object_id AND p.index_id = i.index_id) AS rows
FROM sys.indexes i JOIN sys.data_spaces ds ON ds.data_space_id = i.data_space_id WHERE i.object_id = OBJECT_ID('dbo.mv')
-- message: Partition scheme 'psCx' has been created successfully. 'PRIMARY' is marked as the next used filegroup in partition scheme 'psCx'.
-- expect: index_id | type_desc | data_space | rows
-- 0 | HEAP | psCx | 2,1
GO
-- INDEXPROPERTY, as maintenance scripts ask it before a rebuild: NULL for
-- an unknown index or property.
CREATE TABLE dbo.ip (id int NOT NULL CONSTRAINT pk_ip PRIMARY KEY NONCLUSTERED, d date NOT NULL, INDEX cx_ip CLUSTERED (d))
CREATE STATISTICS st_ip ON dbo.ip (id, d)
SELECT INDEXPROPERTY(OBJECT_ID('dbo.ip'), 'cx_ip', 'IsClustered') AS c1, INDEXPROPERTY(OBJECT_ID('dbo.ip'), 'cx_ip', 'IsUnique') AS u1,
  INDEXPROPERTY(OBJECT_ID('dbo.ip'), 'cx_ip', 'IndexID') AS id1, INDEXPROPERTY(OBJECT_ID('dbo.ip'), 'pk_ip', 'IsClustered') AS c2,
  INDEXPROPERTY(OBJECT_ID('dbo.ip'), 'pk_ip', 'IsUnique') AS u2, INDEXPROPERTY(OBJECT_ID('dbo.ip'), 'pk_ip', 'IsDisabled') AS dis,
  INDEXPROPERTY(OBJECT_ID('dbo.ip'), 'st_ip', 'IsStatistics') AS st, INDEXPROPERTY(OBJECT_ID('dbo.ip'), 'nope', 'IsClustered') AS missing,
  INDEXPROPERTY(OBJECT_ID('dbo.ip'), 'cx_ip', 'NoSuchProperty') AS badprop
-- expect: c1 | u1 | id1 | c2 | u2 | dis | st | missing | badprop
-- 1 | 0 | 1 | 0 | 1 | 0 | 1 | NULL | NULL
GO
-- The plan of a read on the clustered key is a Clustered Index Seek on it
-- (a heap's was a Table Scan).
CREATE PROCEDURE dbo.ip_read AS SELECT id FROM dbo.ip WHERE d = '2026-01-01'
GO
EXEC dbo.ip_read
-- expect: id
GO
WITH XMLNAMESPACES ('http://schemas.microsoft.com/sqlserver/2004/07/showplan' AS p)
SELECT r.n.value('@PhysicalOp', 'nvarchar(60)') AS physical_op, r.n.value('(p:IndexScan/p:Object/@Index)[1]', 'sysname') AS ix,
    r.n.value('(p:IndexScan/p:Object/@IndexKind)[1]', 'sysname') AS kind
FROM (SELECT DISTINCT plan_handle FROM sys.dm_exec_query_stats) AS qs
CROSS APPLY sys.dm_exec_query_plan(qs.plan_handle) AS qp
CROSS APPLY qp.query_plan.nodes('/p:ShowPlanXML/p:BatchSequence/p:Batch/p:Statements/p:StmtSimple/p:QueryPlan//p:RelOp') AS r(n)
WHERE qp.objectid = OBJECT_ID(N'dbo.ip_read')
-- expect: physical_op | ix | kind
-- Clustered Index Seek | [cx_ip] | Clustered
GO
-- DBCC DBREINDEX, the deprecated rebuild older maintenance scripts call:
-- the table is checked, nothing needs rebuilding.
DBCC DBREINDEX ('dbo.ip', '', 90)
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
GO
DBCC DBREINDEX ('dbo.nope')
-- error: 2501 Cannot find a table or object with the name "dbo.nope". Check the system catalog.
GO
-- ORDER BY on the clustered key reads the rows in key order instead of
-- sorting them (TOP stops early); any other order is still sorted.
CREATE TABLE dbo.ord (k int NULL, name varchar(10) NOT NULL, INDEX cx_ord CLUSTERED (k DESC, name))
INSERT dbo.ord VALUES (1, 'b'), (3, 'a'), (NULL, 'n'), (2, 'B'), (2, 'a'), (3, 'c')
SELECT TOP (3) k, name FROM dbo.ord ORDER BY k DESC, name
SELECT k, name FROM dbo.ord WHERE k >= 2 ORDER BY k DESC
SELECT k AS kk, name FROM dbo.ord ORDER BY kk DESC, name OFFSET 3 ROWS FETCH NEXT 2 ROWS ONLY
SELECT k, name FROM dbo.ord ORDER BY k, name
SELECT TOP (2) k, name FROM dbo.ord ORDER BY k DESC, name COLLATE Latin1_General_BIN DESC
-- expect: k | name
-- 3 | a
-- 3 | c
-- 2 | a
-- expect: k | name
-- 3 | a
-- 3 | c
-- 2 | a
-- 2 | B
-- expect: kk | name
-- 2 | B
-- 1 | b
-- expect: k | name
-- NULL | n
-- 1 | b
-- 2 | a
-- 2 | B
-- 3 | a
-- 3 | c
-- expect: k | name
-- 3 | c
-- 3 | a
GO
-- TOP (1) in clustered key order reads one row; in another order it reads
-- them all to sort them (SET STATISTICS IO's logical reads).
CREATE TABLE dbo.big (k int NOT NULL, pad char(40) NOT NULL, INDEX cx_big CLUSTERED (k))
INSERT dbo.big SELECT value % 500, 'x' FROM GENERATE_SERIES(1, 5000)
GO
SET STATISTICS IO ON
SELECT TOP (1) k FROM dbo.big ORDER BY k
SELECT TOP (1) k FROM dbo.big ORDER BY pad, k
SET STATISTICS IO OFF
-- expect: k
-- 0
-- message: Table 'big'. Scan count 1, logical reads 1, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.
-- expect: k
-- 0
-- message: Table 'big'. Scan count 1, logical reads 35, physical reads 0, page server reads 0, read-ahead reads 0, page server read-ahead reads 0, lob logical reads 0, lob physical reads 0, lob page server reads 0, lob read-ahead reads 0, lob page server read-ahead reads 0.
GO
