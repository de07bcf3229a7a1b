-- The views a backup job reads to choose a backup type (Ola Hallengren's
-- DatabaseBackup): the file views' backup columns, the recovery status and
-- the log statistics of a database never backed up; the availability-group
-- views, empty with SQL Server's columns; sp_executesql called with @stmt
-- and @@ERROR after a procedure whose last statement failed.
SELECT file_id, type, differential_base_lsn, differential_base_guid, differential_base_time, backup_lsn, create_lsn, drop_lsn,
  read_only_lsn, read_write_lsn, redo_start_lsn, redo_start_fork_guid, redo_target_lsn, redo_target_fork_guid, is_persistent_log_buffer, credential_id
FROM sys.master_files WHERE database_id = DB_ID() ORDER BY file_id
-- expect: file_id | type | differential_base_lsn | differential_base_guid | differential_base_time | backup_lsn | create_lsn | drop_lsn | read_only_lsn | read_write_lsn | redo_start_lsn | redo_start_fork_guid | redo_target_lsn | redo_target_fork_guid | is_persistent_log_buffer | credential_id
-- 1 | 0 | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | 0 | NULL
-- 2 | 1 | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | 0 | NULL
GO
SELECT file_id, differential_base_lsn, backup_lsn FROM sys.database_files ORDER BY file_id
-- expect: file_id | differential_base_lsn | backup_lsn
-- 1 | NULL | NULL
-- 2 | NULL | NULL
GO
SELECT last_log_backup_lsn, fork_point_lsn FROM sys.database_recovery_status WHERE database_id = DB_ID()
-- expect: last_log_backup_lsn | fork_point_lsn
-- NULL | NULL
GO
SELECT COUNT(*) AS n FROM sys.database_recovery_status WHERE database_id IN (DB_ID('master'), DB_ID('msdb'), DB_ID())
-- expect: n
-- 3
GO
-- No log backup yet: SQL Server's 1900-01-01 (scripts NULLIF it away).
SELECT database_id - DB_ID() AS same_db, NULLIF(log_backup_time, '1900-01-01') AS last_log_backup,
  CASE WHEN log_since_last_log_backup_mb >= 0 AND total_log_size_mb >= active_log_size_mb AND total_vlf_count >= active_vlf_count THEN 'ok' ELSE 'bad' END AS sizes
