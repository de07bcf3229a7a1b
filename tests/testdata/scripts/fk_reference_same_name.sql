-- A FOREIGN KEY of a table being created that names a table of the same
-- name in another schema references that table, not the new one itself;
-- and in a case-sensitive database one that names T from a new table t
-- references T. Both were taken for a reference to the table itself: the
-- first was then enforced against nothing (referenced_object_id 0), the
-- second against t's own rows. And a table of another schema than dbo
-- that references itself is held by its own rows.
CREATE SCHEMA fa;
GO
CREATE SCHEMA fb;
GO
CREATE TABLE fa.Tab (id int NOT NULL PRIMARY KEY);
INSERT fa.Tab VALUES (1);
CREATE TABLE fb.Tab (id int NOT NULL PRIMARY KEY, pid int NULL CONSTRAINT FK_fb_Tab REFERENCES fa.Tab (id));
GO
SELECT OBJECT_SCHEMA_NAME(referenced_object_id) AS ref_schema, OBJECT_NAME(referenced_object_id) AS ref FROM sys.foreign_keys WHERE name = 'FK_fb_Tab';
-- expect: ref_schema | ref
-- fa | Tab
GO
INSERT fb.Tab VALUES (10, 1);
GO
INSERT fb.Tab VALUES (11, 99);
-- error: 547
-- message: The statement has been terminated.
GO
DELETE fa.Tab WHERE id = 1;
-- error: 547
-- message: The statement has been terminated.
GO
-- A table of another schema than dbo that references itself (a manager
-- column): the key was made while the new table's schema was still dbo's,
-- so the constraint referenced dbo.Emp, a table that does not exist, and
-- held nothing.
CREATE TABLE fb.Emp (id int NOT NULL PRIMARY KEY, mgr int NULL REFERENCES fb.Emp (id));
INSERT fb.Emp VALUES (1, NULL), (2, 1);
SELECT OBJECT_SCHEMA_NAME(referenced_object_id) AS ref_schema, OBJECT_NAME(referenced_object_id) AS ref FROM sys.foreign_keys WHERE parent_object_id = OBJECT_ID('fb.Emp');
-- expect: ref_schema | ref
-- fb | Emp
GO
INSERT fb.Emp VALUES (3, 99);
-- error: 547
-- message: The statement has been terminated.
GO
CREATE DATABASE fk_cs COLLATE Latin1_General_CS_AS;
GO
USE fk_cs;
CREATE TABLE dbo.T (id int NOT NULL PRIMARY KEY);
INSERT dbo.T VALUES (1);
CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, pid int NULL REFERENCES dbo.T (id));
-- message: Changed database context to 'fk_cs'.
GO
SELECT OBJECT_NAME(parent_object_id) AS parent, OBJECT_NAME(referenced_object_id) AS ref FROM sys.foreign_keys;
-- expect: parent | ref
-- t | T
GO
INSERT dbo.t VALUES (10, 1);
SELECT id, pid FROM dbo.t;
-- expect: id | pid
-- 10 | 1
GO
USE master;
DROP DATABASE fk_cs;
-- message: Changed database context to 'master'.
GO
