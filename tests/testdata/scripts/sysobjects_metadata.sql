-- The system views and procedures are schema-scoped objects with negative
-- ids (sys.system_objects page): OBJECT_ID, OBJECT_NAME, OBJECT_SCHEMA_NAME,
-- OBJECTPROPERTY and OBJECT_DEFINITION work on them; sys.all_objects and
-- sys.system_objects list them, sys.objects does not.
SELECT OBJECT_ID(N'sys.objects') AS objects_id,
  CASE WHEN OBJECT_ID(N'sys.sp_columns') < 0 THEN 1 ELSE 0 END AS proc_neg,
  CASE WHEN OBJECT_ID(N'INFORMATION_SCHEMA.TABLES') < 0 THEN 1 ELSE 0 END AS isv_neg,
  CASE WHEN OBJECT_ID(N'master.sys.tables') < 0 THEN 1 ELSE 0 END AS three_part,
  CASE WHEN OBJECT_ID(N'sysobjects') = OBJECT_ID(N'sys.sysobjects') THEN 1 ELSE 0 END AS one_part,
  OBJECT_ID(N'sys.no_such_view') AS missing
-- expect: objects_id | proc_neg | isv_neg | three_part | one_part | missing
-- -385 | 1 | 1 | 1 | 1 | NULL
GO
SELECT OBJECT_NAME(OBJECT_ID(N'sys.objects')) AS n1, OBJECT_SCHEMA_NAME(OBJECT_ID(N'sys.objects')) AS s1,
  OBJECT_NAME(OBJECT_ID(N'sys.sp_columns')) AS n2, OBJECT_SCHEMA_NAME(OBJECT_ID(N'sys.sp_columns')) AS s2,
  OBJECT_NAME(OBJECT_ID(N'INFORMATION_SCHEMA.TABLES')) AS n3, OBJECT_SCHEMA_NAME(OBJECT_ID(N'INFORMATION_SCHEMA.TABLES')) AS s3,
  OBJECT_NAME(-1) AS none
-- expect: n1 | s1 | n2 | s2 | n3 | s3 | none
-- objects | sys | sp_columns | sys | TABLES | INFORMATION_SCHEMA | NULL
GO
-- OBJECT_ID's type argument
SELECT CASE WHEN OBJECT_ID(N'sys.objects', N'V') IS NOT NULL THEN 1 ELSE 0 END AS v,
  CASE WHEN OBJECT_ID(N'sys.objects', N'U') IS NULL THEN 1 ELSE 0 END AS not_u,
  CASE WHEN OBJECT_ID(N'sys.sp_help', N'P') IS NOT NULL THEN 1 ELSE 0 END AS p,
  CASE WHEN OBJECT_ID(N'sys.sp_executesql', N'X') IS NOT NULL THEN 1 ELSE 0 END AS x
-- expect: v | not_u | p | x
-- 1 | 1 | 1 | 1
GO
-- a one-part name finds a system procedure or a compatibility view, not a
-- catalog view
SELECT CASE WHEN OBJECT_ID(N'sp_help') = OBJECT_ID(N'sys.sp_help') THEN 1 ELSE 0 END AS sp,
  OBJECT_ID(N'objects') AS catalog_view, OBJECT_ID(N'system_views') AS system_view
-- expect: sp | catalog_view | system_view
-- 1 | NULL | NULL
GO
-- sys.all_objects and sys.system_objects list them; sys.objects does not
SELECT o.name, RTRIM(o.type) AS type, o.type_desc, o.schema_id, o.is_ms_shipped, o.parent_object_id
FROM sys.all_objects AS o
WHERE o.object_id IN (OBJECT_ID(N'sys.objects'), OBJECT_ID(N'sys.sp_columns'), OBJECT_ID(N'INFORMATION_SCHEMA.COLUMNS'), OBJECT_ID(N'sys.sp_executesql'))
ORDER BY o.name
-- expect: name | type | type_desc | schema_id | is_ms_shipped | parent_object_id
-- COLUMNS | V | VIEW | 3 | 1 | 0
-- objects | V | VIEW | 4 | 1 | 0
-- sp_columns | P | SQL_STORED_PROCEDURE | 4 | 1 | 0
-- sp_executesql | X | EXTENDED_STORED_PROCEDURE | 4 | 1 | 0
GO
CREATE TABLE dbo.SysObjUser (a int)
GO
SELECT (SELECT COUNT(*) FROM sys.objects WHERE object_id < 0) AS in_objects,
  (SELECT COUNT(*) FROM sys.system_objects WHERE object_id >= 0 OR is_ms_shipped = 0) AS user_in_system,
  (SELECT COUNT(*) FROM sys.all_objects WHERE name = N'SysObjUser') AS user_in_all,
  (SELECT COUNT(*) FROM sys.system_objects WHERE name = N'tables' AND schema_id = SCHEMA_ID(N'sys')) AS tables_in_system,
  (SELECT COUNT(*) FROM sys.all_objects) - (SELECT COUNT(*) FROM sys.objects) - (SELECT COUNT(*) FROM sys.system_objects) AS all_is_both
