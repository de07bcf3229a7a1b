-- Extended properties: sp_addextendedproperty / sp_updateextendedproperty /
-- sp_dropextendedproperty at the database, schema, table, column, index,
-- constraint and parameter levels, read back through
-- sys.extended_properties and fn_listextendedproperty (EF Core writes
-- table and column comments this way, as MS_Description).
CREATE TABLE dbo.Blog (Id int NOT NULL CONSTRAINT PK_Blog PRIMARY KEY, Title nvarchar(100) NULL, Rank int NULL)
CREATE INDEX IX_Blog_Title ON dbo.Blog (Title)
GO
CREATE PROCEDURE dbo.GetBlog @Id int AS SELECT * FROM dbo.Blog WHERE Id = @Id
GO
EXEC sp_addextendedproperty @name = N'MS_Description', @value = N'Blogs of the site', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'Blog'
EXEC sp_addextendedproperty N'MS_Description', N'The title', N'SCHEMA', N'dbo', N'TABLE', N'Blog', N'COLUMN', N'Title'
EXEC sp_addextendedproperty N'Version', 3, N'SCHEMA', N'dbo'
EXEC sp_addextendedproperty N'Owner', N'data team'
EXEC sp_addextendedproperty N'Note', N'by title', N'SCHEMA', N'dbo', N'TABLE', N'Blog', N'INDEX', N'IX_Blog_Title'
EXEC sp_addextendedproperty N'Note', N'the key', N'SCHEMA', N'dbo', N'TABLE', N'Blog', N'CONSTRAINT', N'PK_Blog'
EXEC sp_addextendedproperty N'Note', N'which blog', N'SCHEMA', N'dbo', N'PROCEDURE', N'GetBlog', N'PARAMETER', N'@Id'
GO
SELECT class, class_desc, minor_id, name, CAST(value AS nvarchar(100)) AS v, SQL_VARIANT_PROPERTY(value, 'BaseType') AS bt
FROM sys.extended_properties ORDER BY class, name, minor_id
-- expect: class | class_desc | minor_id | name | v | bt
-- 0 | DATABASE | 0 | Owner | data team | nvarchar
-- 1 | OBJECT_OR_COLUMN | 0 | MS_Description | Blogs of the site | nvarchar
-- 1 | OBJECT_OR_COLUMN | 2 | MS_Description | The title | nvarchar
-- 1 | OBJECT_OR_COLUMN | 0 | Note | the key | nvarchar
-- 2 | PARAMETER | 1 | Note | which blog | nvarchar
-- 3 | SCHEMA | 0 | Version | 3 | int
-- 7 | INDEX | 2 | Note | by title | nvarchar
GO
SELECT objtype, objname, name, CAST(value AS nvarchar(100)) AS v FROM fn_listextendedproperty(NULL, 'SCHEMA', 'dbo', 'TABLE', 'Blog', 'COLUMN', NULL)
-- expect: objtype | objname | name | v
-- COLUMN | Title | MS_Description | The title
GO
SELECT objtype, objname, name FROM fn_listextendedproperty(N'MS_Description', 'SCHEMA', 'dbo', 'TABLE', default, NULL, NULL)
-- expect: objtype | objname | name
-- TABLE | Blog | MS_Description
GO
SELECT objtype, objname, name FROM fn_listextendedproperty(default, default, default, default, default, default, default)
-- expect: objtype | objname | name
-- NULL | NULL | Owner
GO
SELECT objtype, objname, CAST(value AS nvarchar(100)) AS v FROM fn_listextendedproperty(N'Note', 'SCHEMA', 'dbo', 'PROCEDURE', 'GetBlog', 'PARAMETER', '@Id')
-- expect: objtype | objname | v
-- PARAMETER | @Id | which blog
GO
EXEC sp_addextendedproperty N'MS_Description', N'again', N'SCHEMA', N'dbo', N'TABLE', N'Blog'
-- error: 15233 Property cannot be added. Property 'MS_Description' already exists for 'dbo.Blog'.
GO
EXEC sp_updateextendedproperty N'MS_Description', N'All blogs', N'SCHEMA', N'dbo', N'TABLE', N'Blog'
SELECT CAST(value AS nvarchar(100)) AS v FROM fn_listextendedproperty(N'MS_Description', 'SCHEMA', 'dbo', 'TABLE', 'Blog', NULL, NULL)
-- expect: v
-- All blogs
GO
EXEC sp_updateextendedproperty N'Nope', N'x', N'SCHEMA', N'dbo', N'TABLE', N'Blog'
-- error: 15217 Property cannot be updated or deleted. Property 'Nope' does not exist for 'dbo.Blog'.
GO
EXEC sp_addextendedproperty N'MS_Description', N'x', N'SCHEMA', N'dbo', N'TABLE', N'NoSuchTable'
-- error: 15135 Object is invalid. Extended properties are not permitted on 'dbo.NoSuchTable', or the object does not exist.
GO
EXEC sp_addextendedproperty N'MS_Description', N'x', N'SCHEMA', N'dbo', N'TABLE', N'Blog', N'COLUMN', N'Missing'
-- error: 15135 Object is invalid. Extended properties are not permitted on 'dbo.Blog.Missing', or the object does not exist.
GO
EXEC sp_dropextendedproperty N'Note', N'SCHEMA', N'dbo', N'TABLE', N'Blog', N'INDEX', N'IX_Blog_Title'
SELECT COUNT(*) AS n FROM sys.extended_properties WHERE class = 7
-- expect: n
-- 0
GO
-- A property rolls back with its transaction.
BEGIN TRAN
EXEC sp_addextendedproperty N'Temp', N'x', N'SCHEMA', N'dbo', N'TABLE', N'Blog', N'COLUMN', N'Rank'
ROLLBACK
SELECT COUNT(*) AS n FROM sys.extended_properties WHERE name = N'Temp'
-- expect: n
-- 0
GO
-- Renaming keeps the property; dropping the object drops it.
EXEC sp_rename N'dbo.Blog.Title', N'Heading', N'COLUMN'
SELECT objname FROM fn_listextendedproperty(N'MS_Description', 'SCHEMA', 'dbo', 'TABLE', 'Blog', 'COLUMN', NULL)
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- expect: objname
-- Heading
GO
DROP TABLE dbo.Blog
SELECT class, name FROM sys.extended_properties ORDER BY class, name
-- expect: class | name
-- 0 | Owner
-- 2 | Note
-- 3 | Version
GO
EXEC sp_dropextendedproperty N'Owner'
EXEC sp_dropextendedproperty N'Version', N'SCHEMA', N'dbo'
GO
