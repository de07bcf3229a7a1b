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
-- Dynamic SQL is a scope of its own too (CREATE TABLE's page: a #t created
-- by EXECUTE of a string is dropped when the EXECUTE ends): the caller
-- naming it afterwards gets 208, as after sp_executesql
EXEC ('CREATE TABLE #dyn (a int); INSERT INTO #dyn VALUES (1); SELECT a FROM #dyn;');
SELECT a FROM #dyn;
-- expect: a
-- 1
-- error: 208 Invalid object name '#dyn'.
GO
DECLARE @sql nvarchar(200) = N'CREATE TABLE #dyn (a int);';
EXEC (@sql);
SELECT OBJECT_ID(N'tempdb..#dyn') AS gone;
-- expect: gone
-- NULL
GO
EXEC sp_executesql N'CREATE TABLE #dyn (a int);';
SELECT OBJECT_ID(N'tempdb..#dyn') AS gone;
-- expect: gone
-- NULL
GO
-- So the same EXEC can run again on the connection
EXEC ('CREATE TABLE #dyn (a int); INSERT INTO #dyn VALUES (2); SELECT a FROM #dyn;');
EXEC ('CREATE TABLE #dyn (a int); INSERT INTO #dyn VALUES (3); SELECT a FROM #dyn;');
-- expect: a
-- 2
-- expect: a
-- 3
GO
-- Later statements of the same dynamic batch, and dynamic SQL it runs,
-- see its #t
EXEC ('CREATE TABLE #dyn (a int); INSERT INTO #dyn VALUES (4); EXEC (''SELECT a + 1 AS b FROM #dyn'');');
-- expect: b
-- 5
GO
-- Dynamic SQL reads and writes the caller's #work, and a #work of its own
-- hides the caller's until it ends
EXEC ('INSERT INTO #work VALUES (8, ''dynamic'')');
EXEC ('CREATE TABLE #work (other int); INSERT INTO #work VALUES (99); SELECT other FROM #work;');
SELECT id, note FROM #work ORDER BY id;
-- expect: other
-- 99
-- expect: id | note
-- 7 | again
-- 8 | dynamic
GO
-- The same inside a procedure: its dynamic SQL's #work goes, its own stays
CREATE PROCEDURE dbo.DynInProc
AS
    CREATE TABLE #work (p int);
    INSERT INTO #work VALUES (1);
    EXEC ('CREATE TABLE #work (d int); INSERT INTO #work VALUES (2); SELECT d FROM #work;');
    SELECT p FROM #work;
GO
EXEC dbo.DynInProc;
SELECT COUNT(*) AS n FROM #work;
-- expect: d
-- 2
-- expect: p
-- 1
-- expect: n
-- 2
GO
-- @@ROWCOUNT after EXECUTE is still the last statement's inside it
-- (@@ROWCOUNT's page: EXECUTE statements preserve it), not the count of
-- dropping the scope's tables
EXEC ('CREATE TABLE #dyn (a int); INSERT INTO #dyn VALUES (1), (2), (3);');
SELECT @@ROWCOUNT AS dyn_rows;
EXEC dbo.OwnWork;
SELECT @@ROWCOUNT AS proc_rows;
-- expect: dyn_rows
-- 3
-- expect: v
-- inner
-- expect: proc_rows
-- 1
GO
-- A procedure that drops its #t and names it again: 208, which ends the
-- procedure; the caller goes on
CREATE PROCEDURE dbo.DropThenUse
AS
    CREATE TABLE #gone (a int);
    DROP TABLE #gone;
    SELECT a FROM #gone;
    SELECT 'not reached' AS r;
GO
EXEC dbo.DropThenUse;
SELECT 'after' AS r;
-- error: 208 Invalid object name '#gone'.
-- expect: r
-- after
GO
-- A trigger is a scope too: its #t is dropped when it ends, so the next
-- firing creates it again, and the caller never sees it
CREATE TABLE dbo.audited (id int);
GO
CREATE TRIGGER dbo.audited_ins ON dbo.audited AFTER INSERT
AS
BEGIN
    SET NOCOUNT ON;
    CREATE TABLE #seen (id int);
    INSERT INTO #seen SELECT id FROM inserted;
    SELECT COUNT(*) AS seen FROM #seen;
END
GO
INSERT INTO dbo.audited VALUES (1);
SELECT id FROM #seen;
-- expect: seen
-- 1
-- error: 208 Invalid object name '#seen'.
GO
INSERT INTO dbo.audited VALUES (2), (3);
SELECT COUNT(*) AS n FROM dbo.audited;
-- expect: seen
-- 2
-- expect: n
-- 3
GO
-- The trigger's #seen hides the firing batch's, which is back afterwards
CREATE TABLE #seen (id int, src varchar(10));
INSERT INTO #seen VALUES (0, 'batch');
INSERT INTO dbo.audited VALUES (4);
SELECT id, src FROM #seen;
DROP TABLE #seen;
-- expect: seen
-- 1
-- expect: id | src
-- 0 | batch
GO
