-- Savepoints and statement rollback in a transaction that spans two databases
-- (the user database and tempdb, through a #temp table): each database rolls
-- back to its own position, and one joined after the savepoint loses all of
-- its writes.
CREATE TABLE dbo.spa (id int PRIMARY KEY)
CREATE TABLE #spb (id int PRIMARY KEY)
GO
BEGIN TRAN
INSERT dbo.spa VALUES (1)
SAVE TRAN s1
INSERT #spb VALUES (10)
INSERT dbo.spa VALUES (2)
SAVE TRAN s2
INSERT #spb VALUES (11)
INSERT dbo.spa VALUES (3)
ROLLBACK TRAN s2
SELECT (SELECT COUNT(*) FROM dbo.spa) AS a, (SELECT COUNT(*) FROM #spb) AS b
-- expect: a | b
-- 2 | 1
GO
INSERT #spb VALUES (12), (10)
-- error: 2627
-- message: The statement has been terminated.
GO
INSERT dbo.spa VALUES (4), (1)
-- error: 2627
-- message: The statement has been terminated.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM dbo.spa) AS a, (SELECT COUNT(*) FROM #spb) AS b
-- expect: tc | a | b
-- 1 | 2 | 1
GO
ROLLBACK TRAN s1
SELECT (SELECT COUNT(*) FROM dbo.spa) AS a, (SELECT COUNT(*) FROM #spb) AS b
-- expect: a | b
-- 1 | 0
GO
INSERT #spb VALUES (20)
COMMIT
SELECT (SELECT MAX(id) FROM dbo.spa) AS a, (SELECT MAX(id) FROM #spb) AS b
-- expect: a | b
-- 1 | 20
GO
