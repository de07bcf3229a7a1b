-- Entity Framework Core (SQL Server provider): the SQL its migrations and SaveChanges send.
IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO
SELECT 1
-- expect: -
-- 1
GO
SELECT OBJECT_ID(N'[__EFMigrationsHistory]') - OBJECT_ID(N'[__EFMigrationsHistory]') AS same
-- expect: same
-- 0
GO
SELECT [MigrationId], [ProductVersion]
FROM [__EFMigrationsHistory]
ORDER BY [MigrationId];
-- expect: MigrationId | ProductVersion
GO
DECLARE @result int;
EXEC @result = sp_getapplock @Resource = '__EFMigrationsLock', @LockOwner = 'Session', @LockMode = 'Exclusive';
SELECT @result
-- expect: -
-- 0
GO
BEGIN TRANSACTION;
CREATE TABLE [Blogs] (
    [BlogId] int NOT NULL IDENTITY,
    [Url] nvarchar(max) NULL,
    [Rating] int NOT NULL,
    [RowVersion] rowversion NULL,
    CONSTRAINT [PK_Blogs] PRIMARY KEY ([BlogId])
);
CREATE TABLE [Posts] (
    [PostId] int NOT NULL IDENTITY,
    [Title] nvarchar(200) NOT NULL,
    [Content] nvarchar(max) NULL,
    [BlogId] int NOT NULL,
    [Slug] nvarchar(450) NULL,
    CONSTRAINT [PK_Posts] PRIMARY KEY ([PostId]),
    CONSTRAINT [FK_Posts_Blogs_BlogId] FOREIGN KEY ([BlogId]) REFERENCES [Blogs] ([BlogId]) ON DELETE CASCADE
);
CREATE INDEX [IX_Posts_BlogId] ON [Posts] ([BlogId]);
CREATE UNIQUE INDEX [IX_Posts_Slug] ON [Posts] ([Slug]) WHERE [Slug] IS NOT NULL;
INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20240101000000_Initial', N'9.0.0');
COMMIT;
GO
DECLARE @result int;
EXEC @result = sp_releaseapplock @Resource = '__EFMigrationsLock', @LockOwner = 'Session';
SELECT @result
-- expect: -
-- 0
GO
SET IMPLICIT_TRANSACTIONS OFF;
SET NOCOUNT ON;
INSERT INTO [Blogs] ([Rating], [Url])
OUTPUT INSERTED.[BlogId], CASE WHEN INSERTED.[RowVersion] IS NULL THEN 0 ELSE 1 END AS has_rv
VALUES (5, N'http://a');
-- expect: BlogId | has_rv
-- 1 | 1
GO
SET IMPLICIT_TRANSACTIONS OFF;
SET NOCOUNT ON;
MERGE [Blogs] USING (
VALUES (3, N'http://b', 0),
(4, N'http://c', 1)) AS i ([Rating], [Url], _Position) ON 1=0
WHEN NOT MATCHED THEN
INSERT ([Rating], [Url])
VALUES (i.[Rating], i.[Url])
OUTPUT INSERTED.[BlogId], i._Position;
-- expect: BlogId | _Position
-- 2 | 0
-- 3 | 1
GO
SET IMPLICIT_TRANSACTIONS OFF;
SET NOCOUNT ON;
DECLARE @inserted0 TABLE ([BlogId] int, [_Position] [int]);
MERGE [Blogs] USING (
VALUES (7, N'http://d', 0),
(8, N'http://e', 1)) AS i ([Rating], [Url], _Position) ON 1=0
WHEN NOT MATCHED THEN
INSERT ([Rating], [Url])
VALUES (i.[Rating], i.[Url])
OUTPUT INSERTED.[BlogId], i._Position
INTO @inserted0;

