-- SELECT … INTO makes each column with its expression's collation, as with
-- its type and length (Microsoft's "SELECT - INTO Clause": "Each column in
-- new_table has the same name, data type, nullability, and value as the
-- corresponding expression"). A #temp table made so from a case-sensitive
-- database's column compares as that column and joins back to it — the
-- usual way round tempdb's default collation, where CREATE TABLE #t takes
-- tempdb's and the join is 468. A literal or a function's string, having
-- no collation of its own, takes the current database's.
CREATE DATABASE into_cs COLLATE Latin1_General_CS_AS;
GO
USE into_cs;
CREATE TABLE dbo.src (id int NOT NULL, cs varchar(10) NOT NULL, ci varchar(10) COLLATE Latin1_General_CI_AS NOT NULL, n nvarchar(10) NULL);
INSERT dbo.src VALUES (1, 'a', 'a', N'a');
-- message: Changed database context to 'into_cs'.
GO
SELECT id, cs, ci, n, 'lit' AS lit, UPPER(cs) AS up, CAST(id AS varchar(5)) AS num, DB_NAME() AS dbn
INTO #t FROM dbo.src;
SELECT name, collation_name FROM tempdb.sys.columns WHERE object_id = OBJECT_ID('tempdb..#t') ORDER BY column_id;
-- expect: name | collation_name
-- id | NULL
-- cs | Latin1_General_CS_AS
-- ci | Latin1_General_CI_AS
-- n | Latin1_General_CS_AS
-- lit | Latin1_General_CS_AS
-- up | Latin1_General_CS_AS
-- num | Latin1_General_CS_AS
-- dbn | Latin1_General_CS_AS
GO
SELECT (SELECT COUNT(*) FROM #t WHERE cs = 'A') AS cs_upper, (SELECT COUNT(*) FROM #t WHERE ci = 'A') AS ci_upper,
  (SELECT COUNT(*) FROM #t JOIN dbo.src s ON s.cs = #t.cs) AS joined;
-- expect: cs_upper | ci_upper | joined
-- 0 | 1 | 1
GO
-- Created by CREATE TABLE, a #temp table's columns are tempdb's.
CREATE TABLE #c (cs varchar(10));
INSERT #c VALUES ('a');
SELECT COUNT(*) AS n FROM #c JOIN dbo.src s ON s.cs = #c.cs;
-- error: 468 Cannot resolve the collation conflict between "SQL_Latin1_General_CP1_CI_AS" and "Latin1_General_CS_AS" in the equal to operation.
GO
-- A unique index on the copy keeps the source's notion of a duplicate.
SELECT cs INTO #u FROM dbo.src;
INSERT #u VALUES ('A');
CREATE UNIQUE INDEX ux ON #u (cs);
SELECT cs FROM #u ORDER BY cs;
-- expect: cs
-- a
-- A
GO
-- Into a table of this database: a column keeps its own collation
-- rather than the database's.
SELECT ci INTO dbo.copy FROM dbo.src;
SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.copy');
SELECT COUNT(*) AS n FROM dbo.copy WHERE ci = 'A';
-- expect: collation_name
-- Latin1_General_CI_AS
-- expect: n
-- 1
GO
USE master;
DROP DATABASE into_cs;
-- message: Changed database context to 'master'.
GO
