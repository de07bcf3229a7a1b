-- sys.dm_exec_query_stats, _cached_plans and _procedure_stats are filled from the statements the server runs: one row per statement of a batch or procedure, keyed by the text's sql_handle and the statement's offsets (bytes of UTF-16 text, the end at the last character).
CREATE TABLE dbo.qs (id int NOT NULL PRIMARY KEY, v nvarchar(10) NOT NULL)
INSERT dbo.qs VALUES (1, N'a'), (2, N'b'), (3, N'c')
GO
DBCC FREEPROCCACHE
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
GO
SELECT v FROM dbo.qs WHERE id = 2
-- expect: v
-- b
GO
SELECT v FROM dbo.qs WHERE id = 2
-- expect: v
-- b
GO
DECLARE @n int = 1 SELECT N'é' AS e, COUNT(*) AS n FROM dbo.qs WHERE v <> N'é'; UPDATE dbo.qs SET v = v WHERE id > @n
-- expect: e | n
-- é | 3
GO
CREATE PROCEDURE dbo.qs_proc AS
SELECT COUNT(*) AS n FROM dbo.qs;
DELETE dbo.qs WHERE id = 99
GO
EXEC dbo.qs_proc
EXEC dbo.qs_proc
EXEC dbo.qs_proc
-- expect: n
-- 3
-- expect: n
-- 3
-- expect: n
-- 3
GO
-- The DBA's idiom: the statement cut out of its batch by the offsets.
SELECT SUBSTRING(st.text, qs.statement_start_offset / 2 + 1,
        (CASE qs.statement_end_offset WHEN -1 THEN DATALENGTH(st.text) ELSE qs.statement_end_offset END - qs.statement_start_offset) / 2 + 1) AS stmt,
    qs.execution_count, qs.total_rows, qs.last_rows, qs.min_rows, qs.max_rows, st.objectid - OBJECT_ID(N'dbo.qs_proc') AS in_proc,
    CASE WHEN qs.total_worker_time >= 0 AND qs.min_elapsed_time <= qs.max_elapsed_time AND qs.total_elapsed_time >= qs.last_elapsed_time
        AND qs.last_execution_time >= qs.creation_time AND qs.total_dop = qs.execution_count THEN 'ok' END AS figures,
    DATALENGTH(qs.query_hash) AS hash_len
FROM sys.dm_exec_query_stats AS qs
CROSS APPLY sys.dm_exec_sql_text(qs.sql_handle) AS st
WHERE st.text LIKE N'%dbo.qs%' AND st.text NOT LIKE N'%dm_exec%'
ORDER BY stmt
-- expect: stmt | execution_count | total_rows | last_rows | min_rows | max_rows | in_proc | figures | hash_len
-- DELETE dbo.qs WHERE id = 99 | 3 | 0 | 0 | 0 | 0 | 0 | ok | 8
-- SELECT COUNT(*) AS n FROM dbo.qs | 3 | 3 | 1 | 1 | 1 | 0 | ok | 8
-- SELECT N'é' AS e, COUNT(*) AS n FROM dbo.qs WHERE v <> N'é' | 1 | 1 | 1 | 1 | 1 | NULL | ok | 8
-- SELECT v FROM dbo.qs WHERE id = 2 | 2 | 2 | 1 | 1 | 1 | NULL | ok | 8
-- UPDATE dbo.qs SET v = v WHERE id > @n | 1 | 2 | 2 | 2 | 2 | NULL | ok | 8
GO
SELECT p.objtype, p.cacheobjtype, p.usecounts
FROM sys.dm_exec_cached_plans AS p CROSS APPLY sys.dm_exec_sql_text(p.plan_handle) AS st
WHERE st.text LIKE N'%dbo.qs%' AND st.text NOT LIKE N'%dm_exec%'
ORDER BY p.objtype, p.usecounts
-- expect: objtype | cacheobjtype | usecounts
-- Adhoc | Compiled Plan | 1
-- Adhoc | Compiled Plan | 2
-- Proc | Compiled Plan | 3
GO
SELECT OBJECT_NAME(ps.object_id, ps.database_id) AS name, ps.type, ps.type_desc, ps.execution_count,
    CASE WHEN ps.sql_handle = qs.sql_handle THEN 'same' END AS handle
