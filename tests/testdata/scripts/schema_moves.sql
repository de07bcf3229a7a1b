-- sp_rename of views, procedures, functions and constraints; ALTER SCHEMA
-- … TRANSFER; ALTER TABLE … REBUILD; SELECT INTO of xml columns.
CREATE TABLE dbo.Item (id int CONSTRAINT PK_Item PRIMARY KEY, price money CONSTRAINT CK_price CHECK (price >= 0), qty int CONSTRAINT DF_qty DEFAULT 0)
INSERT dbo.Item (id, price) VALUES (1, 10)
GO
CREATE VIEW dbo.Cheap AS SELECT id, price FROM dbo.Item WHERE price < 100
GO
CREATE PROCEDURE dbo.CountItems AS SELECT COUNT(*) AS n FROM dbo.Item
GO
EXEC sp_rename 'dbo.CK_price', 'CK_Item_price'
EXEC sp_rename 'dbo.DF_qty', 'DF_Item_qty', 'OBJECT'
EXEC sp_rename 'dbo.PK_Item', 'PK_Item2'
EXEC sp_rename 'dbo.Cheap', 'CheapItems'
EXEC sp_rename 'CountItems', 'ItemCount'
SELECT name, type FROM sys.objects WHERE parent_object_id = OBJECT_ID('dbo.Item') OR name IN ('CheapItems', 'ItemCount') ORDER BY name
EXEC dbo.ItemCount
SELECT id FROM dbo.CheapItems
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- expect: name | type
-- CheapItems | V 
-- CK_Item_price | C 
-- DF_Item_qty | D 
-- ItemCount | P 
-- PK_Item2 | PK
-- expect: n
-- 1
-- expect: id
-- 1
GO
INSERT dbo.Item (id, price) VALUES (2, -1)
-- error: 547
-- message: The statement has been terminated.
GO
EXEC sp_rename 'dbo.Nothing', 'Other'
-- error: 15248
GO
EXEC sp_rename 'dbo.CheapItems', 'Item'
-- error: 15335 Error: The new name 'Item' is already in use as a object name and would cause a duplicate that is not permitted.
GO
CREATE SCHEMA sales
GO
ALTER SCHEMA sales TRANSFER dbo.Item
ALTER SCHEMA sales TRANSFER OBJECT::dbo.ItemCount
SELECT SCHEMA_NAME(schema_id) AS s, name FROM sys.objects WHERE name IN ('Item', 'ItemCount') ORDER BY name
EXEC sales.ItemCount
-- The procedure's body still names dbo.Item, as on SQL Server.
-- expect: s | name
-- sales | Item
-- sales | ItemCount
-- error: 208 Invalid object name 'dbo.Item'.
GO
ALTER SCHEMA nosuch TRANSFER sales.Item
-- error: 15151 Cannot alter the schema 'nosuch', because it does not exist or you do not have permission.
GO
ALTER SCHEMA dbo TRANSFER sales.Missing
-- error: 15151 Cannot find the object 'Missing', because it does not exist or you do not have permission.
GO
ALTER TABLE sales.Item REBUILD
ALTER TABLE sales.Item REBUILD PARTITION = ALL WITH (DATA_COMPRESSION = PAGE)
SELECT COUNT(*) AS n FROM sales.Item
-- expect: n
-- 1
GO
CREATE TABLE dbo.Docs (id int, doc xml, note ntext)
INSERT dbo.Docs VALUES (1, N'<a>1</a>', N'n')
SELECT * INTO #copy FROM dbo.Docs
SELECT * INTO dbo.DocCopy FROM #copy
SELECT id, CAST(doc AS nvarchar(20)) AS doc, TYPE_NAME(c.system_type_id) AS t
FROM dbo.DocCopy CROSS JOIN sys.columns c WHERE c.object_id = OBJECT_ID('dbo.DocCopy') AND c.name = 'doc'
-- expect: id | doc | t
-- 1 | <a>1</a> | xml
GO
