-- ALTER TABLE, indexes, schemas, computed columns, cross-database names.
CREATE TABLE dbo.a1 (id int NOT NULL, name varchar(10) NULL)
INSERT dbo.a1 VALUES (1, 'x'), (2, NULL)
GO
ALTER TABLE dbo.a1 ADD created int NOT NULL CONSTRAINT DF_a1_created DEFAULT (0)
SELECT id, name, created FROM dbo.a1 ORDER BY id
-- expect: id | name | created
-- 1 | x | 0
-- 2 | NULL | 0
GO
ALTER TABLE dbo.a1 ADD must int NOT NULL
-- error: 4901
GO
ALTER TABLE dbo.a1 ALTER COLUMN name varchar(20) NOT NULL
-- error: 515
GO
UPDATE dbo.a1 SET name = 'y' WHERE id = 2
ALTER TABLE dbo.a1 ALTER COLUMN name varchar(20) NOT NULL
SELECT max_length, is_nullable FROM sys.columns WHERE object_id = OBJECT_ID('dbo.a1') AND name = 'name'
-- expect: max_length | is_nullable
-- 20 | 0
GO
ALTER TABLE dbo.a1 ADD CONSTRAINT PK_a1 PRIMARY KEY (id)
INSERT dbo.a1 (id, name) VALUES (1, 'dup')
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_a1'. Cannot insert duplicate key in object 'dbo.a1'. The duplicate key value is (1).
-- message: The statement has been terminated.
GO
ALTER TABLE dbo.a1 DROP COLUMN created
-- error: 5074 The object 'DF_a1_created' is dependent on column 'created'.
-- error: 4922 ALTER TABLE DROP COLUMN created failed because one or more objects access this column.
GO
ALTER TABLE dbo.a1 DROP CONSTRAINT DF_a1_created
ALTER TABLE dbo.a1 DROP COLUMN created
SELECT COUNT(*) AS cols FROM sys.columns WHERE object_id = OBJECT_ID('dbo.a1')
-- expect: cols
-- 2
GO
CREATE INDEX ix_a1_name ON dbo.a1 (name) INCLUDE (id)
SELECT name, type_desc, is_unique FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.a1') ORDER BY index_id
-- expect: name | type_desc | is_unique
-- PK_a1 | CLUSTERED | 1
-- ix_a1_name | NONCLUSTERED | 0
GO
CREATE INDEX ix_a1_name ON dbo.a1 (id)
-- error: 1913 The operation failed because an index or statistics with name 'ix_a1_name' already exists on table 'dbo.a1'.
GO
DROP INDEX ix_a1_name ON dbo.a1
SELECT COUNT(*) AS n FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.a1') AND name = 'ix_a1_name'
-- expect: n
-- 0
GO
CREATE SCHEMA sales
GO
CREATE TABLE sales.orders (id int PRIMARY KEY, total money)
INSERT sales.orders VALUES (1, 9.99)
SELECT s.name AS sch, t.name AS tbl FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id WHERE t.name = 'orders'
-- expect: sch | tbl
-- sales | orders
GO
SELECT total FROM orders
-- error: 208 Invalid object name 'orders'.
GO
SELECT total FROM sales.orders
-- expect: total
-- 9.9900
GO
DROP SCHEMA sales
-- error: 3729 Cannot drop schema 'sales' because it is being referenced by object 'orders'.
GO
CREATE TABLE dbo.cc (a int, b int, total AS (a + b), tag AS ('#' + CAST(a AS varchar(10))))
INSERT dbo.cc (a, b) VALUES (1, 2)
SELECT a, b, total, tag FROM dbo.cc
-- expect: a | b | total | tag
-- 1 | 2 | 3 | #1
GO
INSERT dbo.cc (a, b, total) VALUES (1, 2, 3)
-- error: 271 The column "total" cannot be modified because it is either a computed column or is the result of a UNION operator.
GO
UPDATE dbo.cc SET a = 10
SELECT a, b, total, tag FROM dbo.cc
-- expect: a | b | total | tag
-- 10 | 2 | 12 | #10
GO
UPDATE dbo.cc SET total = 1
-- error: 271 The column "total" cannot be modified because it is either a computed column or is the result of a UNION operator.
GO
CREATE TABLE dbo.cp (id int PRIMARY KEY, price decimal(10,2), qty int, amount AS (price * qty) PERSISTED)
CREATE INDEX ix_cp_amount ON dbo.cp (amount)
INSERT dbo.cp VALUES (1, 2.50, 4), (2, 1.00, NULL)
SELECT id, amount FROM dbo.cp WHERE amount > 5 ORDER BY id
-- expect: id | amount
-- 1 | 10.00
GO
SELECT id, amount FROM dbo.cp WHERE amount IS NULL
-- expect: id | amount
-- 2 | NULL
GO
CREATE TABLE dbo.cbad (a int, b AS (a + 1), c AS (b + 1))
-- error: 1759 Computed column 'b' in table 'cbad' is not allowed to be used in another computed-column definition.
GO
EXEC sp_rename 'dbo.a1', 'a2'
SELECT COUNT(*) AS n FROM sys.tables WHERE name = 'a2'
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- expect: n
-- 1
GO
CREATE DATABASE xdb
GO
CREATE TABLE xdb.dbo.remote (v int)
INSERT xdb.dbo.remote VALUES (42)
SELECT v FROM xdb.dbo.remote
-- expect: v
-- 42
GO
USE xdb
SELECT DB_NAME() AS db, v FROM dbo.remote
-- message: Changed database context to 'xdb'.
-- expect: db | v
-- xdb | 42
GO
USE master
DROP DATABASE xdb
SELECT COUNT(*) AS n FROM sys.databases WHERE name = 'xdb'
-- message: Changed database context to 'master'.
-- expect: n
-- 0
GO
