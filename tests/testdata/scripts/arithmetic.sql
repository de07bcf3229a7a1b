-- Integer and decimal arithmetic, result precision and scale, overflow.
SELECT 7 / 2 AS q, 7 % 3 AS r, -7 / 2 AS qn, -7 % 3 AS rn, 5 / 2 * 2.0 AS mixed
-- expect: q | r | qn | rn | mixed
-- 3 | 1 | -3 | -1 | 4.0
GO
-- int / numeric(2,1): precision 17, scale max(6, 0+2+1) = 6
SELECT 7 / 2.0 AS d, 1 / 3.0 AS third
-- expect: d | third
-- 3.500000 | 0.333333
GO
SELECT CAST(1.25 AS decimal(5,2)) * CAST(2.5 AS decimal(3,1)) AS mul, CAST(10 AS decimal(5,2)) + CAST(1 AS decimal(5,3)) AS addsc
-- expect: mul | addsc
-- 3.125 | 11.000
GO
SELECT CAST(10 AS decimal(10,2)) / CAST(3 AS decimal(10,2)) AS divd
-- expect: divd
-- 3.3333333333333
GO
SELECT 1 / 0
-- expect: -
-- error: 8134 Divide by zero error encountered.
GO
SELECT 2147483647 + 1
-- expect: -
-- error: 8115 Arithmetic overflow error converting expression to data type int.
GO
SELECT CAST(2147483647 AS bigint) + 1 AS big
-- expect: big
-- 2147483648
GO
SELECT CAST(12345.6 AS decimal(6,1)) * 10 AS ok, CAST(99999 AS decimal(5,0)) + CAST(1 AS decimal(5,0)) AS grown
-- expect: ok | grown
-- 123456.0 | 100000
GO
SELECT ROUND(2.5, 0) AS r1, ROUND(-2.5, 0) AS r2, ROUND(123.456, 1) AS r3, ROUND(123.456, -2) AS r4, ROUND(2.567, 1, 1) AS trunc
-- expect: r1 | r2 | r3 | r4 | trunc
-- 3.0 | -3.0 | 123.500 | 100.000 | 2.500
GO
SELECT CEILING(2.1) AS c, FLOOR(-2.1) AS f, ABS(-5) AS a, SIGN(-3) AS s, POWER(2, 10) AS p, SQRT(16) AS sq, 10 % 4 AS m
-- expect: c | f | a | s | p | sq | m
-- 3 | -3 | 5 | -1 | 1024 | 4 | 2
GO
-- -2147483648 is unary minus applied to numeric(10,0) 2147483648
SELECT ABS(-2147483648) AS numabs
-- expect: numabs
-- 2147483648
GO
SELECT ABS(CAST(-2147483648 AS int))
-- expect: -
-- error: 8115
GO
-- numeric(13,1) / numeric(10,0): scale max(6, 1+10+1) = 12
SELECT 1.0 * 3 / 4 AS x, 3 / 4 AS y, CAST(3 AS float) / 4 AS z
-- expect: x | y | z
-- 0.750000000000 | 0 | 0.75
GO
SELECT 1 + 2 * 3 - 4 / 2 AS prec, (1 + 2) * 3 AS paren, -(-3) AS neg, ~5 AS bnot, 6 & 3 AS band, 6 | 3 AS bor, 6 ^ 3 AS bxor
-- expect: prec | paren | neg | bnot | band | bor | bxor
-- 5 | 9 | 3 | -6 | 2 | 7 | 5
GO
SELECT CAST(1.5 AS money) * 2 AS m2, CAST(10 AS money) / 3 AS m3
-- expect: m2 | m3
-- 3.0000 | 3.3333
GO
-- results wider than 38 digits keep precision 38 and cut the scale, but not below 6;
-- decimal division truncates to the result scale (2.0 / 3 is 0.666666)
SELECT CAST(1 AS decimal(38,10)) * CAST(1 AS decimal(38,10)) AS mul38, CAST(2 AS decimal(38,10)) / CAST(3 AS decimal(38,10)) AS div38
-- expect: mul38 | div38
-- 1.000000 | 0.666666
GO
SELECT CAST(99999999999999999999999999999999999999 AS decimal(38,0)) + 1
-- expect: -
-- error: 8115 Arithmetic overflow error converting expression to data type numeric.
GO
SELECT CAST(0.1 AS decimal(3,2)) + CAST(0.25 AS decimal(3,2)) AS sum_dec, SUM(x) AS sum_col FROM (VALUES (CAST(0.1 AS decimal(3,2))), (0.25)) AS t(x)
-- expect: sum_dec | sum_col
-- 0.35 | 0.35
GO
SELECT -5 % 3 AS negmod, 5 % -3 AS modneg, CAST(5.5 AS decimal(3,1)) % 2 AS decmod
-- expect: negmod | modneg | decmod
-- -2 | 2 | 1.5
GO
