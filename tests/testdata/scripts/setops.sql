-- UNION, UNION ALL, EXCEPT, INTERSECT.
CREATE TABLE dbo.x (n int)
CREATE TABLE dbo.y (n int)
INSERT dbo.x VALUES (1), (2), (2), (3), (NULL)
INSERT dbo.y VALUES (2), (3), (4), (NULL)
GO
SELECT n FROM dbo.x UNION SELECT n FROM dbo.y ORDER BY n
-- expect: n
-- NULL
-- 1
-- 2
-- 3
-- 4
GO
SELECT n FROM dbo.x UNION ALL SELECT n FROM dbo.y ORDER BY n
-- expect: n
-- NULL
-- NULL
-- 1
-- 2
-- 2
-- 2
-- 3
-- 3
-- 4
GO
SELECT n FROM dbo.x EXCEPT SELECT n FROM dbo.y ORDER BY n
-- expect: n
-- 1
GO
SELECT n FROM dbo.x INTERSECT SELECT n FROM dbo.y ORDER BY n
-- expect: n
-- NULL
-- 2
-- 3
GO
-- INTERSECT binds tighter than UNION and EXCEPT
SELECT 1 AS v UNION SELECT 2 INTERSECT SELECT 3 ORDER BY v
-- expect: v
-- 1
GO
SELECT 1 AS v EXCEPT SELECT 2 UNION SELECT 2 ORDER BY v
-- expect: v
-- 1
-- 2
GO
SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, 'y'
-- expect: a | b
-- 1 | x
-- 2 | y
GO
SELECT 1 AS a UNION SELECT 1, 2
-- error: 205 All queries combined using a UNION, INTERSECT or EXCEPT operator must have an equal number of expressions in their target lists.
GO
SELECT 1 AS a UNION ALL SELECT 2.5 ORDER BY a
-- expect: a
-- 1.0
-- 2.5
GO
SELECT COUNT(*) AS c FROM (SELECT n FROM dbo.x UNION SELECT n FROM dbo.y) AS u
-- expect: c
-- 5
GO