-- expect: in_objects | user_in_system | user_in_all | tables_in_system | all_is_both
-- 0 | 0 | 1 | 1 | 0
GO
-- OBJECTPROPERTY of a system view and a system procedure
SELECT OBJECTPROPERTY(OBJECT_ID(N'sys.objects'), 'IsView') AS is_view,
  OBJECTPROPERTY(OBJECT_ID(N'sys.objects'), 'IsMSShipped') AS shipped,
  OBJECTPROPERTY(OBJECT_ID(N'sys.objects'), 'IsSystemTable') AS sys_table,
  OBJECTPROPERTY(OBJECT_ID(N'sys.objects'), 'IsProcedure') AS view_proc,
  OBJECTPROPERTY(OBJECT_ID(N'sys.objects'), 'SchemaId') AS schema_id,
  OBJECTPROPERTY(OBJECT_ID(N'sys.objects'), 'OwnerId') AS owner_id,
  OBJECTPROPERTY(OBJECT_ID(N'sys.sp_columns'), 'IsProcedure') AS is_proc,
  OBJECTPROPERTY(OBJECT_ID(N'sys.sp_columns'), 'IsMSShipped') AS proc_shipped,
  OBJECTPROPERTY(OBJECT_ID(N'INFORMATION_SCHEMA.TABLES'), 'SchemaId') AS isv_schema,
  OBJECTPROPERTY(OBJECT_ID(N'dbo.SysObjUser'), 'IsMSShipped') AS user_shipped
-- expect: is_view | shipped | sys_table | view_proc | schema_id | owner_id | is_proc | proc_shipped | isv_schema | user_shipped
-- 1 | 1 | 0 | 0 | 4 | 4 | 1 | 1 | 3 | 0
GO
-- OBJECTPROPERTY OwnerId: the owner of the object's schema
CREATE USER SysObjOwner WITHOUT LOGIN
GO
CREATE SCHEMA SysObjOwned AUTHORIZATION SysObjOwner
GO
CREATE TABLE SysObjOwned.t (a int)
SELECT CASE WHEN OBJECTPROPERTY(OBJECT_ID(N'SysObjOwned.t'), 'OwnerId') = USER_ID(N'SysObjOwner') THEN 1 ELSE 0 END AS schema_owner,
  OBJECTPROPERTY(OBJECT_ID(N'dbo.SysObjUser'), 'OwnerId') AS dbo_owner
-- expect: schema_owner | dbo_owner
-- 1 | 1
GO
-- a system object's definition: a CREATE header (mirrorsql implements the
-- body in the server), in OBJECT_DEFINITION, sp_helptext and
-- sys.system_sql_modules / sys.all_sql_modules; sys.sql_modules has none
SELECT CASE WHEN OBJECT_DEFINITION(OBJECT_ID(N'sys.sp_columns')) LIKE N'CREATE PROCEDURE sys.sp_columns%@table_name%' THEN 1 ELSE 0 END AS proc_def,
  CASE WHEN OBJECT_DEFINITION(OBJECT_ID(N'sys.objects')) LIKE N'CREATE VIEW sys.objects (name, object_id%' THEN 1 ELSE 0 END AS view_def,
  (SELECT COUNT(*) FROM sys.system_sql_modules WHERE object_id = OBJECT_ID(N'sys.sp_columns')) AS in_system_modules,
  (SELECT COUNT(*) FROM sys.all_sql_modules WHERE object_id = OBJECT_ID(N'sys.objects')) AS in_all_modules,
  (SELECT COUNT(*) FROM sys.sql_modules WHERE object_id < 0) AS in_modules
-- expect: proc_def | view_def | in_system_modules | in_all_modules | in_modules
-- 1 | 1 | 1 | 1 | 0
GO
CREATE TABLE #ht (Text nvarchar(255))
INSERT INTO #ht EXEC sp_helptext N'sys.sp_columns'
SELECT CASE WHEN COUNT(*) > 1 THEN 1 ELSE 0 END AS has_lines FROM #ht
DROP TABLE #ht
-- expect: has_lines
-- 1
GO
-- sp_helpconstraint of a system view: no constraints (the messages)
EXEC sp_helpconstraint N'sys.objects', 'nomsg'
-- message: No constraints are defined on object 'sys.objects', or you do not have permissions.
-- message:
-- message: No foreign keys reference table 'sys.objects', or you do not have permissions on referencing tables.
GO
-- sys.all_columns: the user objects' columns and the system views' (as
-- sys.system_columns lists them), in sys.columns' shape
SELECT c.column_id, c.name, TYPE_NAME(c.user_type_id) AS type_name, c.max_length
FROM sys.all_columns AS c WHERE c.object_id = OBJECT_ID(N'sys.objects') AND c.column_id <= 3 ORDER BY c.column_id
-- expect: column_id | name | type_name | max_length
-- 1 | name | sysname | 256
-- 2 | object_id | int | 4
-- 3 | principal_id | int | 4
GO
SELECT (SELECT COUNT(*) FROM sys.all_columns WHERE object_id = OBJECT_ID(N'dbo.SysObjUser')) AS user_cols,
  (SELECT COUNT(*) FROM sys.columns WHERE object_id < 0) AS system_in_columns,
  CASE WHEN (SELECT COUNT(*) FROM sys.system_columns WHERE object_id = OBJECT_ID(N'INFORMATION_SCHEMA.COLUMNS'))
    = (SELECT COUNT(*) FROM sys.all_columns WHERE object_id = OBJECT_ID(N'INFORMATION_SCHEMA.COLUMNS')) THEN 1 ELSE 0 END AS same,
  (SELECT COUNT(*) FROM sys.system_columns AS c JOIN sys.system_objects AS o ON o.object_id = c.object_id WHERE o.name = N'tables' AND c.name = N'lock_escalation') AS joined
-- expect: user_cols | system_in_columns | same | joined
-- 1 | 0 | 1 | 1
GO
