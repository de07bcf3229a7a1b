-- What maintenance scripts (Ola Hallengren's MaintenanceSolution.sql and
-- friends) read and call: PARSENAME, COLLATE DATABASE_DEFAULT in temp
-- tables, sys.dm_os_host_info, sys.dm_os_file_exists, the empty key and
-- credential views, sys.databases' full column set, EXISTS (SELECT * …
-- GROUP BY …), and SQL Server Agent's job catalog in msdb.
SELECT PARSENAME('srv.db.dbo.t', 1) AS obj, PARSENAME('srv.db.dbo.t', 3) AS db, PARSENAME('[a.b].c', 2) AS sch,
    PARSENAME('a.b.c.d.e', 1) AS too_many, PARSENAME(NULL, 1) AS nul
-- expect: obj | db | sch | too_many | nul
-- t | db | a.b | NULL | NULL
GO
CREATE TABLE #names (n nvarchar(20) COLLATE DATABASE_DEFAULT, m nvarchar(20) COLLATE CATALOG_DEFAULT)
INSERT #names VALUES (N'Alpha', N'x')
SELECT COUNT(*) AS n FROM #names AS t JOIN sys.databases AS d ON d.name = N'master' WHERE t.n = N'ALPHA'
-- expect: n
-- 1
GO
SELECT host_platform, CASE WHEN LEN(host_release) > 0 THEN 1 ELSE 0 END AS has_release, host_architecture FROM sys.dm_os_host_info
-- expect: host_platform | has_release | host_architecture
-- Linux | 1 | X64
GO
SELECT file_exists, file_is_a_directory, parent_directory_exists FROM sys.dm_os_file_exists('/')
UNION ALL SELECT file_exists, file_is_a_directory, parent_directory_exists FROM sys.dm_os_file_exists('/no/such/dir/file.bak')
-- expect: file_exists | file_is_a_directory | parent_directory_exists
-- 0 | 1 | 1
-- 0 | 0 | 0
GO
SELECT (SELECT COUNT(*) FROM master.sys.asymmetric_keys) AS akeys, (SELECT COUNT(*) FROM sys.symmetric_keys) AS skeys,
    (SELECT COUNT(*) FROM sys.credentials) AS creds, (SELECT COUNT(*) FROM sys.dm_os_server_diagnostics_log_configurations WHERE is_enabled = 1) AS logcfg
-- expect: akeys | skeys | creds | logcfg
-- 0 | 0 | 0 | 1
GO
SELECT name, is_distributor, is_in_standby, source_database_id, is_query_store_on, containment_desc, delayed_durability_desc, catalog_collation_type_desc
FROM sys.databases WHERE name = 'model'
-- expect: name | is_distributor | is_in_standby | source_database_id | is_query_store_on | containment_desc | delayed_durability_desc | catalog_collation_type_desc
-- model | 0 | 0 | NULL | 0 | NONE | DISABLED | DATABASE_DEFAULT
GO
DECLARE @dirs TABLE (DirectoryPath nvarchar(100))
INSERT @dirs VALUES (N'/a'), (N'/a'), (N'/b')
SELECT CASE WHEN EXISTS (SELECT * FROM @dirs GROUP BY DirectoryPath HAVING COUNT(*) <> 1) THEN 'duplicate' ELSE 'unique' END AS dirs
-- expect: dirs
-- duplicate
GO
-- SQL Server Agent's catalog: jobs are kept and listed; with no Agent
-- service nothing runs them, and sp_start_job says so.
DECLARE @id uniqueidentifier
EXEC msdb.dbo.sp_add_job @job_name = N'corpus backup', @category_name = N'Database Maintenance', @job_id = @id OUTPUT
EXEC msdb.dbo.sp_add_jobstep @job_name = N'corpus backup', @step_name = N'full', @subsystem = 'TSQL', @command = N'BACKUP DATABASE x TO DISK = ''x.bak''', @database_name = N'master'
EXEC msdb.dbo.sp_add_jobstep @job_id = @id, @step_name = N'log', @command = N'BACKUP LOG x TO DISK = ''x.trn'''
EXEC msdb.dbo.sp_update_jobstep @job_name = N'corpus backup', @step_id = 2, @command = N'SELECT 1'
EXEC msdb.dbo.sp_add_jobserver @job_name = N'corpus backup'
EXEC msdb.dbo.sp_add_jobschedule @job_name = N'corpus backup', @name = N'nightly', @freq_type = 4, @freq_interval = 1, @active_start_time = 20000
SELECT j.name, c.name AS category, s.step_id, s.step_name, s.subsystem, s.command, (SELECT COUNT(*) FROM msdb.dbo.sysjobschedules AS js WHERE js.job_id = j.job_id) AS schedules
FROM msdb.dbo.sysjobs AS j JOIN msdb.dbo.syscategories AS c ON c.category_id = j.category_id
JOIN msdb.dbo.sysjobsteps AS s ON s.job_id = j.job_id WHERE j.job_id = @id ORDER BY s.step_id
-- expect: name | category | step_id | step_name | subsystem | command | schedules
-- corpus backup | Database Maintenance | 1 | full | TSQL | BACKUP DATABASE x TO DISK = 'x.bak' | 1
-- corpus backup | Database Maintenance | 2 | log | TSQL | SELECT 1 | 1
GO
EXEC msdb.dbo.sp_add_job @job_name = N'corpus backup'
-- error: 14261 The specified @job_name ('corpus backup') already exists.
GO
EXEC msdb.dbo.sp_add_jobstep @job_name = N'no such job', @step_name = N's'
-- error: 14262 The specified @job_name ('no such job') does not exist.
GO
EXEC msdb.dbo.sp_start_job @job_name = N'corpus backup'
-- error: 22022 SQLServerAgent is not currently running so it cannot be notified of this action.
GO
EXEC msdb.dbo.sp_delete_job @job_name = N'corpus backup'
SELECT (SELECT COUNT(*) FROM msdb.dbo.sysjobs WHERE name = N'corpus backup') AS jobs, (SELECT COUNT(*) FROM msdb.dbo.sysschedules WHERE name = N'nightly') AS schedules
-- expect: jobs | schedules
-- 0 | 0
GO