FROM sys.dm_exec_procedure_stats AS ps
JOIN (SELECT DISTINCT sql_handle FROM sys.dm_exec_query_stats) AS qs ON qs.sql_handle = ps.sql_handle
WHERE ps.database_id = DB_ID()
-- expect: name | type | type_desc | execution_count | handle
-- qs_proc | P  | SQL_STORED_PROCEDURE | 3 | same
GO
-- The plan of a cached text is ShowPlan XML that sp_BlitzCache's nodes() paths walk: StmtSimple, QueryPlan, RelOp with PhysicalOp/LogicalOp/EstimateRows and the Object read.
WITH XMLNAMESPACES ('http://schemas.microsoft.com/sqlserver/2004/07/showplan' AS p)
SELECT s.n.value('@StatementText', 'nvarchar(100)') AS stmt, r.n.value('@PhysicalOp', 'nvarchar(60)') AS physical_op,
    r.n.value('@LogicalOp', 'nvarchar(60)') AS logical_op, r.n.value('@EstimateRows', 'float') AS est,
    r.n.value('(p:IndexScan/p:Object/@Table)[1]', 'sysname') AS tbl
FROM (SELECT DISTINCT plan_handle FROM sys.dm_exec_query_stats) AS qs
CROSS APPLY sys.dm_exec_query_plan(qs.plan_handle) AS qp
CROSS APPLY qp.query_plan.nodes('/p:ShowPlanXML/p:BatchSequence/p:Batch/p:Statements/p:StmtSimple') AS s(n)
CROSS APPLY s.n.nodes('p:QueryPlan//p:RelOp') AS r(n)
WHERE qp.objectid = OBJECT_ID(N'dbo.qs_proc')
ORDER BY stmt, physical_op
-- expect: stmt | physical_op | logical_op | est | tbl
-- DELETE dbo.qs WHERE id = 99 | Clustered Index Delete | Delete | 1 | NULL
-- DELETE dbo.qs WHERE id = 99 | Clustered Index Seek | Clustered Index Seek | 1 | [qs]
-- SELECT COUNT(*) AS n FROM dbo.qs | Clustered Index Scan | Clustered Index Scan | 3 | [qs]
-- SELECT COUNT(*) AS n FROM dbo.qs | Stream Aggregate | Aggregate | 1 | NULL
GO
-- The wildcard namespace and a text plan cut to one statement (sp_BlitzWho reads plans so).
SELECT r.n.value('@PhysicalOp', 'nvarchar(60)') AS physical_op, r.n.value('@EstimateRows', 'float') AS est
FROM (SELECT plan_handle, statement_start_offset, statement_end_offset FROM sys.dm_exec_query_stats) AS qs
CROSS APPLY sys.dm_exec_sql_text(qs.plan_handle) AS st
CROSS APPLY sys.dm_exec_text_query_plan(qs.plan_handle, qs.statement_start_offset, qs.statement_end_offset) AS tp
CROSS APPLY (SELECT CAST(tp.query_plan AS xml) AS x) AS c
CROSS APPLY c.x.nodes('/*:ShowPlanXML/*:BatchSequence/*:Batch/*:Statements/*:StmtSimple/*:QueryPlan/*:RelOp') AS r(n)
WHERE st.text LIKE N'%UPDATE dbo.qs SET%' AND st.text NOT LIKE N'%dm_exec%'
ORDER BY physical_op
-- expect: physical_op | est
-- Clustered Index Update | 1
-- Stream Aggregate | 1
GO
DBCC FREEPROCCACHE
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
GO
SELECT COUNT(*) AS n FROM sys.dm_exec_query_stats AS qs CROSS APPLY sys.dm_exec_sql_text(qs.sql_handle) AS st WHERE st.text LIKE N'%dbo.qs%' AND st.text NOT LIKE N'%dm_exec%'
-- expect: n
-- 0
GO
-- INFORMATION_SCHEMA.ROUTINES in SQL Server's columns (sp_Blitz joins SPECIFIC_CATALOG).
SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_BODY,
    LEFT(ROUTINE_DEFINITION, 26) AS def, MAX_DYNAMIC_RESULT_SETS, CASE WHEN LAST_ALTERED >= CREATED THEN 'ok' END AS dates
