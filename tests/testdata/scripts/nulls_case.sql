-- Three-valued logic, NULL functions, CASE/IIF/CHOOSE.
SELECT CASE WHEN NULL = NULL THEN 1 ELSE 0 END AS eq, CASE WHEN NULL IS NULL THEN 1 ELSE 0 END AS isnull_,
       CASE WHEN NOT (NULL = 1) THEN 1 ELSE 0 END AS notnull, CASE WHEN NULL = 1 OR 1 = 1 THEN 1 ELSE 0 END AS orr,
       CASE WHEN NULL = 1 AND 1 = 0 THEN 0 WHEN NOT (NULL = 1 AND 1 = 0) THEN 1 ELSE 2 END AS andd
-- expect: eq | isnull_ | notnull | orr | andd
-- 0 | 1 | 0 | 1 | 1
GO
SELECT ISNULL(NULL, 5) AS i, COALESCE(NULL, NULL, 3) AS c, NULLIF(1, 1) AS n1, NULLIF(1, 2) AS n2
-- expect: i | c | n1 | n2
-- 5 | 3 | NULL | 1
GO
SELECT COALESCE(NULL, 'x') AS cx
-- expect: cx
-- x
GO
SELECT 1 AS hit WHERE 1 NOT IN (2, NULL)
-- expect: hit
GO
SELECT 1 AS hit WHERE 1 IN (1, NULL)
-- expect: hit
-- 1
GO
CREATE TABLE dbo.n (id int PRIMARY KEY, v int NULL)
INSERT dbo.n VALUES (1, 10), (2, NULL), (3, 30)
GO
SELECT COUNT(*) AS cnt_star, COUNT(v) AS cnt_v, SUM(v) AS s, AVG(v) AS a, MIN(v) AS mn, MAX(v) AS mx FROM dbo.n
-- expect: cnt_star | cnt_v | s | a | mn | mx
-- 3 | 2 | 40 | 20 | 10 | 30
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT SUM(v) AS s FROM dbo.n WHERE v IS NULL
-- expect: s
-- NULL
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT SUM(v) AS s, COUNT(*) AS c FROM dbo.n WHERE id > 100
-- expect: s | c
-- NULL | 0
GO
SELECT id, CASE v WHEN 10 THEN 'ten' WHEN 30 THEN 'thirty' END AS simple,
       CASE WHEN v > 15 THEN 'big' WHEN v IS NULL THEN 'none' ELSE 'small' END AS searched FROM dbo.n ORDER BY id
-- expect: id | simple | searched
-- 1 | ten | small
-- 2 | NULL | none
-- 3 | thirty | big
GO
SELECT IIF(1 > 2, 'a', 'b') AS iif_, CHOOSE(2, 'a', 'b', 'c') AS ch, CHOOSE(4, 'a', 'b') AS choose_out
-- expect: iif_ | ch | choose_out
-- b | b | NULL
GO
SELECT id FROM dbo.n WHERE v <> 10 ORDER BY id
-- expect: id
-- 3
GO
SELECT id FROM dbo.n ORDER BY v, id
-- expect: id
-- 2
-- 1
-- 3
GO
SELECT id FROM dbo.n ORDER BY v DESC
-- expect: id
-- 3
-- 1
-- 2
GO
SET ANSI_WARNINGS OFF
SELECT SUM(v) AS s FROM dbo.n
SET ANSI_WARNINGS ON
-- expect: s
-- 40
GO
SELECT COUNT(*) AS c, SUM(v) AS s FROM dbo.n WHERE v IS NOT NULL
-- expect: c | s
-- 2 | 40
GO
