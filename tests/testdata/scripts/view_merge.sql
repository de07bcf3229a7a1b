-- MERGE into a view or CTE (MERGE's target_table "can be a view"; CREATE
-- VIEW's "Updatable Views"): the view's one base table is modified, only
-- the rows the view shows are the target, the view's columns are what
-- the statement names, and WITH CHECK OPTION holds.
CREATE TABLE dbo.b (id int PRIMARY KEY, x int, hidden int DEFAULT 5)
CREATE TABLE dbo.c (id int PRIMARY KEY, y int)
INSERT dbo.c VALUES (1, 10), (2, 20)
INSERT dbo.b (id, x) VALUES (1, 2)
GO
CREATE VIEW dbo.vb AS SELECT id, x FROM dbo.b
GO
CREATE VIEW dbo.vw AS SELECT id AS ident, x AS val FROM dbo.b WHERE x < 100 WITH CHECK OPTION
GO
MERGE dbo.vb AS tgt USING (VALUES (1, 9), (2, 3)) AS s (id, x) ON tgt.id = s.id
WHEN MATCHED THEN UPDATE SET x = s.x
WHEN NOT MATCHED THEN INSERT (id, x) VALUES (s.id, s.x)
OUTPUT $action, inserted.*;
-- expect: $action | id | x
-- UPDATE | 1 | 9
-- INSERT | 2 | 3
GO
-- INSERT without a column list fills the view's columns, in order.
MERGE dbo.vb USING (VALUES (3, 4)) AS s (k, v) ON vb.id = s.k
WHEN NOT MATCHED THEN INSERT VALUES (s.k, s.v);
SELECT id, x, hidden FROM dbo.b ORDER BY id
-- expect: id | x | hidden
-- 1 | 9 | 5
-- 2 | 3 | 5
-- 3 | 4 | 5
GO
-- A bare name both the view and the source show is ambiguous; one only
-- the base table has (the view hides it) is not a column here.
MERGE dbo.vb USING (VALUES (3, 4)) AS s (id, v) ON id = s.id WHEN MATCHED THEN DELETE;
-- error: 209 Ambiguous column name 'id'.
GO
MERGE dbo.vb USING (VALUES (3, 4)) AS s (k, v) ON id = k WHEN MATCHED THEN UPDATE SET x = hidden;
-- error: 207 Invalid column name 'hidden'.
GO
MERGE dbo.vb USING (VALUES (3, 40)) AS s (k, hidden) ON id = k WHEN MATCHED THEN UPDATE SET x = hidden;
SELECT id, x, hidden FROM dbo.b WHERE id = 3
-- expect: id | x | hidden
-- 3 | 40 | 5
GO
MERGE dbo.vb AS t USING dbo.c ON t.hidden = c.id WHEN MATCHED THEN DELETE;
-- error: 207 Invalid column name 'hidden'.
GO
-- WITH CHECK OPTION: an updated or inserted row must stay in the view.
MERGE dbo.vw AS t USING (VALUES (1, 500), (7, 7)) AS s (k, v) ON t.ident = s.k
WHEN MATCHED THEN UPDATE SET val = s.v
WHEN NOT MATCHED THEN INSERT (ident, val) VALUES (s.k, s.v);
-- error: 550 The attempted insert or update failed because the target view either specifies WITH CHECK OPTION or spans a view that specifies WITH CHECK OPTION and one or more rows resulting from the operation did not qualify under the CHECK OPTION constraint.
-- message: The statement has been terminated.
GO
SELECT id, x FROM dbo.b ORDER BY id
-- expect: id | x
-- 1 | 9
-- 2 | 3
-- 3 | 40
GO
-- Rows the view hides are not the target's: NOT MATCHED BY SOURCE leaves
-- them, and a source row with their key is NOT MATCHED (its INSERT then
-- meets the key).
UPDATE dbo.b SET x = 200 WHERE id = 3
GO
MERGE dbo.vw AS t USING (VALUES (1, 1)) AS s (k, v) ON t.ident = s.k
WHEN MATCHED THEN UPDATE SET val = s.v
WHEN NOT MATCHED BY SOURCE THEN DELETE
OUTPUT $action, deleted.*, inserted.*;
-- expect: $action | ident | val | ident | val
-- UPDATE | 1 | 9 | 1 | 1
-- DELETE | 2 | 3 | NULL | NULL
GO
MERGE dbo.vw AS t USING (VALUES (3, 8)) AS s (k, v) ON t.ident = s.k
WHEN MATCHED THEN UPDATE SET val = 1
WHEN NOT MATCHED THEN INSERT (ident, val) VALUES (s.k, s.v);
-- error: 2627
-- message: The statement has been terminated.
GO
SELECT id, x FROM dbo.b ORDER BY id
-- expect: id | x
-- 1 | 1
-- 3 | 200
GO
-- A CTE is a target too; its WHERE limits the rows.
INSERT dbo.b (id, x) VALUES (2, 0)
;WITH cte AS (SELECT id, x FROM dbo.b WHERE id < 3)
MERGE cte USING dbo.c ON cte.id = c.id
WHEN MATCHED AND c.y > 10 THEN UPDATE SET x = c.y
WHEN NOT MATCHED BY SOURCE THEN DELETE;
SELECT id, x FROM dbo.b ORDER BY id
-- expect: id | x
-- 1 | 1
-- 2 | 20
-- 3 | 200
GO
-- Views no MERGE can go through, with SQL Server's errors; a missing
-- target is named as written, without its alias.
MERGE dbo.nope AS t USING dbo.c ON t.id = c.id WHEN MATCHED THEN DELETE;
-- error: 208 Invalid object name 'dbo.nope'.
GO
CREATE VIEW dbo.vd AS SELECT DISTINCT id, x FROM dbo.b
GO
MERGE dbo.vd USING dbo.c ON vd.id = c.id WHEN MATCHED THEN DELETE;
-- error: 4403 Cannot update the view or function 'dbo.vd' because it contains aggregates, or a DISTINCT or GROUP BY clause, or PIVOT or UNPIVOT operator.
GO
CREATE VIEW dbo.ve AS SELECT id, x + 1 AS x1 FROM dbo.b
GO
MERGE dbo.ve USING dbo.c ON ve.id = c.id WHEN MATCHED THEN UPDATE SET x1 = 3;
-- error: 4406 Update or insert of view or function 'dbo.ve' failed because it contains a derived or constant field.
GO
CREATE VIEW dbo.vu AS SELECT id, x FROM dbo.b UNION SELECT id, y FROM dbo.c
GO
MERGE dbo.vu USING dbo.c ON vu.id = c.id WHEN MATCHED THEN DELETE;
-- error: 4426 View 'dbo.vu' is not updatable because the definition contains a UNION operator.
GO
-- A view over two tables: each action may change one base table only
-- (4405), not a view column that is an expression (4406).
CREATE VIEW dbo.vj AS SELECT b.id, b.x, c.y, b.x + c.y AS xy FROM dbo.b JOIN dbo.c ON c.id = b.id
GO
MERGE dbo.vj AS t USING (VALUES (1)) AS s (id) ON t.id = s.id WHEN MATCHED THEN DELETE;
-- error: 4405 View or function 'dbo.vj' is not updatable because the modification affects multiple base tables.
GO
MERGE dbo.vj AS t USING (VALUES (1)) AS s (id) ON t.id = s.id WHEN MATCHED THEN UPDATE SET x = 1, y = 2;
-- error: 4405 View or function 'dbo.vj' is not updatable because the modification affects multiple base tables.
GO
MERGE dbo.vj AS t USING (VALUES (9)) AS s (id) ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, x, y) VALUES (s.id, 1, 2);
-- error: 4405 View or function 'dbo.vj' is not updatable because the modification affects multiple base tables.
GO
MERGE dbo.vj AS t USING (VALUES (1)) AS s (id) ON t.id = s.id WHEN MATCHED THEN UPDATE SET xy = 3;
-- error: 4406 Update or insert of view or function 'dbo.vj' failed because it contains a derived or constant field.
GO
