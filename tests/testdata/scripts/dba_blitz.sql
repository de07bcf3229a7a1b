-- What DBA diagnostic procedures (First Responder Kit, sp_WhoIsActive) need from the parser and engine: our own T-SQL, written from SQL Server's documented behaviour.
CREATE TABLE dbo.Names (Id int NOT NULL PRIMARY KEY, Name nvarchar(20) NOT NULL)
INSERT dbo.Names VALUES (1, N'a&b'), (2, N'c<d'), (3, N'e')
GO
-- The string-aggregation idiom: FOR XML PATH(''), TYPE, then value('.') decodes the entities.
SELECT STUFF((SELECT N',' + Name FROM dbo.Names ORDER BY Id FOR XML PATH(N''), TYPE).value(N'.[1]', N'NVARCHAR(MAX)'), 1, 1, N'') AS list
-- expect: list
-- a&b,c<d,e
GO
SELECT (SELECT Name AS [text()] FROM dbo.Names ORDER BY Id FOR XML PATH(''), TYPE).value('(./text())[1]', 'nvarchar(100)') AS t,
    (SELECT Name AS n FROM dbo.Names WHERE Id = 1 FOR XML PATH(''), TYPE).value('.', 'nvarchar(100)') AS whole,
    (SELECT Name AS n FROM dbo.Names WHERE Id = 1 FOR XML PATH(''), TYPE).value('(./text())[1]', 'nvarchar(100)') AS no_text,
    (SELECT Id AS [text()] FROM dbo.Names WHERE Id = 3 FOR XML PATH(''), TYPE).value('.', 'int') + 1 AS as_int
-- expect: t | whole | no_text | as_int
-- a&bc<de | a&b | NULL | 4
GO
DECLARE @x xml = N'<r><a>1</a><b>2</b></r>';
SELECT @x.value('.', 'int') AS v, CAST(N'<a>x</a>' AS xml).value('(/)[1]', 'varchar(5)') AS c
-- expect: v | c
-- 12 | x
GO
DECLARE @p nvarchar(10) = N'.';
SELECT (SELECT 1 AS a FOR XML PATH(''), TYPE).value(@p, 'int')
-- error: 8172 The argument 1 of the XML data type method "value" must be a string literal.
GO
IF ((SELECT COUNT(1) FROM sys.objects WHERE name = N'Names' AND type IN ('U','V')) = 1 AND DB_NAME() IS NOT NULL)
    SELECT 'one' AS found
