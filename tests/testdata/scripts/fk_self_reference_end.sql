-- A DELETE, UPDATE or MERGE of a table that references itself is checked
-- after the statement has written its rows, as SQL Server's plan does: a
-- statement that takes a whole tree, or moves every key of a hierarchy
-- together, succeeds when no row left references a key that went away,
-- whichever row it meets first. A row left pointing at a deleted key is
-- still 547, and the statement leaves nothing. Node has no index on its
-- parent column (the table is read once at the end); Emp has one (sought).
CREATE TABLE dbo.Node (id int PRIMARY KEY, parent int NULL CONSTRAINT FK_Node_Parent REFERENCES dbo.Node (id))
CREATE TABLE dbo.Emp (id int PRIMARY KEY, boss int NULL CONSTRAINT FK_Emp_Boss REFERENCES dbo.Emp (id), INDEX IX_Emp_Boss (boss))
GO
INSERT dbo.Node VALUES (1, NULL), (2, 1), (3, 2), (4, 1), (5, NULL), (6, 5)
INSERT dbo.Emp VALUES (1, NULL), (2, 1), (3, 2), (4, 1), (5, NULL), (6, 5)
GO
-- A parent taken without its children is refused, whatever else goes.
DELETE dbo.Node WHERE id IN (1, 3)
-- error: 547
-- message: The statement has been terminated.
GO
DELETE dbo.Emp WHERE id IN (1, 3)
-- error: 547
-- message: The statement has been terminated.
GO
SELECT (SELECT COUNT(*) FROM dbo.Node) AS nodes, (SELECT COUNT(*) FROM dbo.Emp) AS emps
-- expect: nodes | emps
-- 6 | 6
GO
-- A subtree, parent first in key order.
DELETE dbo.Node WHERE id IN (1, 2, 3, 4)
DELETE dbo.Emp WHERE id IN (1, 2, 3, 4)
SELECT id, parent FROM dbo.Node ORDER BY id
-- expect: id | parent
-- 5 | NULL
-- 6 | 5
GO
-- Every key of the hierarchy moved together; a key moved alone is refused.
UPDATE dbo.Node SET id = id + 100, parent = parent + 100
UPDATE dbo.Emp SET id = id + 100, boss = boss + 100
SELECT id, parent FROM dbo.Node ORDER BY id
-- expect: id | parent
-- 105 | NULL
-- 106 | 105
GO
UPDATE dbo.Node SET id = 300 WHERE id = 105
-- error: 547
-- message: The statement has been terminated.
GO
UPDATE dbo.Emp SET id = 200 WHERE id = 105
-- error: 547
-- message: The statement has been terminated.
GO
-- Two keys swapped: each child still finds a row with its parent's key.
INSERT dbo.Node VALUES (107, NULL)
UPDATE dbo.Node SET id = CASE id WHEN 105 THEN 107 ELSE 105 END WHERE id IN (105, 107)
SELECT id, parent FROM dbo.Node ORDER BY id
-- expect: id | parent
-- 105 | NULL
-- 106 | 105
-- 107 | NULL
GO
-- MERGE deleting a tree, children after their parent in the source.
MERGE dbo.Emp AS t USING (VALUES (105), (106)) AS s (id) ON t.id = s.id WHEN MATCHED THEN DELETE;
SELECT COUNT(*) AS n FROM dbo.Emp
-- expect: n
-- 0
GO
MERGE dbo.Node AS t USING (VALUES (105)) AS s (id) ON t.id = s.id WHEN MATCHED THEN DELETE;
-- error: 547
-- message: The statement has been terminated.
GO
-- The whole table, a kept plan's second run too.
DELETE FROM dbo.Node
SELECT COUNT(*) AS n FROM dbo.Node
-- expect: n
-- 0
GO
INSERT dbo.Node VALUES (1, NULL), (2, 1), (3, 2)
DELETE FROM dbo.Node
SELECT COUNT(*) AS n FROM dbo.Node
-- expect: n
-- 0
GO
