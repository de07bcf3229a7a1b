-- DML through views, continued (CREATE VIEW's "Updatable Views"; the OUTPUT
-- clause page): what a statement through a view sees of the view.
CREATE TABLE dbo.b (id int PRIMARY KEY, x int, hidden int DEFAULT 5)
CREATE TABLE dbo.c (id int PRIMARY KEY, y int)
INSERT dbo.c VALUES (1, 10), (2, 20)
GO
CREATE VIEW dbo.vb AS SELECT id, x FROM dbo.b
GO
CREATE VIEW dbo.va AS SELECT x AS xx, id AS ident FROM dbo.b
GO
CREATE VIEW dbo.vexpr AS SELECT id, x, x * 2 AS dbl FROM dbo.b
GO
-- OUTPUT inserted.* and deleted.* through a view are the view's columns, in
-- its order and under its names; the base table's other columns stay
-- hidden.
INSERT dbo.vb OUTPUT inserted.* VALUES (1, 2)
-- expect: id | x
-- 1 | 2
GO
INSERT dbo.va (ident, xx) OUTPUT inserted.*, inserted.xx VALUES (2, 3)
-- expect: xx | ident | xx
-- 3 | 2 | 3
GO
UPDATE dbo.vb SET x = x + 1 OUTPUT deleted.*, inserted.* WHERE id = 1
-- expect: id | x | id | x
-- 1 | 2 | 1 | 3
GO
UPDATE dbo.va SET xx = 30 OUTPUT inserted.* FROM dbo.va JOIN dbo.c ON c.id = va.ident WHERE c.y = 20
-- expect: xx | ident
-- 30 | 2
GO
-- The keyed path (a view computing a column the WHERE reads).
UPDATE dbo.vexpr SET x = 4 OUTPUT inserted.id, inserted.x WHERE dbl = 6
-- expect: id | x
-- 1 | 4
GO
DECLARE @t TABLE (a int, b int)
INSERT dbo.va OUTPUT inserted.* INTO @t VALUES (7, 8)
SELECT * FROM @t
-- expect: a | b
-- 7 | 8
GO
INSERT dbo.va OUTPUT inserted.hidden VALUES (9, 9)
-- error: 207 Invalid column name 'hidden'.
GO
DELETE dbo.va OUTPUT deleted.* WHERE ident = 8
-- expect: xx | ident
-- 7 | 8
GO
WITH cte AS (SELECT id, x FROM dbo.b WHERE id = 2) UPDATE cte SET x = 31 OUTPUT inserted.*
-- expect: id | x
-- 2 | 31
GO
SELECT id, x, hidden FROM dbo.b ORDER BY id
-- expect: id | x | hidden
-- 1 | 4 | 5
-- 2 | 31 | 5
GO
-- With a FROM clause, a bare name the view does not show is another
-- source's column (bb.hidden here), never the base table's hidden one: the
-- statement sees the view, not its table.
UPDATE dbo.vb SET x = hidden FROM dbo.vb JOIN dbo.b AS bb ON bb.id = vb.id WHERE vb.id = 1
SELECT id, x FROM dbo.b WHERE id = 1
-- expect: id | x
-- 1 | 5
GO
UPDATE dbo.vb SET x = hidden FROM dbo.vb JOIN dbo.c ON c.id = vb.id
-- error: 207 Invalid column name 'hidden'.
GO
DELETE dbo.vb FROM dbo.vb JOIN dbo.c ON c.id = vb.id WHERE hidden = 5
-- error: 207 Invalid column name 'hidden'.
GO
-- A bare name the view and another source both show is ambiguous.
UPDATE dbo.vb SET x = id FROM dbo.vb JOIN dbo.c ON c.id = vb.id
-- error: 209 Ambiguous column name 'id'.
GO
UPDATE dbo.vb SET x = y FROM dbo.vb JOIN dbo.c ON c.id = vb.id
SELECT id, x FROM dbo.b ORDER BY id
-- expect: id | x
-- 1 | 10
-- 2 | 20
GO
-- A view with TOP: UPDATE and DELETE change the rows its TOP and ORDER BY
-- pick; INSERT goes to the base table. WITH CHECK OPTION on such a view is
-- accepted by CREATE VIEW, but no INSERT or UPDATE goes through it (4427,
-- compatibility level 90 and later); DELETE does.
CREATE TABLE dbo.t (id int PRIMARY KEY, x int)
INSERT dbo.t VALUES (1, 1), (2, 2), (3, 3), (4, 4)
GO
CREATE VIEW dbo.vtop AS SELECT TOP (2) id, x FROM dbo.t ORDER BY id DESC
GO
UPDATE dbo.vtop SET x = 77
SELECT id, x FROM dbo.t ORDER BY id
-- expect: id | x
-- 1 | 1
-- 2 | 2
-- 3 | 77
-- 4 | 77
GO
UPDATE dbo.vtop SET x = x + 1 OUTPUT inserted.* WHERE id = 3
-- expect: id | x
-- 3 | 78
GO
DELETE dbo.vtop WHERE x = 77
SELECT id FROM dbo.t ORDER BY id
-- expect: id
-- 1
-- 2
-- 3
GO
INSERT dbo.vtop VALUES (9, 9)
SELECT id, x FROM dbo.vtop ORDER BY id
-- expect: id | x
-- 3 | 78
-- 9 | 9
GO
;WITH firsts AS (SELECT TOP (1) id, x FROM dbo.t ORDER BY id)
UPDATE firsts SET x = -1
SELECT id, x FROM dbo.t ORDER BY id
-- expect: id | x
-- 1 | -1
-- 2 | 2
-- 3 | 78
-- 9 | 9
GO
CREATE VIEW dbo.vtopc AS SELECT TOP (2) id, x FROM dbo.t WHERE x > 0 ORDER BY id WITH CHECK OPTION
GO
UPDATE dbo.vtopc SET x = 5
-- error: 4427 Cannot update the view "dbo.vtopc" because it or a view it references was created with WITH CHECK OPTION and its definition contains the TOP clause.
GO
INSERT dbo.vtopc VALUES (20, 20)
-- error: 4427 Cannot update the view "dbo.vtopc" because it or a view it references was created with WITH CHECK OPTION and its definition contains the TOP clause.
GO
DELETE dbo.vtopc
SELECT id, x FROM dbo.t ORDER BY id
-- expect: id | x
-- 1 | -1
-- 9 | 9
GO
-- A partitioned view's members must hold ranges of their own: with
-- overlapping CHECKs the column is no partitioning column (4436).
CREATE TABLE dbo.p1 (id int NOT NULL PRIMARY KEY CHECK (id BETWEEN 1 AND 10), v int)
CREATE TABLE dbo.p2 (id int NOT NULL PRIMARY KEY CHECK (id >= 5 AND id <= 20), v int)
CREATE TABLE dbo.p3 (id int NOT NULL PRIMARY KEY CHECK (id > 10 AND id <= 20), v int)
GO
CREATE VIEW dbo.pv AS SELECT id, v FROM dbo.p1 UNION ALL SELECT id, v FROM dbo.p2
GO
CREATE VIEW dbo.pv_ok AS SELECT id, v FROM dbo.p1 UNION ALL SELECT id, v FROM dbo.p3
GO
INSERT dbo.pv VALUES (3, 3)
-- error: 4436
GO
UPDATE dbo.pv SET v = 1
-- error: 4436
GO
INSERT dbo.pv_ok VALUES (3, 3), (15, 15)
SELECT id, v FROM dbo.p3
-- expect: id | v
-- 15 | 15
GO
-- OUTPUT inserted.* / deleted.* through a view with an expression column
-- list that column too, computed from the row (the OUTPUT clause page
-- refuses only a view column defined by a subquery or a data-accessing
-- function, with 4186).
CREATE TABLE dbo.oe (id int PRIMARY KEY, v int)
GO
CREATE VIEW dbo.voe AS SELECT id, v * 2 AS dbl, v FROM dbo.oe
GO
INSERT dbo.voe (id, v) OUTPUT inserted.* VALUES (1, 5)
-- expect: id | dbl | v
-- 1 | 10 | 5
GO
UPDATE dbo.voe SET v = 6 OUTPUT deleted.*, inserted.dbl WHERE id = 1
-- expect: id | dbl | v | dbl
-- 1 | 10 | 5 | 12
GO
-- The expression column inside a larger OUTPUT expression, and through
-- DELETE (deleted.* lists it computed from the old row).
UPDATE dbo.voe SET v = v + 1 OUTPUT inserted.dbl + 1, deleted.dbl AS old_dbl WHERE id = 1
-- expect: - | old_dbl
-- 15 | 12
GO
INSERT dbo.voe (id, v) VALUES (2, 20)
DELETE dbo.voe OUTPUT deleted.* WHERE id = 2
-- expect: id | dbl | v
-- 2 | 40 | 20
GO
-- A view with a column list, and a view over that view whose expression
-- reads the inner view's expression column.
CREATE VIEW dbo.voe_named (k, twice, val) AS SELECT id, v * 2, v FROM dbo.oe
GO
CREATE VIEW dbo.voe_outer AS SELECT k, twice + val AS thrice, val FROM dbo.voe_named
GO
INSERT dbo.voe_named (k, val) OUTPUT inserted.* VALUES (3, 4)
-- expect: k | twice | val
-- 3 | 8 | 4
GO
UPDATE dbo.voe_outer SET val = 5 OUTPUT inserted.*, deleted.thrice WHERE k = 3
-- expect: k | thrice | val | thrice
-- 3 | 15 | 5 | 12
GO
-- OUTPUT INTO a table variable, and MERGE through the view.
DECLARE @o TABLE (id int, dbl int)
MERGE dbo.voe AS t USING (VALUES (1, 100), (4, 8)) AS s (id, v) ON t.id = s.id
WHEN MATCHED THEN UPDATE SET v = s.v
WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)
OUTPUT inserted.id, inserted.dbl INTO @o;
SELECT id, dbl FROM @o ORDER BY id
-- expect: id | dbl
-- 1 | 200
-- 4 | 16
GO
-- A column defined by a subquery reads other rows: OUTPUT refuses it
-- (4186), by name or through inserted.*; the statement does not run.
CREATE VIEW dbo.voe_sub AS SELECT id, v, (SELECT COUNT(*) FROM dbo.oe) AS n FROM dbo.oe
GO
UPDATE dbo.voe_sub SET v = 0 OUTPUT inserted.n WHERE id = 1
-- error: 4186 Column 'inserted.n' cannot be referenced in the OUTPUT clause because the column definition contains a subquery or references a function that performs user or system data access. A function is assumed by default to perform data access if it is not schemabound. Consider removing the subquery or function from the column definition or removing the column from the OUTPUT clause.
GO
DELETE dbo.voe_sub OUTPUT deleted.* WHERE id = 1
-- error: 4186 Column 'deleted.n' cannot be referenced in the OUTPUT clause because the column definition contains a subquery or references a function that performs user or system data access. A function is assumed by default to perform data access if it is not schemabound. Consider removing the subquery or function from the column definition or removing the column from the OUTPUT clause.
GO
SELECT id, v FROM dbo.oe ORDER BY id
-- expect: id | v
-- 1 | 100
-- 3 | 5
-- 4 | 8
GO
