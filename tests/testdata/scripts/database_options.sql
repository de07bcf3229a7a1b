-- ALTER DATABASE … SET options are the database's own and each change is a
-- logged transaction of its own: inside a user transaction ALTER DATABASE
-- is refused (226) and changes nothing; a READ_ONLY database still takes
-- option changes (SET READ_WRITE among them).
BEGIN TRAN;
GO
ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 140;
-- error: 226 ALTER DATABASE statement not allowed within multi-statement transaction.
GO
ROLLBACK;
GO
SELECT compatibility_level FROM sys.databases WHERE name = DB_NAME();
-- expect: compatibility_level
-- 160
GO
ALTER DATABASE CURRENT SET READ_ONLY;
GO
ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 120, ALLOW_SNAPSHOT_ISOLATION ON;
GO
SELECT compatibility_level, snapshot_isolation_state, is_read_only FROM sys.databases WHERE name = DB_NAME();
-- expect: compatibility_level | snapshot_isolation_state | is_read_only
-- 120 | 1 | 1
GO
ALTER DATABASE CURRENT SET READ_WRITE;
GO
CREATE TABLE dbo.t (id int);
SELECT compatibility_level, snapshot_isolation_state, is_read_only FROM sys.databases WHERE name = DB_NAME();
-- expect: compatibility_level | snapshot_isolation_state | is_read_only
-- 120 | 1 | 0
GO
BEGIN TRAN;
GO
DECLARE @sql nvarchar(max) = N'ALTER DATABASE ' + QUOTENAME(DB_NAME()) + N' MODIFY FILE (NAME = ''' + DB_NAME() + N'_log'', SIZE = 64MB)';
EXEC (@sql);
-- error: 226 ALTER DATABASE statement not allowed within multi-statement transaction.
GO
ROLLBACK;
GO
