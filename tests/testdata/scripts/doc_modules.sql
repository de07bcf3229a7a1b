-- Documented examples of CREATE PROCEDURE, CREATE FUNCTION, CREATE TRIGGER,
-- DROP … IF EXISTS, sp_rename, CREATE SCHEMA / ALTER SCHEMA and CREATE TYPE
-- (learn.microsoft.com/sql/t-sql/statements/create-procedure-transact-sql,
-- …/create-function-transact-sql, …/create-trigger-transact-sql,
-- …/drop-table-transact-sql, …/create-schema-transact-sql,
-- …/alter-schema-transact-sql, …/create-type-transact-sql,
-- relational-databases/system-stored-procedures/sp-rename-transact-sql).
-- The AdventureWorks tables are small tables of our own. Out of scope and
-- left out: CLR modules, natively compiled modules, EXTERNAL NAME, server
-- (ALL SERVER) and logon triggers, Azure Synapse.
CREATE SCHEMA HumanResources
GO
CREATE SCHEMA Production
GO
CREATE SCHEMA Sales
GO
CREATE TABLE HumanResources.Employee (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50), LastName nvarchar(50),
  JobTitle nvarchar(50), Department nvarchar(50));
INSERT HumanResources.Employee VALUES (1, N'Ken', N'Sánchez', N'Chief Executive Officer', N'Executive'),
  (2, N'Terri', N'Duffy', N'Vice President of Engineering', N'Engineering'),
  (3, N'Roberto', N'Tamburello', N'Engineering Manager', N'Engineering'),
  (4, N'Rob', N'Walters', N'Senior Tool Designer', N'Tool Design');
CREATE TABLE Production.Product (ProductID int PRIMARY KEY, Name nvarchar(50) NOT NULL, ListPrice money NOT NULL, ProductModelID int NULL);
INSERT Production.Product VALUES (1, N'Road-150', 3578.27, 25), (2, N'Road-450', 1457.99, 26), (3, N'Touring-1000', 2384.07, 7),
  (4, N'Mountain-100', 3399.99, 19), (5, N'Cable Lock', 25.00, NULL);
GO
-- CREATE PROCEDURE A. A basic procedure
CREATE PROCEDURE HumanResources.uspGetAllEmployees
AS
    SET NOCOUNT ON;
    SELECT LastName, FirstName, JobTitle, Department
    FROM HumanResources.Employee;
GO
EXECUTE HumanResources.uspGetAllEmployees;
-- expect: LastName | FirstName | JobTitle | Department
-- Sánchez | Ken | Chief Executive Officer | Executive
-- Duffy | Terri | Vice President of Engineering | Engineering
-- Tamburello | Roberto | Engineering Manager | Engineering
-- Walters | Rob | Senior Tool Designer | Tool Design
GO
-- B. Input parameters, called by position and by name
CREATE PROCEDURE HumanResources.uspGetEmployees
    @LastName NVARCHAR(50),
    @FirstName NVARCHAR(50)
AS
    SET NOCOUNT ON;
    SELECT FirstName, LastName, Department
    FROM HumanResources.Employee
    WHERE FirstName = @FirstName AND LastName = @LastName;
GO
EXECUTE HumanResources.uspGetEmployees N'Walters', N'Rob';
EXEC HumanResources.uspGetEmployees @LastName = N'Walters', @FirstName = N'Rob';
EXECUTE HumanResources.uspGetEmployees @FirstName = N'Rob', @LastName = N'Walters';
-- expect: FirstName | LastName | Department
-- Rob | Walters | Tool Design
-- expect: FirstName | LastName | Department
-- Rob | Walters | Tool Design
-- expect: FirstName | LastName | Department
-- Rob | Walters | Tool Design
GO
-- A parameter without a default must be given
EXEC HumanResources.uspGetEmployees N'Walters';
-- error: 201 Procedure or function 'uspGetEmployees' expects parameter '@FirstName', which was not supplied.
GO
-- C. Parameters with wildcard defaults
CREATE PROCEDURE HumanResources.uspGetEmployees2
    @LastName NVARCHAR(50) = N'D%',
    @FirstName NVARCHAR(50) = N'%'
