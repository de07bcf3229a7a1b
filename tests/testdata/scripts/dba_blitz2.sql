-- The First Responder Kit checks with IF EXISTS (SELECT 1/0 FROM …): SQL
-- Server never evaluates an EXISTS subquery's select list, so it is true or
-- false, never error 8134.
IF EXISTS (SELECT 1/0 FROM sys.databases) SELECT 'yes' AS r ELSE SELECT 'no' AS r
-- expect: r
-- yes
GO
SELECT CASE WHEN EXISTS (SELECT 1/0) THEN 1 ELSE 0 END AS a,
    CASE WHEN NOT EXISTS (SELECT CONVERT(int, 'x') FROM sys.objects WHERE 1 = 0) THEN 1 ELSE 0 END AS b
-- expect: a | b
-- 1 | 1
GO
DECLARE @z int = 0
IF EXISTS (SELECT 1/@z, NULL FROM sys.databases WHERE name = N'master') SELECT 'found' AS r
-- expect: r
-- found
GO
-- An aggregate in the list still makes one row of an empty input.
SELECT CASE WHEN EXISTS (SELECT COUNT(*) FROM sys.objects WHERE 1 = 0) THEN 1 ELSE 0 END AS agg
-- expect: agg
-- 1
GO
-- Outside EXISTS the division is evaluated.
SELECT 1/0 AS x
-- expect: x
-- error: 8134 Divide by zero error encountered.
GO
-- Views the kit reads, with SQL Server's columns (dm_exec_procedure_stats has rows now: dba_querystats.sql).
SELECT database_id, object_id, type, type_desc, sql_handle, plan_handle, cached_time, last_execution_time, execution_count,
    total_worker_time, max_elapsed_time, total_spills, max_num_page_server_reads
FROM sys.dm_exec_procedure_stats WHERE object_id = 0
-- expect: database_id | object_id | type | type_desc | sql_handle | plan_handle | cached_time | last_execution_time | execution_count | total_worker_time | max_elapsed_time | total_spills | max_num_page_server_reads
GO
SELECT COUNT(*) AS n FROM sys.dm_exec_trigger_stats CROSS JOIN sys.dm_exec_function_stats
-- expect: n
-- 0
GO
SELECT session_id, wait_type, waiting_tasks_count, wait_time_ms, max_wait_time_ms, signal_wait_time_ms FROM sys.dm_exec_session_wait_stats
-- expect: session_id | wait_type | waiting_tasks_count | wait_time_ms | max_wait_time_ms | signal_wait_time_ms
GO
SELECT audit_id, name, status, status_desc, status_time, event_session_address, audit_file_path, audit_file_size FROM sys.dm_server_audit_status
-- expect: audit_id | name | status | status_desc | status_time | event_session_address | audit_file_path | audit_file_size
GO
SELECT rh.restore_history_id, rh.restore_date, rh.destination_database_name, rh.user_name, rh.backup_set_id, rh.restore_type,
    rh.[replace], rh.recovery, rh.restart, rh.stop_at, rh.device_count, rh.stop_at_mark_name, rh.stop_before,
    rf.file_number, rf.destination_phys_drive, rf.destination_phys_name, rfg.filegroup_name
FROM msdb.dbo.restorehistory AS rh
JOIN msdb.dbo.restorefile AS rf ON rf.restore_history_id = rh.restore_history_id
JOIN msdb.dbo.restorefilegroup AS rfg ON rfg.restore_history_id = rh.restore_history_id
-- expect: restore_history_id | restore_date | destination_database_name | user_name | backup_set_id | restore_type | replace | recovery | restart | stop_at | device_count | stop_at_mark_name | stop_before | file_number | destination_phys_drive | destination_phys_name | filegroup_name
GO
-- The querying session's own request runs as a task on a worker
-- (sp_WhoIsActive @get_task_info = 2 joins them).
SELECT t.task_state, t.exec_context_id, w.state, CASE WHEN w.task_address = t.task_address THEN 1 ELSE 0 END AS same_task
FROM sys.dm_os_tasks AS t JOIN sys.dm_os_workers AS w ON w.worker_address = t.worker_address
WHERE t.session_id = @@SPID
-- expect: task_state | exec_context_id | state | same_task
-- RUNNING | 0 | RUNNING | 1
GO
-- sp_Blitz reads trace flags and each database's boot page through DBCC.
CREATE TABLE #ts (TraceFlag varchar(10), status bit, Global bit, Session bit)
INSERT #ts EXEC ('DBCC TRACESTATUS(-1) WITH NO_INFOMSGS')
SELECT COUNT(*) AS flags FROM #ts
-- expect: flags
-- 0
GO
CREATE TABLE #dbi (ParentObject varchar(255), Object varchar(255), Field varchar(255), Value varchar(255))
INSERT #dbi EXEC ('DBCC DBINFO() WITH TABLERESULTS, NO_INFOMSGS')
SELECT Field, Value FROM #dbi WHERE Field IN ('dbi_dbccLastKnownGood', 'dbi_LastLogBackupTime') ORDER BY Field
-- expect: Field | Value
-- dbi_dbccLastKnownGood | 1900-01-01 00:00:00.000
-- dbi_LastLogBackupTime | 1900-01-01 00:00:00.000
GO
DBCC DBINFO('no_such_db') WITH TABLERESULTS
-- error: 2520
GO
DBCC TRACESTATUS(-1)
-- expect: TraceFlag | Status | Global | Session
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
GO
-- sp_Blitz's security checks read the logins through the compatibility view.
SELECT l.loginname, l.sysadmin, l.securityadmin, l.hasaccess, l.denylogin FROM master.sys.syslogins AS l WHERE l.name = N'sa'
-- expect: loginname | sysadmin | securityadmin | hasaccess | denylogin
-- sa | 1 | 0 | 1 | 0
GO
SELECT COUNT(*) AS n FROM master.dbo.syslogins WHERE syslogins.loginname = N'sa'
-- expect: n
-- 1
GO
EXEC sp_validatelogins
-- expect: SID | NT Login
GO
SELECT g.name AS grp, p.name AS pool FROM sys.resource_governor_workload_groups AS g
JOIN sys.resource_governor_resource_pools AS p ON p.pool_id = g.pool_id ORDER BY g.group_id
-- expect: grp | pool
-- internal | internal
-- default | default
GO
SELECT COUNT(*) AS grants FROM sys.dm_exec_query_memory_grants CROSS JOIN sys.dm_exec_query_resource_semaphores
-- expect: grants
-- 0
GO
-- sp_BlitzFirst reads a connection's last request through
-- most_recent_sql_handle; there is no cached plan for it.
SELECT COUNT(*) AS n FROM sys.dm_exec_connections AS c
OUTER APPLY sys.dm_exec_query_plan(c.most_recent_sql_handle) AS p
OUTER APPLY sys.dm_exec_plan_attributes(c.most_recent_sql_handle) AS a
WHERE c.session_id = @@SPID AND c.most_recent_session_id = c.session_id AND p.query_plan IS NULL AND a.attribute IS NULL
-- expect: n
-- 1
GO
-- sp_BlitzFirst's memory check reads the host's memory.
SELECT CASE WHEN total_physical_memory_kb > 0 AND available_physical_memory_kb BETWEEN 0 AND total_physical_memory_kb THEN 1 ELSE 0 END AS sane,
    system_low_memory_signal_state AS low_signal
FROM sys.dm_os_sys_memory
-- expect: sane | low_signal
-- 1 | 0
GO
