-- SQL Server 2022 bit manipulation (issue #5): LEFT_SHIFT, RIGHT_SHIFT,
-- << and >>, BIT_COUNT, GET_BIT and SET_BIT. The first batches are the
-- examples of Microsoft's reference pages with their documented results.
SELECT LEFT_SHIFT(12345, 5) AS ls, 12345 << 5 AS op_ls, RIGHT_SHIFT(12345, 5) AS rs, 12345 >> 5 AS op_rs
-- expect: ls | op_ls | rs | op_rs
-- 395040 | 395040 | 385 | 385
GO
SELECT BIT_COUNT(0xabcdef) AS Count1, BIT_COUNT(17) AS Count2
-- expect: Count1 | Count2
-- 17 | 2
GO
SELECT GET_BIT(0xabcdef, 2) AS Get_2nd_Bit, GET_BIT(0xabcdef, 4) AS Get_4th_Bit
-- expect: Get_2nd_Bit | Get_4th_Bit
-- 1 | 0
GO
SELECT SET_BIT(0x00, 2) AS VARBIN1, SET_BIT(0xabcdef, 0, 0) AS VARBIN2
-- expect: VARBIN1 | VARBIN2
-- 0x04 | 0xABCDEE
GO
-- Widths: counts and shifts stay inside the type; shifts are logical.
SELECT BIT_COUNT(CAST(-1 AS smallint)) AS s, BIT_COUNT(CAST(-1 AS int)) AS i, BIT_COUNT(CAST(-1 AS bigint)) AS b,
       BIT_COUNT(CAST(255 AS tinyint)) AS t, BIT_COUNT(CAST(0 AS int)) AS z, BIT_COUNT(CAST(NULL AS int)) AS n
-- expect: s | i | b | t | z | n
-- 16 | 32 | 64 | 8 | 0 | NULL
GO
SELECT RIGHT_SHIFT(CAST(-1 AS int), 1) AS lrs, LEFT_SHIFT(CAST(1 AS int), 31) AS top31, LEFT_SHIFT(CAST(2147483647 AS int), 1) AS wrap,
       LEFT_SHIFT(CAST(1 AS tinyint), 8) AS past, LEFT_SHIFT(12345, 64) AS far, LEFT_SHIFT(12345, -5) AS neg, RIGHT_SHIFT(385, -5) AS negr,
       CAST(1 AS smallint) << 15 AS smin, CAST(-32768 AS smallint) >> 15 AS s1
-- expect: lrs | top31 | wrap | past | far | neg | negr | smin | s1
-- 2147483647 | -2147483648 | -2 | 0 | 0 | 385 | 12320 | -32768 | 1
GO
SELECT 0x0180 << 1 AS b1, 0x0180 >> 8 AS b2, LEFT_SHIFT(0xabcdef, 4) AS b3, RIGHT_SHIFT(0xabcdef, 12) AS b4, 0xff << 9 AS b5,
       SET_BIT(CAST(0 AS bigint), 63) AS bmin, SET_BIT(CAST(-1 AS smallint), 15, 0) AS smax, SET_BIT(5, 0, NULL) AS nulv
-- expect: b1 | b2 | b3 | b4 | b5 | bmin | smax | nulv
-- 0x0300 | 0x0001 | 0xBCDEF0 | 0x000ABC | 0x00 | -9223372036854775808 | 32767 | NULL
GO
-- Precedence: << and >> bind like + and - and associate to the left.
SELECT 1 + 1 << 2 AS a, 1 << 2 + 1 AS b, 64 >> 2 >> 1 AS c, 3 * 2 << 1 AS d, (1 << 4) | 1 AS e
-- expect: a | b | c | d | e
-- 8 | 5 | 8 | 12 | 17
GO
DECLARE @flags int = 0
SET @flags = SET_BIT(@flags, 3)
SET @flags = SET_BIT(@flags, 0)
SELECT @flags AS flags, GET_BIT(@flags, 3) AS b3, GET_BIT(@flags, 1) AS b1, BIT_COUNT(@flags) AS n, @flags << 1 AS sh
-- expect: flags | b3 | b1 | n | sh
-- 9 | 1 | 0 | 2 | 18
GO
CREATE TABLE dbo.bitflags (id int, f smallint, v varbinary(4))
INSERT dbo.bitflags VALUES (1, 5, 0x01), (2, -1, 0x8000), (3, NULL, NULL)
GO
SELECT id, BIT_COUNT(f) AS cnt, GET_BIT(f, 2) AS g2, f >> 1 AS half, BIT_COUNT(v) AS vc, v << 1 AS v2
FROM dbo.bitflags WHERE GET_BIT(ISNULL(f, 0), 0) = 1 OR f IS NULL ORDER BY id
-- expect: id | cnt | g2 | half | vc | v2
-- 1 | 2 | 1 | 2 | 1 | 0x02
-- 2 | 16 | 1 | 32767 | 1 | 0x0000
-- 3 | NULL | NULL | NULL | NULL | NULL
GO
SELECT GET_BIT(CAST(1 AS tinyint), 8)
-- expect: -
-- error: 4199 Argument value 8 is invalid for argument 2 of get_bit function.
GO
SELECT GET_BIT(0xabcdef, -1)
-- expect: -
-- error: 4199 Argument value -1 is invalid for argument 2 of get_bit function.
GO
SELECT SET_BIT(0xab, 8)
-- expect: -
-- error: 4199 Argument value 8 is invalid for argument 2 of set_bit function.
GO
SELECT SET_BIT(5, 0, 2)
-- expect: -
-- error: 4199 Argument value 2 is invalid for argument 3 of set_bit function.
GO
SELECT LEFT_SHIFT('a', 1)
-- error: 8116 Argument data type varchar is invalid for argument 1 of left_shift function.
GO
SELECT 1.5 << 1
-- error: 8116 Argument data type numeric is invalid for argument 1 of left_shift function.
GO
SELECT BIT_COUNT(CAST(1 AS varbinary(max)))
-- error: 8116
GO
SELECT GET_BIT(5, 1.0)
-- error: 8116 Argument data type numeric is invalid for argument 2 of get_bit function.
GO
SELECT LEFT_SHIFT(1)
-- error: 174 The LEFT_SHIFT function requires 2 argument(s).
GO
SELECT SET_BIT(1)
-- error: 189 The set_bit function requires 2 to 3 arguments.
GO
DROP TABLE dbo.bitflags
GO