AS
    SET NOCOUNT ON;
    SELECT FirstName, LastName, Department
    FROM HumanResources.Employee
    WHERE FirstName LIKE @FirstName AND LastName LIKE @LastName;
GO
EXECUTE HumanResources.uspGetEmployees2;
EXECUTE HumanResources.uspGetEmployees2 N'T%';
EXECUTE HumanResources.uspGetEmployees2 @FirstName = N'R%';
EXECUTE HumanResources.uspGetEmployees2 N'[ST]%', N'K%';
-- expect: FirstName | LastName | Department
-- Terri | Duffy | Engineering
-- expect: FirstName | LastName | Department
-- Roberto | Tamburello | Engineering
-- expect: FirstName | LastName | Department
-- expect: FirstName | LastName | Department
-- Ken | Sánchez | Executive
GO
-- D. OUTPUT parameters
CREATE PROCEDURE Production.uspGetList @Product VARCHAR(40)
    , @MaxPrice MONEY
    , @ComparePrice MONEY OUTPUT
    , @ListPrice MONEY OUT
AS
    SET NOCOUNT ON;
    SELECT p.[Name] AS Product, p.ListPrice AS 'List Price'
    FROM Production.Product AS p
    WHERE p.[Name] LIKE @Product AND p.ListPrice < @MaxPrice
    ORDER BY p.ListPrice;
    -- Populate the output variable @ListPprice.
    SET @ListPrice = (SELECT MAX(p.ListPrice)
            FROM Production.Product AS p
            WHERE p.[Name] LIKE @Product AND p.ListPrice < @MaxPrice);
    -- Populate the output variable @compareprice.
    SET @ComparePrice = @MaxPrice;
GO
DECLARE @ComparePrice MONEY, @Cost MONEY;
EXECUTE Production.uspGetList '%Road%', 700, @ComparePrice OUT, @Cost OUTPUT
IF @Cost <= @ComparePrice
BEGIN
    PRINT 'These products can be purchased for less than $'+RTRIM(CAST(@ComparePrice AS VARCHAR(20)))+'.'
END
ELSE
    PRINT 'The prices for all products in this category exceed $'+ RTRIM(CAST(@ComparePrice AS VARCHAR(20)))+'.';
-- expect: Product | List Price
-- message: The prices for all products in this category exceed $700.00.
GO
DECLARE @ComparePrice MONEY, @Cost MONEY;
EXECUTE Production.uspGetList '%Road%', 3000, @ComparePrice OUT, @Cost OUTPUT
SELECT @Cost AS Cost, @ComparePrice AS ComparePrice;
-- expect: Product | List Price
-- Road-450 | 1457.9900
-- expect: Cost | ComparePrice
-- 1457.9900 | 3000.0000
GO
-- E. WITH RECOMPILE and EXECUTE AS are accepted
CREATE PROCEDURE dbo.uspProductByVendor @Name varchar(30) = '%'
WITH RECOMPILE
AS
    SET NOCOUNT ON;
    SELECT Name FROM Production.Product WHERE Name LIKE @Name ORDER BY Name;
GO
CREATE PROCEDURE dbo.usp_Demo
WITH EXECUTE AS 'dbo'
AS
SELECT user_name() AS u;
GO
EXEC dbo.uspProductByVendor 'Road%';
EXEC dbo.usp_Demo;
SELECT name, is_recompiled FROM sys.sql_modules m JOIN sys.objects o ON o.object_id = m.object_id WHERE o.name = 'uspProductByVendor';
-- expect: Name
-- Road-150
-- Road-450
-- expect: u
-- dbo
-- expect: name | is_recompiled
-- uspProductByVendor | 1
GO
-- RETURN: the return code of a procedure
CREATE PROCEDURE dbo.checkstate @param varchar(11)
AS
IF (SELECT StateProvince FROM (VALUES ('WA'), ('OR')) v(StateProvince) WHERE StateProvince = @param) = 'WA'
    RETURN 1
