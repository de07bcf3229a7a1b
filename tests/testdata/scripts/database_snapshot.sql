-- Database snapshots of the script's database: CREATE DATABASE … AS SNAPSHOT OF
-- (the data file's logical name is the database's name), a static read-only
-- view as of its creation, its errors, and DROP.
CREATE TABLE dbo.acct (id int PRIMARY KEY, owner varchar(10) NOT NULL, bal money NOT NULL)
CREATE TABLE dbo.tag (acct int NOT NULL, tag varchar(10) NOT NULL)
INSERT dbo.acct VALUES (1, 'ann', 10), (2, 'bob', 20)
INSERT dbo.tag VALUES (1, 'gold'), (2, 'new')
GO
DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(DB_NAME() + '_snap') + N' ON (NAME = ' + QUOTENAME(DB_NAME()) + N', FILENAME = ''C:\snap\corpus.ss'') AS SNAPSHOT OF ' + QUOTENAME(DB_NAME())
EXEC (@sql)
GO
-- Changes after the snapshot: rows, DDL, a dropped table.
INSERT dbo.acct VALUES (3, 'cy', 30)
UPDATE dbo.acct SET bal = 99 WHERE id = 1
DELETE dbo.tag WHERE acct = 2
ALTER TABLE dbo.acct ADD note varchar(10) NULL
CREATE TABLE dbo.later (x int)
DROP TABLE dbo.tag
GO
DECLARE @sql nvarchar(max) = N'SELECT a.id, a.owner, a.bal, t.tag FROM ' + QUOTENAME(DB_NAME() + '_snap') + N'.dbo.acct AS a JOIN ' + QUOTENAME(DB_NAME() + '_snap') + N'.dbo.tag AS t ON t.acct = a.id ORDER BY a.id'
EXEC (@sql)
-- expect: id | owner | bal | tag
-- 1 | ann | 10.0000 | gold
-- 2 | bob | 20.0000 | new
GO
DECLARE @sql nvarchar(max) = N'SELECT t.name AS tbl, (SELECT COUNT(*) FROM ' + QUOTENAME(DB_NAME() + '_snap') + N'.sys.columns AS c WHERE c.object_id = t.object_id) AS cols FROM ' + QUOTENAME(DB_NAME() + '_snap') + N'.sys.tables AS t ORDER BY t.name'
EXEC (@sql)
-- expect: tbl | cols
-- acct | 3
-- tag | 2
GO
SELECT id, bal FROM dbo.acct ORDER BY id
-- expect: id | bal
-- 1 | 99.0000
-- 2 | 20.0000
-- 3 | 30.0000
GO
SELECT d.is_read_only, d.state_desc, CASE WHEN d.source_database_id = DB_ID() THEN 1 ELSE 0 END AS of_this, DATABASEPROPERTYEX(d.name, 'Updateability') AS upd
FROM sys.databases AS d WHERE d.name = DB_NAME() + '_snap'
-- expect: is_read_only | state_desc | of_this | upd
-- 1 | ONLINE | 1 | READ_ONLY
GO
SELECT is_read_only, source_database_id FROM sys.databases WHERE name = DB_NAME()
-- expect: is_read_only | source_database_id
-- 0 | NULL
GO
-- A snapshot's files carry its source's logical names (it has none of its own).
DECLARE @sql nvarchar(max) = N'EXEC ' + QUOTENAME(DB_NAME() + '_snap') + N'.dbo.sp_helpfile'
CREATE TABLE #f (name sysname, fileid smallint, filename nchar(260), filegroup sysname NULL, size varchar(18), maxsize varchar(18), growth varchar(18), usage varchar(9))
INSERT #f EXEC (@sql)
SELECT CASE WHEN name = DB_NAME() THEN 'data' WHEN name = DB_NAME() + '_log' THEN 'log' ELSE name END AS f FROM #f ORDER BY fileid
DROP TABLE #f
-- expect: f
-- data
-- log
GO
-- DBCC CHECKDB checks a snapshot (how a DBA checks a mirror's copy).
DECLARE @sql nvarchar(max) = N'DBCC CHECKDB(' + QUOTENAME(DB_NAME() + '_snap') + N') WITH NO_INFOMSGS'
EXEC (@sql)
GO
-- Writes to the snapshot fail before they touch a row.
DECLARE @sql nvarchar(max) = N'INSERT ' + QUOTENAME(DB_NAME() + '_snap') + N'.dbo.acct VALUES (7, ''x'', 1)'
EXEC (@sql)
-- error: 3906
GO
DECLARE @sql nvarchar(max) = N'CREATE TABLE ' + QUOTENAME(DB_NAME() + '_snap') + N'.dbo.nope (x int)'
EXEC (@sql)
-- error: 3906
GO
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME() + '_snap') + N' SET RECOVERY FULL'
EXEC (@sql)
-- error: 5093 The operation cannot be performed on a database snapshot.
GO
-- The files a snapshot lists: every data file, never the log.
DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(DB_NAME() + '_s2') + N' ON (NAME = ' + QUOTENAME(DB_NAME() + '_log') + N', FILENAME = ''x.ss'') AS SNAPSHOT OF ' + QUOTENAME(DB_NAME())
EXEC (@sql)
-- error: 5114
GO
DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(DB_NAME() + '_s2') + N' AS SNAPSHOT OF ' + QUOTENAME(DB_NAME())
EXEC (@sql)
-- error: 5127
GO
DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(DB_NAME() + '_s3') + N' ON (NAME = ' + QUOTENAME(DB_NAME()) + N', FILENAME = ''x.ss'') AS SNAPSHOT OF ' + QUOTENAME(DB_NAME() + '_snap')
EXEC (@sql)
-- error: 1821 Cannot create a database snapshot on another database snapshot.
GO
CREATE DATABASE corpus_master_snap ON (NAME = master, FILENAME = 'x.ss') AS SNAPSHOT OF master
-- error: 1816 Database snapshot on the system database master is not allowed.
GO
CREATE DATABASE corpus_nodb_snap ON (NAME = nodb, FILENAME = 'x.ss') AS SNAPSHOT OF corpus_no_such_db
-- error: 911 Database 'corpus_no_such_db' does not exist. Make sure that the name is entered correctly.
GO
DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(DB_NAME() + '_snap') + N' ON (NAME = ' + QUOTENAME(DB_NAME()) + N', FILENAME = ''x.ss'') AS SNAPSHOT OF ' + QUOTENAME(DB_NAME())
EXEC (@sql)
-- error: 1801
GO
DECLARE @sql nvarchar(max) = N'BACKUP DATABASE ' + QUOTENAME(DB_NAME() + '_snap') + N' TO DISK = ''snap.bak'''
EXEC (@sql)
-- error: 3002 Cannot BACKUP or RESTORE a database snapshot.
-- error: 3013 BACKUP DATABASE is terminating abnormally.
GO
DECLARE @sql nvarchar(max) = N'DROP DATABASE ' + QUOTENAME(DB_NAME() + '_snap')
EXEC (@sql)
SELECT COUNT(*) AS snaps FROM sys.databases WHERE source_database_id = DB_ID()
-- expect: snaps
-- 0
GO
