-- SQL Server 2022 window additions (issue #5): the WINDOW clause (named
-- windows, OVER w and OVER (w …), windows built on other windows) and
-- IGNORE NULLS / RESPECT NULLS for FIRST_VALUE, LAST_VALUE, LAG and LEAD.
-- Each named-window query is checked against the same query with its
-- OVER clauses written out.
CREATE TABLE dbo.sales (id int, region varchar(10), amount int NULL)
INSERT dbo.sales VALUES (1, 'east', 10), (2, 'east', NULL), (3, 'east', 30), (4, 'west', NULL), (5, 'west', 50), (6, 'west', 60), (7, 'east', NULL)
GO
SELECT id, ROW_NUMBER() OVER w AS rn, SUM(amount) OVER w AS running, COUNT(*) OVER w AS n
FROM dbo.sales
WINDOW w AS (PARTITION BY region ORDER BY id)
ORDER BY id
-- expect: id | rn | running | n
-- 1 | 1 | 10 | 1
-- 2 | 2 | 10 | 2
-- 3 | 3 | 40 | 3
-- 4 | 1 | NULL | 1
-- 5 | 2 | 50 | 2
-- 6 | 3 | 110 | 3
-- 7 | 4 | 40 | 4
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT id, ROW_NUMBER() OVER (PARTITION BY region ORDER BY id) AS rn, SUM(amount) OVER (PARTITION BY region ORDER BY id) AS running,
       COUNT(*) OVER (PARTITION BY region ORDER BY id) AS n
FROM dbo.sales ORDER BY id
-- expect: id | rn | running | n
-- 1 | 1 | 10 | 1
-- 2 | 2 | 10 | 2
-- 3 | 3 | 40 | 3
-- 4 | 1 | NULL | 1
-- 5 | 2 | 50 | 2
-- 6 | 3 | 110 | 3
-- 7 | 4 | 40 | 4
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
-- A window that starts from another, an OVER clause that adds ORDER BY and a frame to a partition-only window.
SELECT id, SUM(amount) OVER (p) AS total, SUM(amount) OVER (p ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair,
       RANK() OVER o AS rnk, MAX(amount) OVER o AS mx
FROM dbo.sales
WINDOW o AS (p ORDER BY amount DESC), p AS (PARTITION BY region)
ORDER BY id
-- expect: id | total | pair | rnk | mx
-- 1 | 40 | 10 | 2 | 30
-- 2 | 40 | 10 | 3 | 30
-- 3 | 40 | 30 | 1 | 30
-- 4 | 110 | NULL | 3 | 60
-- 5 | 110 | 50 | 2 | 60
-- 6 | 110 | 110 | 1 | 60
-- 7 | 40 | 30 | 3 | 30
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT region, COUNT(*) AS n, SUM(COUNT(*)) OVER win AS all_rows
FROM dbo.sales GROUP BY region HAVING COUNT(*) > 0
WINDOW win AS (ORDER BY region ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
ORDER BY region
-- expect: region | n | all_rows
-- east | 4 | 7
-- west | 3 | 7
GO
SELECT id, FIRST_VALUE(amount) OVER w AS fv, FIRST_VALUE(amount) IGNORE NULLS OVER w AS fv_in,
       LAST_VALUE(amount) OVER w AS lv, LAST_VALUE(amount) IGNORE NULLS OVER w AS lv_in, LAST_VALUE(amount) RESPECT NULLS OVER w AS lv_rn
FROM dbo.sales
WINDOW w AS (ORDER BY id DESC ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)
ORDER BY id
-- expect: id | fv | fv_in | lv | lv_in | lv_rn
-- 1 | 10 | 10 | 10 | 10 | 10
-- 2 | NULL | 10 | 10 | 10 | 10
-- 3 | 30 | 30 | 10 | 10 | 10
-- 4 | NULL | 30 | 10 | 10 | 10
-- 5 | 50 | 50 | 10 | 10 | 10
-- 6 | 60 | 60 | 10 | 10 | 10
-- 7 | NULL | 60 | 10 | 10 | 10
GO
SELECT id, LAG(amount) OVER (ORDER BY id) AS lag1, LAG(amount) IGNORE NULLS OVER (ORDER BY id) AS lag_in,
       LEAD(amount, 1, -1) IGNORE NULLS OVER (ORDER BY id) AS lead_in, LAG(amount, 2) IGNORE NULLS OVER (ORDER BY id) AS lag2_in,
       LEAD(amount) RESPECT NULLS OVER (ORDER BY id) AS lead_rn
FROM dbo.sales ORDER BY id
-- expect: id | lag1 | lag_in | lead_in | lag2_in | lead_rn
-- 1 | NULL | NULL | 30 | NULL | NULL
-- 2 | 10 | 10 | 30 | NULL | 30
-- 3 | NULL | 10 | 50 | NULL | NULL
-- 4 | 30 | 30 | 50 | 10 | 50
-- 5 | NULL | 30 | 60 | 10 | 60
-- 6 | 50 | 50 | -1 | 30 | NULL
-- 7 | 60 | 60 | -1 | 50 | NULL
GO
-- "window" stays usable as an alias and a column name.
SELECT window.id FROM dbo.sales AS window WHERE window.id = 1
-- expect: id
-- 1
GO
SELECT id, SUM(amount) OVER nope FROM dbo.sales
-- error: 102 Incorrect syntax near 'nope'.
GO
SELECT id, ROW_NUMBER() IGNORE NULLS OVER (ORDER BY id) FROM dbo.sales
-- error: 102 Incorrect syntax near 'IGNORE'.
GO
SELECT UPPER(region) IGNORE NULLS FROM dbo.sales
-- error: 102 Incorrect syntax near 'IGNORE'.
GO
DROP TABLE dbo.sales
GO