ELSE
    RETURN 2;
GO
DECLARE @return_status int;
EXEC @return_status = dbo.checkstate 'WA';
SELECT 'Return Status' = @return_status;
EXEC @return_status = dbo.checkstate 'OR';
SELECT 'Return Status' = @return_status;
-- expect: Return Status
-- 1
-- expect: Return Status
-- 2
GO
-- A procedure without RETURN returns 0
DECLARE @rc int = 99;
EXEC @rc = HumanResources.uspGetAllEmployees;
SELECT @rc AS rc;
-- expect: LastName | FirstName | JobTitle | Department
-- Sánchez | Ken | Chief Executive Officer | Executive
-- Duffy | Terri | Vice President of Engineering | Engineering
-- Tamburello | Roberto | Engineering Manager | Engineering
-- Walters | Rob | Senior Tool Designer | Tool Design
-- expect: rc
-- 0
GO
-- A table-valued parameter (CREATE TYPE … AS TABLE), READONLY
CREATE TYPE LocationTableType AS TABLE
    ( LocationName VARCHAR(50)
    , CostRate INT );
GO
CREATE TABLE dbo.Location (LocationName varchar(50), CostRate int, ModifiedDate datetime);
GO
CREATE PROCEDURE dbo.usp_InsertProductionLocation
    @TVP LocationTableType READONLY
    AS
    SET NOCOUNT ON
    INSERT INTO dbo.Location
        (LocationName, CostRate, ModifiedDate)
    SELECT LocationName, CostRate, '20240101'
    FROM @TVP;
GO
DECLARE @LocationTVP AS LocationTableType;
INSERT INTO @LocationTVP (LocationName, CostRate)
    VALUES ('Tool Crib', 0), ('Paint', 15);
EXEC dbo.usp_InsertProductionLocation @LocationTVP;
SELECT LocationName, CostRate FROM dbo.Location ORDER BY LocationName;
-- expect: LocationName | CostRate
-- Paint | 15
-- Tool Crib | 0
GO
-- A table-valued parameter must be READONLY
CREATE PROCEDURE dbo.usp_BadTvp @TVP LocationTableType AS SELECT 1;
-- error: 352 The table-valued parameter "@TVP" must be declared with the READONLY option.
GO
-- CREATE TYPE: an alias type and its nullability
CREATE TYPE SSN FROM varchar(11) NOT NULL;
GO
CREATE TABLE dbo.People (id int, ssn SSN);
SELECT TYPE_NAME(c.user_type_id) AS user_type, TYPE_NAME(c.system_type_id) AS system_type, c.max_length, c.is_nullable
FROM sys.columns c WHERE c.object_id = OBJECT_ID('dbo.People') AND c.name = 'ssn';
SELECT name, is_user_defined, is_table_type, is_nullable, max_length FROM sys.types WHERE name IN ('SSN', 'LocationTableType') ORDER BY name;
-- expect: user_type | system_type | max_length | is_nullable
-- SSN | varchar | 11 | 0
-- expect: name | is_user_defined | is_table_type | is_nullable | max_length
-- LocationTableType | 1 | 1 | 0 | -1
-- SSN | 1 | 0 | 0 | 11
GO
INSERT dbo.People (id) VALUES (1);
-- error: 515
-- message: The statement has been terminated.
GO
-- A type in use can't be dropped
DROP TYPE SSN;
-- error: 3732 Cannot drop type 'SSN' because it is being referenced by object 'People'. There may be other objects that reference this type.
GO
-- CREATE FUNCTION A. A scalar function: the ISO week
CREATE FUNCTION dbo.ISOweek (@DATE DATETIME)
RETURNS INT
WITH EXECUTE AS CALLER
AS
BEGIN
    DECLARE @ISOweek INT;

    SET @ISOweek = DATEPART(wk, @DATE) + 1 -
        DATEPART(wk, CAST(DATEPART(yy, @DATE) AS CHAR(4)) + '0104');

    --Special cases: Jan 1-3 may belong to the previous year
    IF (@ISOweek = 0)
        SET @ISOweek = dbo.ISOweek(CAST(DATEPART(yy, @DATE) - 1 AS CHAR(4))
           + '12' + CAST(24 + DATEPART(DAY, @DATE) AS CHAR(2))) + 1;

    --Special case: Dec 29-31 may belong to the next year
    IF ((DATEPART(mm, @DATE) = 12)
        AND ((DATEPART(dd, @DATE) - DATEPART(dw, @DATE)) >= 28))
    SET @ISOweek = 1;

    RETURN(@ISOweek);
