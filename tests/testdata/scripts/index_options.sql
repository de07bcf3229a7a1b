-- Index and table options SQL Server keeps and shows (CREATE INDEX, CREATE
-- TABLE and ALTER TABLE pages; sys.indexes, sys.partitions, sys.tables,
-- sys.columns): IGNORE_DUP_KEY and what it does to INSERT, FILLFACTOR and
-- PAD_INDEX on constraints.
CREATE TABLE dbo.ign (id int NOT NULL, code varchar(10) NOT NULL, note varchar(20) NULL);
CREATE UNIQUE INDEX UX_ign_code ON dbo.ign (code) WITH (IGNORE_DUP_KEY = ON);
INSERT dbo.ign VALUES (1, 'a', 'first');
GO
-- A duplicate against a stored row and one within the statement are left
-- out; the statement goes on and counts what it inserted
INSERT dbo.ign VALUES (2, 'a', 'dup of stored'), (3, 'b', 'new'), (4, 'b', 'dup in statement'), (5, 'c', 'new');
SELECT @@ROWCOUNT AS inserted;
-- message: Duplicate key was ignored.
-- expect: inserted
-- 2
GO
SELECT id, code, note FROM dbo.ign ORDER BY id;
-- expect: id | code | note
-- 1 | a | first
-- 3 | b | new
-- 5 | c | new
GO
-- INSERT … SELECT, and OUTPUT returns only the rows inserted
INSERT dbo.ign (id, code) OUTPUT inserted.id, inserted.code SELECT id + 10, code + 'x' FROM dbo.ign UNION ALL SELECT 20, 'a';
-- expect: id | code
-- 11 | ax
-- 13 | bx
-- 15 | cx
-- message: Duplicate key was ignored.
GO
-- No duplicate, no warning
INSERT dbo.ign VALUES (30, 'z', NULL);
GO
-- UPDATE still fails
UPDATE dbo.ign SET code = 'a' WHERE id = 3;
-- error: 2601 Cannot insert duplicate key row in object 'dbo.ign' with unique index 'UX_ign_code'. The duplicate key value is (a).
-- message: The statement has been terminated.
GO
SELECT name, is_unique, ignore_dup_key FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.ign') AND index_id > 0;
-- expect: name | is_unique | ignore_dup_key
-- UX_ign_code | 1 | 1
GO
-- A nonunique index can't ignore duplicate keys
CREATE INDEX IX_ign_note ON dbo.ign (note) WITH (IGNORE_DUP_KEY = ON);
-- error: 1916 CREATE INDEX options nonunique and ignore_dup_key are mutually exclusive.
GO
-- IGNORE_DUP_KEY on PRIMARY KEY and UNIQUE constraints
CREATE TABLE dbo.ignpk (
    id int NOT NULL CONSTRAINT PK_ignpk PRIMARY KEY WITH (IGNORE_DUP_KEY = ON),
    email varchar(40) NULL,
    CONSTRAINT UQ_ignpk_email UNIQUE NONCLUSTERED (email) WITH (IGNORE_DUP_KEY = ON, FILLFACTOR = 80, PAD_INDEX = ON)
);
INSERT dbo.ignpk VALUES (1, 'x@example.com');
GO
INSERT dbo.ignpk VALUES (1, 'y@example.com'), (2, 'x@example.com'), (3, 'z@example.com');
-- message: Duplicate key was ignored.
GO
SELECT id, email FROM dbo.ignpk ORDER BY id;
-- expect: id | email
-- 1 | x@example.com
-- 3 | z@example.com
GO
UPDATE dbo.ignpk SET id = 1 WHERE id = 3;
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_ignpk'. Cannot insert duplicate key in object 'dbo.ignpk'. The duplicate key value is (1).
-- message: The statement has been terminated.
GO
SELECT name, type_desc, is_primary_key, is_unique_constraint, ignore_dup_key, fill_factor, is_padded
FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.ignpk') ORDER BY index_id;
-- expect: name | type_desc | is_primary_key | is_unique_constraint | ignore_dup_key | fill_factor | is_padded
-- PK_ignpk | CLUSTERED | 1 | 0 | 1 | 0 | 0
-- UQ_ignpk_email | NONCLUSTERED | 0 | 1 | 1 | 80 | 1
GO
-- ALTER TABLE … ADD CONSTRAINT keeps the options too
CREATE TABLE dbo.ignadd (a int NOT NULL, b int NULL);
ALTER TABLE dbo.ignadd ADD CONSTRAINT UQ_ignadd_b UNIQUE (b) WITH (IGNORE_DUP_KEY = ON);
INSERT dbo.ignadd VALUES (1, 1), (2, 1), (3, NULL), (4, NULL);
SELECT a, b FROM dbo.ignadd ORDER BY a;
-- message: Duplicate key was ignored.
-- expect: a | b
-- 1 | 1
-- 3 | NULL
GO
-- With IGNORE_DUP_KEY = OFF (the default) the whole INSERT fails
CREATE TABLE dbo.ignoff (a int NOT NULL CONSTRAINT PK_ignoff PRIMARY KEY WITH (IGNORE_DUP_KEY = OFF));
INSERT dbo.ignoff VALUES (1);
GO
INSERT dbo.ignoff VALUES (2), (1);
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_ignoff'. Cannot insert duplicate key in object 'dbo.ignoff'. The duplicate key value is (1).
-- message: The statement has been terminated.
GO
SELECT COUNT(*) AS n, MAX(CAST(ignore_dup_key AS int)) AS ign FROM dbo.ignoff CROSS JOIN sys.indexes i WHERE i.object_id = OBJECT_ID('dbo.ignoff');
-- expect: n | ign
-- 1 | 0
GO
-- A table variable's constraint
DECLARE @t TABLE (k int PRIMARY KEY WITH (IGNORE_DUP_KEY = ON));
INSERT @t VALUES (1), (1), (2);
SELECT COUNT(*) AS n FROM @t;
-- message: Duplicate key was ignored.
-- expect: n
-- 2
GO
-- sp_helpindex names the option
EXEC sp_helpindex 'dbo.ignpk';
-- expect: index_name | index_description | index_keys
-- PK_ignpk | clustered, ignore duplicate keys, unique, primary key located on PRIMARY | id
-- UQ_ignpk_email | nonclustered, ignore duplicate keys, unique, unique key located on PRIMARY | email
GO
-- DATA_COMPRESSION is kept per index (sys.partitions); the table's applies
-- to its heap or clustered index; REBUILD changes it
CREATE TABLE dbo.cmp (id int NOT NULL CONSTRAINT PK_cmp PRIMARY KEY, v int NULL)
    WITH (DATA_COMPRESSION = ROW);
