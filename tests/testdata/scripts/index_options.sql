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
