-- A parent row being deleted, or whose key changes, finds the rows that
-- reference it through an index whose leading columns are the foreign
-- key's (clustered or not, its columns in any order), or else through the
-- child table read once for the statement and each candidate read again:
-- NO ACTION (547), CASCADE, SET NULL and SET DEFAULT find the same rows
-- either way.
CREATE TABLE dbo.P (id int PRIMARY KEY)
CREATE TABLE dbo.C (id int PRIMARY KEY, pid int NULL CONSTRAINT FK_C_P REFERENCES dbo.P (id))
CREATE INDEX IX_C_pid ON dbo.C (pid)
INSERT dbo.P VALUES (1), (2), (3), (4)
INSERT dbo.C VALUES (10, 2), (11, 4), (12, NULL)
GO
-- The index finds the child of 2: 547, and nothing is deleted.
DELETE FROM dbo.P WHERE id <= 2
-- error: 547
-- message: The statement has been terminated.
GO
UPDATE dbo.P SET id = 20 WHERE id = 4
-- error: 547
-- message: The statement has been terminated.
GO
DELETE FROM dbo.P WHERE id IN (1, 3)
SELECT id FROM dbo.P ORDER BY id
-- expect: id
-- 2
-- 4
GO
-- ON DELETE CASCADE and ON UPDATE CASCADE through the index; a grandchild
-- through a clustered key whose leading columns are its foreign key's.
CREATE TABLE dbo.O (id int PRIMARY KEY)
CREATE TABLE dbo.L (oid int NOT NULL CONSTRAINT FK_L_O REFERENCES dbo.O (id) ON DELETE CASCADE ON UPDATE CASCADE, line int NOT NULL, CONSTRAINT PK_L PRIMARY KEY (oid, line))
CREATE TABLE dbo.N (oid int NOT NULL, line int NOT NULL, note varchar(10) NOT NULL, CONSTRAINT FK_N_L FOREIGN KEY (oid, line) REFERENCES dbo.L (oid, line) ON DELETE CASCADE ON UPDATE CASCADE)
CREATE INDEX IX_N_line_oid ON dbo.N (line, oid, note)
INSERT dbo.O VALUES (1), (2), (3)
INSERT dbo.L VALUES (1, 1), (1, 2), (2, 1), (3, 1)
INSERT dbo.N VALUES (1, 2, 'a'), (2, 1, 'b'), (3, 1, 'c')
GO
DELETE FROM dbo.O WHERE id <= 2
UPDATE dbo.O SET id = 30 WHERE id = 3
SELECT oid, line FROM dbo.L ORDER BY oid, line
-- expect: oid | line
-- 30 | 1
GO
SELECT oid, line, note FROM dbo.N ORDER BY note
-- expect: oid | line | note
-- 30 | 1 | c
GO
-- ON DELETE SET NULL through the index.
CREATE TABLE dbo.Dept (id int PRIMARY KEY)
CREATE TABLE dbo.Emp (id int PRIMARY KEY, dept int NULL CONSTRAINT FK_Emp_Dept REFERENCES dbo.Dept (id) ON DELETE SET NULL)
CREATE INDEX IX_Emp_dept ON dbo.Emp (dept)
INSERT dbo.Dept VALUES (1), (2)
INSERT dbo.Emp VALUES (1, 1), (2, 2), (3, 1)
GO
DELETE FROM dbo.Dept WHERE id = 1
SELECT id, dept FROM dbo.Emp ORDER BY id
-- expect: id | dept
-- 1 | NULL
-- 2 | 2
-- 3 | NULL
GO
-- A case-insensitive key: the child's 'ABC ' references the parent's 'abc'.
CREATE TABLE dbo.Code (code varchar(10) COLLATE Latin1_General_CI_AS PRIMARY KEY)
CREATE TABLE dbo.Use1 (id int PRIMARY KEY, code varchar(10) COLLATE Latin1_General_CI_AS NULL REFERENCES dbo.Code (code))
CREATE INDEX IX_Use1_code ON dbo.Use1 (code)
CREATE TABLE dbo.Use2 (id int PRIMARY KEY, code varchar(10) COLLATE Latin1_General_CI_AS NULL REFERENCES dbo.Code (code))
INSERT dbo.Code VALUES ('abc'), ('xyz')
INSERT dbo.Use1 VALUES (1, 'ABC ')
INSERT dbo.Use2 VALUES (1, 'XYZ')
GO
DELETE FROM dbo.Code WHERE code = 'abc'
-- error: 547
-- message: The statement has been terminated.
GO
DELETE FROM dbo.Code WHERE code = 'xyz'
-- error: 547
-- message: The statement has been terminated.
GO
-- No index: the child table is read once. A child the statement deletes
-- before its parent's turn is not counted against that parent.
CREATE TABLE dbo.Node (id int PRIMARY KEY, parent int NULL CONSTRAINT FK_Node_Parent REFERENCES dbo.Node (id))
INSERT dbo.Node VALUES (2, NULL), (1, 2)
GO
DELETE FROM dbo.Node
SELECT COUNT(*) AS n FROM dbo.Node
-- expect: n
-- 0
GO
-- ON DELETE SET DEFAULT moves a child onto a key deleted later in the same
-- statement (9, after 1): that parent still finds it, and its default is
-- the key going away: 547, and the statement leaves every row.
CREATE TABLE dbo.Grp (id int PRIMARY KEY)
CREATE TABLE dbo.Mem (id int PRIMARY KEY, grp int NOT NULL CONSTRAINT DF_Mem_grp DEFAULT 9 CONSTRAINT FK_Mem_Grp REFERENCES dbo.Grp (id) ON DELETE SET DEFAULT)
INSERT dbo.Grp VALUES (1), (9)
INSERT dbo.Mem VALUES (1, 1)
GO
DELETE FROM dbo.Grp
-- error: 547
-- message: The statement has been terminated.
GO
SELECT id, grp FROM dbo.Mem
-- expect: id | grp
-- 1 | 1
GO
SELECT COUNT(*) AS n FROM dbo.Grp
-- expect: n
-- 2
GO