SELECT [t].[BlogId], [t].[Rating], DATALENGTH([t].[RowVersion]) AS rv FROM [Blogs] t
INNER JOIN @inserted0 i ON ([t].[BlogId] = [i].[BlogId])
ORDER BY [i].[_Position];
-- expect: BlogId | Rating | rv
-- 4 | 7 | 8
-- 5 | 8 | 8
GO
SELECT [b].[BlogId], [b].[Rating], [b].[Url]
FROM [Blogs] AS [b]
ORDER BY [b].[BlogId]
OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY
-- expect: BlogId | Rating | Url
-- 2 | 3 | http://b
-- 3 | 4 | http://c
GO
EXEC sp_executesql N'SELECT [b].[BlogId], [b].[Url]
FROM [Blogs] AS [b]
WHERE [b].[Rating] > @__minRating_0
ORDER BY [b].[BlogId]
OFFSET @__p_1 ROWS FETCH NEXT @__p_2 ROWS ONLY', N'@__minRating_0 int,@__p_1 int,@__p_2 int', @__minRating_0 = 3, @__p_1 = 1, @__p_2 = 1
-- expect: BlogId | Url
-- 3 | http://c
GO
EXEC sp_executesql N'SET IMPLICIT_TRANSACTIONS OFF;
SET NOCOUNT ON;
UPDATE [Blogs] SET [Rating] = @p0
OUTPUT 1
WHERE [BlogId] = @p1 AND [RowVersion] = @p2;', N'@p1 int,@p0 int,@p2 varbinary(8)', @p1 = 1, @p0 = 9, @p2 = 0x00
-- expect: -
GO
BEGIN TRANSACTION;
ALTER TABLE [Blogs] ADD [Name] nvarchar(100) NOT NULL DEFAULT N'';
ALTER TABLE [Posts] ADD [Published] bit NOT NULL DEFAULT CAST(0 AS bit);
COMMIT;
GO
BEGIN TRANSACTION;
DECLARE @var0 sysname;
SELECT @var0 = [d].[name]
FROM [sys].[default_constraints] [d]
INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Blogs]') AND [c].[name] = N'Name');
IF @var0 IS NOT NULL EXEC(N'ALTER TABLE [Blogs] DROP CONSTRAINT [' + @var0 + '];');
ALTER TABLE [Blogs] ALTER COLUMN [Name] nvarchar(200) NOT NULL;
ALTER TABLE [Blogs] ADD DEFAULT N'' FOR [Name];
COMMIT;
GO
SELECT COUNT(*) AS n FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID(N'[Blogs]')
-- expect: n
-- 1
GO
EXEC sp_rename N'[Posts].[Content]', N'Body', N'COLUMN';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
EXEC sp_rename N'[Posts].[IX_Posts_BlogId]', N'IX_Posts_Blog', N'INDEX';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
EXEC sp_rename N'[Posts]', N'Articles';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
EXEC sp_rename N'dbo.Articles.Title', N'Heading', 'COLUMN';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT name FROM sys.columns WHERE object_id = OBJECT_ID(N'[Articles]') ORDER BY column_id
-- expect: name
-- PostId
-- Heading
-- Body
-- BlogId
-- Slug
-- Published
GO
SELECT name FROM sys.indexes WHERE object_id = OBJECT_ID(N'[Articles]') AND name IS NOT NULL ORDER BY name
-- expect: name
-- IX_Posts_Blog
-- IX_Posts_Slug
-- PK_Posts
GO
IF SCHEMA_ID(N'blogging') IS NULL EXEC(N'CREATE SCHEMA [blogging];');
GO
CREATE SEQUENCE [blogging].[OrderNumbers] AS int START WITH 1000 INCREMENT BY 5 NO MINVALUE NO MAXVALUE NO CYCLE;
GO
SELECT NEXT VALUE FOR [blogging].[OrderNumbers] AS a
-- expect: a
-- 1000
GO
CREATE TABLE [Orders] ([Id] int NOT NULL DEFAULT (NEXT VALUE FOR blogging.OrderNumbers), [Note] nvarchar(10) NULL, CONSTRAINT [PK_Orders] PRIMARY KEY ([Id]));
INSERT INTO [Orders] ([Note]) OUTPUT INSERTED.[Id] VALUES (N'x');
-- expect: Id
-- 1005
GO
-- (mirrorsql stores no extended properties: the function answers with its columns and no rows)
SELECT objtype, objname, name, value FROM fn_listextendedproperty('MS_Description', 'SCHEMA', 'dbo', 'TABLE', 'Blogs', NULL, NULL)
-- expect: objtype | objname | name | value
GO
DROP INDEX [IX_Posts_Slug] ON [Articles];
GO
ALTER TABLE [Articles] DROP CONSTRAINT [FK_Posts_Blogs_BlogId];
GO
DELETE FROM [__EFMigrationsHistory]
WHERE [MigrationId] = N'20240101000000_Initial';
GO
DROP TABLE [Articles];
GO
