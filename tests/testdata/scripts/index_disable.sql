-- ALTER INDEX … DISABLE and REBUILD (issue #5), as SQL Server documents them
-- ("Disable indexes and constraints"): a disabled nonclustered index keeps
-- its definition (is_disabled = 1) but is neither maintained nor read, so a
-- disabled unique index enforces nothing and REBUILD finds the duplicates
-- that arrived (1505); a disabled clustered index keeps the rows but the
-- table cannot be read or written (8655) and its nonclustered indexes go
-- with it; foreign keys that rest on a disabled unique index are disabled.
CREATE TABLE dbo.parent (id int CONSTRAINT pk_parent PRIMARY KEY, a int NULL, code varchar(10) NULL)
CREATE INDEX ix_a ON dbo.parent (a)
CREATE UNIQUE INDEX ux_code ON dbo.parent (code)
CREATE TABLE dbo.child (cid int PRIMARY KEY, code varchar(10) CONSTRAINT fk_child_code REFERENCES dbo.parent (code),
  pid int CONSTRAINT fk_child_parent REFERENCES dbo.parent (id))
INSERT dbo.parent VALUES (1, 10, 'x'), (2, 20, 'y'), (3, 20, 'z')
INSERT dbo.child VALUES (1, 'x', 1)
GO
ALTER INDEX ix_a ON dbo.parent DISABLE
GO
SELECT name, index_id, is_disabled, INDEXPROPERTY(object_id, name, 'IsDisabled') AS prop FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.parent') ORDER BY index_id
-- expect: name | index_id | is_disabled | prop
-- pk_parent | 1 | 0 | 0
-- ix_a | 2 | 1 | 1
-- ux_code | 3 | 0 | 0
GO
-- Not maintained while disabled: rows written now are found after REBUILD.
INSERT dbo.parent VALUES (4, 20, 'w')
UPDATE dbo.parent SET a = 30 WHERE id = 3
DELETE dbo.parent WHERE id = 2
SELECT id FROM dbo.parent WHERE a = 20 ORDER BY id
-- expect: id
-- 4
GO
ALTER INDEX ix_a ON dbo.parent REORGANIZE
-- error: 1973 Cannot perform the specified operation on disabled index 'ix_a' on table 'parent'.
GO
ALTER INDEX ix_a ON dbo.parent REBUILD
DBCC CHECKTABLE ('dbo.parent') WITH NO_INFOMSGS
SELECT id FROM dbo.parent WHERE a >= 20 ORDER BY id
-- expect: id
-- 3
-- 4
GO
SELECT name, is_disabled FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.parent') AND name = 'ix_a'
-- expect: name | is_disabled
-- ix_a | 0
GO
-- A disabled unique index enforces nothing, and takes the foreign key that
-- rests on it out of service.
ALTER INDEX ux_code ON dbo.parent DISABLE
-- message: Warning: Foreign key 'fk_child_code' on table 'child' referencing table 'parent' was disabled as a result of disabling the index 'ux_code'.
GO
SELECT name, is_disabled, is_not_trusted FROM sys.foreign_keys ORDER BY name
-- expect: name | is_disabled | is_not_trusted
-- fk_child_code | 1 | 1
-- fk_child_parent | 0 | 0
GO
INSERT dbo.parent VALUES (5, 50, 'x')
INSERT dbo.child VALUES (2, 'nope', 1)
GO
ALTER TABLE dbo.child CHECK CONSTRAINT fk_child_code
-- error: 1989 Cannot enable foreign key constraint 'fk_child_code' as index 'ux_code' on referenced key is disabled.
GO
ALTER INDEX ux_code ON dbo.parent REBUILD
-- error: 1505 The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name 'dbo.parent' and the index name 'ux_code'. The duplicate key value is (x).
-- message: The statement has been terminated.
GO
SELECT is_disabled FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.parent') AND name = 'ux_code'
-- expect: is_disabled
-- 1
GO
DELETE dbo.parent WHERE id = 5
ALTER INDEX ux_code ON dbo.parent REBUILD
GO
INSERT dbo.parent VALUES (6, 60, 'x')
-- error: 2601 Cannot insert duplicate key row in object 'dbo.parent' with unique index 'ux_code'. The duplicate key value is (x).
-- message: The statement has been terminated.
GO
-- REBUILD does not enable the foreign key: CHECK CONSTRAINT does.
SELECT name, is_disabled FROM sys.foreign_keys WHERE name = 'fk_child_code'
-- expect: name | is_disabled
-- fk_child_code | 1
GO
DELETE dbo.child WHERE cid = 2
ALTER TABLE dbo.child WITH CHECK CHECK CONSTRAINT fk_child_code
GO
-- Disabling the clustered index: the rows stay but cannot be read or
-- written; the nonclustered indexes and every foreign key into the table
-- are disabled with it.
ALTER INDEX pk_parent ON dbo.parent DISABLE
-- message: Warning: Index 'ix_a' on table 'parent' was disabled as a result of disabling the clustered index on the table.
-- message: Warning: Index 'ux_code' on table 'parent' was disabled as a result of disabling the clustered index on the table.
-- message: Warning: Foreign key 'fk_child_code' on table 'child' referencing table 'parent' was disabled as a result of disabling the index 'pk_parent'.
-- message: Warning: Foreign key 'fk_child_parent' on table 'child' referencing table 'parent' was disabled as a result of disabling the index 'pk_parent'.
GO
SELECT * FROM dbo.parent
-- error: 8655 The query processor is unable to produce a plan because the index 'pk_parent' on table or view 'parent' is disabled.
GO
SELECT c.cid FROM dbo.child AS c JOIN dbo.parent AS p ON p.id = c.pid
-- error: 8655
GO
INSERT dbo.parent VALUES (7, 70, 'v')
-- error: 8655
GO
UPDATE dbo.parent SET a = 0
-- error: 8655
GO
DELETE dbo.parent
-- error: 8655
GO
ALTER INDEX ix_a ON dbo.parent REBUILD
-- error: 1974 Cannot perform the specified operation on table 'parent' because its clustered index 'pk_parent' is disabled.
GO
SELECT name, is_disabled FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.parent') ORDER BY index_id
-- expect: name | is_disabled
-- pk_parent | 1
-- ix_a | 1
-- ux_code | 1
GO
-- Rebuilding the clustered index alone enables only it; ALTER INDEX ALL …
-- REBUILD enables every index of the table.
ALTER INDEX pk_parent ON dbo.parent REBUILD
SELECT id, a, code FROM dbo.parent ORDER BY id
-- expect: id | a | code
-- 1 | 10 | x
-- 3 | 30 | z
-- 4 | 20 | w
GO
SELECT name, is_disabled FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.parent') ORDER BY index_id
-- expect: name | is_disabled
-- pk_parent | 0
-- ix_a | 1
-- ux_code | 1
GO
ALTER INDEX ALL ON dbo.parent REBUILD
DBCC CHECKTABLE ('dbo.parent') WITH NO_INFOMSGS
SELECT name, is_disabled FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.parent') ORDER BY index_id
-- expect: name | is_disabled
-- pk_parent | 0
-- ix_a | 0
-- ux_code | 0
GO
SELECT id FROM dbo.parent WHERE code = 'w'
-- expect: id
-- 4
GO
-- ALTER INDEX ALL … DISABLE disables every index of the table.
CREATE TABLE dbo.solo (id int CONSTRAINT pk_solo PRIMARY KEY)
ALTER INDEX ALL ON dbo.solo DISABLE
SELECT name, is_disabled FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.solo')
-- expect: name | is_disabled
-- pk_solo | 1
GO
SELECT * FROM dbo.solo
-- error: 8655
GO
-- A disabled clustered index can be dropped: the table is a heap again.
CREATE TABLE dbo.h (k int NOT NULL, v int NULL)
CREATE CLUSTERED INDEX cx_h ON dbo.h (k)
INSERT dbo.h VALUES (2, 20), (1, 10)
ALTER INDEX cx_h ON dbo.h DISABLE
DROP INDEX cx_h ON dbo.h
SELECT k, v FROM dbo.h ORDER BY k
-- expect: k | v
-- 1 | 10
-- 2 | 20
GO
ALTER INDEX nope ON dbo.h DISABLE
-- error: 1088 Cannot find the object "h.nope" because it does not exist or you do not have permissions.
GO