-- expect: found
-- one
GO
CREATE TABLE #IndexColumns (column_name sysname NULL, [precision] tinyint NOT NULL, scale tinyint NOT NULL)
INSERT #IndexColumns (column_name, precision, scale) SELECT c.name, c.precision, c.scale FROM sys.columns AS c WHERE c.object_id = OBJECT_ID(N'dbo.Names') AND c.name = N'Id'
SELECT column_name, [precision] FROM #IndexColumns
-- expect: column_name | precision
-- Id | 10
GO
WITH XMLNAMESPACES ('www.microsoft.com/SqlServer/Dts' AS dts), n AS (SELECT Id FROM dbo.Names)
SELECT COUNT(*) AS c FROM n
-- expect: c
-- 3
GO
-- xml methods: modify() changes the document; none assigns its argument as text.
CREATE TABLE #s (id int, info xml)
INSERT #s VALUES (1, N'<r/>')
GO
UPDATE #s SET info.modify('insert <a/> into (/r)[1]')
GO
SELECT CAST(info AS nvarchar(100)) AS info FROM #s
-- expect: info
-- <r><a /></r>
GO
SELECT info.exist('/r') AS e FROM #s
-- expect: e
-- 1
GO
SELECT s.info.value('.', 'nvarchar(10)') AS v FROM #s AS s
-- expect: v
-- ''
GO
-- fn_my_permissions: sp_Blitz and sp_BlitzWho check VIEW SERVER STATE with it.
SELECT entity_name, subentity_name, permission_name FROM sys.fn_my_permissions(NULL, NULL) WHERE permission_name IN (N'VIEW SERVER STATE', N'CONNECT SQL') ORDER BY permission_name
-- expect: entity_name | subentity_name | permission_name
-- server | '' | CONNECT SQL
-- server | '' | VIEW SERVER STATE
GO
SELECT COUNT(*) AS n FROM fn_my_permissions(N'dbo.Names', N'OBJECT') WHERE permission_name = N'SELECT' AND subentity_name = N''
UNION ALL SELECT COUNT(*) FROM fn_my_permissions(N'dbo.NoSuchTable', N'OBJECT')
UNION ALL SELECT COUNT(*) FROM fn_my_permissions(NULL, N'DATABASE') WHERE permission_name = N'CONNECT' AND entity_name = DB_NAME()
-- expect: n
-- 1
-- 0
-- 1
GO
CREATE LOGIN h9_blitz_reader WITH PASSWORD = N'Str0ng!Passw0rd', CHECK_POLICY = OFF
GO
EXECUTE AS LOGIN = N'h9_blitz_reader'
SELECT COUNT(*) AS vss FROM sys.fn_my_permissions(NULL, N'SERVER') WHERE permission_name = N'VIEW SERVER STATE'
REVERT
-- expect: vss
-- 0
GO
DROP LOGIN h9_blitz_reader
GO
-- CREATE CLUSTERED INDEX on an existing heap with duplicates (the DBA scripts' temp tables) becomes its row store (clustered_index.sql); a second clustered index is 1902.
CREATE TABLE #SkipChecks (CheckID int NULL, DatabaseName sysname NULL)
INSERT #SkipChecks VALUES (2, N'b'), (1, N'a'), (1, N'a')
CREATE CLUSTERED INDEX IX_CheckID_DatabaseName ON #SkipChecks (CheckID, DatabaseName)
SELECT CheckID, DatabaseName FROM #SkipChecks WHERE CheckID = 1
-- expect: CheckID | DatabaseName
-- 1 | a
-- 1 | a
GO
CREATE TABLE #Keyed (id int NOT NULL PRIMARY KEY CLUSTERED, v int NULL)
GO
CREATE CLUSTERED INDEX IX_v ON #Keyed (v)
-- error: 1902
GO
-- sys.traces: no SQL Trace on this server, so no default trace.
SELECT COUNT(*) AS n, MAX(path) AS path, (SELECT CONVERT(int, value_in_use) FROM sys.configurations WHERE name = N'default trace enabled') AS enabled FROM sys.traces WHERE is_default = 1
-- expect: n | path | enabled
-- 0 | NULL | 0
GO
-- A procedure whose body has CREATE STATISTICS … WITH SAMPLE 0 ROWS runs (sp_WhoIsActive's temp tables).
CREATE PROCEDURE dbo.stats_on_temp AS
BEGIN
    CREATE TABLE #sessions (session_id smallint NOT NULL)
    INSERT #sessions VALUES (52)
    CREATE STATISTICS s_session_id ON #sessions (session_id) WITH SAMPLE 0 ROWS, NORECOMPUTE
    SELECT session_id FROM #sessions
END
GO
EXEC dbo.stats_on_temp
-- expect: session_id
-- 52
GO
-- A procedure's temporary tables are dropped when it returns: it runs twice on one connection; the caller's own #tables stay.
CREATE PROCEDURE dbo.makes_temp AS
BEGIN
    CREATE TABLE #locks (session_id smallint NOT NULL)
    INSERT #locks VALUES (7)
    SELECT COUNT(*) AS n FROM #locks
END
GO
CREATE TABLE #mine (a int)
EXEC dbo.makes_temp
EXEC dbo.makes_temp
SELECT OBJECT_ID(N'tempdb..#locks') AS gone, CASE WHEN OBJECT_ID(N'tempdb..#mine') IS NOT NULL THEN 1 ELSE 0 END AS kept
-- expect: n
-- 1
-- expect: n
-- 1
-- expect: gone | kept
-- NULL | 1
GO
