-- UPDATE and DELETE through a CTE or view whose columns are computed (window
-- functions, expressions) or whose base is a table variable: each view row
-- stands for one base row, so SQL Server modifies those rows.
CREATE TABLE dbo.dups (id int NOT NULL PRIMARY KEY, k int, v varchar(5))
INSERT dbo.dups VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 2, 'd'), (5, 3, 'e')
;WITH d AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY id) AS rn FROM dbo.dups)
DELETE FROM d WHERE rn > 1
SELECT id, k, v FROM dbo.dups ORDER BY id
-- expect: id | k | v
-- 1 | 1 | a
-- 3 | 2 | c
-- 5 | 3 | e
GO
DECLARE @t TABLE (n varchar(5), [Order] int, Selected bit)
INSERT @t VALUES ('b', 0, 1), ('a', 0, 1), ('c', 0, 0)
;WITH x AS (SELECT n, [Order], ROW_NUMBER() OVER (ORDER BY n DESC) AS RowNumber FROM @t WHERE Selected = 1)
UPDATE x SET [Order] = RowNumber
SELECT n, [Order] FROM @t ORDER BY n
-- expect: n | Order
-- a | 2
-- b | 1
-- c | 0
GO
-- An expression column may be read (WHERE), not written (4406).
;WITH e AS (SELECT id, k * 10 AS k10, v FROM dbo.dups)
UPDATE e SET v = UPPER(v) + CAST(k10 AS varchar(5)) WHERE k10 >= 20
SELECT id, v FROM dbo.dups ORDER BY id
-- expect: id | v
-- 1 | a
-- 3 | C20
-- 5 | E30
GO
;WITH e AS (SELECT id, k * 10 AS k10 FROM dbo.dups)
UPDATE e SET k10 = 1
-- error: 4406 Update or insert of view or function 'e' failed because it contains a derived or constant field.
GO
-- A CTE column list renames; OUTPUT's deleted is the CTE's rows, under its
-- names (deleted.v, a column it does not show, is 207).
;WITH r (ident, grp, pos) AS (SELECT id, k, RANK() OVER (ORDER BY k DESC) FROM dbo.dups)
DELETE FROM r OUTPUT deleted.v WHERE pos = 1
-- error: 207 Invalid column name 'v'.
GO
;WITH r (ident, grp, pos) AS (SELECT id, k, RANK() OVER (ORDER BY k DESC) FROM dbo.dups)
DELETE FROM r OUTPUT deleted.ident, deleted.grp WHERE pos = 1
-- expect: ident | grp
-- 5 | 3
GO
CREATE VIEW dbo.ranked AS SELECT id, v, DENSE_RANK() OVER (ORDER BY id) AS dr FROM dbo.dups
GO
UPDATE dbo.ranked SET v = 'first' WHERE dr = 1
SELECT id, v FROM dbo.dups ORDER BY id
-- expect: id | v
-- 1 | first
-- 3 | C20
GO
-- The base row's visible columns only: the rows the CTE's WHERE hides stay.
DECLARE @q TABLE (id int, done bit)
INSERT @q VALUES (1, 0), (2, 1), (3, 0)
;WITH pending AS (SELECT id, done FROM @q WHERE done = 0)
DELETE FROM pending WHERE id > 1
SELECT id FROM @q ORDER BY id
-- expect: id
-- 1
-- 2
GO
