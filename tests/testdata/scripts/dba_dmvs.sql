-- The monitoring and maintenance DMVs and procedures of DBAs' scripts
-- (Glenn Berry, Ola Hallengren, sp_Blitz): shapes, and figures where the
-- engine has them. Figures that vary (waits, I/O, log segments) are checked
-- as conditions.
CREATE TABLE dbo.frag (id int NOT NULL PRIMARY KEY, name varchar(20) NOT NULL)
CREATE INDEX ix_name ON dbo.frag (name)
CREATE TABLE dbo.frag_heap (v int)
INSERT dbo.frag SELECT value, CONCAT('n', value) FROM GENERATE_SERIES(1, 300)
INSERT dbo.frag_heap VALUES (1), (2), (3)
GO
-- LIMITED: no record counts; no fragmentation in an LSM store; page_count
-- as sys.dm_db_partition_stats counts it.
SELECT OBJECT_NAME(ps.object_id) AS tbl, ps.index_id, ps.index_type_desc, ps.alloc_unit_type_desc, ps.index_depth, ps.index_level,
  ps.avg_fragmentation_in_percent, ps.record_count, CASE WHEN ps.page_count = p.used_page_count AND ps.page_count > 0 THEN 'ok' ELSE 'bad' END AS pages
FROM sys.dm_db_index_physical_stats(DB_ID(), NULL, NULL, NULL, 'LIMITED') ps
JOIN sys.dm_db_partition_stats p ON p.object_id = ps.object_id AND p.index_id = ps.index_id
ORDER BY tbl, ps.index_id
-- expect: tbl | index_id | index_type_desc | alloc_unit_type_desc | index_depth | index_level | avg_fragmentation_in_percent | record_count | pages
-- frag | 1 | CLUSTERED INDEX | IN_ROW_DATA | 1 | 0 | 0 | NULL | ok
-- frag | 2 | NONCLUSTERED INDEX | IN_ROW_DATA | 1 | 0 | 0 | NULL | ok
-- frag_heap | 0 | HEAP | IN_ROW_DATA | 1 | 0 | 0 | NULL | ok
GO
-- DETAILED counts the records of one index; other arguments filter.
SELECT index_id, record_count, ghost_record_count, CASE WHEN min_record_size_in_bytes <= avg_record_size_in_bytes AND avg_record_size_in_bytes <= max_record_size_in_bytes THEN 'ok' ELSE 'bad' END AS sizes
FROM sys.dm_db_index_physical_stats(DB_ID(), OBJECT_ID('dbo.frag'), 2, 1, 'DETAILED')
-- expect: index_id | record_count | ghost_record_count | sizes
-- 2 | 300 | 0 | ok
GO
SELECT COUNT(*) AS n FROM sys.dm_db_index_physical_stats(DB_ID(), OBJECT_ID('dbo.frag'), NULL, 2, NULL)
-- expect: n
-- 0
GO
-- Ola Hallengren's IndexOptimize probe, through sp_executesql.
DECLARE @frag float, @pages bigint, @obj int = OBJECT_ID('dbo.frag'), @db int = DB_ID()
EXEC sp_executesql N'SELECT @ParamFragmentationLevel = MAX(avg_fragmentation_in_percent), @ParamPageCount = SUM(page_count) FROM sys.dm_db_index_physical_stats(@ParamDatabaseID, @ParamObjectID, @ParamIndexID, @ParamPartitionNumber, ''LIMITED'') WHERE alloc_unit_type_desc = ''IN_ROW_DATA'' AND index_level = 0',
  N'@ParamDatabaseID int, @ParamObjectID int, @ParamIndexID int, @ParamPartitionNumber int, @ParamFragmentationLevel float OUTPUT, @ParamPageCount bigint OUTPUT',
  @db, @obj, 1, 1, @frag OUTPUT, @pages OUTPUT
SELECT @frag AS frag, CASE WHEN @pages > 0 THEN 'ok' ELSE 'bad' END AS pages
-- expect: frag | pages
-- 0 | ok
GO
-- Wrong argument counts.
SELECT * FROM sys.dm_db_index_physical_stats(DB_ID(), NULL)
-- error: 313 An insufficient number of arguments were supplied for the procedure or function sys.dm_db_index_physical_stats.
GO
SELECT * FROM sys.dm_db_log_info(DB_ID(), 1)
-- error: 8144 Procedure or function dm_db_log_info has too many arguments specified.
GO
-- Nothing is suggested or repaired; index usage counts the INSERTs
-- (dmv_usage.sql has the details).
SELECT (SELECT COUNT(*) FROM sys.dm_db_missing_index_details) AS details,
  (SELECT COUNT(*) FROM sys.dm_db_missing_index_groups) AS groups, (SELECT COUNT(*) FROM sys.dm_db_missing_index_group_stats) AS stats,
  (SELECT COUNT(*) FROM sys.dm_db_mirroring_auto_page_repair) AS repairs
