-- A subquery in the select list of a grouped query may use a group key
-- that is an expression, written as in the GROUP BY: it reads the group's
-- value (sp_WhoIsActive's @get_locks XML nests three such levels).
CREATE TABLE dbo.l (s int, o sysname NULL, m varchar(10))
INSERT dbo.l VALUES (1, 'x', 'S'), (1, NULL, 'X'), (1, 'x', 'X'), (2, 'y', 'S')
SELECT COALESCE(l3.o, '(null)') AS n,
    (SELECT COUNT(*) FROM dbo.l AS l4 WHERE COALESCE(l3.o, '(null)') = COALESCE(l4.o, '(null)')) AS c
FROM dbo.l AS l3 GROUP BY COALESCE(l3.o, '(null)') ORDER BY n
-- expect: n | c
-- (null) | 1
-- x | 2
-- y | 1
GO
-- Three levels, as sp_WhoIsActive nests them: the innermost subquery reads
-- the middle query's expression key, the middle one the outer's plain key.
SELECT l1.s,
    (SELECT COALESCE(l3.o, '(null)') + ':' + CONVERT(varchar(10),
        (SELECT COUNT(*) FROM dbo.l AS l4
         WHERE l4.s = l3.s AND COALESCE(l3.o, '(null)') = COALESCE(l4.o, '(null)') AND l4.m = 'X')) + ';'
     FROM dbo.l AS l3 WHERE l3.s = l1.s
     GROUP BY l3.s, COALESCE(l3.o, '(null)') ORDER BY COALESCE(l3.o, '(null)') FOR XML PATH('')) AS objs
FROM dbo.l AS l1 GROUP BY l1.s ORDER BY l1.s
-- expect: s | objs
-- 1 | (null):1;x:1;
-- 2 | y:0;
GO
-- A CASE key, read inside the subquery's WHERE and select list.
SELECT CASE WHEN g.o IS NULL THEN 'none' ELSE 'some' END AS k,
    (SELECT MAX(h.m) FROM dbo.l AS h WHERE CASE WHEN h.o IS NULL THEN 'none' ELSE 'some' END = CASE WHEN g.o IS NULL THEN 'none' ELSE 'some' END) AS top_m
FROM dbo.l AS g GROUP BY CASE WHEN g.o IS NULL THEN 'none' ELSE 'some' END ORDER BY k
-- expect: k | top_m
-- none | X
-- some | X
GO
-- The inner query's own alias wins: COALESCE(l3.o, …) written inside a
-- subquery whose FROM is named l3 is that table's column, not the key.
SELECT COALESCE(l3.o, '(null)') AS n,
    (SELECT COUNT(*) FROM dbo.l AS l3 WHERE COALESCE(l3.o, '(null)') = 'x') AS c
FROM dbo.l AS l3 GROUP BY COALESCE(l3.o, '(null)') ORDER BY n
-- expect: n | c
-- (null) | 2
-- x | 2
-- y | 2
GO
