-- The ODBC catalog procedures called without an owner (issue #5): sp_pkeys,
-- sp_fkeys, sp_statistics and sp_special_columns look the table up as
-- OBJECT_ID of its one-part name does — the caller's default schema, then
-- dbo (their pages: "if the current user owns a table with the specified
-- name, the columns of that table are returned … otherwise … owned by the
-- database owner"). sp_columns does the same for a name without wildcard
-- characters that names an object; a pattern, or a name that resolves to
-- nothing, matches every owner. The first column is the database, whose
-- name differs between runs: rows are read through INSERT … EXEC.
CREATE SCHEMA app
GO
CREATE TABLE dbo.t (dbo_id int CONSTRAINT pk_dbo_t PRIMARY KEY, v int)
CREATE TABLE app.t (app_id int CONSTRAINT pk_app_t PRIMARY KEY, w int)
CREATE TABLE dbo.only_dbo (k int CONSTRAINT pk_only_dbo PRIMARY KEY)
CREATE TABLE app.kid (id int PRIMARY KEY, app_id int CONSTRAINT fk_app_kid REFERENCES app.t)
CREATE TABLE dbo.kid (id int PRIMARY KEY, dbo_id int CONSTRAINT fk_dbo_kid REFERENCES dbo.t)
CREATE USER cp_app WITHOUT LOGIN WITH DEFAULT_SCHEMA = app
GRANT SELECT TO cp_app
GO
CREATE TABLE #pk (q sysname NULL, o sysname, n sysname, c sysname, s smallint, pk sysname NULL)
CREATE TABLE #fk (pq sysname NULL, po sysname, pt sysname, pc sysname, fq sysname NULL, fo sysname, ft sysname, fc sysname,
    s smallint, ur smallint, dr smallint, fk sysname NULL, pk sysname NULL, d smallint)
CREATE TABLE #st (q sysname NULL, o sysname, n sysname, nu smallint NULL, iq sysname NULL, i sysname NULL, t smallint, s smallint NULL,
    c sysname NULL, coll char(1) NULL, card int NULL, pages int NULL, f varchar(128) NULL)
CREATE TABLE #sc (scope smallint NULL, c sysname, dt smallint, tn sysname, p int NULL, l int NULL, sc smallint NULL, pc smallint)
CREATE TABLE #col (q sysname NULL, o sysname, n sysname, c sysname, dt smallint, tn sysname, p int NULL, l int NULL, sc smallint NULL,
    r smallint NULL, nl smallint, rm varchar(254) NULL, def nvarchar(4000) NULL, sdt smallint, sub smallint NULL, ol int NULL,
    op int, isn varchar(254), ss tinyint NULL)
GO
-- dbo (no default schema to try first) sees dbo.t
INSERT #pk EXEC sp_pkeys @table_name = 't'
SELECT o, n, c, pk FROM #pk
-- expect: o | n | c | pk
-- dbo | t | dbo_id | pk_dbo_t
GO
-- a user whose default schema is app sees app.t first …
TRUNCATE TABLE #pk
EXECUTE AS USER = 'cp_app'
INSERT #pk EXEC sp_pkeys @table_name = 't'
REVERT
SELECT o, n, c, pk FROM #pk
-- expect: o | n | c | pk
-- app | t | app_id | pk_app_t
GO
-- … and dbo's table when app has none of the name; an explicit owner wins
TRUNCATE TABLE #pk
EXECUTE AS USER = 'cp_app'
INSERT #pk EXEC sp_pkeys @table_name = 'only_dbo'
INSERT #pk EXEC sp_pkeys @table_name = 't', @table_owner = 'dbo'
REVERT
SELECT o, n, c, pk FROM #pk ORDER BY n DESC
-- expect: o | n | c | pk
-- dbo | t | dbo_id | pk_dbo_t
-- dbo | only_dbo | k | pk_only_dbo
GO
EXECUTE AS USER = 'cp_app'
INSERT #fk EXEC sp_fkeys @pktable_name = 't'
INSERT #fk EXEC sp_fkeys @fktable_name = 'kid'
REVERT
SELECT po, pt, pc, fo, ft, fc, fk, pk FROM #fk
-- expect: po | pt | pc | fo | ft | fc | fk | pk
-- app | t | app_id | app | kid | app_id | fk_app_kid | pk_app_t
-- app | t | app_id | app | kid | app_id | fk_app_kid | pk_app_t
GO
TRUNCATE TABLE #fk
INSERT #fk EXEC sp_fkeys @pktable_name = 't'
SELECT po, pt, pc, fo, ft, fc, fk, pk FROM #fk
-- expect: po | pt | pc | fo | ft | fc | fk | pk
-- dbo | t | dbo_id | dbo | kid | dbo_id | fk_dbo_kid | pk_dbo_t
GO
EXECUTE AS USER = 'cp_app'
INSERT #st EXEC sp_statistics @table_name = 't'
INSERT #sc EXEC sp_special_columns @table_name = 't'
REVERT
SELECT o, n, i, t, c FROM #st
SELECT c FROM #sc
-- expect: o | n | i | t | c
-- app | t | NULL | 0 | NULL
-- app | t | pk_app_t | 1 | app_id
-- expect: c
-- app_id
GO
EXECUTE AS USER = 'cp_app'
INSERT #col EXEC sp_columns @table_name = 't'
REVERT
SELECT o, n, c FROM #col ORDER BY op
-- expect: o | n | c
-- app | t | app_id
-- app | t | w
GO
-- a pattern matches every owner
TRUNCATE TABLE #col
EXECUTE AS USER = 'cp_app'
INSERT #col EXEC sp_columns @table_name = 't%', @column_name = '%id'
REVERT
SELECT o, n, c FROM #col ORDER BY o
-- expect: o | n | c
-- app | t | app_id
-- dbo | t | dbo_id
GO