FROM INFORMATION_SCHEMA.ROUTINES WHERE SPECIFIC_CATALOG = DB_NAME()
-- expect: SPECIFIC_SCHEMA | SPECIFIC_NAME | ROUTINE_SCHEMA | ROUTINE_NAME | ROUTINE_TYPE | ROUTINE_BODY | def | MAX_DYNAMIC_RESULT_SETS | dates
-- dbo | qs_proc | dbo | qs_proc | PROCEDURE | SQL | CREATE PROCEDURE dbo.qs_pr | -1 | ok
GO
-- A recursive CTE with two recursive members after its anchor (sp_ineachdb's list parser): every member after the first that names the CTE runs on each round's rows.
WITH C AS (
    SELECT CAST(N'' AS nvarchar(100)) AS part, CAST(N'a,[b c],d,' AS nvarchar(100)) AS rest, 0 AS quoted
    UNION ALL
    SELECT CAST(LEFT(C.rest, CHARINDEX(N',', C.rest) - 1) AS nvarchar(100)), STUFF(C.rest, 1, CHARINDEX(N',', C.rest), N''), 0
    FROM C WHERE C.rest > N'' AND LEFT(C.rest, 1) <> N'['
    UNION ALL
    SELECT CAST(SUBSTRING(C.rest, 2, CHARINDEX(N']', C.rest) - 2) AS nvarchar(100)), STUFF(C.rest, 1, CHARINDEX(N']', C.rest) + 1, N''), 1
    FROM C WHERE C.rest > N'' AND LEFT(C.rest, 1) = N'['
)
SELECT part, quoted FROM C WHERE part > N'' ORDER BY part
-- expect: part | quoted
-- a | 0
-- b c | 1
-- d | 0
GO
-- sp_Blitz's other reads: procedure parameters, the Resource Governor's one row, server triggers, the Agent's alerts and alert settings, the default trace, the local server's row.
CREATE PROCEDURE dbo.qs_params @VersionCheckMode bit = 0, @VersionDate datetime = NULL OUTPUT AS SELECT 1 AS one
GO
SELECT name, parameter_id, TYPE_NAME(user_type_id) AS type_name, is_output, has_default_value FROM sys.all_parameters WHERE object_id = OBJECT_ID(N'dbo.qs_params') ORDER BY parameter_id
-- expect: name | parameter_id | type_name | is_output | has_default_value
-- @VersionCheckMode | 1 | bit | 0 | 0
-- @VersionDate | 2 | datetime | 1 | 0
GO
SELECT classifier_function_id, is_enabled FROM sys.resource_governor_configuration
SELECT COUNT(*) AS n FROM sys.server_triggers
SELECT COUNT(*) AS alerts FROM msdb.dbo.sysalerts
SELECT COUNT(*) AS pages FROM msdb.dbo.suspect_pages
SELECT COUNT(*) AS running FROM msdb.dbo.sysjobactivity
SELECT COUNT(*) AS n FROM sys.fn_trace_gettable(N'x.trc', DEFAULT)
SELECT server_id, is_linked, CASE WHEN name = @@SERVERNAME THEN 'local' END AS srv FROM sys.servers
-- expect: classifier_function_id | is_enabled
-- 0 | 0
-- expect: n
-- 0
-- expect: alerts
-- 0
-- expect: pages
-- 0
-- expect: running
-- 0
-- expect: n
-- 0
-- expect: server_id | is_linked | srv
-- 0 | 0 | local
GO
CREATE TABLE #AlertInfo (FailSafeOperator nvarchar(255), NotificationMethod int, ForwardingServer nvarchar(255), ForwardingSeverity int,
    PagerToTemplate nvarchar(255), PagerCCTemplate nvarchar(255), PagerSubjectTemplate nvarchar(255), PagerSendSubjectOnly nvarchar(255), ForwardAlways int)
INSERT INTO #AlertInfo EXEC master.dbo.sp_MSgetalertinfo @includeaddresses = 0
SELECT FailSafeOperator, NotificationMethod FROM #AlertInfo
-- expect: FailSafeOperator | NotificationMethod
-- NULL | 0
GO
-- XQuery aggregates around a whole query (sp_BlitzCache: max(//p:RelOp/@Parallel), min(…/@CardinalityEstimationModelVersion), count(distinct-values(…))).
DECLARE @x xml = N'<S xmlns="urn:s"><R P="1" F="a"/><R P="3" F="b"/><R P="0" F="a"/></S>'
SELECT @x.value('declare namespace p="urn:s";max(//p:R/@P)', 'int') AS mx, @x.value('min(//*:R/@P)', 'int') AS mn,
    @x.value('count(distinct-values(//*:R/@F))', 'int') AS distinct_f, @x.value('max(//*:Missing/@P)', 'int') AS none
-- expect: mx | mn | distinct_f | none
-- 3 | 0 | 2 | NULL
GO
