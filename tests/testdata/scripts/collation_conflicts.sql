-- Collation conflicts (Microsoft's "Collation precedence": Explicit X +
-- Explicit Y is an error; Implicit X + Implicit Y is no-collation, which
-- an operation that passes strings on (CASE, IIF, COALESCE, +, CONCAT,
-- UNION ALL) carries for nvarchar, and what needs a collation refuses: a
-- result column 451, a comparison, LIKE or a string function 4191, a
-- varchar result 457 where it is made; UNION, INTERSECT and EXCEPT compare,
-- so 468). A COLLATE on the value resolves it; an assignment takes it.
CREATE TABLE dbo.tt (id int, g nvarchar(10) COLLATE Latin1_General_CI_AI, l nvarchar(10) COLLATE Latin1_General_CS_AS, gv varchar(10) COLLATE Latin1_General_CI_AI, lv varchar(10) COLLATE Latin1_General_CS_AS);
INSERT dbo.tt VALUES (1, N'A', N'a', 'A', 'a');
GO
SELECT CASE WHEN id > 10 THEN g ELSE l END FROM dbo.tt;
-- error: 451 Cannot resolve collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in CASE operator occurring in SELECT statement column 1.
GO
SELECT id FROM dbo.tt WHERE CASE WHEN id > 10 THEN g ELSE l END = N'a';
-- error: 4191 Cannot resolve collation conflict for equal to operation.
GO
SELECT (CASE WHEN id > 10 THEN g ELSE l END) COLLATE Latin1_General_CI_AS AS x FROM dbo.tt;
-- expect: x
-- a
GO
SELECT g FROM dbo.tt UNION SELECT l FROM dbo.tt;
-- error: 468 Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in the UNION operation.
GO
SELECT g FROM dbo.tt UNION ALL SELECT l FROM dbo.tt;
-- error: 451 Cannot resolve collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in UNION ALL operator occurring in SELECT statement column 1.
GO
SELECT gv FROM dbo.tt UNION ALL SELECT lv FROM dbo.tt;
-- error: 457 Implicit conversion of varchar value to varchar cannot be performed because the collation of the value is unresolved due to a collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in UNION ALL operator.
GO
SELECT COUNT(*) AS n FROM (SELECT g AS v FROM dbo.tt UNION ALL SELECT l FROM dbo.tt) d;
-- expect: n
-- 2
GO
SELECT v COLLATE Latin1_General_CS_AS AS v FROM (SELECT g AS v FROM dbo.tt UNION ALL SELECT l FROM dbo.tt) d ORDER BY v;
-- expect: v
-- a
-- A
GO
SELECT 1 AS x WHERE N'a' COLLATE Latin1_General_CI_AS = N'A' COLLATE Latin1_General_CS_AS;
-- error: 468 Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AS" in the equal to operation.
GO
SELECT N'a' COLLATE Latin1_General_CI_AS + N'A' COLLATE Latin1_General_CS_AS AS x;
-- error: 468 Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AS" in the add operation.
GO
SELECT CASE WHEN 1=1 THEN N'a' COLLATE Latin1_General_CI_AS ELSE N'A' COLLATE Latin1_General_CS_AS END AS x;
-- error: 468 Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AS" in the CASE operation.
GO
SELECT g + l FROM dbo.tt;
-- error: 451 Cannot resolve collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in add operator occurring in SELECT statement column 1.
GO
SELECT gv + lv FROM dbo.tt;
-- error: 457 Implicit conversion of varchar value to varchar cannot be performed because the collation of the value is unresolved due to a collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in add operator.
GO
SELECT id FROM dbo.tt ORDER BY g + l;
-- error: 451 Cannot resolve collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in add operator occurring in ORDER BY statement column 1.
GO
SELECT UPPER(g + l) AS u FROM dbo.tt;
-- error: 4191 Cannot resolve collation conflict for upper operation.
GO
SELECT id FROM dbo.tt WHERE g + l LIKE N'a%';
-- error: 4191 Cannot resolve collation conflict for like operation.
GO
SELECT CONCAT(g, l) FROM dbo.tt;
-- error: 451 Cannot resolve collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in concat operator occurring in SELECT statement column 1.
GO
SELECT COALESCE(g, l) FROM dbo.tt;
-- error: 451 Cannot resolve collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in CASE operator occurring in SELECT statement column 1.
GO
SELECT COALESCE(gv, lv) FROM dbo.tt;
-- error: 457 Implicit conversion of varchar value to varchar cannot be performed because the collation of the value is unresolved due to a collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in CASE operator.
GO
SELECT REPLACE(g, l, N'x') AS r FROM dbo.tt;
-- error: 468 Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in the replace operation.
GO
DECLARE @v nvarchar(20); SELECT @v = g + l FROM dbo.tt; SELECT @v AS v;
-- expect: v
-- Aa
GO
CREATE TABLE dbo.t2 (v nvarchar(20));
INSERT dbo.t2 SELECT g + l FROM dbo.tt;
SELECT v FROM dbo.t2;
-- expect: v
-- Aa
GO
-- A function that needs no collation answers.
SELECT DATALENGTH(g + l) AS n FROM dbo.tt;
-- expect: n
-- 4
GO
SELECT g + l AS v INTO dbo.t3 FROM dbo.tt;
-- error: 451 Cannot resolve collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in add operator occurring in SELECT statement column 1.
GO
SELECT IIF(id > 0, g, l COLLATE Latin1_General_BIN2) AS v FROM dbo.tt;
-- expect: v
-- A
GO
SELECT id FROM dbo.tt WHERE g = l;
-- error: 468 Cannot resolve the collation conflict between "Latin1_General_CS_AS" and "Latin1_General_CI_AI" in the equal to operation.
GO
SELECT id FROM dbo.tt WHERE g + l = N'aA' COLLATE Latin1_General_CI_AS;
-- expect: id
-- 1
GO
