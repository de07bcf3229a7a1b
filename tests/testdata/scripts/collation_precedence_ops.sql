-- Collation precedence through CASE, IIF, COALESCE, set operations and
-- string concatenation (Microsoft's "Collation precedence"): the result
-- takes its strongest operand's collation and label — explicit over
-- implicit (a column) over coercible-default (a literal, a variable) —
-- and the comparison that follows uses it. In a Latin1_General_CS_AS
-- database a literal is case-sensitive, a Latin1_General_CI_AS column is
-- not, and the column decides.
CREATE DATABASE prec_cs COLLATE Latin1_General_CS_AS;
GO
USE prec_cs;
CREATE TABLE dbo.t (id int NOT NULL, cs varchar(10) NOT NULL, ci varchar(10) COLLATE Latin1_General_CI_AS NOT NULL);
INSERT dbo.t VALUES (1, 'a', 'a'), (2, 'A', 'A');
-- message: Changed database context to 'prec_cs'.
GO
SELECT COUNT(*) AS n FROM dbo.t WHERE CASE WHEN id > 0 THEN 'x' ELSE ci END = 'X';
-- expect: n
-- 2
GO
SELECT COUNT(*) AS n FROM dbo.t WHERE IIF(id > 0, 'x', ci) = 'X';
-- expect: n
-- 2
GO
SELECT COUNT(*) AS n FROM dbo.t WHERE COALESCE(NULL, ci) = 'A';
-- expect: n
-- 2
GO
SELECT COUNT(*) AS n FROM dbo.t WHERE '' + ci = 'A';
-- expect: n
-- 2
GO
SELECT COUNT(*) AS n FROM dbo.t WHERE '' + cs = 'A';
-- expect: n
-- 1
GO
SELECT COUNT(*) AS n FROM (SELECT 'x' AS v UNION ALL SELECT ci FROM dbo.t) u WHERE v = 'X';
-- expect: n
-- 1
GO
SELECT COUNT(*) AS n FROM (SELECT 'X' AS v UNION SELECT ci FROM dbo.t) u;
-- expect: n
-- 2
GO
SELECT COUNT(*) AS n FROM dbo.t WHERE CASE WHEN id > 0 THEN 'x' ELSE ci END = cs;
-- error: 468 Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AS" in the equal to operation.
GO
SELECT COUNT(*) AS n FROM dbo.t WHERE CASE WHEN id > 0 THEN ci COLLATE Latin1_General_CS_AS ELSE 'x' END = 'A';
-- expect: n
-- 1
GO
-- Two calls under two collations in one row: each compares under its own
-- (the statement's one collated funcs.Context is made again for each).
SELECT id, CHARINDEX('A', ci) AS ci_at, CHARINDEX('A', cs) AS cs_at, REPLACE(ci, 'A', 'x') AS ci_r, REPLACE(cs, 'A', 'x') AS cs_r FROM dbo.t ORDER BY id;
-- expect: id | ci_at | cs_at | ci_r | cs_r
-- 1 | 1 | 0 | x | a
-- 2 | 1 | 1 | x | x
GO
USE master;
DROP DATABASE prec_cs;
-- message: Changed database context to 'master'.
GO
