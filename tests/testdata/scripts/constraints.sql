-- DDL with constraints and the errors they raise.
CREATE TABLE dbo.parent (id int CONSTRAINT PK_parent PRIMARY KEY, code varchar(5) CONSTRAINT UQ_parent_code UNIQUE)
CREATE TABLE dbo.child (
    id int NOT NULL CONSTRAINT PK_child PRIMARY KEY,
    parent_id int NULL CONSTRAINT FK_child_parent REFERENCES dbo.parent (id),
    qty int NOT NULL CONSTRAINT CK_child_qty CHECK (qty > 0),
    note varchar(5) NULL,
    made int NOT NULL CONSTRAINT DF_child_made DEFAULT (7)
)
INSERT dbo.parent VALUES (1, 'a'), (2, 'b')
GO
INSERT dbo.parent VALUES (1, 'z')
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_parent'. Cannot insert duplicate key in object 'dbo.parent'. The duplicate key value is (1).
-- message: The statement has been terminated.
GO
INSERT dbo.parent VALUES (3, 'a')
-- error: 2627 Violation of UNIQUE KEY constraint 'UQ_parent_code'. Cannot insert duplicate key in object 'dbo.parent'. The duplicate key value is (a).
-- message: The statement has been terminated.
GO
-- a statement-level error does not abort the batch
INSERT dbo.parent VALUES (1, 'q')
SELECT COUNT(*) AS n FROM dbo.parent
-- error: 2627
-- message: The statement has been terminated.
-- expect: n
-- 2
GO
INSERT dbo.child (id, parent_id, qty) VALUES (1, 1, 0)
-- error: 547
-- message: The statement has been terminated.
GO
INSERT dbo.child (id, parent_id, qty) VALUES (1, 9, 1)
-- error: 547
-- message: The statement has been terminated.
GO
INSERT dbo.child (id, parent_id, qty) VALUES (1, NULL, NULL)
-- error: 515
-- message: The statement has been terminated.
GO
INSERT dbo.child (id, parent_id, qty, note) VALUES (1, 1, 1, 'toolong')
-- error: 2628
-- message: The statement has been terminated.
GO
INSERT dbo.child (id, parent_id, qty) VALUES (1, 1, 5), (2, NULL, 3)
SELECT id, parent_id, qty, note, made FROM dbo.child ORDER BY id
-- expect: id | parent_id | qty | note | made
-- 1 | 1 | 5 | NULL | 7
-- 2 | NULL | 3 | NULL | 7
GO
DELETE FROM dbo.parent WHERE id = 1
-- error: 547
-- message: The statement has been terminated.
GO
UPDATE dbo.child SET qty = -1 WHERE id = 1
-- error: 547
-- message: The statement has been terminated.
GO
-- a multi-row statement that fails is rolled back as a whole
INSERT dbo.child (id, parent_id, qty) VALUES (3, 1, 1), (4, 1, 0)
SELECT COUNT(*) AS n FROM dbo.child
-- error: 547
-- message: The statement has been terminated.
-- expect: n
-- 2
GO
UPDATE dbo.parent SET id = 1 WHERE id = 2
-- error: 2627
-- message: The statement has been terminated.
GO
DELETE FROM dbo.parent WHERE id = 2
SELECT id FROM dbo.parent
-- expect: id
-- 1
GO
CREATE TABLE dbo.parent (x int)
-- error: 2714 There is already an object named 'parent' in the database.
GO
ALTER TABLE dbo.child ADD extra int NULL
ALTER TABLE dbo.child ADD CONSTRAINT CK_child_extra CHECK (extra IS NULL OR extra < 10)
GO
UPDATE dbo.child SET extra = 11 WHERE id = 1
-- error: 547
-- message: The statement has been terminated.
GO
ALTER TABLE dbo.child DROP CONSTRAINT CK_child_extra
UPDATE dbo.child SET extra = 11 WHERE id = 1
SELECT extra FROM dbo.child WHERE id = 1
-- expect: extra
-- 11
GO
CREATE TABLE dbo.comp (a int, b int, c int, CONSTRAINT PK_comp PRIMARY KEY (a, b))
INSERT dbo.comp VALUES (1, 1, 0), (1, 2, 0)
GO
INSERT dbo.comp VALUES (1, 2, 9)
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_comp'. Cannot insert duplicate key in object 'dbo.comp'. The duplicate key value is (1, 2).
-- message: The statement has been terminated.
GO
CREATE UNIQUE INDEX ux_comp_c ON dbo.comp (c)
-- error: 1505 The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name 'dbo.comp' and the index name 'ux_comp_c'. The duplicate key value is (0).
-- message: The statement has been terminated.
GO
CREATE UNIQUE INDEX ux_comp_b ON dbo.comp (b)
INSERT dbo.comp VALUES (2, 2, 0)
-- error: 2601 Cannot insert duplicate key row in object 'dbo.comp' with unique index 'ux_comp_b'. The duplicate key value is (2).
-- message: The statement has been terminated.
GO
-- a FOREIGN KEY on a UNIQUE key: changing the referenced value of a parent
-- with children is refused, changing another column is not
CREATE TABLE dbo.child_code (id int NOT NULL CONSTRAINT PK_child_code PRIMARY KEY, code varchar(5) NULL CONSTRAINT FK_child_code REFERENCES dbo.parent (code))
INSERT dbo.child_code VALUES (1, 'a')
GO
UPDATE dbo.parent SET code = 'x' WHERE id = 1
-- error: 547
-- message: The statement has been terminated.
GO
UPDATE dbo.parent SET code = 'a' WHERE id = 1
DROP TABLE dbo.child_code
GO
-- ON UPDATE CASCADE gives the children the parent's new key, ON DELETE
-- SET NULL empties their reference, SET DEFAULT puts back the default
CREATE TABLE dbo.fp (id int NOT NULL CONSTRAINT PK_fp PRIMARY KEY)
CREATE TABLE dbo.fc (id int NOT NULL CONSTRAINT PK_fc PRIMARY KEY, pid int NULL CONSTRAINT FK_fc_fp REFERENCES dbo.fp (id) ON DELETE SET NULL ON UPDATE CASCADE)
CREATE TABLE dbo.fd (id int NOT NULL CONSTRAINT PK_fd PRIMARY KEY, pid int NULL CONSTRAINT DF_fd_pid DEFAULT (3) CONSTRAINT FK_fd_fp REFERENCES dbo.fp (id) ON DELETE SET DEFAULT)
INSERT dbo.fp VALUES (1), (2), (3), (4)
INSERT dbo.fc VALUES (1, 1), (2, 2)
INSERT dbo.fd VALUES (1, 4)
GO
UPDATE dbo.fp SET id = 10 WHERE id = 1
DELETE dbo.fp WHERE id = 2
DELETE dbo.fp WHERE id = 4
SELECT id, pid FROM dbo.fc ORDER BY id
SELECT id, pid FROM dbo.fd
-- expect: id | pid
-- 1 | 10
-- 2 | NULL
-- expect: id | pid
-- 1 | 3
GO
DELETE dbo.fp WHERE id = 3
-- error: 547
-- message: The statement has been terminated.
GO
DROP TABLE dbo.fd
DROP TABLE dbo.fc
DROP TABLE dbo.fp
GO
DROP TABLE dbo.parent
-- error: 3726
GO
DROP TABLE dbo.child
DROP TABLE dbo.parent
SELECT COUNT(*) AS n FROM sys.tables WHERE name IN ('parent', 'child')
-- expect: n
-- 0
GO
DROP TABLE dbo.nope
-- error: 3701 Cannot drop the table 'dbo.nope', because it does not exist or you do not have permission.
GO
DROP TABLE IF EXISTS dbo.nope
GO
