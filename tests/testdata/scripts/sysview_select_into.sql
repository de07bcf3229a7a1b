-- SELECT … INTO from a catalog view creates each column NULL or NOT NULL
-- as the view declares it (sys.objects: name, object_id and create_date
-- NOT NULL; principal_id, the computed type and type_desc NULL — SQL
-- Server's sys.system_columns for sys.objects), so the copy refuses a NULL
-- name (515) as SQL Server's does. An outer join's NULL-extended side, an
-- expression such as object_id + 1 are nullable; ISNULL with a NOT NULL
-- replacement is NOT NULL. A view over sys.objects and INFORMATION_SCHEMA
-- follow the same metadata.
CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v int NULL)
GO
SELECT name, object_id, principal_id, type, type_desc, create_date
INTO dbo.objcopy FROM sys.objects WHERE name = 't'
GO
SELECT name, is_nullable FROM sys.columns WHERE object_id = OBJECT_ID('dbo.objcopy') ORDER BY column_id
-- expect: name | is_nullable
-- name | 0
-- object_id | 0
-- principal_id | 1
-- type | 1
-- type_desc | 1
-- create_date | 0
GO
SELECT name, type FROM dbo.objcopy
-- expect: name | type
-- t | U 
GO
INSERT dbo.objcopy (name, object_id, create_date) VALUES (NULL, 1, '20240101')
-- error: 515
-- message: The statement has been terminated.
GO
SELECT o.name, c.column_id, ISNULL(o.principal_id, 0) AS owner, o.object_id + 1 AS next_id
INTO dbo.joined
FROM sys.objects AS o LEFT JOIN sys.columns AS c ON c.object_id = o.object_id
WHERE o.name = 't'
GO
SELECT name, is_nullable FROM sys.columns WHERE object_id = OBJECT_ID('dbo.joined') ORDER BY column_id
-- expect: name | is_nullable
-- name | 0
-- column_id | 1
-- owner | 0
-- next_id | 1
GO
SELECT name, schema_id, principal_id INTO dbo.schemacopy FROM sys.schemas
SELECT name, database_id, state_desc INTO dbo.dbcopy FROM sys.databases
SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE INTO dbo.tablecopy FROM INFORMATION_SCHEMA.TABLES
GO
SELECT OBJECT_NAME(object_id) AS tab, name, is_nullable FROM sys.columns
WHERE object_id IN (OBJECT_ID('dbo.schemacopy'), OBJECT_ID('dbo.dbcopy'), OBJECT_ID('dbo.tablecopy'))
ORDER BY tab, column_id
-- expect: tab | name | is_nullable
-- dbcopy | name | 0
-- dbcopy | database_id | 0
-- dbcopy | state_desc | 1
-- schemacopy | name | 0
-- schemacopy | schema_id | 0
-- schemacopy | principal_id | 1
-- tablecopy | TABLE_SCHEMA | 1
-- tablecopy | TABLE_NAME | 0
-- tablecopy | TABLE_TYPE | 1
GO
CREATE VIEW dbo.vobj AS SELECT name, principal_id, object_id * 2 AS twice FROM sys.objects
GO
SELECT name, is_nullable FROM sys.columns WHERE object_id = OBJECT_ID('dbo.vobj') ORDER BY column_id
-- expect: name | is_nullable
-- name | 0
-- principal_id | 1
-- twice | 1
GO
