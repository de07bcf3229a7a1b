-- SELECT … INTO #t in a procedure or in EXEC('…') when the caller has a
-- #t: like CREATE TABLE #t there (temp_scope.sql), it makes a new #t that
-- only the inner scope sees, hiding the caller's until the scope ends; the
-- caller's table keeps its columns and rows. A SELECT … INTO #t FROM #t
-- reads the caller's table into the new one.
CREATE TABLE #t (id int, note varchar(10));
INSERT #t VALUES (1, 'outer');
GO
CREATE PROCEDURE dbo.into_p AS
    SELECT 'inner' AS v, 2 AS n INTO #t;
    SELECT v, n FROM #t;
    SELECT name FROM tempdb.sys.columns WHERE object_id = OBJECT_ID('tempdb..#t') ORDER BY column_id;
GO
EXEC dbo.into_p;
SELECT id, note FROM #t;
SELECT name FROM tempdb.sys.columns WHERE object_id = OBJECT_ID('tempdb..#t') ORDER BY column_id;
-- expect: v | n
-- inner | 2
-- expect: name
-- v
-- n
-- expect: id | note
-- 1 | outer
-- expect: name
-- id
-- note
GO
-- Again: the procedure's table went with it, so its INTO does not fail
EXEC dbo.into_p;
-- expect: v | n
-- inner | 2
-- expect: name
-- v
-- n
GO
EXEC ('SELECT 7 AS z INTO #t; SELECT z FROM #t');
SELECT id, note FROM #t;
-- expect: z
-- 7
-- expect: id | note
-- 1 | outer
GO
CREATE PROCEDURE dbo.copy_p AS
    SELECT id * 10 AS id10 INTO #t FROM #t;
    SELECT id10 FROM #t;
GO
EXEC dbo.copy_p;
SELECT id, note FROM #t;
-- expect: id10
-- 10
-- expect: id | note
-- 1 | outer
GO
-- A procedure called by the inner scope sees the inner #t
CREATE PROCEDURE dbo.read_t AS SELECT * FROM #t;
GO
CREATE PROCEDURE dbo.into_call AS
    SELECT 'mid' AS m INTO #t;
    EXEC dbo.read_t;
GO
EXEC dbo.into_call;
EXEC dbo.read_t;
-- expect: m
-- mid
-- expect: id | note
-- 1 | outer
GO
