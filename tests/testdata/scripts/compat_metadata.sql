-- ODBC/JDBC catalog procedures and admin-tool object-tree queries.
-- (The other ODBC catalog procedures are in compat_catalogprocs.sql.
-- Known gaps, not yet here: OBJECTPROPERTYEX, sys.parameters,
-- sys.synonyms and several columns of sys.databases, sys.columns,
-- sys.indexes, sys.key_constraints and sys.types.)
CREATE TABLE dbo.Parent (Id int NOT NULL CONSTRAINT PK_Parent PRIMARY KEY, Name nvarchar(20) NULL)
CREATE TABLE dbo.Child (Id int NOT NULL CONSTRAINT PK_Child PRIMARY KEY, ParentId int NULL CONSTRAINT FK_Child_Parent REFERENCES dbo.Parent (Id))
GO
CREATE VIEW dbo.ParentNames AS SELECT Name FROM dbo.Parent
GO
-- (TABLE_QUALIFIER is the database, whose name differs between runs: the rows are read through INSERT … EXEC;
-- sysname columns are NOT NULL unless declared NULL, and sp_tables' enumerations below return NULLs)
CREATE TABLE #t (q sysname NULL, o sysname NULL, n sysname NULL, t varchar(32), r varchar(254))
INSERT INTO #t EXEC sp_tables @table_name = N'Parent', @table_owner = N'dbo'
SELECT o, n, t, r FROM #t
-- expect: o | n | t | r
-- dbo | Parent | TABLE | NULL
GO
TRUNCATE TABLE #t
INSERT INTO #t EXEC sp_tables N'Parent%'
SELECT o, n, t FROM #t ORDER BY n
-- expect: o | n | t
-- dbo | Parent | TABLE
-- dbo | ParentNames | VIEW
GO
TRUNCATE TABLE #t
INSERT INTO #t EXEC sp_tables @table_name = N'Parent', @table_owner = N'nobody'
SELECT COUNT(*) AS n FROM #t
-- expect: n
-- 0
GO
-- (@table_type is a list of quoted types)
TRUNCATE TABLE #t
INSERT INTO #t EXEC sp_tables N'Parent%', N'dbo', NULL, N'''VIEW'''
SELECT n, t FROM #t
-- expect: n | t
-- ParentNames | VIEW
GO
-- (blank arguments and one '%' enumerate: the databases but model, as JDBC's getCatalogs asks)
TRUNCATE TABLE #t
INSERT INTO #t EXEC sp_tables '', '', '%', NULL
SELECT q, o, n FROM #t WHERE q IN (N'master', N'model', N'tempdb') ORDER BY q
-- expect: q | o | n
-- master | NULL | NULL
-- tempdb | NULL | NULL
GO
TRUNCATE TABLE #t
INSERT INTO #t EXEC sp_tables '', '%', '', NULL
SELECT q, o FROM #t WHERE o = N'dbo'
-- expect: q | o
-- NULL | dbo
GO
TRUNCATE TABLE #t
INSERT INTO #t EXEC sp_tables '', '', '', '%'
SELECT t FROM #t ORDER BY t
-- expect: t
-- SYSTEM TABLE
-- TABLE
-- VIEW
GO
EXEC sp_tables N'Parent', N'dbo', N'nosuchdb'
-- error: 15250 The database name component of the object qualifier must be the name of the current database.
GO
-- (the definition is the batch as sent, with its line break before GO: shown as \n)
CREATE TABLE #h (Text nvarchar(255))
INSERT INTO #h EXEC sp_helptext N'dbo.ParentNames'
SELECT REPLACE(Text, CHAR(10), N'\n') AS Text FROM #h
-- expect: Text
-- CREATE VIEW dbo.ParentNames AS SELECT Name FROM dbo.Parent\n
GO
SELECT REPLACE(OBJECT_DEFINITION(OBJECT_ID(N'dbo.ParentNames')), CHAR(10), N'\n') AS d
-- expect: d
-- CREATE VIEW dbo.ParentNames AS SELECT Name FROM dbo.Parent\n
GO
SELECT REPLACE(m.definition, CHAR(10), N'\n') AS definition FROM sys.sql_modules AS m WHERE m.object_id = OBJECT_ID(N'dbo.ParentNames')
-- expect: definition
-- CREATE VIEW dbo.ParentNames AS SELECT Name FROM dbo.Parent\n
GO
SELECT login_name, is_user_process FROM sys.dm_exec_sessions WHERE session_id = @@SPID
-- expect: login_name | is_user_process
-- sa | 1
GO
SELECT CAST(SERVERPROPERTY('ProductLevel') AS nvarchar(128)) AS l, CAST(SERVERPROPERTY('IsClustered') AS int) AS c, CAST(SERVERPROPERTY('IsIntegratedSecurityOnly') AS int) AS i, CAST(SERVERPROPERTY('Collation') AS nvarchar(128)) AS coll
-- expect: l | c | i | coll
-- RTM | 0 | 0 | SQL_Latin1_General_CP1_CI_AS
GO
SELECT o.name, o.type, s.name AS sch, o.is_ms_shipped, o.parent_object_id FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id WHERE o.type IN ('U', 'V') ORDER BY o.name
-- expect: name | type | sch | is_ms_shipped | parent_object_id
-- Child | U  | dbo | 0 | 0
-- Parent | U  | dbo | 0 | 0
-- ParentNames | V  | dbo | 0 | 0
GO
SELECT i.name, ic.key_ordinal, COL_NAME(ic.object_id, ic.column_id) AS col
FROM sys.indexes AS i JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
WHERE i.object_id = OBJECT_ID(N'dbo.Child')
-- expect: name | key_ordinal | col
-- PK_Child | 1 | Id
GO
SELECT COL_NAME(OBJECT_ID(N'dbo.Child'), 2) AS a, COL_NAME(OBJECT_ID(N'dbo.Child'), 9) AS b, COL_NAME(-12345, 1) AS c, COL_NAME(NULL, 1) AS d
-- expect: a | b | c | d
-- ParentId | NULL | NULL | NULL
GO
SELECT COL_NAME(1)
-- error: 174 The col_name function requires 2 argument(s).
GO
