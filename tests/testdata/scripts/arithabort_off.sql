-- SET ARITHABORT OFF with SET ANSI_WARNINGS OFF: a divide by zero or an
-- arithmetic overflow yields NULL and a warning instead of 8134/8115/220;
-- SET ARITHIGNORE ON drops the warning in queries but not in INSERT,
-- UPDATE and DELETE (SET ARITHABORT, SET ARITHIGNORE in Microsoft's docs).
CREATE TABLE t (id int PRIMARY KEY, x int NULL, y int NOT NULL)
INSERT INTO t VALUES (1, 10, 1)
GO
SET ANSI_WARNINGS OFF
SET ARITHABORT OFF
GO
DECLARE @p int = 5
SELECT @p / 0 AS d
-- expect: d
-- NULL
-- message: Division by zero occurred.
GO
SELECT CAST(300 AS tinyint) AS o
-- expect: o
-- NULL
-- message: Arithmetic overflow occurred.
GO
SELECT 2147483647 + id AS o FROM t
-- expect: o
-- NULL
-- message: Arithmetic overflow occurred.
GO
DECLARE @p int = 5
SET @p = @p / 0
SELECT @p AS p
-- message: Division by zero occurred.
-- expect: p
-- NULL
GO
UPDATE t SET x = x / 0 WHERE id = 1
SELECT x FROM t
-- message: Division by zero occurred.
-- expect: x
-- NULL
GO
INSERT INTO t VALUES (2, 7 / 0, 1)
SELECT id, x FROM t WHERE id = 2
-- message: Division by zero occurred.
-- expect: id | x
-- 2 | NULL
GO
INSERT INTO t VALUES (3, 1, 7 / 0)
-- message: Division by zero occurred.
-- error: 515
-- message: The statement has been terminated.
GO
-- A value stored in a column: too long is cut to fit (ANSI_WARNINGS OFF),
-- out of the column type's range is NULL with the warning.
CREATE TABLE #w (s varchar(3), b varbinary(2), n tinyint NULL)
INSERT #w VALUES ('abcdef', 0x010203, 1)
INSERT #w VALUES ('a', NULL, 300)
UPDATE #w SET n = n * 1000 WHERE s = 'abc'
SELECT s, b, n FROM #w ORDER BY s
-- message: Arithmetic overflow occurred.
-- message: Arithmetic overflow occurred.
-- expect: s | b | n
-- a | NULL | NULL
-- abc | 0x0102 | NULL
GO
SET ARITHIGNORE ON
GO
SELECT 1 / 0 AS d, CAST(256 AS tinyint) AS o
-- expect: d | o
-- NULL | NULL
GO
INSERT INTO t VALUES (4, 7 / 0, 1)
-- message: Division by zero occurred.
GO
SET ARITHIGNORE OFF
SET ANSI_WARNINGS ON
GO
SELECT 1 / 0 AS d
-- expect: d
-- error: 8134 Divide by zero error encountered.
GO
INSERT #w VALUES ('abcdef', NULL, 1)
-- error: 2628
-- message: The statement has been terminated.
GO
SET ANSI_WARNINGS OFF
SET ARITHABORT ON
GO
-- ARITHABORT ON with ANSI_WARNINGS OFF ends the batch.
SELECT 1 / 0 AS d
SELECT 'not reached' AS r
-- expect: d
-- error: 8134 Divide by zero error encountered.
GO
-- The same text under other options is compiled again (plans are kept per
-- SET options).
SET ARITHABORT OFF
GO
SELECT 10 / 0 AS again
-- expect: again
-- NULL
-- message: Division by zero occurred.
GO
SET ANSI_WARNINGS ON
GO
SELECT 10 / 0 AS again
-- expect: again
-- error: 8134 Divide by zero error encountered.
GO
