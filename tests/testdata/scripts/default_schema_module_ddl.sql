-- DDL inside a module (issue #5): a one-part name in DROP TABLE, ALTER
-- TABLE, TRUNCATE TABLE and CREATE INDEX … ON resolves in the default
-- schema of the caller (or of the EXECUTE AS clause's user), then dbo —
-- not in the module's schema, which the module's SELECT / INSERT / UPDATE /
-- DELETE use (CREATE PROCEDURE's "Qualifying Names Inside Stored
-- Procedures": "Object names used with all Data Definition Language (DDL)
-- statements … If a schema name is not specified, SQL Server will attempt
-- to resolve the object name first using the default schema of the caller
-- or the user specified in the EXECUTE AS clause and then the dbo schema").
CREATE SCHEMA app
GO
CREATE TABLE dbo.d (k int)
CREATE TABLE app.d (k int)
INSERT dbo.d VALUES (1)
INSERT app.d VALUES (2)
CREATE USER md_app WITHOUT LOGIN WITH DEFAULT_SCHEMA = app
GRANT EXECUTE, SELECT TO md_app
GRANT ALTER ON SCHEMA::app TO md_app
GO
-- The module's own SELECT reads its schema's table …
CREATE PROCEDURE app.read_d AS SELECT k FROM d;
GO
EXEC app.read_d
-- expect: k
-- 2
GO
-- … but its TRUNCATE TABLE empties the caller's (dbo's for dbo)
CREATE PROCEDURE app.trunc_d AS TRUNCATE TABLE d;
GO
EXEC app.trunc_d
SELECT (SELECT COUNT(*) FROM dbo.d) AS dbo_n, (SELECT COUNT(*) FROM app.d) AS app_n
-- expect: dbo_n | app_n
-- 0 | 1
GO
CREATE PROCEDURE app.index_d AS
    CREATE INDEX ix_d ON d (k);
    ALTER TABLE d ADD extra int NULL;
GO
EXEC app.index_d
SELECT OBJECT_SCHEMA_NAME(object_id) AS s FROM sys.indexes WHERE name = 'ix_d'
SELECT OBJECT_SCHEMA_NAME(object_id) AS s FROM sys.columns WHERE name = 'extra'
-- expect: s
-- dbo
-- expect: s
-- dbo
GO
-- A user whose default schema is app, calling a dbo procedure, truncates
-- app.d
INSERT dbo.d (k) VALUES (1)
GO
CREATE PROCEDURE dbo.trunc_d AS TRUNCATE TABLE d;
GO
EXECUTE AS USER = 'md_app'
EXEC dbo.trunc_d
REVERT
SELECT (SELECT COUNT(*) FROM dbo.d) AS dbo_n, (SELECT COUNT(*) FROM app.d) AS app_n
-- expect: dbo_n | app_n
-- 1 | 0
GO
CREATE PROCEDURE app.drop_d AS DROP TABLE d;
GO
EXEC app.drop_d
SELECT SCHEMA_NAME(schema_id) AS s FROM sys.tables WHERE name = 'd'
-- expect: s
-- app
GO