FROM sys.dm_db_log_stats(DB_ID())
-- expect: same_db | last_log_backup | sizes
-- 0 | NULL | ok
GO
SELECT COUNT(*) AS n FROM sys.dm_db_log_stats(-5)
-- expect: n
-- 0
GO
SELECT TOP (0) * FROM sys.dm_hadr_cluster
-- expect: cluster_name | quorum_type | quorum_type_desc | quorum_state | quorum_state_desc
GO
SELECT TOP (0) * FROM sys.database_recovery_status
-- expect: database_id | database_guid | family_guid | last_log_backup_lsn | recovery_fork_guid | first_recovery_fork_guid | fork_point_lsn
GO
SELECT TOP (0) * FROM sys.index_resumable_operations
-- expect: object_id | index_id | name | sql_text | last_max_dop_used | partition_number | state | state_desc | start_time | last_pause_time | total_execution_time | percent_complete | page_count
GO
SELECT TOP (0) * FROM sys.partition_schemes
-- expect: name | data_space_id | type | type_desc | is_default | is_system | function_id
GO
SELECT TOP (0) * FROM sys.destination_data_spaces
-- expect: partition_scheme_id | destination_id | data_space_id
GO
-- DatabaseBackup's availability-group probe: no group, no role.
DECLARE @role nvarchar(60) = N'none'
SELECT @role = s.role_desc
FROM sys.databases d
INNER JOIN sys.dm_hadr_database_replica_states r ON d.database_id = r.database_id AND r.is_local = 1
INNER JOIN sys.availability_replicas ar ON r.replica_id = ar.replica_id
INNER JOIN sys.availability_groups ag ON ar.group_id = ag.group_id
INNER JOIN sys.dm_hadr_availability_replica_states s ON s.replica_id = ar.replica_id
WHERE d.name = DB_NAME()
SELECT @role AS role, (SELECT COUNT(*) FROM sys.dm_hadr_physical_seeding_stats) AS seeding
-- expect: role | seeding
-- none | 0
GO
SELECT contained_availability_group_id FROM sys.dm_exec_sessions WHERE session_id = @@SPID
-- expect: contained_availability_group_id
-- NULL
GO
-- sp_executesql's statement is its first argument, named @stmt (as
-- documented) or @statement (as scripts also write it).
EXECUTE sp_executesql @stmt = N'SELECT 1 AS a'
EXECUTE sp_executesql @statement = N'SELECT 2 AS b'
DECLARE @sp nvarchar(300) = QUOTENAME(DB_NAME()) + N'.sys.sp_executesql'
EXECUTE @sp @stmt = N'SELECT 3 AS c'
-- expect: a
-- 1
-- expect: b
-- 2
-- expect: c
-- 3
GO
-- @@ERROR after EXECUTE is the error of the last statement it ran.
CREATE TABLE #e (step int, err int)
EXECUTE sp_executesql @stmt = N'SELECT 1/0 AS x'
INSERT #e VALUES (1, @@ERROR)
EXECUTE sp_executesql @stmt = N'SELECT 1/0 AS x; SELECT 1 AS y'
INSERT #e VALUES (2, @@ERROR)
EXECUTE sp_executesql @stmt = N'SELECT 1/0 AS x'
EXECUTE sp_help 'nope_not_here_either'
INSERT #e VALUES (3, @@ERROR)
SELECT step, err FROM #e ORDER BY step
-- expect: x
-- error: 8134 Divide by zero error encountered.
-- expect: x
-- error: 8134 Divide by zero error encountered.
-- expect: y
-- 1
-- expect: x
-- error: 8134 Divide by zero error encountered.
-- error: 15009
-- expect: step | err
-- 1 | 8134
-- 2 | 0
-- 3 | 15009
GO
-- Statistics properties: one row per statistics object, the table's rows.
CREATE TABLE dbo.sp_t (id int NOT NULL PRIMARY KEY, v int)
CREATE INDEX ix_v ON dbo.sp_t (v)
INSERT dbo.sp_t SELECT value, value % 7 FROM GENERATE_SERIES(1, 40)
GO
SELECT s.stats_id, p.rows, p.rows_sampled, p.unfiltered_rows, p.modification_counter, CASE WHEN p.last_updated = STATS_DATE(s.object_id, s.stats_id) THEN 'ok' ELSE 'bad' END AS updated
FROM sys.stats s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
WHERE s.object_id = OBJECT_ID('dbo.sp_t') ORDER BY s.stats_id
-- expect: stats_id | rows | rows_sampled | unfiltered_rows | modification_counter | updated
-- 1 | 40 | 40 | 40 | 40 | ok
-- 2 | 40 | 40 | 40 | 40 | ok
GO
SELECT COUNT(*) AS n FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.sp_t'), 99)
-- expect: n
-- 0
GO
SELECT TOP (0) * FROM sys.dm_db_incremental_stats_properties(OBJECT_ID('dbo.sp_t'), 1)
-- expect: object_id | stats_id | partition_number | last_updated | rows | rows_sampled | steps | unfiltered_rows | modification_counter | persisted_sample_percent
GO
-- IndexOptimize's object and index selection reads these columns.
SELECT TOP (1) t.is_external, c.is_filestream, ic.partition_ordinal, ic.column_store_order_ordinal
FROM sys.tables t JOIN sys.columns c ON c.object_id = t.object_id JOIN sys.index_columns ic ON ic.object_id = t.object_id AND ic.column_id = c.column_id
WHERE t.object_id = OBJECT_ID('dbo.sp_t')
-- expect: is_external | is_filestream | partition_ordinal | column_store_order_ordinal
-- 0 | 0 | 0 | 0
GO
-- INSERT … EXEC: the inner batch's error reaches the client and @@ERROR.
CREATE TABLE #ie (a int)
INSERT INTO #ie (a) EXECUTE sp_executesql N'SELECT no_such_column FROM sys.objects'
SELECT @@ERROR AS err, (SELECT COUNT(*) FROM #ie) AS n
-- error: 207 Invalid column name 'no_such_column'.
-- expect: err | n
-- 207 | 0
GO
