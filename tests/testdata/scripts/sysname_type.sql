-- sysname is the system-supplied alias type nvarchar(128) NOT NULL, user
-- type 256 ("nchar and nvarchar" page): a column declared sysname is NOT
-- NULL unless it says NULL, whatever ANSI_NULL_DFLT_ON says; sys.types has
-- its row, so joins on user_type_id keep sysname columns.
SET ANSI_NULL_DFLT_ON ON
CREATE TABLE dbo.sn_names (a sysname, b sysname NULL, c nvarchar(128))
GO
INSERT dbo.sn_names (b, c) VALUES (N'x', N'y')
-- error: 515
-- message: The statement has been terminated.
GO
INSERT dbo.sn_names (a) VALUES (N'x')
SELECT a, b, c FROM dbo.sn_names
-- expect: a | b | c
-- x | NULL | NULL
GO
SELECT c.name, c.system_type_id, c.user_type_id, TYPE_NAME(c.user_type_id) AS type, c.is_nullable, t.name AS tname, c.max_length
FROM sys.columns AS c JOIN sys.types AS t ON t.user_type_id = c.user_type_id
WHERE c.object_id = OBJECT_ID('dbo.sn_names') ORDER BY c.column_id
-- expect: name | system_type_id | user_type_id | type | is_nullable | tname | max_length
-- a | 231 | 256 | sysname | 0 | sysname | 256
-- b | 231 | 256 | sysname | 1 | sysname | 256
-- c | 231 | 231 | nvarchar | 1 | nvarchar | 256
GO
SELECT TYPE_ID('sysname') AS id, TYPE_NAME(256) AS name, t.max_length, t.is_nullable, t.is_user_defined, t.schema_id
FROM sys.types AS t WHERE t.name = 'sysname'
-- expect: id | name | max_length | is_nullable | is_user_defined | schema_id
-- 256 | sysname | 256 | 0 | 0 | 4
GO
-- the catalog views' name columns join sys.types too
SELECT t.name FROM sys.all_columns AS c JOIN sys.types AS t ON t.user_type_id = c.user_type_id
WHERE c.object_id = OBJECT_ID('sys.objects') AND c.name = 'name'
-- expect: name
-- sysname
GO
-- a #temp table's sysname column too: scripts that copy names into one must say NULL to store NULL
CREATE TABLE #sn (n sysname)
GO
INSERT #sn VALUES (NULL)
-- error: 515
-- message: The statement has been terminated.
GO
