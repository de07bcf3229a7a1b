-- Object names in a case-sensitive database compare under its collation,
-- as SQL Server's system tables do ("Collation and Unicode support":
-- identifiers of a database's objects take the database's collation; the
-- unique index on sys.sysschobjs is on the name under it). T and t are two
-- tables there, and so are procedures, functions, types, views, sequences
-- and constraints whose names differ only in case; a case-insensitive
-- database keeps 2714. Variables and #temp tables follow the server's
-- collation (tempdb), case-insensitive here. Made case-insensitive, a
-- database holding T and t fails with 1505 on sysschobjs and 5072.
CREATE DATABASE ident_cs COLLATE Latin1_General_CS_AS;
GO
USE ident_cs;
CREATE TABLE dbo.T (id int NOT NULL, Name varchar(10) NULL);
CREATE TABLE dbo.t (id int NOT NULL, name varchar(10) NULL);
INSERT dbo.T (id, Name) VALUES (1, 'upper');
INSERT dbo.t (id, name) VALUES (2, 'lower');
SELECT id, Name FROM dbo.T;
SELECT id, name FROM dbo.t;
SELECT COUNT(*) AS tables FROM sys.tables;
-- message: Changed database context to 'ident_cs'.
-- expect: id | Name
-- 1 | upper
-- expect: id | name
-- 2 | lower
-- expect: tables
-- 2
GO
SELECT CASE WHEN OBJECT_ID('dbo.T') <> OBJECT_ID('dbo.t') THEN 1 ELSE 0 END AS distinct_ids, OBJECT_ID('dbo.tT') AS none;
-- expect: distinct_ids | none
-- 1 | NULL
GO
INSERT dbo.t (id, Name) VALUES (3, 'x');
-- error: 207 Invalid column name 'Name'.
GO
CREATE TABLE dbo.T (x int);
-- error: 2714 There is already an object named 'T' in the database.
GO
CREATE PROCEDURE dbo.P AS SELECT 'P' AS which;
GO
CREATE PROCEDURE dbo.p AS SELECT 'p' AS which;
GO
EXEC dbo.P;
EXEC dbo.p;
-- expect: which
-- P
-- expect: which
-- p
GO
EXEC dbo.Pp;
-- error: 2812 Could not find stored procedure 'dbo.Pp'.
GO
CREATE FUNCTION dbo.F () RETURNS int AS BEGIN RETURN 1 END;
GO
CREATE FUNCTION dbo.f () RETURNS int AS BEGIN RETURN 2 END;
GO
SELECT dbo.F() AS upper_f, dbo.f() AS lower_f;
-- expect: upper_f | lower_f
-- 1 | 2
GO
CREATE TYPE dbo.Code FROM varchar(3);
CREATE TYPE dbo.code FROM varchar(7);
GO
DECLARE @a dbo.Code = 'abcdefg', @b dbo.code = 'abcdefg';
SELECT @a AS a, @b AS b;
-- expect: a | b
-- abc | abcdefg
GO
CREATE VIEW dbo.V AS SELECT 'V' AS which;
GO
CREATE VIEW dbo.v AS SELECT 'v' AS which;
GO
SELECT which FROM dbo.V UNION ALL SELECT which FROM dbo.v;
-- expect: which
-- V
-- v
GO
CREATE SEQUENCE dbo.S START WITH 10;
CREATE SEQUENCE dbo.s START WITH 20;
GO
SELECT NEXT VALUE FOR dbo.S AS upper_s, NEXT VALUE FOR dbo.s AS lower_s;
-- expect: upper_s | lower_s
-- 10 | 20
GO
ALTER TABLE dbo.T ADD CONSTRAINT PK_T PRIMARY KEY (id);
ALTER TABLE dbo.t ADD CONSTRAINT pk_t PRIMARY KEY (id);
SELECT name FROM sys.key_constraints ORDER BY name COLLATE Latin1_General_BIN;
-- expect: name
-- PK_T
-- pk_t
GO
DECLARE @Var int = 1;
SELECT @VAR AS var_ci;
CREATE TABLE #Tmp (a int);
INSERT #tmp VALUES (5);
SELECT a FROM #TMP;
DROP TABLE #tmp;
-- expect: var_ci
-- 1
-- expect: a
-- 5
GO
EXEC sp_rename 'dbo.t', 'lower_t';
SELECT name FROM sys.tables ORDER BY name COLLATE Latin1_General_BIN;
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- expect: name
-- T
-- lower_t
GO
EXEC sp_rename 'dbo.lower_t', 't';
DROP TABLE dbo.T;
SELECT name FROM sys.tables;
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- expect: name
-- t
GO
CREATE TABLE dbo.T (id int);
GO
ALTER DATABASE ident_cs COLLATE Latin1_General_CI_AS;
-- error: 1505 The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name 'dbo.sysschobjs' and the index name 'nc1'. The duplicate key value is (0, 1, t).
-- error: 5072 ALTER DATABASE failed. The default collation of database 'ident_cs' cannot be set to Latin1_General_CI_AS.
GO
DROP TABLE dbo.T;
DROP VIEW dbo.V;
DROP PROCEDURE dbo.P;
DROP FUNCTION dbo.F;
DROP SEQUENCE dbo.S;
DROP TYPE dbo.Code;
ALTER DATABASE ident_cs COLLATE Latin1_General_CI_AS;
SELECT COUNT(*) AS found FROM dbo.T;
EXEC dbo.P;
SELECT dbo.F() AS f;
-- expect: found
-- 1
-- expect: which
-- p
-- expect: f
-- 2
GO
-- A view Kv beside a table kv: tables, views, procedures, functions,
-- triggers, sequences and synonyms share one name space, so 1505 too.
ALTER DATABASE ident_cs COLLATE Latin1_General_CS_AS;
GO
CREATE VIEW dbo.Kv AS SELECT 1 AS x;
GO
CREATE TABLE dbo.kv (id int);
ALTER DATABASE ident_cs COLLATE Latin1_General_CI_AS;
-- error: 1505 The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name 'dbo.sysschobjs' and the index name 'nc1'. The duplicate key value is (0, 1, kv).
-- error: 5072 ALTER DATABASE failed. The default collation of database 'ident_cs' cannot be set to Latin1_General_CI_AS.
GO
SELECT x FROM dbo.Kv;
DROP VIEW dbo.Kv;
DROP TABLE dbo.kv;
ALTER DATABASE ident_cs COLLATE Latin1_General_CI_AS;
-- expect: x
-- 1
GO
CREATE TABLE dbo.T (x int);
-- error: 2714 There is already an object named 'T' in the database.
GO
USE master;
DROP DATABASE ident_cs;
-- message: Changed database context to 'master'.
GO
