-- SESSION_CONTEXT and CONTEXT_INFO: values an application attaches to its
-- session (row-level security predicates and audit triggers read them).
SELECT SESSION_CONTEXT(N'tenant') AS unset, CONTEXT_INFO() AS no_info
-- expect: unset | no_info
-- NULL | NULL
GO
EXEC sp_set_session_context @key = N'tenant', @value = 42
EXEC sp_set_session_context 'user', N'alice', 1
SELECT CAST(SESSION_CONTEXT(N'tenant') AS int) AS tenant, CAST(SESSION_CONTEXT(N'user') AS nvarchar(10)) AS usr,
  CAST(SQL_VARIANT_PROPERTY(SESSION_CONTEXT(N'tenant'), 'BaseType') AS sysname) AS base
-- expect: tenant | usr | base
-- 42 | alice | int
GO
EXEC sp_set_session_context 'user', N'mallory'
-- error: 15664 Cannot set key 'user' in the session context. The key has been set as read_only for this session.
GO
-- Keys compare as binary: 'Tenant' is another key.
EXEC sp_set_session_context N'tenant', NULL
SELECT SESSION_CONTEXT(N'tenant') AS cleared, SESSION_CONTEXT(N'Tenant') AS other_case
-- expect: cleared | other_case
-- NULL | NULL
GO
SELECT SESSION_CONTEXT('tenant')
-- error: 8116 Argument data type varchar is invalid for argument 1 of session_context function.
GO
-- CONTEXT_INFO keeps 128 bytes, padded with zeros.
SET CONTEXT_INFO 0x0102
SELECT DATALENGTH(CONTEXT_INFO()) AS len, SUBSTRING(CONTEXT_INFO(), 1, 3) AS head
-- expect: len | head
-- 128 | 0x010200
GO
DECLARE @b varbinary(128) = CAST('job-7' AS varbinary(128))
SET CONTEXT_INFO @b
SELECT REPLACE(CAST(CONTEXT_INFO() AS varchar(128)), CHAR(0), '') AS info
-- expect: info
-- job-7
GO
-- ORIGINAL_DB_NAME: the database the login connected to (the script's own),
-- not the current one.
DECLARE @db sysname = DB_NAME()
USE master
SELECT CASE WHEN ORIGINAL_DB_NAME() = @db THEN 1 ELSE 0 END AS original, DB_NAME() AS current_db
-- message: Changed database context to 'master'.
-- expect: original | current_db
-- 1 | master
GO