END;
GO
SET DATEFIRST 1;
SELECT dbo.ISOweek(CONVERT(DATETIME, '12/26/2004', 101)) AS 'ISO Week';
-- expect: ISO Week
-- 52
GO
SELECT dbo.ISOweek('20050101') AS w1, dbo.ISOweek('20081229') AS w2, DATEPART(iso_week, '20050101') AS iso1;
-- expect: w1 | w2 | iso1
-- 53 | 1 | 53
GO
SET DATEFIRST 7;
GO
-- CREATE FUNCTION B. An inline table-valued function
CREATE TABLE Sales.SalesOrderDetail (SalesOrderID int, ProductID int, LineTotal money);
CREATE TABLE Sales.SalesOrderHeader (SalesOrderID int PRIMARY KEY, CustomerID int);
INSERT Sales.SalesOrderHeader VALUES (1, 602), (2, 602), (3, 700);
INSERT Sales.SalesOrderDetail VALUES (1, 1, 100), (2, 1, 50), (2, 2, 30), (3, 2, 999);
GO
CREATE FUNCTION Sales.ufn_SalesByStore (@storeid INT)
RETURNS TABLE
AS
RETURN (
    SELECT P.ProductID, P.Name, SUM(SD.LineTotal) AS 'Total'
    FROM Production.Product AS P
    INNER JOIN Sales.SalesOrderDetail AS SD ON SD.ProductID = P.ProductID
    INNER JOIN Sales.SalesOrderHeader AS SH ON SH.SalesOrderID = SD.SalesOrderID
    WHERE SH.CustomerID = @storeid
    GROUP BY P.ProductID, P.Name
);
GO
SELECT * FROM Sales.ufn_SalesByStore (602) ORDER BY ProductID;
-- expect: ProductID | Name | Total
-- 1 | Road-150 | 150.0000
-- 2 | Road-450 | 30.0000
GO
-- CREATE FUNCTION C. A multi-statement table-valued function (a recursive CTE)
CREATE TABLE HumanResources.Org (BusinessEntityID int PRIMARY KEY, ManagerID int NULL, FirstName nvarchar(50), LastName nvarchar(50),
  JobTitle nvarchar(50));
INSERT HumanResources.Org VALUES (1, NULL, N'Ken', N'Sánchez', N'CEO'), (2, 1, N'Terri', N'Duffy', N'VP'),
  (3, 2, N'Roberto', N'Tamburello', N'Manager'), (4, 3, N'Rob', N'Walters', N'Designer'), (5, 1, N'David', N'Bradley', N'Marketing');
GO
CREATE FUNCTION dbo.ufn_FindReports (@InEmpID INT)
RETURNS @retFindReports TABLE (
    EmployeeID INT PRIMARY KEY NOT NULL,
    FirstName NVARCHAR(255) NOT NULL,
    LastName NVARCHAR(255) NOT NULL,
    JobTitle NVARCHAR(50) NOT NULL,
    RecursionLevel INT NOT NULL
    )
    --Returns a result set that lists all the employees who report to the
    --specific employee directly or indirectly.