-- expect: details | groups | stats | repairs
-- 0 | 0 | 0 | 0
GO
SELECT OBJECT_NAME(object_id) AS tbl, index_id, user_updates FROM sys.dm_db_index_usage_stats
WHERE database_id = DB_ID() AND object_id IN (OBJECT_ID('dbo.frag'), OBJECT_ID('dbo.frag_heap')) ORDER BY tbl, index_id
-- expect: tbl | index_id | user_updates
-- frag | 1 | 1
-- frag | 2 | 1
-- frag_heap | 0 | 1
GO
-- The log: at least one VLF, the first one active; DBCC LOGINFO agrees.
SELECT CAST(CASE WHEN COUNT(*) >= 1 THEN 1 ELSE 0 END AS bit) AS has_vlfs, MIN(file_id) AS file_id, MIN(vlf_sequence_number) AS first_seq,
  CAST(MAX(CAST(vlf_active AS int)) AS bit) AS any_active, MAX(vlf_status) AS max_status
FROM sys.dm_db_log_info(DB_ID())
-- expect: has_vlfs | file_id | first_seq | any_active | max_status
-- 1 | 2 | 1 | 1 | 2
GO
CREATE TABLE #li (RecoveryUnitId int, FileId int, FileSize bigint, StartOffset bigint, FSeqNo int, Status int, Parity tinyint, CreateLSN numeric(25, 0))
INSERT #li EXEC ('DBCC LOGINFO')
SELECT CAST(CASE WHEN COUNT(*) = (SELECT COUNT(*) FROM sys.dm_db_log_info(DB_ID())) THEN 1 ELSE 0 END AS bit) AS same_count, MIN(FileId) AS FileId, MAX(Status) AS Status FROM #li
DROP TABLE #li
-- expect: same_count | FileId | Status
-- 1 | 2 | 2
GO
-- File I/O: the log file has counted its writes, the data file none.
SELECT file_id, CAST(CASE WHEN num_of_writes > 0 THEN 1 ELSE 0 END AS bit) AS wrote, CAST(CASE WHEN num_of_bytes_written >= num_of_writes THEN 1 ELSE 0 END AS bit) AS bytes_ok
FROM sys.dm_io_virtual_file_stats(DB_ID(), NULL) ORDER BY file_id
-- expect: file_id | wrote | bytes_ok
-- 1 | 0 | 1
-- 2 | 1 | 1
GO
SELECT file_id FROM sys.dm_io_virtual_file_stats(DB_ID(), 2)
-- expect: file_id
-- 2
GO
-- Waits and schedulers: the lock wait types are all there.
SELECT COUNT(*) AS n FROM sys.dm_os_wait_stats WHERE wait_type IN ('LCK_M_S', 'LCK_M_U', 'LCK_M_X', 'LCK_M_IX', 'LCK_M_SCH_M', 'WRITELOG', 'DBMIRROR_DBM_EVENT')
-- expect: n
-- 7
GO
SELECT CAST(CASE WHEN COUNT(*) >= 1 THEN 1 ELSE 0 END AS bit) AS visible, MIN(scheduler_id) AS first_id, MIN(parent_node_id) AS node
FROM sys.dm_os_schedulers WHERE status = 'VISIBLE ONLINE'
-- expect: visible | first_id | node
-- 1 | 0 | 0
GO
SELECT file_id, filegroup_id, CAST(CASE WHEN total_page_count > 0 THEN 1 ELSE 0 END AS bit) AS has_pages FROM sys.dm_db_file_space_usage
-- expect: file_id | filegroup_id | has_pages
-- 1 | 1 | 1
GO
-- A transaction that wrote shows in sys.dm_tran_database_transactions
-- and holds locks sp_lock lists: the row's clustered key, and ix_name's old
-- ('n1') and new ('x') keys, X each, as on SQL Server (which also lists the
-- pages, PAG IX; there are no page locks here).
BEGIN TRAN
UPDATE dbo.frag SET name = 'x' WHERE id = 1
SELECT COUNT(*) AS n FROM sys.dm_tran_database_transactions WHERE database_id = DB_ID() AND transaction_id = @@SPID
CREATE TABLE #l (spid smallint, dbid smallint, ObjId int, IndId smallint, Type nchar(4), Resource nchar(32), Mode nvarchar(8), Status nvarchar(5))
INSERT #l EXEC sp_lock @@SPID
SELECT RTRIM(Type) AS Type, Mode, Status FROM #l WHERE dbid = DB_ID() AND ObjId = OBJECT_ID('dbo.frag') ORDER BY Type
DROP TABLE #l
ROLLBACK
-- expect: n
-- 1
-- expect: Type | Mode | Status
-- KEY | X | GRANT
-- KEY | X | GRANT
-- KEY | X | GRANT
-- TAB | IX | GRANT
GO
-- sp_MSforeachtable: ? is the quoted name; @whereand filters on o.
CREATE TABLE #t (name sysname, n int)
EXEC sp_MSforeachtable 'INSERT #t SELECT ''?'', COUNT(*) FROM ?'
EXEC sp_MSforeachtable @command1 = 'INSERT #t SELECT ''again ~'', 0', @replacechar = '~', @whereand = 'AND o.name LIKE ''%heap'''
SELECT name, n FROM #t ORDER BY n DESC
DROP TABLE #t
-- expect: name | n
-- [dbo].[frag] | 300
-- [dbo].[frag_heap] | 3
-- again [dbo].[frag_heap] | 0
GO
-- sp_MSforeachdb: every database once, the session's database unchanged.
CREATE TABLE #d (name sysname)
EXEC sp_MSforeachdb @command1 = 'INSERT #d SELECT N''?''', @precommand = 'INSERT #d VALUES (''pre'')', @postcommand = 'INSERT #d VALUES (''post'')'
SELECT CAST(CASE WHEN COUNT(*) = (SELECT COUNT(*) FROM sys.databases) + 2 THEN 1 ELSE 0 END AS bit) AS all_dbs,
  CAST(CASE WHEN DB_NAME() IN (SELECT name FROM #d) THEN 1 ELSE 0 END AS bit) AS has_this, CAST(CASE WHEN DB_ID() > 4 THEN 1 ELSE 0 END AS bit) AS stayed
FROM #d
DROP TABLE #d
-- expect: all_dbs | has_this | stayed
-- 1 | 1 | 1
GO
-- A failing command is reported for each table and the loop goes on.
CREATE TABLE #e (name sysname)
EXEC sp_MSforeachtable 'DECLARE @x int = 1/0', @command2 = 'INSERT #e SELECT ''?'''
SELECT COUNT(*) AS n FROM #e
DROP TABLE #e
-- error: 8134 Divide by zero error encountered.
-- error: 8134 Divide by zero error encountered.
-- expect: n
-- 2
GO
EXEC sp_MSforeachtable
-- error: 201 Procedure or function 'sp_MSforeachtable' expects parameter '@command1', which was not supplied.
GO
-- Procedures with files and logins.
CREATE TABLE #f (name nchar(128), fileid smallint, filename nchar(260), filegroup sysname NULL, size varchar(18), maxsize varchar(18), growth varchar(18), usage varchar(9))
INSERT #f EXEC sp_helpfile
SELECT fileid, filegroup, usage FROM #f ORDER BY fileid
DROP TABLE #f
-- expect: fileid | filegroup | usage
-- 1 | PRIMARY | data only
-- 2 | NULL | log only
GO
DBCC FREEPROCCACHE
DBCC FREESYSTEMCACHE('ALL')
SELECT 1 AS one
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
-- expect: one
-- 1
GO
-- Query statistics start again after FREEPROCCACHE: the batch's SELECT is
-- the one statement of its text (dba_querystats.sql checks the figures).
SELECT TOP (50) qs.execution_count, qs.total_logical_reads, LEFT(st.text, 18) AS text
FROM sys.dm_exec_query_stats AS qs CROSS APPLY sys.dm_exec_sql_text(qs.plan_handle) AS st
WHERE st.text LIKE N'%SELECT 1 AS one%' AND st.text NOT LIKE N'%dm_exec%'
ORDER BY qs.total_worker_time DESC
-- expect: execution_count | total_logical_reads | text
-- 1 | 0 | DBCC FREEPROCCACHE
GO
SELECT CASE WHEN COUNT(*) > 0 THEN 'some' END AS plans FROM sys.dm_exec_cached_plans
-- expect: plans
-- some
GO
