-- Literals and their types, CAST and CONVERT between types.
SELECT 1 AS i, -2147483648 AS minint, 2147483648 AS numlit, 1.50 AS dec, 1e0 AS fl, 'abc' AS s, N'üñ' AS ns, 0x0A0B AS bin
-- expect: i | minint | numlit | dec | fl | s | ns | bin
-- 1 | -2147483648 | 2147483648 | 1.50 | 1 | abc | üñ | 0x0A0B
GO
SELECT CAST(1 AS bit) AS b1, CAST(0 AS bit) AS b0, CAST(5 AS bit) AS b5, CAST('true' AS bit) AS bt
-- expect: b1 | b0 | b5 | bt
-- 1 | 0 | 1 | 1
GO
SELECT CAST(255 AS tinyint) AS ti, CAST(-32768 AS smallint) AS si, CAST(9223372036854775807 AS bigint) AS bi
-- expect: ti | si | bi
-- 255 | -32768 | 9223372036854775807
GO
SELECT CAST(256 AS tinyint)
-- expect: -
-- error: 220 Arithmetic overflow error for data type tinyint, value = 256.
GO
SELECT CAST(123.456 AS decimal(5,2)) AS r, CAST(-123.455 AS decimal(6,2)) AS rn, CAST(2.5 AS int) AS t, CAST(-2.5 AS int) AS tn
-- expect: r | rn | t | tn
-- 123.46 | -123.46 | 2 | -2
GO
SELECT CAST(1.5 AS money) AS m, CAST(-0.0001 AS smallmoney) AS sm
-- expect: m | sm
-- 1.5000 | -0.0001
GO
SELECT CAST(0.1 AS float) + CAST(0.2 AS float) AS f, CAST(1e20 AS float) AS big, CAST(0.5 AS real) AS r
-- expect: f | big | r
-- 0.30000000000000004 | 1e+20 | 0.5
GO
SELECT CAST('6F9619FF-8B86-D011-B42D-00C04FC964FF' AS uniqueidentifier) AS g
-- expect: g
-- 6F9619FF-8B86-D011-B42D-00C04FC964FF
GO
SELECT CAST('abc' AS varbinary(10)) AS vb, CAST(0x41 AS varchar(5)) AS vc, CAST(0x01 AS binary(3)) AS bin3
-- expect: vb | vc | bin3
-- 0x616263 | A | 0x010000
GO
SELECT CAST('12' AS int) + 1 AS n, '1' + 1 AS implicit, CAST(12 AS varchar(5)) + 'x' AS s
-- expect: n | implicit | s
-- 13 | 2 | 12x
GO
SELECT 'a' + 1
-- expect: -
-- error: 245 Conversion failed when converting the varchar value 'a' to data type int.
GO
SELECT CAST('abc' AS char(5)) + '|' AS padded, CAST('abcdef' AS varchar(3)) AS cut
-- expect: padded | cut
-- abc  | | abc
GO
SELECT TRY_CAST('x' AS int) AS bad, TRY_CAST('42' AS int) AS good, TRY_CONVERT(date, '2024-13-01') AS baddate
-- expect: bad | good | baddate
-- NULL | 42 | NULL
GO
SELECT CONVERT(varchar(20), CAST(1234.5 AS decimal(10,2))) AS d, CONVERT(int, 12.9) AS i, CONVERT(varchar(10), 0x4142, 1) AS hex
-- expect: d | i | hex
-- 1234.50 | 12 | 0x4142
GO
