-- Catalog views: sys.* and INFORMATION_SCHEMA.
CREATE TABLE dbo.sv (
    id int NOT NULL CONSTRAINT PK_sv PRIMARY KEY,
    name varchar(20) NULL,
    uname nvarchar(10) NOT NULL CONSTRAINT UQ_sv_uname UNIQUE,
    amount decimal(10,2) NULL CONSTRAINT CK_sv_amount CHECK (amount >= 0),
    at datetime2 NULL,
    flag bit NOT NULL
)
CREATE TABLE dbo.sv_child (id int PRIMARY KEY, sv_id int CONSTRAINT FK_sv_child_sv REFERENCES dbo.sv (id))
GO
CREATE VIEW dbo.sv_view AS SELECT id FROM dbo.sv
GO
CREATE PROCEDURE dbo.sv_proc AS SELECT 1
GO
SELECT name FROM sys.tables ORDER BY name
-- expect: name
-- sv
-- sv_child
GO
SELECT c.name, c.column_id, TYPE_NAME(c.system_type_id) AS type, c.max_length, c.precision, c.scale, c.is_nullable
FROM sys.columns AS c WHERE c.object_id = OBJECT_ID('dbo.sv') ORDER BY c.column_id
-- expect: name | column_id | type | max_length | precision | scale | is_nullable
-- id | 1 | int | 4 | 10 | 0 | 0
-- name | 2 | varchar | 20 | 0 | 0 | 1
-- uname | 3 | nvarchar | 20 | 0 | 0 | 0
-- amount | 4 | decimal | 9 | 10 | 2 | 1
-- at | 5 | datetime2 | 8 | 27 | 7 | 1
-- flag | 6 | bit | 1 | 1 | 0 | 0
GO
SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES ORDER BY TABLE_NAME
-- expect: TABLE_SCHEMA | TABLE_NAME | TABLE_TYPE
-- dbo | sv | BASE TABLE
-- dbo | sv_child | BASE TABLE
-- dbo | sv_view | VIEW
GO
SELECT COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE
FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'sv' ORDER BY ORDINAL_POSITION
-- expect: COLUMN_NAME | ORDINAL_POSITION | DATA_TYPE | IS_NULLABLE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE
-- id | 1 | int | NO | NULL | 10 | 0
-- name | 2 | varchar | YES | 20 | NULL | NULL
-- uname | 3 | nvarchar | NO | 10 | NULL | NULL
-- amount | 4 | decimal | YES | NULL | 10 | 2
-- at | 5 | datetime2 | YES | NULL | NULL | NULL
-- flag | 6 | bit | NO | NULL | NULL | NULL
GO
-- (sv_child's PRIMARY KEY has a generated name, left out)
SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE CONSTRAINT_NAME NOT LIKE 'PK[_][_]%' ORDER BY CONSTRAINT_NAME
-- expect: CONSTRAINT_NAME | CONSTRAINT_TYPE
-- CK_sv_amount | CHECK
-- FK_sv_child_sv | FOREIGN KEY
-- PK_sv | PRIMARY KEY
-- UQ_sv_uname | UNIQUE
GO
SELECT name, type, type_desc FROM sys.objects WHERE name IN ('sv', 'sv_view', 'sv_proc') ORDER BY name
-- expect: name | type | type_desc
-- sv | U  | USER_TABLE
-- sv_proc | P  | SQL_STORED_PROCEDURE
-- sv_view | V  | VIEW
GO
SELECT i.name, i.type_desc, i.is_primary_key, i.is_unique FROM sys.indexes AS i WHERE i.object_id = OBJECT_ID('dbo.sv') AND i.name = 'PK_sv'
-- expect: name | type_desc | is_primary_key | is_unique
-- PK_sv | CLUSTERED | 1 | 1
GO
SELECT OBJECT_NAME(OBJECT_ID('dbo.sv')) AS obj, SCHEMA_NAME() AS sch, @@SERVERNAME AS srv, CASE WHEN OBJECT_ID('dbo.nope') IS NULL THEN 1 ELSE 0 END AS missing
-- expect: obj | sch | srv | missing
-- sv | dbo | corpus | 1
GO
SELECT schema_id FROM sys.schemas WHERE name = 'dbo'
-- expect: schema_id
-- 1
GO
SELECT database_id FROM sys.databases WHERE name = 'master'
-- expect: database_id
-- 1
GO
SELECT COUNT(*) AS n FROM sys.views WHERE name = 'sv_view'
-- expect: n
-- 1
GO
SELECT COUNT(*) AS n FROM sys.procedures WHERE name = 'sv_proc'
-- expect: n
-- 1
GO
SELECT fk.name, OBJECT_NAME(fk.parent_object_id) AS child, OBJECT_NAME(fk.referenced_object_id) AS parent FROM sys.foreign_keys AS fk
-- expect: name | child | parent
-- FK_sv_child_sv | sv_child | sv
GO
SELECT COL_LENGTH('dbo.sv', 'uname') AS uname_len
-- expect: uname_len
-- 20
GO
SELECT COLUMNPROPERTY(OBJECT_ID('dbo.sv'), 'id', 'AllowsNull') AS id_null
-- expect: id_null
-- 0
GO
SELECT COLUMNPROPERTY(OBJECT_ID('dbo.sv'), 'name', 'AllowsNull') AS name_null, COLUMNPROPERTY(OBJECT_ID('dbo.sv'), 'amount', 'Precision') AS p,
       COLUMNPROPERTY(OBJECT_ID('dbo.sv'), 'amount', 'Scale') AS s, COLUMNPROPERTY(OBJECT_ID('dbo.sv'), 'flag', 'ColumnId') AS colid,
       COLUMNPROPERTY(OBJECT_ID('dbo.sv'), 'id', 'IsIdentity') AS ident, COLUMNPROPERTY(OBJECT_ID('dbo.sv'), 'nope', 'AllowsNull') AS missing
-- expect: name_null | p | s | colid | ident | missing
-- 1 | 10 | 2 | 6 | 0 | NULL
GO
BEGIN TRAN
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE
SELECT open_transaction_count, transaction_isolation_level, CASE WHEN database_id = DB_ID() THEN 'current' ELSE 'other' END AS db FROM sys.dm_exec_sessions WHERE session_id = @@SPID
COMMIT
SET TRANSACTION ISOLATION LEVEL READ COMMITTED
-- expect: open_transaction_count | transaction_isolation_level | db
-- 1 | 4 | current
GO
SELECT open_transaction_count, transaction_isolation_level FROM sys.dm_exec_sessions WHERE session_id = @@SPID
-- expect: open_transaction_count | transaction_isolation_level
-- 0 | 2
GO
