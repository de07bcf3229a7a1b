-- Scope of local temporary tables in stored procedures (CREATE TABLE's page,
-- "Temporary tables"): a #t a procedure creates is visible to it and the
-- procedures it calls and is dropped when it ends; one with the name of the
-- caller's #t hides the caller's while the procedure runs, and the caller's
-- is visible again, unchanged, afterwards.
CREATE PROCEDURE dbo.OwnWork
AS
    CREATE TABLE #work (v varchar(10));
    INSERT INTO #work VALUES ('inner');
    SELECT v FROM #work;
GO
CREATE TABLE #work (id int, note varchar(10));
INSERT INTO #work VALUES (1, 'outer');
GO
-- The procedure's #work has its own columns; the caller's keeps its row
EXEC dbo.OwnWork;
SELECT id, note FROM #work;
-- expect: v
-- inner
-- expect: id | note
-- 1 | outer
GO
-- Run again: the procedure's table was dropped when it ended
EXEC dbo.OwnWork;
SELECT COUNT(*) AS n FROM #work;
-- expect: v
-- inner
-- expect: n
-- 1
GO
-- Three levels: each procedure sees the innermost #work, its own is
-- visible again after the inner call returns
CREATE PROCEDURE dbo.Level3
AS
    CREATE TABLE #work (lvl int);
    INSERT INTO #work VALUES (3);
    SELECT lvl AS level3 FROM #work;
GO
CREATE PROCEDURE dbo.Level2
AS
    CREATE TABLE #work (lvl int);
    INSERT INTO #work VALUES (2);
    EXEC dbo.Level3;
    SELECT lvl AS level2 FROM #work;
GO
EXEC dbo.Level2;
SELECT id, note FROM #work;
-- expect: level3
-- 3
-- expect: level2
-- 2
-- expect: id | note
-- 1 | outer
GO
-- A procedure that does not create #work reads and writes the caller's
CREATE PROCEDURE dbo.UseCallers
AS
    INSERT INTO #work VALUES (2, 'added');
    SELECT COUNT(*) AS seen FROM #work;
GO
EXEC dbo.UseCallers;
SELECT id, note FROM #work ORDER BY id;
-- expect: seen
-- 2
-- expect: id | note
-- 1 | outer
-- 2 | added
GO
-- An inner procedure sees the #work of the procedure that called it, not
-- the outermost one
CREATE PROCEDURE dbo.OwnThenUse
AS
    CREATE TABLE #work (id int, note varchar(10));
    EXEC dbo.UseCallers;
GO
EXEC dbo.OwnThenUse;
SELECT COUNT(*) AS outer_rows FROM #work;
-- expect: seen
-- 1
-- expect: outer_rows
-- 2
GO
-- DROP TABLE #work in the procedure drops its own table, not the caller's
CREATE PROCEDURE dbo.DropOwn
AS
    CREATE TABLE #work (x int);
    DROP TABLE #work;
GO
EXEC dbo.DropOwn;
SELECT COUNT(*) AS n FROM #work;
-- expect: n
-- 2
GO
DROP TABLE #work;
GO
-- A procedure's plans used first without a caller's #work, then with one
EXEC dbo.OwnWork;
-- expect: v
-- inner
GO
CREATE TABLE #work (id int, note varchar(10));
INSERT INTO #work VALUES (7, 'again');
EXEC dbo.OwnWork;
SELECT id, note FROM #work;
-- expect: v
-- inner
-- expect: id | note
-- 7 | again
GO
-- Inside a transaction the caller's table comes back too, and is kept at
-- COMMIT
BEGIN TRANSACTION;
EXEC dbo.OwnWork;
SELECT id, note FROM #work;
COMMIT;
SELECT id, note FROM #work;
-- expect: v
-- inner
-- expect: id | note
-- 7 | again
-- expect: id | note
-- 7 | again
GO
-- OBJECT_ID in the procedure names its own table, the caller's afterwards
CREATE PROCEDURE dbo.WhichId @outer int
AS
    CREATE TABLE #work (v int);
    SELECT CASE WHEN OBJECT_ID(N'tempdb..#work') = @outer THEN 'caller' ELSE 'own' END AS seen;
GO
DECLARE @id int = OBJECT_ID(N'tempdb..#work');
EXEC dbo.WhichId @id;
SELECT CASE WHEN OBJECT_ID(N'tempdb..#work') = @id THEN 'caller' ELSE 'other' END AS after_call;
-- expect: seen
-- own
-- expect: after_call
-- caller
GO
