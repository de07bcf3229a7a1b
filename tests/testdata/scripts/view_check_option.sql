-- WITH CHECK OPTION: a row written through the view must stay visible
-- through it (550), and a failing statement writes nothing.
CREATE TABLE dbo.Staff (id int PRIMARY KEY, region varchar(10), salary int)
INSERT dbo.Staff VALUES (1, 'East', 100), (2, 'East', 200), (3, 'West', 300)
GO
CREATE VIEW dbo.EastStaff AS SELECT id, region, salary FROM dbo.Staff WHERE region = 'East' WITH CHECK OPTION
GO
CREATE VIEW dbo.EastAny AS SELECT id, region, salary FROM dbo.Staff WHERE region = 'East'
GO
UPDATE dbo.EastStaff SET region = 'West' WHERE id = 1
-- error: 550 The attempted insert or update failed because the target view either specifies WITH CHECK OPTION or spans a view that specifies WITH CHECK OPTION and one or more rows resulting from the operation did not qualify under the CHECK OPTION constraint.
-- message: The statement has been terminated.
GO
INSERT dbo.EastStaff (id, region, salary) VALUES (4, 'North', 50)
-- error: 550
-- message: The statement has been terminated.
GO
INSERT dbo.EastStaff (id, region, salary) VALUES (5, NULL, 50)
-- error: 550
-- message: The statement has been terminated.
GO
-- Rows that stay in the view are fine; a multi-row UPDATE with one row
-- leaving fails whole.
UPDATE dbo.EastStaff SET salary = salary + 1
INSERT dbo.EastStaff (id, region, salary) VALUES (6, 'East', 60)
UPDATE dbo.EastStaff SET region = CASE WHEN id = 2 THEN 'West' ELSE region END
-- error: 550
-- message: The statement has been terminated.
GO
-- Without CHECK OPTION the row may leave the view.
UPDATE dbo.EastAny SET region = 'South' WHERE id = 6
SELECT id, region, salary FROM dbo.Staff ORDER BY id
-- expect: id | region | salary
-- 1 | East | 101
-- 2 | East | 201
-- 3 | West | 300
-- 6 | South | 60
GO
