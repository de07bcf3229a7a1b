-- GROUP BY, HAVING, aggregates, DISTINCT.
CREATE TABLE dbo.s (region varchar(10), product varchar(10), qty int, price decimal(10,2))
INSERT dbo.s VALUES ('east', 'apple', 10, 1.50), ('east', 'pear', 5, 2.00), ('west', 'apple', 7, 1.25), ('west', 'apple', 3, 1.75), ('north', 'kiwi', 1, 9.99)
GO
SELECT region, SUM(qty) AS total, COUNT(*) AS n, MIN(price) AS lo, MAX(price) AS hi FROM dbo.s GROUP BY region ORDER BY region
-- expect: region | total | n | lo | hi
-- east | 15 | 2 | 1.50 | 2.00
-- north | 1 | 1 | 9.99 | 9.99
-- west | 10 | 2 | 1.25 | 1.75
GO
SELECT region, SUM(qty) AS total FROM dbo.s GROUP BY region HAVING SUM(qty) >= 10 ORDER BY total DESC
-- expect: region | total
-- east | 15
-- west | 10
GO
-- AVG of int truncates; AVG of decimal has scale max(6, s)
SELECT AVG(qty) AS avg_int, AVG(price) AS avg_dec, AVG(CAST(qty AS float)) AS avg_f FROM dbo.s WHERE region = 'west'
-- expect: avg_int | avg_dec | avg_f
-- 5 | 1.500000 | 5
GO
SELECT SUM(price * qty) AS revenue FROM dbo.s
-- expect: revenue
-- 48.99
GO
SELECT COUNT(DISTINCT product) AS products, COUNT(DISTINCT region) AS regions FROM dbo.s
-- expect: products | regions
-- 3 | 3
GO
SELECT DISTINCT product FROM dbo.s ORDER BY product
-- expect: product
-- apple
-- kiwi
-- pear
GO
SELECT region, product, SUM(qty) AS q FROM dbo.s GROUP BY region, product ORDER BY region, product
-- expect: region | product | q
-- east | apple | 10
-- east | pear | 5
-- north | kiwi | 1
-- west | apple | 10
GO
SELECT COUNT(*) AS n FROM dbo.s HAVING COUNT(*) > 100
-- expect: n
GO
SELECT region, qty FROM dbo.s GROUP BY region
-- error: 8120
GO
SELECT region, SUM(qty) AS q FROM dbo.s GROUP BY ROLLUP(region) ORDER BY GROUPING(region), region
-- expect: region | q
-- east | 15
-- north | 1
-- west | 10
-- NULL | 26
GO
SELECT CASE WHEN qty > 5 THEN 'big' ELSE 'small' END AS size, COUNT(*) AS n FROM dbo.s GROUP BY CASE WHEN qty > 5 THEN 'big' ELSE 'small' END ORDER BY size
-- expect: size | n
-- big | 2
-- small | 3
GO
SELECT MAX(product) AS mx, MIN(region) AS mn, SUM(CAST(qty AS bigint)) AS sb FROM dbo.s
-- expect: mx | mn | sb
-- pear | east | 26
GO
SELECT region, product, SUM(qty) AS q, GROUPING(product) AS gp, GROUPING_ID(region, product) AS gid
FROM dbo.s GROUP BY ROLLUP(region, product) ORDER BY GROUPING_ID(region, product), region, product
-- expect: region | product | q | gp | gid
-- east | apple | 10 | 0 | 0
-- east | pear | 5 | 0 | 0
-- north | kiwi | 1 | 0 | 0
-- west | apple | 10 | 0 | 0
-- east | NULL | 15 | 1 | 1
-- north | NULL | 1 | 1 | 1
-- west | NULL | 10 | 1 | 1
-- NULL | NULL | 26 | 1 | 3
GO
SELECT region, product, SUM(qty) AS q FROM dbo.s GROUP BY region, product WITH ROLLUP ORDER BY GROUPING_ID(region, product), region, product
-- expect: region | product | q
-- east | apple | 10
-- east | pear | 5
-- north | kiwi | 1
-- west | apple | 10
-- east | NULL | 15
-- north | NULL | 1
-- west | NULL | 10
-- NULL | NULL | 26
GO
SELECT region, COUNT(*) AS n FROM dbo.s WHERE region <> 'north' GROUP BY region WITH CUBE ORDER BY GROUPING(region), region
-- expect: region | n
-- east | 2
-- west | 2
-- NULL | 4
GO
SELECT region, product, COUNT(*) AS n FROM dbo.s WHERE region <> 'north'
GROUP BY CUBE(region, product) HAVING GROUPING_ID(region, product) IN (1, 2) ORDER BY GROUPING_ID(region, product), region, product
-- expect: region | product | n
-- east | NULL | 2
-- west | NULL | 2
-- NULL | apple | 3
-- NULL | pear | 1
GO
SELECT region, GROUPING(region) AS g, SUM(qty) AS q FROM dbo.s GROUP BY region ORDER BY region
-- expect: region | g | q
-- east | 0 | 15
-- north | 0 | 1
-- west | 0 | 10
GO
SELECT SUM(qty) AS q FROM dbo.s WHERE 1 = 0 GROUP BY ROLLUP(region)
-- expect: q
-- NULL
GO
SELECT GROUPING(product) AS g FROM dbo.s GROUP BY region
-- error: 8161
GO
SELECT region, product, SUM(qty) AS q FROM dbo.s
GROUP BY GROUPING SETS ((region, product), (product), ()) HAVING GROUPING(region) = 1 ORDER BY GROUPING(product), product
-- expect: region | product | q
-- NULL | apple | 20
-- NULL | kiwi | 1
-- NULL | pear | 5
-- NULL | NULL | 26
GO
SELECT SUM(f) FROM (VALUES (CAST(1 AS bit)), (CAST(1 AS bit))) AS v(f)
-- error: 8117 Operand data type bit is invalid for sum operator.
GO
SELECT AVG(f) FROM (VALUES (CAST(1 AS bit))) AS v(f)
-- error: 8117 Operand data type bit is invalid for avg operator.
GO
SELECT SUM(CAST(f AS int)) AS n FROM (VALUES (CAST(1 AS bit)), (CAST(1 AS bit))) AS v(f)
-- expect: n
-- 2
GO
-- GROUP BY () is the empty group, the grand total (SELECT - GROUP BY: "()
-- Specifies the empty group, which generates the grand total"); alone,
-- beside other elements, and as GROUPING SETS (()) — which panicked.
SELECT COUNT(*) AS n, SUM(qty) AS q FROM dbo.s GROUP BY ()
-- expect: n | q
-- 5 | 26
GO
SELECT COUNT(*) AS n FROM dbo.s WHERE qty > 100 GROUP BY ()
-- expect: n
-- 0
GO
SELECT region, SUM(qty) AS q FROM dbo.s GROUP BY region, () ORDER BY region
-- expect: region | q
-- east | 15
-- north | 1
-- west | 10
GO
SELECT SUM(qty) AS q FROM dbo.s GROUP BY GROUPING SETS (())
-- expect: q
-- 26
GO
SELECT SUM(qty) AS q FROM dbo.s GROUP BY GROUPING SETS ((), ())
-- expect: q
-- 26
-- 26
GO
