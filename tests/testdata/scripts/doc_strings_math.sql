-- Documented examples of string, math and logical functions, run against
-- us. Expected values are those the pages show: "STUFF (Transact-SQL)"
-- (binary in, binary out), "REPLACE (Transact-SQL)", "ROUND
-- (Transact-SQL)" (its return-type table), "PATINDEX (Transact-SQL)"
-- (bigint for (max) input), "IIF (Transact-SQL)" (8133 for two NULL
-- constants), "COALESCE (Transact-SQL)" (4127).
SELECT STUFF('abcdef', 2, 3, 'ijklmn') AS s
-- expect: s
-- aijklmnef
GO
SELECT STUFF(0x010203, 2, 1, 0xFF) AS s, STUFF(0x010203, 2, 1, NULL) AS d,
  REPLACE(0x0102030102, 0x02, 0xAAAA) AS r, REPLICATE(0x0102, 3) AS p
-- expect: s | d | r | p
-- 0x01FF03 | 0x0103 | 0x01AAAA0301AAAA | 0x010201020102
GO
SELECT SQL_VARIANT_PROPERTY(STUFF(0x0102, 1, 1, 0x03), 'BaseType') AS t
-- expect: t
-- varbinary
GO
SELECT ROUND(123.9994, 3) AS a, ROUND(123.9995, 3) AS b, ROUND(123.4545, 2) AS c,
  ROUND(123.45, -2) AS d, ROUND(150.75, 0) AS e, ROUND(150.75, 0, 1) AS f
-- expect: a | b | c | d | e | f
-- 123.9990 | 124.0000 | 123.4500 | 100.00 | 151.00 | 150.00
GO
SELECT SQL_VARIANT_PROPERTY(ROUND(CAST(7 AS tinyint), 0), 'BaseType') AS ti,
  SQL_VARIANT_PROPERTY(ROUND(CAST(7 AS smallint), 0), 'BaseType') AS si,
  SQL_VARIANT_PROPERTY(ROUND(CAST(7 AS smallmoney), 0), 'BaseType') AS sm,
  SQL_VARIANT_PROPERTY(ROUND(CAST(7 AS real), 0), 'BaseType') AS r
-- expect: ti | si | sm | r
-- int | int | money | float
GO
SELECT PATINDEX('%ter%', 'interesting data') AS a, PATINDEX('%en_ure%', 'Please ensure the door is locked!') AS b,
  PATINDEX('%[^ 0-9A-z]%', 'Please ensure the door is locked!') AS c,
  PATINDEX('%ein%', 'Das ist ein Test' COLLATE Latin1_General_BIN) AS d
-- expect: a | b | c | d
-- 3 | 8 | 33 | 9
GO
SELECT SQL_VARIANT_PROPERTY(PATINDEX('%b%', CAST('abc' AS varchar(max))), 'BaseType') AS p,
  SQL_VARIANT_PROPERTY(CHARINDEX('b', CAST('abc' AS nvarchar(max))), 'BaseType') AS c
-- expect: p | c
-- bigint | bigint
GO
SELECT IIF(45 > 30, NULL, NULL) AS r
-- error: 8133 At least one of the result expressions in a CASE specification must be an expression other than the NULL constant.
GO
DECLARE @P int = NULL, @S int = NULL;
SELECT IIF(45 > 30, @P, @S) AS r
-- expect: r
-- NULL
GO
SELECT CASE WHEN 1 = 1 THEN NULL ELSE (NULL) END AS r
-- error: 8133 At least one of the result expressions in a CASE specification must be an expression other than the NULL constant.
GO
SELECT COALESCE(NULL, NULL) AS r
-- error: 4127 At least one of the arguments to COALESCE must be an expression that is not the NULL constant.
GO
SELECT COALESCE(NULL, CAST(NULL AS int)) AS r
-- expect: r
-- NULL
GO
