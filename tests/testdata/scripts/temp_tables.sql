-- Temporary tables and table variables.
CREATE TABLE #t (id int PRIMARY KEY, v varchar(10))
INSERT #t VALUES (1, 'a'), (2, 'b')
SELECT id, v FROM #t ORDER BY id
-- expect: id | v
-- 1 | a
-- 2 | b
GO
-- a temp table lives for the session, across batches
UPDATE #t SET v = 'z' WHERE id = 2
SELECT v FROM #t WHERE id = 2
-- expect: v
-- z
GO
SELECT CASE WHEN OBJECT_ID('tempdb..#t') IS NOT NULL THEN 1 ELSE 0 END AS exists_
-- expect: exists_
-- 1
GO
CREATE TABLE #t (x int)
-- error: 2714 There is already an object named '#t' in the database.
GO
DROP TABLE #t
SELECT * FROM #t
-- error: 208 Invalid object name '#t'.
GO
SELECT CASE WHEN OBJECT_ID('tempdb..#t') IS NULL THEN 1 ELSE 0 END AS gone
-- expect: gone
-- 1
GO
SELECT 1 AS a, 'x' AS b INTO #sel
SELECT a, b FROM #sel
-- expect: a | b
-- 1 | x
GO
DECLARE @tv TABLE (id int PRIMARY KEY, v int)
INSERT @tv VALUES (1, 10), (2, 20)
UPDATE @tv SET v = v + 1 WHERE id = 2
DELETE FROM @tv WHERE id = 1
SELECT id, v FROM @tv
-- expect: id | v
-- 2 | 21
GO
-- a table variable is scoped to its batch
SELECT * FROM @tv
-- error: 1087 Must declare the table variable "@tv".
GO
DECLARE @tv TABLE (id int PRIMARY KEY)
INSERT @tv VALUES (1)
INSERT @tv VALUES (1)
-- error: 2627
-- message: The statement has been terminated.
GO
CREATE TABLE ##g (x int)
INSERT ##g VALUES (5)
SELECT x FROM ##g
-- expect: x
-- 5
GO
DROP TABLE ##g
GO
CREATE TABLE #j (k int)
INSERT #j VALUES (1), (3)
DECLARE @tv TABLE (k int, label varchar(5))
INSERT @tv VALUES (1, 'one'), (2, 'two')
SELECT j.k, t.label FROM #j j LEFT JOIN @tv t ON t.k = j.k ORDER BY j.k
-- expect: k | label
-- 1 | one
-- 3 | NULL
GO
-- tempdb's catalog views list #temp tables under the names SQL Server
-- stores them by (padded with '_' to 116 characters, then a 12-digit
-- suffix), so the DBA idioms find them by OBJECT_ID('tempdb..#t').
IF OBJECT_ID('tempdb..#cols') IS NOT NULL DROP TABLE #cols
CREATE TABLE #cols (id int NOT NULL, name varchar(20) NULL)
GO
SELECT name, column_id, is_nullable FROM tempdb.sys.columns WHERE object_id = OBJECT_ID('tempdb..#cols') ORDER BY column_id
-- expect: name | column_id | is_nullable
-- id | 1 | 0
-- name | 2 | 1
GO
SELECT LEFT(name, 6) AS head, LEN(name) AS len, RTRIM(type) AS type, CASE WHEN object_id = OBJECT_ID('tempdb..#cols') THEN 1 ELSE 0 END AS same_id
FROM tempdb.sys.tables WHERE name LIKE '#cols[_]%'
-- expect: head | len | type | same_id
-- #cols_ | 128 | U | 1
GO
SELECT COUNT(*) AS n FROM tempdb.sys.objects WHERE object_id = OBJECT_ID('tempdb..#cols') AND type = 'U'
-- expect: n
-- 1
GO
IF OBJECT_ID('tempdb..#cols') IS NOT NULL DROP TABLE #cols
SELECT COUNT(*) AS n FROM tempdb.sys.tables WHERE name LIKE '#cols[_]%'
-- expect: n
-- 0
GO
