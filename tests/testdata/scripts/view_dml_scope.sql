-- Column names inside subqueries of INSERT / UPDATE / DELETE / MERGE
-- through a view. SQL Server binds an unqualified name to the innermost
-- query whose tables have it, then outward, where the view stands for its
-- columns: a view column renamed with AS is found by its view name, and a
-- column of the base table the view does not show is 207, even though
-- the statement modifies that table.
CREATE TABLE dbo.bt (id int PRIMARY KEY, c int, hid int)
CREATE TABLE dbo.other (c int, x int)
GO
CREATE VIEW dbo.bv AS SELECT id, c FROM dbo.bt
GO
CREATE VIEW dbo.bv2 AS SELECT id AS k, c AS cc FROM dbo.bt
GO
INSERT dbo.bt VALUES (1, 10, 100), (2, 20, 200), (3, 30, 300)
INSERT dbo.other VALUES (10, 1), (30, 3)
GO
-- c inside the subquery is other.c (the inner table first).
UPDATE dbo.bv SET c = c + 1 WHERE c IN (SELECT c FROM dbo.other)
SELECT id, c FROM dbo.bt ORDER BY id
-- expect: id | c
-- 1 | 11
-- 2 | 20
-- 3 | 31
GO
-- hid is a column of bt the view hides: not reachable from a subquery.
UPDATE dbo.bv SET c = 0 WHERE id IN (SELECT x FROM dbo.other WHERE hid = 1)
-- error: 207 Invalid column name 'hid'.
GO
DELETE dbo.bv2 WHERE k IN (SELECT x FROM dbo.other WHERE hid = 100)
-- error: 207 Invalid column name 'hid'.
GO
-- id is bt's name of the view's column k: 207 too.
UPDATE dbo.bv2 SET cc = 6 WHERE k IN (SELECT x FROM dbo.other WHERE id = 1)
-- error: 207 Invalid column name 'id'.
GO
-- A correlated name the inner table lacks is the view's column.
UPDATE dbo.bv2 SET cc = 5 WHERE k IN (SELECT x FROM dbo.other WHERE x = k)
SELECT id, c FROM dbo.bt ORDER BY id
-- expect: id | c
-- 1 | 5
-- 2 | 20
-- 3 | 5
GO
UPDATE dbo.bv2 SET cc = (SELECT MAX(x) FROM dbo.other WHERE x <> k) WHERE k = 2
SELECT id, c FROM dbo.bt ORDER BY id
-- expect: id | c
-- 1 | 5
-- 2 | 3
-- 3 | 5
GO
-- Qualified with the view's name, in EXISTS; the base table's name does
-- not designate the view's rows (4104).
DELETE dbo.bv2 WHERE EXISTS (SELECT 1 FROM dbo.other WHERE other.x + 1 = bv2.k AND cc = 3)
SELECT id, c FROM dbo.bt ORDER BY id
-- expect: id | c
-- 1 | 5
-- 3 | 5
GO
UPDATE dbo.bv2 SET cc = 7 WHERE k IN (SELECT x FROM dbo.other o WHERE o.x = bt.id)
-- error: 4104 The multi-part identifier "bt.id" could not be bound.
GO
-- Nested subqueries: the middle query's table answers before the view.
UPDATE dbo.bv2 SET cc = 4 WHERE k IN (SELECT x FROM dbo.other WHERE EXISTS (SELECT 1 FROM dbo.bt AS b2 WHERE b2.id = x AND b2.hid = 300 AND cc = 5))
SELECT id, c FROM dbo.bt ORDER BY id
-- expect: id | c
-- 1 | 5
-- 3 | 4
GO
-- The statement's own FROM: the view under an alias.
UPDATE v SET cc = 8 FROM dbo.bv2 v WHERE k IN (SELECT x FROM dbo.other WHERE x = k)
SELECT id, c FROM dbo.bt ORDER BY id
-- expect: id | c
-- 1 | 8
-- 3 | 8
GO
UPDATE v SET cc = 8 FROM dbo.bv2 v WHERE k IN (SELECT x FROM dbo.other WHERE hid = k)
-- error: 207 Invalid column name 'hid'.
GO
-- MERGE: a WHEN condition's subquery reads the target's view columns.
MERGE dbo.bv2 AS t USING (VALUES (1), (3)) AS s (k) ON t.k = s.k
WHEN MATCHED AND EXISTS (SELECT 1 FROM dbo.other WHERE x = t.k AND x > 2 AND cc = 8) THEN UPDATE SET cc = 9;
SELECT id, c FROM dbo.bt ORDER BY id
-- expect: id | c
-- 1 | 8
-- 3 | 9
GO
MERGE dbo.bv2 AS t USING (VALUES (1)) AS s (k) ON t.k = s.k
WHEN MATCHED AND EXISTS (SELECT 1 FROM dbo.other WHERE hid = 100) THEN DELETE;
-- error: 207 Invalid column name 'hid'.
GO
-- INSERT … SELECT through the view: the SELECT is a query of its own.
INSERT dbo.bv2 (k, cc) SELECT x + 10, c FROM dbo.other WHERE x NOT IN (SELECT k FROM dbo.bv2 WHERE cc = 9)
SELECT id, c, hid FROM dbo.bt ORDER BY id
-- expect: id | c | hid
-- 1 | 8 | 100
-- 3 | 9 | 300
-- 11 | 10 | NULL
GO
