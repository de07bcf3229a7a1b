-- A FOREIGN KEY that references its own table (a hierarchy) is checked
-- after the statement has inserted its rows, as SQL Server's plan spools
-- the inserted rows before the check: a row may reference itself (a root
-- that is its own manager) or a row that comes later in the same
-- statement. A parent missing at the end is still 547, and the statement
-- leaves none of its rows.
CREATE TABLE dbo.Node (id int PRIMARY KEY, parent int NULL CONSTRAINT FK_Node_Parent REFERENCES dbo.Node (id))
GO
INSERT dbo.Node VALUES (1, 1)
INSERT dbo.Node VALUES (3, 2), (2, 1)
INSERT dbo.Node SELECT 5, 4 UNION ALL SELECT 4, NULL
SELECT id, parent FROM dbo.Node ORDER BY id
-- expect: id | parent
-- 1 | 1
-- 2 | 1
-- 3 | 2
-- 4 | NULL
-- 5 | 4
GO
INSERT dbo.Node VALUES (6, 1), (7, 8)
-- error: 547
-- message: The statement has been terminated.
GO
SELECT COUNT(*) AS n FROM dbo.Node
-- expect: n
-- 5
GO
-- The same shape again (a kept plan) defers again, and refuses again.
INSERT dbo.Node VALUES (9, 8), (8, 8)
INSERT dbo.Node VALUES (10, 11)
-- error: 547
-- message: The statement has been terminated.
GO
SELECT COUNT(*) AS n FROM dbo.Node
-- expect: n
-- 7
GO