AS
BEGIN
    WITH EMP_cte (
        EmployeeID,
        OrganizationNode,
        FirstName,
        LastName,
        JobTitle,
        RecursionLevel
        ) -- CTE name and columns
    AS (
        -- Get the initial list of Employees for Manager n
        SELECT e.BusinessEntityID,
            e.ManagerID,
            e.FirstName,
            e.LastName,
            e.JobTitle,
            0
        FROM HumanResources.Org e
        WHERE e.BusinessEntityID = @InEmpID

        UNION ALL

        -- Join recursive member to anchor
        SELECT e.BusinessEntityID,
            e.ManagerID,
            e.FirstName,
            e.LastName,
            e.JobTitle,
            RecursionLevel + 1
        FROM HumanResources.Org e
        INNER JOIN EMP_cte ON e.ManagerID = EMP_cte.EmployeeID
        )
    -- copy the required columns to the result of the function
    INSERT @retFindReports
    SELECT EmployeeID,
        FirstName,
        LastName,
        JobTitle,
        RecursionLevel
    FROM EMP_cte

    RETURN
END;
GO
SELECT EmployeeID, FirstName, LastName, JobTitle, RecursionLevel
FROM dbo.ufn_FindReports(2)
ORDER BY RecursionLevel, EmployeeID;
-- expect: EmployeeID | FirstName | LastName | JobTitle | RecursionLevel
-- 2 | Terri | Duffy | VP | 0
-- 3 | Roberto | Tamburello | Manager | 1
-- 4 | Rob | Walters | Designer | 2
GO
-- A scalar function with a default parameter needs DEFAULT in the call
CREATE FUNCTION dbo.AddTax (@amount money, @rate decimal(4,2) = 0.10) RETURNS money
AS BEGIN RETURN @amount * (1 + @rate) END;
GO
SELECT dbo.AddTax(100, DEFAULT) AS a, dbo.AddTax(100, 0.20) AS b;
-- expect: a | b
-- 110.0000 | 120.0000
GO
SELECT dbo.AddTax(100) AS a;
-- error: 313 An insufficient number of arguments were supplied for the procedure or function dbo.AddTax.
GO
-- SCHEMABINDING on a function, and the table it binds
CREATE FUNCTION dbo.ProductCount () RETURNS int WITH SCHEMABINDING
AS BEGIN RETURN (SELECT COUNT(*) FROM Production.Product) END;
GO
SELECT dbo.ProductCount() AS n, OBJECTPROPERTY(OBJECT_ID('dbo.ProductCount'), 'IsSchemaBound') AS bound,
  OBJECTPROPERTY(OBJECT_ID('dbo.ProductCount'), 'IsDeterministic') AS deterministic;
-- expect: n | bound | deterministic
-- 5 | 1 | 0
GO
DROP TABLE Production.Product;
-- error: 3729 Cannot DROP TABLE 'Production.Product' because it is being referenced by object 'ProductCount'.
GO
-- CREATE TRIGGER A. A DML trigger with a reminder message
CREATE TABLE Sales.Customer (CustomerID int IDENTITY PRIMARY KEY, AccountNumber varchar(10));
GO
CREATE TRIGGER reminder1
ON Sales.Customer
AFTER INSERT, UPDATE
AS RAISERROR ('Notify Customer Relations', 16, 10);
GO
INSERT Sales.Customer (AccountNumber) VALUES ('AW00000001');
-- error: 50000 Notify Customer Relations
GO
SELECT COUNT(*) AS n FROM Sales.Customer;
-- expect: n
-- 1
GO
-- C. A DML AFTER trigger enforcing a business rule between tables
CREATE TABLE Purchasing_Vendor (BusinessEntityID int PRIMARY KEY, CreditRating tinyint NOT NULL);
CREATE TABLE Purchasing_PurchaseOrderHeader (PurchaseOrderID int IDENTITY PRIMARY KEY, VendorID int NOT NULL);
INSERT Purchasing_Vendor VALUES (1492, 5), (1494, 1);
GO
CREATE TRIGGER Purchasing_LowCredit ON Purchasing_PurchaseOrderHeader
AFTER INSERT
AS
IF (ROWCOUNT_BIG() = 0)
RETURN;
IF EXISTS (SELECT 1
           FROM inserted AS i
           JOIN Purchasing_Vendor AS v
           ON v.BusinessEntityID = i.VendorID
           WHERE v.CreditRating = 5
          )
