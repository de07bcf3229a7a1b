-- Joins: inner, outer, full, cross, APPLY.
CREATE TABLE dbo.a (id int PRIMARY KEY, v varchar(10))
CREATE TABLE dbo.b (id int PRIMARY KEY, a_id int NULL, w varchar(10))
INSERT dbo.a VALUES (1, 'one'), (2, 'two'), (3, 'three')
INSERT dbo.b VALUES (10, 1, 'x'), (11, 1, 'y'), (12, 2, 'z'), (13, 9, 'orphan'), (14, NULL, 'none')
GO
SELECT a.id, b.w FROM dbo.a AS a INNER JOIN dbo.b AS b ON b.a_id = a.id ORDER BY a.id, b.w
-- expect: id | w
-- 1 | x
-- 1 | y
-- 2 | z
GO
SELECT a.id, b.w FROM dbo.a a LEFT JOIN dbo.b b ON b.a_id = a.id ORDER BY a.id, b.w
-- expect: id | w
-- 1 | x
-- 1 | y
-- 2 | z
-- 3 | NULL
GO
SELECT a.id, b.w FROM dbo.a a RIGHT OUTER JOIN dbo.b b ON b.a_id = a.id ORDER BY b.id
-- expect: id | w
-- 1 | x
-- 1 | y
-- 2 | z
-- NULL | orphan
-- NULL | none
GO
SELECT a.id, b.id AS bid FROM dbo.a a FULL OUTER JOIN dbo.b b ON b.a_id = a.id ORDER BY ISNULL(a.id, 99), b.id
-- expect: id | bid
-- 1 | 10
-- 1 | 11
-- 2 | 12
-- 3 | NULL
-- NULL | 13
-- NULL | 14
GO
SELECT COUNT(*) AS n FROM dbo.a CROSS JOIN dbo.b
-- expect: n
-- 15
GO
SELECT a.id, x.w FROM dbo.a a CROSS APPLY (SELECT TOP 1 b.w FROM dbo.b b WHERE b.a_id = a.id ORDER BY b.w DESC) AS x ORDER BY a.id
-- expect: id | w
-- 1 | y
-- 2 | z
GO
SELECT a.id, x.cnt FROM dbo.a a OUTER APPLY (SELECT COUNT(*) AS cnt FROM dbo.b b WHERE b.a_id = a.id) AS x ORDER BY a.id
-- expect: id | cnt
-- 1 | 2
-- 2 | 1
-- 3 | 0
GO
SELECT a.id, x.w FROM dbo.a a OUTER APPLY (SELECT b.w FROM dbo.b b WHERE b.a_id = a.id AND b.w > 'x') AS x ORDER BY a.id, x.w
-- expect: id | w
-- 1 | y
-- 2 | z
-- 3 | NULL
GO
-- ON versus WHERE for outer joins
SELECT a.id, b.w FROM dbo.a a LEFT JOIN dbo.b b ON b.a_id = a.id AND b.w = 'x' ORDER BY a.id
-- expect: id | w
-- 1 | x
-- 2 | NULL
-- 3 | NULL
GO
SELECT a.id, b.w FROM dbo.a a LEFT JOIN dbo.b b ON b.a_id = a.id WHERE b.w = 'x'
-- expect: id | w
-- 1 | x
GO
SELECT a1.id, a2.id AS id2 FROM dbo.a a1 JOIN dbo.a a2 ON a2.id = a1.id + 1 ORDER BY a1.id
-- expect: id | id2
-- 1 | 2
-- 2 | 3
GO
SELECT a.v, b.w, c.v AS v2 FROM dbo.a a JOIN dbo.b b ON b.a_id = a.id JOIN dbo.a c ON c.id = a.id WHERE b.id = 12
-- expect: v | w | v2
-- two | z | two
GO
SELECT t.n, u.m FROM (VALUES (1), (2)) AS t(n) CROSS JOIN (VALUES ('p'), ('q')) AS u(m) ORDER BY t.n, u.m
-- expect: n | m
-- 1 | p
-- 1 | q
-- 2 | p
-- 2 | q
GO
SELECT id FROM dbo.a, dbo.b
-- error: 209 Ambiguous column name 'id'.
GO
