-- Implicit conversion and data type precedence.
SELECT 1 + '2' AS int_wins, '1' + '2' AS concat, 1.5 + '2' AS dec_wins, CAST(1 AS float) + '2.5' AS float_wins
-- expect: int_wins | concat | dec_wins | float_wins
-- 3 | 12 | 3.5 | 3.5
GO
SELECT CASE WHEN 1 = 1 THEN 1 ELSE 'a' END AS case_int
-- expect: case_int
-- 1
GO
SELECT CASE WHEN 1 = 0 THEN 1 ELSE 'a' END AS case_fail
-- expect: case_fail
-- error: 245 Conversion failed when converting the varchar value 'a' to data type int.
GO
SELECT 'a' AS v UNION ALL SELECT 1
-- expect: v
-- error: 245
GO
SELECT CAST('abc' AS varchar(2)) AS cut, CAST(N'abc' AS nchar(5)) + N'|' AS padded, CONVERT(varchar(10), CAST(1.5 AS money)) AS m,
       CAST(CAST(3.14159265 AS float) AS varchar(20)) AS f, CAST(12345678.9 AS float) AS big
-- expect: cut | padded | m | f | big
-- ab | abc  | | 1.50 | 3.14159 | 1.23456789e+07
GO
SELECT CAST(1 AS varchar(5)) + CAST(2 AS varchar(5)) AS s, CAST(' 12 ' AS int) AS spaced, CAST('-0' AS int) AS negzero, CAST('1e3' AS float) AS sci
-- expect: s | spaced | negzero | sci
-- 12 | 12 | 0 | 1000
GO
SELECT CAST('1.5' AS int)
-- expect: -
-- error: 245 Conversion failed when converting the varchar value '1.5' to data type int.
GO
SELECT CAST('1.5' AS decimal(5,2)) AS d, CAST('  2.50' AS decimal(5,1)) AS d2, CAST(2.55 AS decimal(5,1)) AS rnd
-- expect: d | d2 | rnd
-- 1.50 | 2.5 | 2.6
GO
SELECT CAST('abc' AS decimal(5,2))
-- expect: -
-- error: 8114 Error converting data type varchar to numeric.
GO
SELECT CAST(123456 AS decimal(5,2))
-- expect: -
-- error: 8115 Arithmetic overflow error converting int to data type numeric.
GO
SELECT CAST(1 AS bit) + 1 AS bitplus, CAST(-1 AS bit) AS negbit, CAST('0' AS bit) AS strbit
-- expect: bitplus | negbit | strbit
-- 2 | 1 | 0
GO
SELECT ISNUMERIC('12.5') AS a, ISNUMERIC('abc') AS b, ISNUMERIC('$1') AS c, ISNUMERIC('') AS d
-- expect: a | b | c | d
-- 1 | 0 | 1 | 0
GO
CREATE TABLE dbo.vc (s varchar(10))
INSERT dbo.vc VALUES ('1'), ('2'), ('x')
GO
SELECT COUNT(*) AS n FROM dbo.vc WHERE s = 1
-- expect: n
-- error: 245 Conversion failed when converting the varchar value 'x' to data type int.
GO
SELECT COUNT(*) AS n FROM dbo.vc WHERE s = '1'
-- expect: n
-- 1
GO
SELECT CAST(CAST('2024-01-31 10:20:30.997' AS datetime) AS varchar(30)) AS dflt, CONVERT(varchar(30), CAST('2024-01-31 10:20:30.5' AS datetime2(3)), 126) AS iso
-- expect: dflt | iso
-- Jan 31 2024 10:20AM | 2024-01-31T10:20:30.500
GO
SELECT CAST(0x00000001 AS int) AS fromhex, CAST(CAST(258 AS int) AS varbinary(4)) AS tohex, LEN(CAST(NEWID() AS varchar(36))) AS guidlen
-- expect: fromhex | tohex | guidlen
-- 1 | 0x00000102 | 36
GO
SELECT SUM(x) AS s FROM (VALUES (2147483647), (1)) AS t(x)
-- expect: s
-- error: 8115 Arithmetic overflow error converting expression to data type int.
GO
SELECT COUNT_BIG(*) AS n, SUM(CAST(x AS bigint)) AS s FROM (VALUES (2147483647), (1)) AS t(x)
-- expect: n | s
-- 2 | 2147483648
GO
SELECT CASE WHEN 5 BETWEEN 1 AND 5 THEN 1 ELSE 0 END AS incl, CASE WHEN 5 NOT BETWEEN 6 AND 1 THEN 1 ELSE 0 END AS notb
-- expect: incl | notb
-- 1 | 1
GO
SELECT DATEADD(year, 1, CAST('9999-06-01' AS date))
-- expect: -
-- error: 517 Adding a value to a 'date' column caused an overflow.
GO
