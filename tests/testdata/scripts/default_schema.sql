-- A user's DEFAULT_SCHEMA (issue #5): a one-part name resolves in the
-- active default schema first and then in dbo, and CREATE of a one-part
-- name creates in the user's default schema (Microsoft's "Name resolution,
-- default schema, implicit schema" parts II and III; ALTER USER's
-- DEFAULT_SCHEMA). Outside modules, and in dynamic SQL even inside one, the
-- active default schema is that of the user the session acts as (EXECUTE AS
-- USER's); in a module's own statements it is the module's schema. dbo, sa
-- and users without a default schema resolve in dbo.
CREATE SCHEMA app
GO
CREATE TABLE dbo.t (k int PRIMARY KEY, v int)
CREATE TABLE app.t (k int PRIMARY KEY, v int)
CREATE TABLE dbo.only_dbo (k int PRIMARY KEY, v int)
INSERT dbo.t VALUES (1, 10)
INSERT app.t VALUES (1, 100)
INSERT dbo.only_dbo VALUES (1, 5)
CREATE USER ds_app WITHOUT LOGIN WITH DEFAULT_SCHEMA = app
CREATE USER ds_plain WITHOUT LOGIN
CREATE USER ds_noalter WITHOUT LOGIN WITH DEFAULT_SCHEMA = app
GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE, CREATE TABLE, CREATE PROCEDURE, CREATE VIEW TO ds_app
GRANT ALTER ON SCHEMA::app TO ds_app
GRANT SELECT, EXECUTE TO ds_plain
GRANT SELECT, CREATE TABLE TO ds_noalter
GO
-- The user's default schema first.
EXECUTE AS USER = 'ds_app'
SELECT k, v, SCHEMA_NAME() AS sch FROM t
REVERT
-- expect: k | v | sch
-- 1 | 100 | app
GO
-- Then dbo, when the default schema has no object of the name.
EXECUTE AS USER = 'ds_app'
SELECT v FROM only_dbo
REVERT
-- expect: v
-- 5
GO
-- A user without a default schema, and dbo, resolve in dbo.
EXECUTE AS USER = 'ds_plain'
SELECT v FROM t
REVERT
SELECT v FROM t
-- expect: v
-- 10
-- expect: v
-- 10
GO
-- OBJECT_ID and OBJECTPROPERTY follow the same rule.
EXECUTE AS USER = 'ds_app'
SELECT CASE WHEN OBJECT_ID('t') = OBJECT_ID('app.t') THEN 'app' WHEN OBJECT_ID('t') = OBJECT_ID('dbo.t') THEN 'dbo' END AS which,
       OBJECTPROPERTY(OBJECT_ID('t'), 'IsUserTable') AS is_table
REVERT
-- expect: which | is_table
-- app | 1
GO
SELECT CASE WHEN OBJECT_ID('t') = OBJECT_ID('dbo.t') THEN 'dbo' END AS which
-- expect: which
-- dbo
GO
-- INSERT, UPDATE and DELETE targets.
EXECUTE AS USER = 'ds_app'
INSERT t VALUES (2, 200)
UPDATE t SET v = v + 1 WHERE k = 1
DELETE t WHERE k = 2
REVERT
SELECT 'app' AS s, k, v FROM app.t UNION ALL SELECT 'dbo', k, v FROM dbo.t ORDER BY s, k
-- expect: s | k | v
-- app | 1 | 101
-- dbo | 1 | 10
GO
-- MERGE's target.
EXECUTE AS USER = 'ds_app'
MERGE t AS tg USING (SELECT 3 AS k, 300 AS v) AS src ON tg.k = src.k
WHEN NOT MATCHED THEN INSERT (k, v) VALUES (src.k, src.v);
REVERT
SELECT COUNT(*) AS app_rows FROM app.t
SELECT COUNT(*) AS dbo_rows FROM dbo.t
-- expect: app_rows
-- 2
-- expect: dbo_rows
-- 1
GO
-- sp_executesql and EXEC('…') resolve for the user too.
EXECUTE AS USER = 'ds_app'
EXEC sp_executesql N'SELECT v FROM t WHERE k = @k', N'@k int', @k = 1
EXEC ('SELECT v FROM t WHERE k = 1')
REVERT
-- expect: v
-- 101
-- expect: v
-- 101
GO
-- CREATE TABLE with a one-part name creates in the default schema, and
-- DROP of a one-part name finds it there.
EXECUTE AS USER = 'ds_app'
CREATE TABLE t2 (a int)
INSERT t2 VALUES (7)
REVERT
SELECT SCHEMA_NAME(schema_id) AS sch, name FROM sys.tables WHERE name = 't2'
SELECT a FROM app.t2
-- expect: sch | name
-- app | t2
-- expect: a
-- 7
GO
EXECUTE AS USER = 'ds_app'
DROP TABLE t2
REVERT
SELECT COUNT(*) AS n FROM sys.tables WHERE name = 't2'
-- expect: n
-- 0
GO
-- SELECT … INTO likewise.
EXECUTE AS USER = 'ds_app'
SELECT k, v INTO t3 FROM t
REVERT
SELECT SCHEMA_NAME(schema_id) AS sch FROM sys.tables WHERE name = 't3'
-- expect: sch
-- app
GO
-- The default schema's permission is the one checked: ALTER on it.
EXECUTE AS USER = 'ds_noalter'
CREATE TABLE t4 (a int)
-- error: 2760 The specified schema name "app" either does not exist or you do not have permission to use it.
GO
REVERT
GO
-- Procedures: EXEC of a one-part name, and CREATE PROCEDURE.
CREATE PROCEDURE dbo.p AS SELECT 'dbo.p' AS which
GO
CREATE PROCEDURE app.p AS SELECT 'app.p' AS which
GO
EXECUTE AS USER = 'ds_app'
EXEC p
REVERT
EXEC p
-- expect: which
-- app.p
-- expect: which
-- dbo.p
GO
EXECUTE AS USER = 'ds_app'
EXEC ('CREATE PROCEDURE pnew AS SELECT 1 AS one')
REVERT
SELECT SCHEMA_NAME(schema_id) AS sch FROM sys.procedures WHERE name = 'pnew'
-- expect: sch
-- app
GO
-- Inside a module, a one-part name resolves in the module's schema first,
-- whoever calls it; its dynamic SQL resolves for the caller.
CREATE PROCEDURE app.reads AS
SELECT v AS static_v FROM t WHERE k = 1
EXEC ('SELECT v AS dynamic_v FROM t WHERE k = 1')
GO
CREATE PROCEDURE dbo.reads AS
SELECT v AS static_v FROM t WHERE k = 1
GO
EXEC app.reads
-- expect: static_v
-- 101
-- expect: dynamic_v
-- 10
GO
EXECUTE AS USER = 'ds_app'
EXEC dbo.reads
REVERT
-- expect: static_v
-- 10
GO
-- A view and a function read their own schema's table.
CREATE VIEW app.v AS SELECT v FROM t WHERE k = 1
GO
CREATE FUNCTION app.f() RETURNS int AS BEGIN RETURN (SELECT v FROM t WHERE k = 1) END
GO
SELECT v, app.f() AS f FROM app.v
-- expect: v | f
-- 101 | 101
GO
-- Sequences.
CREATE SEQUENCE dbo.sq START WITH 1
CREATE SEQUENCE app.sq START WITH 500
GO
EXECUTE AS USER = 'ds_app'
SELECT NEXT VALUE FOR sq AS n
REVERT
-- expect: n
-- 500
GO
-- ALTER USER … WITH DEFAULT_SCHEMA changes resolution for the next batch.
ALTER USER ds_app WITH DEFAULT_SCHEMA = dbo
GO
EXECUTE AS USER = 'ds_app'
SELECT v FROM t
REVERT
-- expect: v
-- 10
GO
ALTER USER ds_app WITH DEFAULT_SCHEMA = app
GO
EXECUTE AS USER = 'ds_app'
SELECT v FROM t WHERE k = 1
REVERT
-- expect: v
-- 101
GO
-- Cached plans: the same statement text run by ds_app and by dbo in turn
-- reads each one's table, in both orders (SQL Server keys such plans by
-- user); SELECT, UPDATE, INSERT and DELETE, and a procedure's dynamic SQL.
EXECUTE AS USER = 'ds_app'
GO
EXEC sp_executesql N'SELECT v FROM t WHERE k = @k', N'@k int', @k = 1
-- expect: v
-- 101
GO
REVERT
GO
EXEC sp_executesql N'SELECT v FROM t WHERE k = @k', N'@k int', @k = 1
-- expect: v
-- 10
GO
EXECUTE AS USER = 'ds_app'
GO
EXEC sp_executesql N'SELECT v FROM t WHERE k = @k', N'@k int', @k = 1
-- expect: v
-- 101
GO
REVERT
GO
EXEC sp_executesql N'UPDATE t SET v = v + @d WHERE k = 1', N'@d int', @d = 1
EXEC sp_executesql N'INSERT t VALUES (@k, @v)', N'@k int, @v int', @k = 9, @v = 9
GO
EXECUTE AS USER = 'ds_app'
GO
EXEC sp_executesql N'UPDATE t SET v = v + @d WHERE k = 1', N'@d int', @d = 1
EXEC sp_executesql N'INSERT t VALUES (@k, @v)', N'@k int, @v int', @k = 9, @v = 90
EXEC sp_executesql N'DELETE t WHERE k = @k', N'@k int', @k = 3
GO
REVERT
GO
EXEC sp_executesql N'DELETE t WHERE k = @k', N'@k int', @k = 9
SELECT 'app' AS s, k, v FROM app.t UNION ALL SELECT 'dbo', k, v FROM dbo.t ORDER BY s, k
-- expect: s | k | v
-- app | 1 | 102
-- app | 9 | 90
-- dbo | 1 | 11
GO
CREATE PROCEDURE dbo.dyn AS EXEC sp_executesql N'SELECT v FROM t WHERE k = @k', N'@k int', @k = 1
GO
EXEC dbo.dyn
-- expect: v
-- 11
GO
EXECUTE AS USER = 'ds_app'
GO
EXEC dbo.dyn
-- expect: v
-- 102
GO
REVERT
GO
EXEC dbo.dyn
-- expect: v
-- 11
GO
-- ALTER and DROP of a one-part name find the default schema's object.
EXECUTE AS USER = 'ds_app'
GO
ALTER PROCEDURE p AS SELECT 'app.p altered' AS which
GO
DROP PROCEDURE pnew
GO
REVERT
GO
EXEC app.p
EXEC dbo.p
SELECT COUNT(*) AS n FROM sys.procedures WHERE name = 'pnew'
-- expect: which
-- app.p altered
-- expect: which
-- dbo.p
-- expect: n
-- 0
GO
-- Synonyms and types.
CREATE SYNONYM app.sy FOR dbo.only_dbo
CREATE TYPE app.ty FROM varchar(3)
CREATE TYPE dbo.ty FROM int
GO
EXECUTE AS USER = 'ds_app'
SELECT v FROM sy
REVERT
-- expect: v
-- 5
GO
EXECUTE AS USER = 'ds_app'
DECLARE @x ty = 'abcdef'
SELECT @x AS x
REVERT
-- expect: x
-- abc
GO
DECLARE @x ty = 42
SELECT @x AS x
-- expect: x
-- 42
GO
SELECT v FROM sy
-- error: 208 Invalid object name 'sy'.
GO
