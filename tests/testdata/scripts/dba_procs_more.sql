-- System procedures and DBCC forms that DBA, deployment and maintenance
-- scripts call, which answered 2812 (Could not find stored procedure) or
-- the wrong thing.
CREATE TABLE dbo.pm_t (a int NOT NULL PRIMARY KEY)
GO
CREATE VIEW dbo.pm_v AS SELECT a FROM dbo.pm_t
GO
CREATE PROCEDURE dbo.pm_p AS SELECT a FROM dbo.pm_v
GO
-- deployment scripts refresh views and modules after changing tables
EXEC sp_refreshview 'dbo.pm_v'
EXEC sp_refreshview N'[dbo].[pm_v]'
EXEC sp_refreshsqlmodule 'dbo.pm_p'
EXEC sp_refreshsqlmodule @name = N'dbo.pm_v'
GO
EXEC sp_refreshview 'dbo.nope'
-- error: 15165 Could not find object 'dbo.nope' or you do not have permission.
GO
EXEC sp_refreshview 'dbo.pm_p'
-- error: 15165 Could not find object 'dbo.pm_p' or you do not have permission.
GO
EXEC sp_refreshsqlmodule 'dbo.pm_t'
-- error: 15165 Could not find object 'dbo.pm_t' or you do not have permission.
GO
EXEC sp_recompile 'dbo.pm_t'
-- message: Object 'dbo.pm_t' was successfully marked for recompilation.
GO
EXEC sp_recompile N'dbo.pm_p'
-- message: Object 'dbo.pm_p' was successfully marked for recompilation.
GO
EXEC sp_recompile 'dbo.nope'
-- error: 15009
GO
EXEC sp_helpsrvrolemember 'sysadmin'
-- expect: ServerRole | MemberName | MemberSID
-- sysadmin | sa | 0x01
GO
EXEC sp_helpsrvrolemember 'nope'
-- error: 15412 'nope' is not a known fixed role.
GO
-- maintenance jobs cycle the error log nightly
EXEC sp_cycle_errorlog
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
GO
-- wait-stats scripts clear the counters before measuring an interval: a
-- message, not DBCC SQLPERF(LOGSPACE)'s result set
DBCC SQLPERF('sys.dm_os_wait_stats', CLEAR)
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
GO
DBCC SQLPERF(N'sys.dm_os_latch_stats', CLEAR)
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
GO
DBCC SQLPERF('sys.dm_os_wait_stats')
-- error: 2526 Incorrect DBCC statement. Check the documentation for the correct DBCC syntax and options.
GO
-- sp_helpdb's size is the database's files, its collation and level the database's own
-- (without a name it returns one result set, which INSERT … EXEC can take)
ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 150
GO
CREATE TABLE #h (name sysname, db_size nvarchar(13) NULL, owner sysname NULL, dbid smallint, created nvarchar(11), status nvarchar(600), compatibility_level tinyint)
INSERT #h EXEC sp_helpdb
SELECT CASE WHEN db_size LIKE '%[0-9].[0-9][0-9] MB' AND LEN(db_size) = 13 AND db_size <> N'    8.00 MB' THEN 1 ELSE 0 END AS sized,
  CASE WHEN status LIKE N'%Collation=SQL[_]Latin1[_]General[_]CP1[_]CI[_]AS, SQLSortOrder=52%' THEN 1 ELSE 0 END AS coll,
  compatibility_level
FROM #h WHERE name = DB_NAME()
-- expect: sized | coll | compatibility_level
-- 1 | 1 | 150
GO
ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 160
GO
