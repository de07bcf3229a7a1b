-- A database's default collation (CREATE DATABASE … COLLATE) is also the
-- collation of its literals, variables and parameters (coercible-default),
-- of a built-in function's string made from no string, and of its catalog
-- views' names; a column's collation (implicit) still decides over them,
-- and a function of a column keeps the column's (SQL Server's "Collation
-- precedence"). ALTER DATABASE … COLLATE refuses while another object
-- depends on the collation (5075, then 5072).
CREATE DATABASE coll_cs COLLATE Latin1_General_CS_AS;
GO
USE coll_cs;
-- message: Changed database context to 'coll_cs'.
GO
SELECT CASE WHEN 'a' = 'A' THEN 1 ELSE 0 END AS literals, CASE WHEN N'a' = N'A' THEN 1 ELSE 0 END AS nliterals,
  CASE WHEN 'a' = 'A' COLLATE Latin1_General_CI_AS THEN 1 ELSE 0 END AS explicit_ci;
-- expect: literals | nliterals | explicit_ci
-- 0 | 0 | 1
GO
DECLARE @v varchar(10) = 'A';
SELECT CASE WHEN @v = 'a' THEN 1 ELSE 0 END AS var_literal, CASE WHEN CAST(1 AS varchar(5)) + 'b' = '1B' THEN 1 ELSE 0 END AS cast_of_number;
-- expect: var_literal | cast_of_number
-- 0 | 0
GO
SELECT REPLACE('aAa', 'a', 'x') AS rep, CHARINDEX('B', 'abc') AS idx, CASE WHEN 'abc' LIKE 'ABC' THEN 1 ELSE 0 END AS lk;
-- expect: rep | idx | lk
-- xAx | 0 | 0
GO
CREATE TABLE dbo.t (id int NOT NULL, cs varchar(10) NOT NULL, ci varchar(10) COLLATE Latin1_General_CI_AS NOT NULL);
INSERT dbo.t VALUES (1, 'a', 'a'), (2, 'A', 'A');
GO
DECLARE @v varchar(10) = 'a';
SELECT COUNT(*) AS ci_col_var FROM dbo.t WHERE ci = @v;
SELECT COUNT(*) AS cs_col_var FROM dbo.t WHERE cs = @v;
SELECT COUNT(*) AS upper_ci FROM dbo.t WHERE UPPER(ci) = 'a';
SELECT COUNT(*) AS left_ci FROM dbo.t WHERE LEFT(ci, 1) = 'a';
SELECT COUNT(*) AS cast_ci FROM dbo.t WHERE CAST(ci AS nvarchar(10)) = N'a';
SELECT COUNT(*) AS charindex_ci FROM dbo.t WHERE CHARINDEX('A', ci) = 1;
-- expect: ci_col_var
-- 2
-- expect: cs_col_var
-- 1
-- expect: upper_ci
-- 2
-- expect: left_ci
-- 2
-- expect: cast_ci
-- 2
-- expect: charindex_ci
-- 2
GO
-- Identifiers: object and column names compare under the database's
-- collation; variable names under the server's, database names master's.
SELECT * FROM dbo.T;
-- error: 208 Invalid object name 'dbo.T'.
GO
SELECT ID FROM dbo.t;
-- error: 207 Invalid column name 'ID'.
GO
SELECT id FROM DBO.t;
-- error: 208 Invalid object name 'DBO.t'.
GO
DECLARE @Var int = 1;
SELECT @VAR AS v, (SELECT COUNT(*) FROM COLL_CS.dbo.t) AS n;
-- expect: v | n
-- 1 | 2
GO
CREATE VIEW dbo.V AS SELECT 1 AS one;
GO
SELECT one FROM dbo.v;
-- error: 208 Invalid object name 'dbo.v'.
GO
SELECT one FROM dbo.V;
SELECT value FROM STRING_SPLIT('a,A', ',') WHERE value = 'a';
-- expect: one
-- 1
-- expect: value
-- a
GO
SELECT COUNT(*) AS n FROM STRING_SPLIT('a,A', ',') s JOIN dbo.t ON s.value = t.ci;
-- expect: n
-- 4
GO
SELECT COUNT(*) AS n FROM STRING_SPLIT('a,A', ',') s JOIN dbo.t ON s.value = t.ci COLLATE Latin1_General_CS_AS;
-- expect: n
-- 2
GO
SELECT COUNT(*) AS n FROM dbo.t WHERE UPPER(ci) = cs;
-- error: 468 Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AS" in the equal to operation.
GO
CREATE PROCEDURE dbo.p @x varchar(10) AS
  SELECT CASE WHEN @x = 'a' THEN 1 ELSE 0 END AS param_cs, CASE WHEN 'b' = 'B' THEN 1 ELSE 0 END AS literal_cs;
GO
USE master;
EXEC coll_cs.dbo.p 'A';
-- message: Changed database context to 'master'.
-- expect: param_cs | literal_cs
-- 0 | 0
GO
USE coll_cs;
CREATE TABLE dbo.names (colname nvarchar(128) NOT NULL);
INSERT dbo.names VALUES (N't'), (N'T');
SELECT m.colname FROM sys.tables t JOIN dbo.names m ON t.name = m.colname;
SELECT COUNT(*) AS upper_name FROM sys.tables WHERE name = 'T';
SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.names');
-- message: Changed database context to 'coll_cs'.
-- expect: colname
-- t
-- expect: upper_name
-- 0
-- expect: collation_name
-- Latin1_General_CS_AS
GO
SELECT COUNT(*) AS n FROM sys.databases d JOIN dbo.names m ON d.name = m.colname;
-- error: 468 Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "SQL_Latin1_General_CP1_CI_AS" in the equal to operation.
GO
CREATE TABLE dbo.x (id int, doc xml, s varchar(5));
SELECT name, collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.x') ORDER BY column_id;
-- expect: name | collation_name
-- id | NULL
-- doc | NULL
-- s | Latin1_General_CS_AS
GO
CREATE TABLE dbo.chk (n int CONSTRAINT CK_chk_n CHECK (n > 0));
GO
ALTER DATABASE coll_cs COLLATE Latin1_General_CI_AS;
-- error: 5075 The object 'CK_chk_n' is dependent on database collation. The database collation cannot be changed if a schema-bound object depends on it. Remove the dependencies on the database collation and then retry the operation.
-- error: 5072 ALTER DATABASE failed. The default collation of database 'coll_cs' cannot be set to Latin1_General_CI_AS.
GO
DROP TABLE dbo.chk;
CREATE TABLE dbo.comp (n int, twice AS n * 2);
GO
ALTER DATABASE coll_cs COLLATE Latin1_General_CI_AS;
-- error: 5075 The column 'twice' is dependent on database collation. The database collation cannot be changed if a schema-bound object depends on it. Remove the dependencies on the database collation and then retry the operation.
-- error: 5072 ALTER DATABASE failed. The default collation of database 'coll_cs' cannot be set to Latin1_General_CI_AS.
GO
DROP TABLE dbo.comp;
ALTER DATABASE coll_cs COLLATE Latin1_General_CI_AS;
SELECT CASE WHEN 'a' = 'A' THEN 1 ELSE 0 END AS literals_now_ci, (SELECT COUNT(*) FROM sys.tables WHERE name = 'NAMES') AS names_now_ci;
-- expect: literals_now_ci | names_now_ci
-- 1 | 1
GO
USE master;
DROP DATABASE coll_cs;
-- message: Changed database context to 'master'.
GO