BEGIN
RAISERROR ('A vendor''s credit rating is too low to accept new purchase orders.', 16, 1);
ROLLBACK TRANSACTION;
RETURN
END;
GO
INSERT INTO Purchasing_PurchaseOrderHeader (VendorID) VALUES (1494);
INSERT INTO Purchasing_PurchaseOrderHeader (VendorID) VALUES (1492);
-- error: 50000 A vendor's credit rating is too low to accept new purchase orders.
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT VendorID FROM Purchasing_PurchaseOrderHeader;
-- expect: VendorID
-- 1494
GO
-- INSTEAD OF trigger on a view
CREATE TABLE dbo.BaseT (id int PRIMARY KEY, v varchar(10));
GO
CREATE VIEW dbo.BaseV AS SELECT id, v FROM dbo.BaseT;
GO
CREATE TRIGGER dbo.BaseV_ins ON dbo.BaseV INSTEAD OF INSERT
AS
BEGIN
    SET NOCOUNT ON;
    INSERT dbo.BaseT (id, v) SELECT id, UPPER(v) FROM inserted;
END;
GO
INSERT dbo.BaseV VALUES (1, 'abc');
SELECT id, v FROM dbo.BaseT;
-- expect: id | v
-- 1 | ABC
GO
-- DDL trigger D. A database-scoped DDL trigger that refuses DROP and ALTER TABLE
CREATE TRIGGER safety
ON DATABASE
FOR DROP_TABLE, ALTER_TABLE
AS
   PRINT 'You must disable Trigger "safety" to drop or alter tables!'
   ROLLBACK;
