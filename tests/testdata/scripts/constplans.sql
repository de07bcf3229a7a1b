-- Constant queries run again and again in one session: the session reuses
-- their compiled plan (engine/exec/constplan.go) only while the database
-- and the SET options they were compiled under hold.
SELECT 1
-- expect: -
-- 1
GO 3
SELECT 1 AS a, 'x' AS b, -2.5 AS c, (3 + 4) * 2 AS d, NULL AS e
-- expect: a | b | c | d | e
-- 1 | x | -2.5 | 14 | NULL
GO 2
SELECT 'a' + NULL AS cat
-- expect: cat
-- NULL
GO
SET CONCAT_NULL_YIELDS_NULL OFF
GO
SELECT 'a' + NULL AS cat
-- expect: cat
-- a
GO 2
SET CONCAT_NULL_YIELDS_NULL ON
GO
SELECT 'a' + NULL AS cat
-- expect: cat
-- NULL
GO
SELECT 1 / 0 AS q
-- expect: q
-- error: 8134 Divide by zero error encountered.
GO
SELECT 1 / 0 AS q
-- expect: q
-- error: 8134 Divide by zero error encountered.
GO
SELECT 2147483647 + 1 AS big
-- expect: big
-- error: 8115 Arithmetic overflow error converting expression to data type int.
GO
SELECT 'x' AS v
-- expect: v
-- x
GO
CREATE TABLE #t (a int)
GO
SELECT 'x' AS v
-- expect: v
-- x
GO
