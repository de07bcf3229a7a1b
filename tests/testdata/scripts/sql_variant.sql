-- Comparing sql_variant values (issue #5), as "sql_variant (Transact-SQL)"
-- documents it: the other operand of a comparison converts to sql_variant;
-- base types of different families order by family (date and time >
-- approximate numeric > exact numeric > character > binary >
-- uniqueidentifier) whatever the values, and within a family the lower type
-- converts to the higher one. So comparing a sql_variant holding a string
-- with an int is false, not error 245.
CREATE TABLE dbo.v (id int PRIMARY KEY, x sql_variant NULL)
-- One INSERT a row: a multi-row VALUES would first give x its rows'
-- highest-precedence type (datetime: 'abc' fails with 241), as UNION ALL does.
INSERT dbo.v VALUES (1, 10); INSERT dbo.v VALUES (2, 'abc'); INSERT dbo.v VALUES (3, N'abd');
INSERT dbo.v VALUES (4, CAST(2.5 AS decimal(5, 2))); INSERT dbo.v VALUES (5, CAST('2020-01-01' AS datetime));
INSERT dbo.v VALUES (6, NULL); INSERT dbo.v VALUES (7, CAST(3 AS bigint)); INSERT dbo.v VALUES (8, CAST(1.5 AS float));
INSERT dbo.v VALUES (9, CAST(0x0102 AS varbinary(4))); INSERT dbo.v VALUES (10, N'ABC')
GO
SELECT id FROM dbo.v WHERE x = 10
-- expect: id
-- 1
GO
SELECT id FROM dbo.v WHERE x = 'abc' ORDER BY id
-- expect: id
-- 2
-- 10
GO
SELECT id FROM dbo.v WHERE 'abd' = x
-- expect: id
-- 3
GO
SELECT id FROM dbo.v WHERE x = CAST(3 AS tinyint)
-- expect: id
-- 7
GO
-- A datetime is greater than any number, a float than any exact number.
SELECT id FROM dbo.v WHERE x > 2 ORDER BY id
-- expect: id
-- 1
-- 4
-- 5
-- 7
-- 8
GO
SELECT id FROM dbo.v WHERE x < 'b' ORDER BY id
-- expect: id
-- 2
-- 3
-- 9
-- 10
GO
SELECT id FROM dbo.v WHERE x IN (10, 'abd', 0x0102) ORDER BY id
-- expect: id
-- 1
-- 3
-- 9
GO
SELECT id FROM dbo.v WHERE x = CAST('2020-01-01' AS datetime)
-- expect: id
-- 5
GO
-- ORDER BY: NULL, then binary, character, exact numeric, approximate
-- numeric, date and time; by value within a family.
SELECT id FROM dbo.v ORDER BY x, id
-- expect: id
-- 6
-- 9
-- 2
-- 10
-- 3
-- 4
-- 7
-- 1
-- 8
-- 5
GO
SELECT MIN(x) AS lo, MAX(x) AS hi FROM dbo.v WHERE id IN (1, 2, 3, 7)
-- expect: lo | hi
-- abc | 10
GO
-- GROUP BY and DISTINCT put values SQL Server finds equal in one group:
-- int 10 and bigint 10, 'abc' and N'ABC' under a case-insensitive collation.
INSERT dbo.v VALUES (11, CAST(10 AS bigint)), (12, CAST(10.00 AS decimal(6, 2)))
GO
SELECT COUNT(*) AS n FROM dbo.v GROUP BY x HAVING COUNT(*) > 1 ORDER BY n
-- expect: n
-- 2
-- 3
GO
SELECT COUNT(*) AS n FROM (SELECT DISTINCT x FROM dbo.v) AS d
-- expect: n
-- 9
GO
-- The documentation's example: float 15 > decimal 15 (approximate above
-- exact), tinyint 15 = decimal 15 (one family), time > float.
DECLARE @v1 sql_variant = CAST('15.00' AS float(53)), @v2 sql_variant = CAST('15.00' AS decimal(18, 4)),
  @v3 sql_variant = CAST('15' AS tinyint), @v4 sql_variant = CAST('00:00:15.00' AS time)
SELECT CASE WHEN @v1 > @v2 THEN 'v1 > v2' WHEN @v2 > @v1 THEN 'v2 > v1' ELSE 'v1 = v2' END AS a,
  CASE WHEN @v3 > @v2 THEN 'v3 > v2' WHEN @v2 > @v3 THEN 'v2 > v3' ELSE 'v2 = v3' END AS b,
  CASE WHEN @v4 > @v1 THEN 'v4 > v1' WHEN @v1 > @v4 THEN 'v1 > v4' ELSE 'v1 = v4' END AS c
-- expect: a | b | c
-- v1 > v2 | v2 = v3 | v4 > v1
GO
DECLARE @s sql_variant = 'abc'
SELECT CASE WHEN @s = 5 THEN 1 ELSE 0 END AS eq, CASE @s WHEN 'ABC' THEN 1 ELSE 0 END AS simple_case
-- expect: eq | simple_case
-- 0 | 1
GO
SELECT SQL_VARIANT_PROPERTY(x, 'BaseType') AS bt, SQL_VARIANT_PROPERTY(x, 'Precision') AS p, SQL_VARIANT_PROPERTY(x, 'Scale') AS s,
  SQL_VARIANT_PROPERTY(x, 'MaxLength') AS ml FROM dbo.v WHERE id IN (4, 5, 7) ORDER BY id
-- expect: bt | p | s | ml
-- decimal | 5 | 2 | 5
-- datetime | 23 | 3 | 8
-- bigint | 19 | 0 | 8
GO
