-- Documented examples of FORMAT, run against us. Expected values are those
-- the "FORMAT (Transact-SQL)" page shows: a custom pattern with literal
-- characters, the General format of money (all four decimals), and time
-- patterns whose ':' and '.' must be escaped (NULL when they are not).
DECLARE @d date = '2024-08-09';
SELECT FORMAT(@d, 'd', 'en-US') AS us, FORMAT(@d, 'd', 'en-gb') AS gb, FORMAT(@d, 'd', 'de-de') AS de,
  FORMAT(@d, 'dd/MM/yyyy', 'en-US') AS custom
-- expect: us | gb | de | custom
-- 8/9/2024 | 09/08/2024 | 09.08.2024 | 09/08/2024
GO
SELECT FORMAT(123456789, '###-##-####') AS [Custom Number]
-- expect: Custom Number
-- 123-45-6789
GO
SELECT FORMAT(r, 'N', 'en-us') AS n, FORMAT(r, 'G', 'en-us') AS g, FORMAT(r, 'C', 'en-us') AS c,
  FORMAT(r, 'G', 'de-de') AS gde
FROM (VALUES (CAST(1.0002 AS money)), (1.55), (8.2784)) v(r)
-- expect: n | g | c | gde
-- 1.00 | 1.0002 | $1.00 | 1,0002
-- 1.55 | 1.5500 | $1.55 | 1,5500
-- 8.28 | 8.2784 | $8.28 | 8,2784
GO
SELECT FORMAT(CAST('07:35' AS time), N'hh.mm') AS a, FORMAT(CAST('07:35' AS time), N'hh:mm') AS b,
  FORMAT(CAST('07:35' AS time), N'hh\.mm') AS c, FORMAT(CAST('07:35' AS time), N'hh\:mm') AS d
-- expect: a | b | c | d
-- NULL | NULL | 07.35 | 07:35
GO
SELECT FORMAT(CAST('2018-01-01 01:00' AS datetime2), N'hh:mm tt') AS a, FORMAT(CAST('2018-01-01 01:00' AS datetime2), N'hh:mm t') AS b,
  FORMAT(CAST('2018-01-01 14:00' AS datetime2), N'hh:mm tt') AS c, FORMAT(CAST('2018-01-01 14:00' AS datetime2), N'HH:mm') AS d
-- expect: a | b | c | d
-- 01:00 AM | 01:00 A | 02:00 PM | 14:00
GO
