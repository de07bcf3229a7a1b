-- What admin tools (SSMS, Azure Data Studio, sqlcmd, DBeaver) and ODBC/JDBC metadata calls send on connect and in their object trees.
CREATE TABLE dbo.Customers (
    Id int IDENTITY(10, 5) NOT NULL CONSTRAINT PK_Customers PRIMARY KEY,
    Name nvarchar(50) NOT NULL CONSTRAINT DF_Customers_Name DEFAULT N'anon',
    Code AS (UPPER(Name)),
    Score int NULL CONSTRAINT CK_Customers_Score CHECK (Score >= 0)
)
CREATE TABLE dbo.Orders (
    OrderId int NOT NULL,
    Line int NOT NULL,
    CustomerId int NOT NULL,
    CONSTRAINT PK_Orders PRIMARY KEY (OrderId, Line),
    CONSTRAINT FK_Orders_Customers FOREIGN KEY (CustomerId) REFERENCES dbo.Customers (Id) ON DELETE CASCADE
)
GO
SELECT CAST(SERVERPROPERTY('EngineEdition') AS int) AS edition, CAST(SERVERPROPERTY('IsHadrEnabled') AS int) AS hadr,
    CASE WHEN CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) LIKE '1[0-9].%' THEN 1 ELSE 0 END AS version_ok
-- expect: edition | hadr | version_ok
-- 3 | 0 | 1
GO
SELECT dc.name, c.name AS col, dc.definition, dc.type, dc.type_desc, dc.is_system_named
FROM sys.default_constraints AS dc
INNER JOIN sys.columns AS c ON c.object_id = dc.parent_object_id AND c.column_id = dc.parent_column_id
WHERE dc.parent_object_id = OBJECT_ID(N'dbo.Customers')
-- expect: name | col | definition | type | type_desc | is_system_named
-- DF_Customers_Name | Name | (N'anon') | D  | DEFAULT_CONSTRAINT | 0
GO
SELECT f.name, OBJECT_NAME(fc.parent_object_id) AS parent, pc.name AS parent_col, OBJECT_NAME(fc.referenced_object_id) AS ref, rc.name AS ref_col, fc.constraint_column_id
FROM sys.foreign_keys AS f
INNER JOIN sys.foreign_key_columns AS fc ON fc.constraint_object_id = f.object_id
INNER JOIN sys.columns AS pc ON pc.object_id = fc.parent_object_id AND pc.column_id = fc.parent_column_id
INNER JOIN sys.columns AS rc ON rc.object_id = fc.referenced_object_id AND rc.column_id = fc.referenced_column_id
-- expect: name | parent | parent_col | ref | ref_col | constraint_column_id
-- FK_Orders_Customers | Orders | CustomerId | Customers | Id | 1
GO
SELECT name, CAST(seed_value AS int) AS seed, CAST(increment_value AS int) AS inc FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'dbo.Customers')
-- expect: name | seed | inc
-- Id | 10 | 5
GO
SELECT name, definition, is_persisted FROM sys.computed_columns WHERE object_id = OBJECT_ID(N'dbo.Customers')
-- expect: name | definition | is_persisted
-- Code | (upper([Name])) | 0
GO
SELECT t.name, CAST(ep.value AS nvarchar(200)) AS description
FROM sys.tables AS t
LEFT JOIN sys.extended_properties AS ep ON ep.major_id = t.object_id AND ep.minor_id = 0 AND ep.class = 1 AND ep.name = N'MS_Description'
ORDER BY t.name
-- expect: name | description
-- Customers | NULL
-- Orders | NULL
GO
SELECT CONSTRAINT_NAME, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION
-- expect: CONSTRAINT_NAME | TABLE_NAME | COLUMN_NAME | ORDINAL_POSITION
-- FK_Orders_Customers | Orders | CustomerId | 1
-- PK_Customers | Customers | Id | 1
-- PK_Orders | Orders | OrderId | 1
-- PK_Orders | Orders | Line | 2
GO
SELECT CONSTRAINT_NAME, UNIQUE_CONSTRAINT_NAME, MATCH_OPTION, UPDATE_RULE, DELETE_RULE FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS
-- expect: CONSTRAINT_NAME | UNIQUE_CONSTRAINT_NAME | MATCH_OPTION | UPDATE_RULE | DELETE_RULE
-- FK_Orders_Customers | PK_Customers | SIMPLE | NO ACTION | CASCADE
GO
EXEC sp_rename N'dbo.Customers', N'Clients'
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT OBJECT_NAME(referenced_object_id) AS ref FROM sys.foreign_keys WHERE name = N'FK_Orders_Customers'
-- expect: ref
-- Clients
GO
INSERT INTO dbo.Clients (Name) VALUES (N'a')
INSERT INTO dbo.Orders (OrderId, Line, CustomerId) VALUES (1, 1, 10)
DELETE FROM dbo.Clients
SELECT COUNT(*) AS n FROM dbo.Orders
-- expect: n
-- 0
GO
EXEC sp_rename N'dbo.Clients.PK_Customers', N'PK_Clients', N'INDEX'
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT name FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID(N'dbo.Clients')
-- expect: name
-- PK_Clients
GO
EXEC sp_rename N'dbo.Clients.Nope', N'X', N'COLUMN'
-- error: 15248 Either the parameter @objname is ambiguous or the claimed @objtype (COLUMN) is wrong.
GO
EXEC sp_rename N'dbo.Clients.Name', N'Score', N'COLUMN'
-- error: 15335 Error: The new name 'Score' is already in use as a COLUMN name and would cause a duplicate that is not permitted.
GO
EXEC sp_rename N'dbo.Clients', N'X', N'TRIGGERX'
-- error: 15249 Error: Explicit @objtype 'TRIGGERX' is unrecognized.
GO
SELECT fk.name, fk.type, fk.type_desc, fk.delete_referential_action, fk.update_referential_action, fk.is_system_named, i.name AS key_index
FROM sys.foreign_keys AS fk JOIN sys.indexes AS i ON i.object_id = fk.referenced_object_id AND i.index_id = fk.key_index_id
-- expect: name | type | type_desc | delete_referential_action | update_referential_action | is_system_named | key_index
-- FK_Orders_Customers | F  | FOREIGN_KEY_CONSTRAINT | 1 | 0 | 0 | PK_Clients
GO
SELECT name FROM sys.all_columns WHERE object_id = OBJECT_ID(N'dbo.Orders') ORDER BY column_id
-- expect: name
-- OrderId
-- Line
-- CustomerId
GO
