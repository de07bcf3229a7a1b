-- INFORMATION_SCHEMA.VIEW_TABLE_USAGE lists each table or view a view's
-- query names; VIEW_COLUMN_USAGE each column of those the query uses
-- anywhere (select list, join, WHERE, subquery; every column for a *);
-- ROUTINE_COLUMNS the result columns of table-valued functions, in
-- INFORMATION_SCHEMA.COLUMNS' form. Schema-compare tools order views by
-- the first two.
CREATE TABLE dbo.Customer (Id int NOT NULL PRIMARY KEY, Name nvarchar(40) NOT NULL, Region char(2) NULL, Notes nvarchar(max) NULL)
GO
CREATE TABLE dbo.Orders (Id int NOT NULL PRIMARY KEY, CustomerId int NOT NULL, Total decimal(9,2) NULL, Placed datetime2(3) NULL)
GO
CREATE VIEW dbo.BigOrders AS
SELECT o.Id, c.Name FROM dbo.Orders AS o JOIN dbo.Customer AS c ON c.Id = o.CustomerId
WHERE o.Total > 100 AND EXISTS (SELECT 1 FROM dbo.Orders AS o2 WHERE o2.CustomerId = c.Id AND o2.Placed IS NOT NULL)
GO
CREATE VIEW dbo.AllCustomers AS SELECT * FROM Customer
GO
CREATE VIEW dbo.BigOrderNames AS SELECT Name FROM dbo.BigOrders
GO
SELECT VIEW_CATALOG = CASE WHEN VIEW_CATALOG = DB_NAME() THEN 'this db' END, VIEW_SCHEMA, VIEW_NAME,
    TABLE_CATALOG = CASE WHEN TABLE_CATALOG = DB_NAME() THEN 'this db' END, TABLE_SCHEMA, TABLE_NAME
FROM INFORMATION_SCHEMA.VIEW_TABLE_USAGE ORDER BY VIEW_NAME, TABLE_NAME
-- expect: VIEW_CATALOG | VIEW_SCHEMA | VIEW_NAME | TABLE_CATALOG | TABLE_SCHEMA | TABLE_NAME
-- this db | dbo | AllCustomers | this db | dbo | Customer
-- this db | dbo | BigOrderNames | this db | dbo | BigOrders
-- this db | dbo | BigOrders | this db | dbo | Customer
-- this db | dbo | BigOrders | this db | dbo | Orders
GO
SELECT VIEW_NAME, TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.VIEW_COLUMN_USAGE ORDER BY VIEW_NAME, TABLE_NAME, COLUMN_NAME
-- expect: VIEW_NAME | TABLE_NAME | COLUMN_NAME
-- AllCustomers | Customer | Id
-- AllCustomers | Customer | Name
-- AllCustomers | Customer | Notes
-- AllCustomers | Customer | Region
-- BigOrderNames | BigOrders | Name
-- BigOrders | Customer | Id
-- BigOrders | Customer | Name
-- BigOrders | Orders | CustomerId
-- BigOrders | Orders | Id
-- BigOrders | Orders | Placed
-- BigOrders | Orders | Total
GO
SELECT name, system_type_name, max_length
FROM sys.dm_exec_describe_first_result_set(N'SELECT * FROM INFORMATION_SCHEMA.VIEW_COLUMN_USAGE', NULL, 0) ORDER BY column_ordinal
-- expect: name | system_type_name | max_length
-- VIEW_CATALOG | nvarchar(128) | 256
-- VIEW_SCHEMA | nvarchar(128) | 256
-- VIEW_NAME | nvarchar(128) | 256
-- TABLE_CATALOG | nvarchar(128) | 256
-- TABLE_SCHEMA | nvarchar(128) | 256
-- TABLE_NAME | nvarchar(128) | 256
-- COLUMN_NAME | nvarchar(128) | 256
GO
CREATE FUNCTION dbo.OrdersOf (@customer int) RETURNS TABLE AS
RETURN SELECT Id, Total, Total * 2 AS Doubled FROM dbo.Orders WHERE CustomerId = @customer
GO
CREATE FUNCTION dbo.Regions () RETURNS @r TABLE (Region char(2) NOT NULL, Customers int NULL, Label varchar(30) NULL DEFAULT 'none') AS
BEGIN
    INSERT @r (Region, Customers) SELECT Region, COUNT(*) FROM dbo.Customer WHERE Region IS NOT NULL GROUP BY Region
    RETURN
END
GO
CREATE FUNCTION dbo.Twice (@n int) RETURNS int AS BEGIN RETURN @n * 2 END
GO
SELECT TABLE_CATALOG = CASE WHEN TABLE_CATALOG = DB_NAME() THEN 'this db' END, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION,
    COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, COLLATION_NAME
FROM INFORMATION_SCHEMA.ROUTINE_COLUMNS ORDER BY TABLE_NAME, ORDINAL_POSITION
-- expect: TABLE_CATALOG | TABLE_SCHEMA | TABLE_NAME | COLUMN_NAME | ORDINAL_POSITION | COLUMN_DEFAULT | IS_NULLABLE | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | COLLATION_NAME
-- this db | dbo | OrdersOf | Id | 1 | NULL | NO | int | NULL | 10 | 0 | NULL
-- this db | dbo | OrdersOf | Total | 2 | NULL | YES | decimal | NULL | 9 | 2 | NULL
-- this db | dbo | OrdersOf | Doubled | 3 | NULL | YES | decimal | NULL | 20 | 2 | NULL
-- this db | dbo | Regions | Region | 1 | NULL | NO | char | 2 | NULL | NULL | SQL_Latin1_General_CP1_CI_AS
-- this db | dbo | Regions | Customers | 2 | NULL | YES | int | NULL | 10 | 0 | NULL
-- this db | dbo | Regions | Label | 3 | ('none') | YES | varchar | 30 | NULL | NULL | SQL_Latin1_General_CP1_CI_AS
GO
SELECT COUNT(*) AS n FROM sys.dm_exec_describe_first_result_set(N'SELECT * FROM INFORMATION_SCHEMA.ROUTINE_COLUMNS', NULL, 0)
-- expect: n
-- 23
GO
