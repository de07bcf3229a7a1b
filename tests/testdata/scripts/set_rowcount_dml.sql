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
-- MERGE: SET ROWCOUNT n and MERGE TOP (n) keep the first n joined rows
-- that take an action; @@ROWCOUNT counts them.
CREATE TABLE dbo.mt (id int NOT NULL PRIMARY KEY, n int NOT NULL);
INSERT dbo.mt VALUES (1, 0), (2, 0), (3, 0);
CREATE TABLE dbo.ms (id int NOT NULL PRIMARY KEY);
INSERT dbo.ms VALUES (1), (2), (3), (4), (5);
GO
SET ROWCOUNT 2;
MERGE dbo.mt AS t USING dbo.ms AS s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET n = 1
WHEN NOT MATCHED THEN INSERT (id, n) VALUES (s.id, 2);
SELECT @@ROWCOUNT AS merged;
SET ROWCOUNT 0;
SELECT COUNT(*) AS c, SUM(n) AS s FROM dbo.mt;
-- expect: merged
-- 2
-- expect: c | s
-- 3 | 2
GO
MERGE TOP (1) dbo.mt AS t USING dbo.ms AS s ON t.id = s.id
WHEN NOT MATCHED THEN INSERT (id, n) VALUES (s.id, 2);
SELECT @@ROWCOUNT AS merged, COUNT(*) AS c FROM dbo.mt;
-- expect: merged | c
-- 1 | 4
GO
SET ROWCOUNT 5;
MERGE TOP (50) PERCENT dbo.mt AS t USING dbo.ms AS s ON t.id = s.id
WHEN MATCHED THEN DELETE;
SELECT @@ROWCOUNT AS deleted;
SET ROWCOUNT 0;
SELECT COUNT(*) AS c FROM dbo.mt;
-- expect: deleted
-- 2
-- expect: c
-- 2
GO
