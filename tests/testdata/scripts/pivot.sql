-- PIVOT and UNPIVOT (FROM clause operators). PIVOT groups by every source
-- column but the aggregated and the pivot column; aggregating over the
-- other pivot values' NULLs raises SQL Server's ANSI warning 8153.
CREATE TABLE dbo.sales (region varchar(5), yr int, qty int NULL)
INSERT dbo.sales VALUES ('e', 2023, 1), ('e', 2023, 4), ('e', 2024, 2), ('w', 2023, 3), ('w', 2025, NULL)
CREATE TABLE dbo.wide (id int PRIMARY KEY, q1 int NULL, q2 int NULL, q3 int NULL, note varchar(10), big bigint)
INSERT dbo.wide VALUES (1, 10, NULL, 30, 'a', 1), (2, NULL, NULL, NULL, 'b', 2), (3, 5, 6, 7, 'c', 3)
GO
SELECT * FROM dbo.sales PIVOT (SUM(qty) FOR yr IN ([2023], [2024], [2025])) AS p ORDER BY region
-- expect: region | 2023 | 2024 | 2025
-- e | 5 | 2 | NULL
-- w | 3 | NULL | NULL
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT p.region, p.[2023] AS y23, p.[2026] AS y26 FROM dbo.sales PIVOT (COUNT(qty) FOR yr IN ([2023], [2026])) p ORDER BY p.region DESC
-- expect: region | y23 | y26
-- w | 1 | 0
-- e | 2 | 0
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SET ANSI_WARNINGS OFF
SELECT [2023], [2024] FROM (SELECT yr, qty FROM dbo.sales) AS s PIVOT (MAX(qty) FOR yr IN ([2023], [2024])) AS p
SET ANSI_WARNINGS ON
-- expect: 2023 | 2024
-- 4 | 2
GO
SET ANSI_WARNINGS OFF
SELECT p.region, p.[2023], r.name FROM dbo.sales PIVOT (SUM(qty) FOR yr IN ([2023])) AS p
JOIN (VALUES ('e', 'east'), ('w', 'west')) AS r(code, name) ON r.code = p.region ORDER BY p.region
SET ANSI_WARNINGS ON
-- expect: region | 2023 | name
-- e | 5 | east
-- w | 3 | west
GO
SET ANSI_WARNINGS OFF
SELECT region, [e], [w] FROM (SELECT region AS k, region, qty FROM dbo.sales) AS s PIVOT (SUM(qty) FOR k IN ([E], [w])) AS p ORDER BY region
SET ANSI_WARNINGS ON
-- expect: region | e | w
-- e | 7 | NULL
-- w | NULL | 3
GO
SELECT * FROM dbo.sales PIVOT (SUM(qty) FOR nope IN ([1])) AS p
-- error: 207 Invalid column name 'nope'.
GO
SELECT * FROM dbo.sales PIVOT (SUM(amount) FOR yr IN ([1])) AS p
-- error: 207 Invalid column name 'amount'.
GO
SELECT * FROM dbo.sales PIVOT (SUM(qty) FOR yr IN ([1], [1])) AS p
-- error: 8156 The column '1' was specified multiple times for 'p'.
GO
SELECT * FROM dbo.sales PIVOT (SUM(qty) FOR yr IN ([region])) AS p
-- error: 8156 The column 'region' was specified multiple times for 'p'.
GO
SELECT * FROM dbo.sales PIVOT (UPPER(qty) FOR yr IN ([1])) AS p
-- error: 195 'UPPER' is not a recognized aggregate function.
GO
SELECT * FROM dbo.sales PIVOT (SUM(qty) FOR yr IN ([abc])) AS p
-- error: 8114 Error converting data type nvarchar to int.
GO
SELECT * FROM dbo.sales PIVOT (SUM(qty) FOR yr IN ([2023])) ORDER BY 1
-- error: 156 Incorrect syntax near the keyword 'ORDER'.
GO
SELECT id, quarter, amount FROM dbo.wide UNPIVOT (amount FOR quarter IN (q1, q2, q3)) AS u ORDER BY id, quarter
-- expect: id | quarter | amount
-- 1 | q1 | 10
-- 1 | q3 | 30
-- 3 | q1 | 5
-- 3 | q2 | 6
-- 3 | q3 | 7
GO
SELECT u.note, u.amount, u.quarter FROM (SELECT id, q1, q3, note FROM dbo.wide) AS w UNPIVOT (amount FOR quarter IN ([Q3], q1)) AS u WHERE u.id < 3 ORDER BY u.id, u.amount
-- expect: note | amount | quarter
-- a | 10 | q1
-- a | 30 | Q3
GO
SELECT quarter, [1] AS one, [3] AS three FROM (SELECT id, quarter, amount FROM dbo.wide UNPIVOT (amount FOR quarter IN (q1, q2, q3)) AS u) AS x
PIVOT (SUM(amount) FOR id IN ([1], [3])) AS p ORDER BY quarter
-- expect: quarter | one | three
-- q1 | 10 | 5
-- q2 | NULL | 6
-- q3 | 30 | 7
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT * FROM dbo.wide UNPIVOT (amount FOR quarter IN (q1, big)) AS u
-- error: 8167 The type of column "big" conflicts with the type of other columns specified in the UNPIVOT list.
GO
SELECT * FROM dbo.wide UNPIVOT (q1 FOR quarter IN (q1, q2)) AS u
-- error: 265 The column name "q1" specified in the UNPIVOT operator conflicts with the existing column name in the UNPIVOT argument.
GO
SELECT * FROM dbo.wide UNPIVOT (amount FOR quarter IN (q1, q9)) AS u
-- error: 207 Invalid column name 'q9'.
GO
SELECT * FROM dbo.wide UNPIVOT (note FOR quarter IN (q1, q2)) AS u
-- error: 8156 The column 'note' was specified multiple times for 'u'.
GO
DROP TABLE dbo.sales, dbo.wide
GO
