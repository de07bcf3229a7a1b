-- Filtered indexes: a UNIQUE index WHERE col IS NOT NULL is unique among the
-- non-NULL values only (EF Core creates one for every unique index on a
-- nullable column); rows enter and leave the index as they change.
CREATE TABLE dbo.users (id int IDENTITY PRIMARY KEY, email varchar(50) NULL, kind int NOT NULL DEFAULT 0)
CREATE UNIQUE INDEX [IX_users_email] ON [dbo].[users] ([email]) WHERE [email] IS NOT NULL
INSERT dbo.users (email) VALUES (NULL), (NULL), ('a@x')
SELECT COUNT(*) AS n FROM dbo.users WHERE email IS NULL
-- expect: n
-- 2
GO
INSERT dbo.users (email) VALUES ('a@x')
-- error: 2601 Cannot insert duplicate key row in object 'dbo.users' with unique index 'IX_users_email'. The duplicate key value is (a@x).
-- message: The statement has been terminated.
GO
-- A row leaving the filter frees its value; one entering it is checked.
UPDATE dbo.users SET email = NULL WHERE email = 'a@x'
INSERT dbo.users (email) VALUES ('a@x')
UPDATE dbo.users SET email = 'a@x' WHERE id = 1
-- error: 2601 Cannot insert duplicate key row in object 'dbo.users' with unique index 'IX_users_email'. The duplicate key value is (a@x).
-- message: The statement has been terminated.
GO
UPDATE dbo.users SET email = 'b@x' WHERE id = 1
DELETE dbo.users WHERE email = 'a@x'
INSERT dbo.users (email) VALUES ('a@x')
SELECT id, email FROM dbo.users WHERE email IS NOT NULL ORDER BY email
-- expect: id | email
-- 6 | a@x
-- 1 | b@x
GO
-- A filter on another column: unique among kind > 0 only.
CREATE UNIQUE INDEX ux_kind ON dbo.users (kind) WHERE kind > 0
UPDATE dbo.users SET kind = 7 WHERE id = 1
UPDATE dbo.users SET kind = 7 WHERE id = 2
-- error: 2601 Cannot insert duplicate key row in object 'dbo.users' with unique index 'ux_kind'. The duplicate key value is (7).
-- message: The statement has been terminated.
GO
SELECT id FROM dbo.users WHERE kind = 7
-- expect: id
-- 1
GO
-- Built over existing rows: duplicates outside the filter are allowed.
CREATE UNIQUE INDEX ux_zero ON dbo.users (kind) WHERE kind = 0
-- error: 1505
-- message: The statement has been terminated.
GO
CREATE UNIQUE INDEX ux_none ON dbo.users (kind) WHERE kind < 0
SELECT name, has_filter, filter_definition FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.users') AND index_id > 1 ORDER BY name
-- expect: name | has_filter | filter_definition
-- IX_users_email | 1 | ([email] IS NOT NULL)
-- ux_kind | 1 | ([kind]>(0))
-- ux_none | 1 | ([kind]<(0))
GO
CREATE INDEX bad ON dbo.users (kind) WHERE kind = 1 OR kind = 2
-- error: 10735 Incorrect WHERE clause for filtered index 'bad' on table 'users'.
GO
