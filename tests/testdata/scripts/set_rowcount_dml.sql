-- SET ROWCOUNT n stops an UPDATE or DELETE after n rows, as it stops a
-- SELECT; with TOP the smaller wins; SET ROWCOUNT 0 lifts it. The old
-- idiom for one of two identical rows depends on it.
CREATE TABLE dbo.rc (id int NOT NULL PRIMARY KEY, n int NOT NULL);
INSERT dbo.rc VALUES (1, 0), (2, 0), (3, 0), (4, 0);
CREATE TABLE dbo.dup (a int, b varchar(5));
INSERT dbo.dup VALUES (1, 'x'), (1, 'x'), (2, 'y');
GO
SET ROWCOUNT 1;
DELETE dbo.dup WHERE a = 1;
SET ROWCOUNT 0;
SELECT a, b FROM dbo.dup ORDER BY a;
-- expect: a | b
-- 1 | x
-- 2 | y
GO
SET ROWCOUNT 2;
UPDATE dbo.rc SET n = 1;
SELECT @@ROWCOUNT AS updated;
-- expect: updated
-- 2
GO
SET ROWCOUNT 3;
UPDATE TOP (1) dbo.rc SET n = n + 10 WHERE n = 0;
SELECT @@ROWCOUNT AS updated;
-- expect: updated
-- 1
GO
SET ROWCOUNT 1;
DELETE TOP (3) dbo.rc WHERE n = 1;
SELECT @@ROWCOUNT AS deleted;
-- expect: deleted
-- 1
GO
SET ROWCOUNT 0;
UPDATE dbo.rc SET n = n + 100;
SELECT COUNT(*) AS c, SUM(n) AS s FROM dbo.rc;
-- expect: c | s
-- 3 | 311
GO
