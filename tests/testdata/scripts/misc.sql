-- Identifiers, INSERT … EXEC, SELECT INTO, and other statement forms.
CREATE TABLE dbo.[odd]]name] ([col with space] int, "quoted" int, [ünï] int)
INSERT dbo.[odd]]name] VALUES (1, 2, 3)
SELECT [col with space], "quoted", [ünï] FROM dbo.[odd]]name]
-- expect: col with space | quoted | ünï
-- 1 | 2 | 3
GO
SELECT name FROM sys.tables WHERE name LIKE 'odd%'
-- expect: name
-- odd]name
GO
CREATE TABLE dbo.src (id int, v varchar(5))
INSERT dbo.src VALUES (1, 'a'), (2, 'b')
GO
CREATE PROCEDURE dbo.src_rows AS SELECT id, v FROM dbo.src
GO
CREATE TABLE dbo.dst (id int, v varchar(5))
INSERT dbo.dst EXEC dbo.src_rows
SELECT id, v FROM dbo.dst ORDER BY id
-- expect: id | v
-- 1 | a
-- 2 | b
GO
SELECT id * 10 AS id10, v INTO dbo.copy FROM dbo.src WHERE id = 2
SELECT id10, v FROM dbo.copy
-- expect: id10 | v
-- 20 | b
GO
SELECT c.name, TYPE_NAME(c.system_type_id) AS t FROM sys.columns c WHERE c.object_id = OBJECT_ID('dbo.copy') ORDER BY c.column_id
-- expect: name | t
-- id10 | int
-- v | varchar
GO
SELECT 1 AS a; SELECT 2 AS b;
-- expect: a
-- 1
-- expect: b
-- 2
GO
SELECT * FROM (SELECT 1 AS x)
-- error: 102 Incorrect syntax near ')'.
GO
CREATE VIEW dbo.v_ordered AS SELECT id FROM dbo.src ORDER BY id
-- error: 1033 The ORDER BY clause is invalid in views, inline functions, derived tables, subqueries, and common table expressions, unless TOP, OFFSET or FOR XML is also specified.
GO
SELECT s.id, x.value FROM dbo.src AS s CROSS APPLY STRING_SPLIT('p,q', ',') AS x ORDER BY s.id, x.value
-- expect: id | value
-- 1 | p
-- 1 | q
-- 2 | p
-- 2 | q
GO
DECLARE @gone TABLE (id int)
DELETE FROM dbo.dst OUTPUT deleted.id INTO @gone WHERE id = 1
SELECT id FROM @gone
-- expect: id
-- 1
GO
SELECT TOP 1 v FROM dbo.src WHERE id IN (SELECT id FROM dbo.src WHERE v = 'b')
-- expect: v
-- b
GO
SELECT COUNT(*) AS n FROM dbo.src WHERE EXISTS (SELECT * FROM dbo.src AS i WHERE i.id > src.id)
-- expect: n
-- 1
GO
/* block comment /* nested */ still comment */ SELECT 'after comment' AS c -- trailing
-- expect: c
-- after comment
GO
SELECT N'it''s' AS q, 'GO' AS go_in_string
-- expect: q | go_in_string
-- it's | GO
GO
-- GO 2 runs the batch twice; the last run's output is compared
SELECT 'x' AS a
-- expect: a
-- x
GO 2
SELECT id FROM dbo.src WHERE id = 1 UNION ALL SELECT 9 ORDER BY 1 DESC
-- expect: id
-- 9
-- 1
GO