GO
DROP TABLE dbo.BaseT;
-- message: You must disable Trigger "safety" to drop or alter tables!
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT name, parent_class_desc, is_disabled FROM sys.triggers WHERE name = 'safety';
-- expect: name | parent_class_desc | is_disabled
-- safety | DATABASE | 0
GO
DISABLE TRIGGER safety ON DATABASE;
GO
ALTER TABLE dbo.BaseT ADD w int NULL;
SELECT is_disabled FROM sys.triggers WHERE name = 'safety';
-- expect: is_disabled
-- 1
GO
DROP TRIGGER safety ON DATABASE;
GO
-- DROP … IF EXISTS
CREATE TABLE dbo.T1 (Col1 int);
GO
DROP TABLE IF EXISTS dbo.T1;
DROP TABLE IF EXISTS dbo.T1;
DROP PROCEDURE IF EXISTS dbo.usp_Demo;
DROP PROCEDURE IF EXISTS dbo.usp_Demo;
DROP FUNCTION IF EXISTS dbo.AddTax;
DROP FUNCTION IF EXISTS dbo.AddTax;
DROP TRIGGER IF EXISTS Sales.reminder1;
DROP TRIGGER IF EXISTS Sales.reminder1;
DROP SCHEMA IF EXISTS NoSuchSchema;
SELECT OBJECT_ID('dbo.T1') AS t1, OBJECT_ID('dbo.usp_Demo') AS demo, OBJECT_ID('dbo.AddTax') AS addtax, OBJECT_ID('Sales.reminder1') AS reminder;
-- expect: t1 | demo | addtax | reminder
-- NULL | NULL | NULL | NULL
GO
DROP TABLE dbo.T1;
-- error: 3701 Cannot drop the table 'dbo.T1', because it does not exist or you do not have permission.
GO
DROP PROCEDURE dbo.usp_Demo;
-- error: 3701 Cannot drop the procedure 'dbo.usp_Demo', because it does not exist or you do not have permission.
GO
-- sp_rename A. A table
CREATE TABLE Sales.SalesTerritory (TerritoryID int CONSTRAINT PK_SalesTerritory_TerritoryID PRIMARY KEY, TerritoryName nvarchar(50));
GO
EXEC sp_rename 'Sales.SalesTerritory', 'SalesTerr';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT OBJECT_ID('Sales.SalesTerritory') AS old_name, SCHEMA_NAME(schema_id) AS s, name FROM sys.tables WHERE name = 'SalesTerr';
-- expect: old_name | s | name
-- NULL | Sales | SalesTerr
GO
-- sp_rename B. A column
EXEC sp_rename 'Sales.SalesTerr.TerritoryID', 'TerrID', 'COLUMN';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT name FROM sys.columns WHERE object_id = OBJECT_ID('Sales.SalesTerr') ORDER BY column_id;
-- expect: name
-- TerrID
-- TerritoryName
GO
-- sp_rename D. A constraint (in the table's schema) and C. an index
EXEC sp_rename 'Sales.PK_SalesTerritory_TerritoryID', 'PK_SalesTerr_TerrID';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
CREATE INDEX IX_Terr_Name ON Sales.SalesTerr (TerritoryName);
GO
EXEC sp_rename N'Sales.SalesTerr.IX_Terr_Name', N'IX_TerrName', N'INDEX';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT name, is_primary_key FROM sys.indexes WHERE object_id = OBJECT_ID('Sales.SalesTerr') ORDER BY index_id;
SELECT name FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID('Sales.SalesTerr');
-- expect: name | is_primary_key
-- PK_SalesTerr_TerrID | 1
-- IX_TerrName | 0
-- expect: name
-- PK_SalesTerr_TerrID
GO
EXEC sp_rename 'Sales.NoSuchTable', 'x';
-- error: 15248
GO
-- CREATE SCHEMA with AUTHORIZATION and the objects it creates in one statement
CREATE SCHEMA Sprockets AUTHORIZATION dbo
    CREATE TABLE NineProngs (source int, cost int, partnumber int)
    GRANT SELECT ON SCHEMA::Sprockets TO public
    DENY SELECT ON SCHEMA::Sprockets TO guest;
GO
SELECT SCHEMA_NAME(schema_id) AS s, name FROM sys.tables WHERE name = 'NineProngs';
SELECT USER_NAME(principal_id) AS owner FROM sys.schemas WHERE name = 'Sprockets';
-- expect: s | name
-- Sprockets | NineProngs
-- expect: owner
-- dbo
GO
-- ALTER SCHEMA TRANSFER: a table and a type move to another schema
CREATE SCHEMA Manufacturing;
GO
ALTER SCHEMA Manufacturing TRANSFER Sprockets.NineProngs;
CREATE TYPE Production.TestType FROM [varchar](10) NOT NULL;
GO
ALTER SCHEMA Sales TRANSFER type::Production.TestType;
GO
SELECT (SELECT SCHEMA_NAME(schema_id) FROM sys.tables WHERE name = 'NineProngs') AS table_schema,
  (SELECT SCHEMA_NAME(schema_id) FROM sys.types WHERE name = 'TestType') AS type_schema;
-- expect: table_schema | type_schema
-- Manufacturing | Sales
GO
-- A column of the type follows it (columns refer to the type by id); the
-- type must exist in the named schema
CREATE TABLE dbo.TypeUser (c Sales.TestType);
ALTER SCHEMA Production TRANSFER TYPE::Sales.TestType;
SELECT TYPE_NAME(c.user_type_id) AS t, SCHEMA_NAME(ty.schema_id) AS s, c.is_nullable
FROM sys.columns c JOIN sys.types ty ON ty.user_type_id = c.user_type_id
WHERE c.object_id = OBJECT_ID('dbo.TypeUser');
-- expect: t | s | is_nullable
-- TestType | Production | 0
GO
ALTER SCHEMA Sales TRANSFER type::Sales.TestType;
-- error: 15151 Cannot find the type 'TestType', because it does not exist or you do not have permission.
GO
DROP TABLE dbo.TypeUser;
DROP TYPE Production.TestType;
GO
-- A schema that holds objects can't be dropped
DROP SCHEMA Manufacturing;
-- error: 3729 Cannot drop schema 'Manufacturing' because it is being referenced by object 'NineProngs'.
GO
