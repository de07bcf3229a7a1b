-- Set-oriented execution paths (issue #5, performance): projected scans,
-- adaptive join (point reads, then a hash join past 1,024 outer rows), hash
-- joins, grouping, external sort with OFFSET / WITH TIES / PERCENT, and DML
-- reading full rows after projected SELECTs. Expected values computed
-- independently from the data's definition.
CREATE TABLE dbo.dg (n int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.qp1 (id int NOT NULL PRIMARY KEY, k int NULL, v int NOT NULL, pad varchar(10) NOT NULL)
CREATE TABLE dbo.qp2 (id int NOT NULL PRIMARY KEY, v int NOT NULL)
INSERT dbo.dg VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)
GO
INSERT dbo.qp1 (id, k, v, pad)
SELECT x.id, CASE WHEN x.id % 97 = 0 THEN NULL ELSE (x.id * 7) % 3000 END, x.id % 13, 'p' + CAST(x.id % 50 AS varchar(10))
FROM (SELECT a.n * 1000 + b.n * 100 + c.n * 10 + e.n AS id FROM dbo.dg a CROSS JOIN dbo.dg b CROSS JOIN dbo.dg c CROSS JOIN dbo.dg e WHERE a.n < 5) AS x
INSERT dbo.qp2 (id, v)
SELECT a.n * 1000 + b.n * 100 + c.n * 10 + e.n, (a.n * 1000 + b.n * 100 + c.n * 10 + e.n) / 10
FROM dbo.dg a CROSS JOIN dbo.dg b CROSS JOIN dbo.dg c CROSS JOIN dbo.dg e WHERE a.n < 2
GO
SELECT COUNT(*) AS n, SUM(t2.v) AS s FROM dbo.qp1 t1 JOIN dbo.qp2 t2 ON t2.id = t1.k
-- expect: n | s
-- 3392 | 337530
GO
SELECT COUNT(*) AS n, COUNT(t2.id) AS matched, SUM(CASE WHEN t2.id IS NULL THEN 1 ELSE 0 END) AS unmatched
FROM dbo.qp1 t1 LEFT JOIN dbo.qp2 t2 ON t2.id = t1.k
-- expect: n | matched | unmatched
-- 5000 | 3392 | 1608
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT COUNT(*) AS n, SUM(t1.id) AS s FROM dbo.qp1 t1 JOIN dbo.qp2 t2 ON t2.id = t1.k AND t2.v > 100 AND t1.v < 5
-- expect: n | s
-- 649 | 1676744
GO
SELECT TOP 3 t1.v, COUNT(*) AS n, SUM(t2.v) AS s FROM dbo.qp1 t1 JOIN dbo.qp2 t2 ON t2.id = t1.k GROUP BY t1.v ORDER BY t1.v
-- expect: v | n | s
-- 0 | 263 | 25543
-- 1 | 260 | 25245
-- 2 | 263 | 25900
GO
SELECT COUNT(*) AS n FROM dbo.qp2 t2 JOIN dbo.qp1 t1 ON t1.k = t2.id
-- expect: n
-- 3392
GO
SELECT COUNT(*) AS n, SUM(id) AS s FROM dbo.qp1 t1 WHERE EXISTS (SELECT 1 FROM dbo.qp2 t2 WHERE t2.id = t1.k AND t2.v = t1.v)
-- expect: n | s
-- 40 | 108735
GO
SELECT TOP 3 id FROM dbo.qp1 ORDER BY pad DESC, id
-- expect: id
-- 9
-- 59
-- 109
GO
SELECT id FROM dbo.qp1 ORDER BY pad, id OFFSET 4997 ROWS
-- expect: id
-- 4859
-- 4909
-- 4959
GO
SELECT COUNT(*) AS n FROM (SELECT TOP 2 WITH TIES id FROM dbo.qp1 WHERE id < 200 ORDER BY v) AS x
-- expect: n
-- 16
GO
SELECT COUNT(*) AS n FROM (SELECT TOP 10 PERCENT id FROM dbo.qp1 ORDER BY v) AS x
-- expect: n
-- 500
GO
SELECT * FROM dbo.qp1 WHERE id = 97
-- expect: id | k | v | pad
-- 97 | NULL | 6 | p47
GO
UPDATE dbo.qp1 SET v = v + 100 WHERE id = 5
SELECT id, k, v, pad FROM dbo.qp1 WHERE id = 5
-- expect: id | k | v | pad
-- 5 | 35 | 105 | p5
GO
DECLARE @t TABLE (a int, b varchar(10))
INSERT @t SELECT id, pad FROM dbo.qp1 WHERE id < 3
SELECT b FROM @t WHERE a = 2
-- expect: b
-- p2
GO