CREATE INDEX IX_cmp_v ON dbo.cmp (v) WITH (DATA_COMPRESSION = PAGE, FILLFACTOR = 70);
CREATE TABLE dbo.cmpheap (a int) WITH (DATA_COMPRESSION = PAGE);
GO
SELECT OBJECT_NAME(p.object_id) AS tbl, p.index_id, p.data_compression, p.data_compression_desc
FROM sys.partitions p WHERE p.object_id IN (OBJECT_ID('dbo.cmp'), OBJECT_ID('dbo.cmpheap')) ORDER BY tbl, p.index_id;
-- expect: tbl | index_id | data_compression | data_compression_desc
-- cmp | 1 | 1 | ROW
-- cmp | 2 | 2 | PAGE
-- cmpheap | 0 | 2 | PAGE
GO
ALTER TABLE dbo.cmpheap REBUILD WITH (DATA_COMPRESSION = NONE);
ALTER INDEX IX_cmp_v ON dbo.cmp REBUILD WITH (DATA_COMPRESSION = ROW);
ALTER INDEX PK_cmp ON dbo.cmp SET (ALLOW_PAGE_LOCKS = OFF);
GO
SELECT OBJECT_NAME(p.object_id) AS tbl, p.index_id, p.data_compression_desc, i.fill_factor, i.allow_row_locks, i.allow_page_locks
FROM sys.partitions p JOIN sys.indexes i ON i.object_id = p.object_id AND i.index_id = p.index_id
WHERE p.object_id IN (OBJECT_ID('dbo.cmp'), OBJECT_ID('dbo.cmpheap')) ORDER BY tbl, p.index_id;
-- expect: tbl | index_id | data_compression_desc | fill_factor | allow_row_locks | allow_page_locks
-- cmp | 1 | ROW | 0 | 1 | 0
-- cmp | 2 | ROW | 70 | 1 | 1
-- cmpheap | 0 | NONE | 0 | 1 | 1
GO
-- LOCK_ESCALATION is kept (sys.tables)
ALTER TABLE dbo.cmp SET (LOCK_ESCALATION = DISABLE);
SELECT name, lock_escalation, lock_escalation_desc FROM sys.tables WHERE name IN ('cmp', 'cmpheap') ORDER BY name;
-- expect: name | lock_escalation | lock_escalation_desc
-- cmp | 1 | DISABLE
-- cmpheap | 0 | TABLE
GO
ALTER TABLE dbo.cmp SET (LOCK_ESCALATION = TABLE);
SELECT lock_escalation_desc FROM sys.tables WHERE name = 'cmp';
-- expect: lock_escalation_desc
-- TABLE
GO
-- Sparse columns and a column set
CREATE TABLE dbo.sp (id int PRIMARY KEY, a varchar(20) SPARSE, b int SPARSE NULL, cs xml COLUMN_SET FOR ALL_SPARSE_COLUMNS);
SELECT name, is_sparse, is_column_set, is_nullable FROM sys.columns WHERE object_id = OBJECT_ID('dbo.sp') ORDER BY column_id;
-- expect: name | is_sparse | is_column_set | is_nullable
-- id | 0 | 0 | 0
-- a | 1 | 0 | 1
-- b | 1 | 0 | 1
-- cs | 0 | 1 | 1
GO
CREATE TABLE dbo.sp2 (id int IDENTITY SPARSE);
-- error: 1731 Cannot create the sparse column 'id' in the table 'sp2' because an option or data type specified is not valid. A sparse column must be nullable and cannot have the ROWGUIDCOL, IDENTITY, or FILESTREAM properties. A sparse column cannot be of the following data types: text, ntext, image, geometry, geography, or user-defined type.
GO
CREATE TABLE dbo.sp3 (t text SPARSE NULL);
-- error: 1731
GO
CREATE TABLE dbo.sp4 (a int SPARSE NULL DEFAULT 0);
-- error: 1791 A DEFAULT constraint cannot be created on the column 'a' in the table 'sp4' because the column is a sparse column or sparse column set. Sparse columns or sparse column sets cannot have a DEFAULT constraint.
GO
-- A DEFAULT constraint added later can't name a column either
CREATE TABLE dbo.df (a int, b int);
GO
ALTER TABLE dbo.df ADD CONSTRAINT DF_df_b DEFAULT (a * 2) FOR b;
-- error: 128 The name "a" is not permitted in this context. Valid expressions are constants, constant expressions, and (in some contexts) variables. Column names are not permitted.
GO
ALTER TABLE dbo.df ADD CONSTRAINT DF_df_b DEFAULT (DATEDIFF(day, '20240101', GETDATE())) FOR b;
SELECT name FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID('dbo.df');
-- expect: name
-- DF_df_b
GO
