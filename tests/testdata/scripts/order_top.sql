-- ORDER BY, TOP, OFFSET/FETCH.
CREATE TABLE dbo.o (id int PRIMARY KEY, score int NULL, name varchar(10))
INSERT dbo.o VALUES (1, 50, 'e'), (2, 70, 'd'), (3, 70, 'c'), (4, NULL, 'b'), (5, 90, 'a')
GO
SELECT TOP 2 id FROM dbo.o ORDER BY score DESC, id
-- expect: id
-- 5
-- 2
GO
SELECT COUNT(*) AS n FROM (SELECT TOP 2 WITH TIES id FROM dbo.o ORDER BY score DESC) AS t
-- expect: n
-- 3
GO
SELECT TOP (3) WITH TIES name FROM dbo.o ORDER BY score DESC, name
-- expect: name
-- a
-- c
-- d
GO
SELECT TOP 40 PERCENT id FROM dbo.o ORDER BY id
-- expect: id
-- 1
-- 2
GO
DECLARE @n int = 1
SELECT TOP (@n) name FROM dbo.o ORDER BY name
-- expect: name
-- a
GO
SELECT id FROM dbo.o ORDER BY id OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY
-- expect: id
-- 2
-- 3
GO
SELECT id FROM dbo.o ORDER BY id OFFSET 4 ROWS
-- expect: id
-- 5
GO
SELECT id FROM dbo.o ORDER BY id OFFSET 10 ROWS
-- expect: id
GO
SELECT id, score FROM dbo.o ORDER BY score, id
-- expect: id | score
-- 4 | NULL
-- 1 | 50
-- 2 | 70
-- 3 | 70
-- 5 | 90
GO
SELECT name, score FROM dbo.o ORDER BY 2 DESC, 1
-- expect: name | score
-- a | 90
-- c | 70
-- d | 70
-- e | 50
-- b | NULL
GO
SELECT id AS k FROM dbo.o ORDER BY k DESC OFFSET 0 ROWS FETCH FIRST 1 ROW ONLY
-- expect: k
-- 5
GO
SELECT id FROM dbo.o ORDER BY CASE WHEN name IN ('a', 'b') THEN 0 ELSE 1 END, id
-- expect: id
-- 4
-- 5
-- 1
-- 2
-- 3
GO
SELECT TOP 1 id FROM dbo.o ORDER BY id OFFSET 1 ROWS
-- error: 10741 A TOP can not be used in the same query or sub-query as a OFFSET.
GO
