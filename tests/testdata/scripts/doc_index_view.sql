-- Documented examples of "CREATE INDEX (Transact-SQL)" and "CREATE VIEW
-- (Transact-SQL)" (https://learn.microsoft.com/sql/t-sql/statements/create-index-transact-sql,
-- …/create-view-transact-sql). The AdventureWorks tables are small tables of
-- our own. Out of scope and left out: columnstore, XML and spatial indexes,
-- resumable and online index operations' concurrency, indexes in another
-- database, Azure Synapse's distributed views.
CREATE SCHEMA Production
GO
CREATE SCHEMA Purchasing
GO
CREATE SCHEMA Sales
GO
CREATE SCHEMA Person
GO
CREATE SCHEMA HumanResources
GO
CREATE TABLE Purchasing.ProductVendor (ProductID int NOT NULL, BusinessEntityID int NOT NULL, AverageLeadTime int NOT NULL,
  PRIMARY KEY (ProductID, BusinessEntityID));
CREATE TABLE Sales.SalesPerson (BusinessEntityID int PRIMARY KEY, SalesQuota money NULL, SalesYTD money NOT NULL);
CREATE TABLE Production.UnitMeasure (UnitMeasureCode nchar(3) NOT NULL PRIMARY KEY, Name nvarchar(50) NOT NULL, ModifiedDate datetime NOT NULL);
INSERT Production.UnitMeasure VALUES (N'BOX', N'Boxes', '20080430'), (N'CM', N'Centimeter', '20080430'), (N'OZ', N'Ounces', '20080430');
CREATE TABLE Person.Address (AddressID int PRIMARY KEY, AddressLine1 nvarchar(60) NOT NULL, AddressLine2 nvarchar(60) NULL,
  City nvarchar(30) NOT NULL, StateProvinceID int NOT NULL, PostalCode nvarchar(15) NOT NULL);
CREATE TABLE Production.BillOfMaterials (BillOfMaterialsID int PRIMARY KEY, ComponentID int NOT NULL, StartDate datetime NOT NULL, EndDate datetime NULL);
CREATE TABLE Production.WorkOrder (WorkOrderID int PRIMARY KEY, ProductID int NOT NULL);
GO
-- A. A simple nonclustered index
CREATE INDEX IX_VendorID ON Purchasing.ProductVendor (BusinessEntityID);
-- B. A simple nonclustered composite index
CREATE NONCLUSTERED INDEX IX_SalesPerson_SalesQuota_SalesYTD ON Sales.SalesPerson (SalesQuota, SalesYTD);
GO
SELECT OBJECT_NAME(i.object_id) AS tbl, i.name, i.type_desc, i.is_unique, COL_NAME(ic.object_id, ic.column_id) AS col, ic.key_ordinal
FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
WHERE i.name IN ('IX_VendorID', 'IX_SalesPerson_SalesQuota_SalesYTD') ORDER BY i.name, ic.key_ordinal;
-- expect: tbl | name | type_desc | is_unique | col | key_ordinal
-- SalesPerson | IX_SalesPerson_SalesQuota_SalesYTD | NONCLUSTERED | 0 | SalesQuota | 1
-- SalesPerson | IX_SalesPerson_SalesQuota_SalesYTD | NONCLUSTERED | 0 | SalesYTD | 2
-- ProductVendor | IX_VendorID | NONCLUSTERED | 0 | BusinessEntityID | 1
GO
-- D. Add a column to an index: DROP_EXISTING = ON rebuilds it with the new definition
CREATE TABLE dbo.FactFinance (FinanceKey int, DateKey int, OrganizationKey int, Amount float);
CREATE INDEX IX_FF ON dbo.FactFinance (FinanceKey ASC, DateKey ASC);
GO
CREATE INDEX IX_FF ON dbo.FactFinance (FinanceKey, DateKey, OrganizationKey DESC)
  WITH (DROP_EXISTING = ON);
GO
SELECT COL_NAME(ic.object_id, ic.column_id) AS col, ic.key_ordinal, ic.is_descending_key
FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
WHERE i.object_id = OBJECT_ID('dbo.FactFinance') AND i.name = 'IX_FF' ORDER BY ic.key_ordinal;
-- expect: col | key_ordinal | is_descending_key
-- FinanceKey | 1 | 0
-- DateKey | 2 | 0
-- OrganizationKey | 3 | 1
GO
-- Without DROP_EXISTING the name is taken
CREATE INDEX IX_FF ON dbo.FactFinance (DateKey);
-- error: 1913 The operation failed because an index or statistics with name 'IX_FF' already exists on table 'dbo.FactFinance'.
GO
-- DROP_EXISTING of an index that is not there
CREATE INDEX IX_None ON dbo.FactFinance (DateKey) WITH (DROP_EXISTING = ON);
-- error: 7999 Could not find any index named 'IX_None' for table 'dbo.FactFinance'.
GO
-- E. A unique nonclustered index, and the duplicate it refuses
CREATE UNIQUE INDEX AK_UnitMeasure_Name
    ON Production.UnitMeasure(Name);
GO
INSERT INTO Production.UnitMeasure (UnitMeasureCode, Name, ModifiedDate)
    VALUES ('OC', 'Ounces', GETDATE());
-- error: 2601 Cannot insert duplicate key row in object 'Production.UnitMeasure' with unique index 'AK_UnitMeasure_Name'. The duplicate key value is (Ounces).
-- message: The statement has been terminated.
GO
-- F. IGNORE_DUP_KEY = ON: the duplicate row is left out with a warning
CREATE TABLE #Test (C1 nvarchar(10), C2 nvarchar(50), C3 datetime);
GO
CREATE UNIQUE INDEX AK_Index ON #Test (C2)
    WITH (IGNORE_DUP_KEY = ON);
GO
INSERT INTO #Test VALUES (N'OC', N'Ounces', GETDATE());
INSERT INTO #Test SELECT * FROM Production.UnitMeasure;
-- message: Duplicate key was ignored.
GO
SELECT COUNT(*) AS [Number of rows] FROM #Test;
-- expect: Number of rows
-- 3
GO
DROP TABLE #Test;
GO
-- … and with IGNORE_DUP_KEY = OFF the whole INSERT fails
CREATE TABLE #Test (C1 nvarchar(10), C2 nvarchar(50), C3 datetime);
GO
CREATE UNIQUE INDEX AK_Index ON #Test (C2)
    WITH (IGNORE_DUP_KEY = OFF);
GO
INSERT INTO #Test VALUES (N'OC', N'Ounces', GETDATE());
INSERT INTO #Test SELECT * FROM Production.UnitMeasure;
-- error: 2601
-- message: The statement has been terminated.
GO
SELECT COUNT(*) AS [Number of rows] FROM #Test;
-- expect: Number of rows
-- 1
GO
-- G. DROP_EXISTING with FILLFACTOR and PAD_INDEX
CREATE NONCLUSTERED INDEX IX_WorkOrder_ProductID ON Production.WorkOrder(ProductID);
GO
CREATE NONCLUSTERED INDEX IX_WorkOrder_ProductID
    ON Production.WorkOrder(ProductID)
    WITH (FILLFACTOR = 80,
        PAD_INDEX = ON,
        DROP_EXISTING = ON);
GO
SELECT name, fill_factor, is_padded FROM sys.indexes WHERE name = 'IX_WorkOrder_ProductID';
-- expect: name | fill_factor | is_padded
-- IX_WorkOrder_ProductID | 80 | 1
GO
-- I. An index with included (nonkey) columns
CREATE NONCLUSTERED INDEX IX_Address_PostalCode
    ON Person.Address (PostalCode)
    INCLUDE (AddressLine1, AddressLine2, City, StateProvinceID);
GO
SELECT COL_NAME(ic.object_id, ic.column_id) AS col, ic.key_ordinal, ic.is_included_column, ic.index_column_id
FROM sys.index_columns ic JOIN sys.indexes i ON i.object_id = ic.object_id AND i.index_id = ic.index_id
WHERE i.name = 'IX_Address_PostalCode' ORDER BY ic.index_column_id;
-- expect: col | key_ordinal | is_included_column | index_column_id
-- PostalCode | 1 | 0 | 1
-- AddressLine1 | 0 | 1 | 2
-- AddressLine2 | 0 | 1 | 3
-- City | 0 | 1 | 4
-- StateProvinceID | 0 | 1 | 5
GO
-- A column can't be both a key and an included column
CREATE INDEX IX_Bad ON Person.Address (PostalCode) INCLUDE (PostalCode);
-- error: 1909 Cannot use duplicate column names in index. Column name 'PostalCode' listed more than once.
GO
-- K. A filtered index
CREATE NONCLUSTERED INDEX "FIBillOfMaterialsWithEndDate"
    ON Production.BillOfMaterials (ComponentID, StartDate)
    WHERE EndDate IS NOT NULL;
GO
SELECT name, has_filter, filter_definition FROM sys.indexes WHERE name = 'FIBillOfMaterialsWithEndDate';
-- expect: name | has_filter | filter_definition
-- FIBillOfMaterialsWithEndDate | 1 | ([EndDate] IS NOT NULL)
GO
-- A filtered unique index allows duplicates outside its filter
CREATE UNIQUE INDEX UX_Component_Open ON Production.BillOfMaterials (ComponentID) WHERE EndDate IS NULL;
INSERT Production.BillOfMaterials VALUES (1, 10, '20240101', '20240201'), (2, 10, '20240201', '20240301'), (3, 10, '20240301', NULL);
SELECT COUNT(*) AS n FROM Production.BillOfMaterials;
-- expect: n
-- 3
GO
INSERT Production.BillOfMaterials VALUES (4, 10, '20240401', NULL);
-- error: 2601 Cannot insert duplicate key row in object 'Production.BillOfMaterials' with unique index 'UX_Component_Open'. The duplicate key value is (10).
-- message: The statement has been terminated.
GO
-- M. A compressed index
CREATE TABLE T1 (C1 int, C2 int);
CREATE NONCLUSTERED INDEX IX_INDEX_1
    ON T1 (C2)
    WITH (DATA_COMPRESSION = ROW);
GO
SELECT p.data_compression_desc FROM sys.partitions p JOIN sys.indexes i ON i.object_id = p.object_id AND i.index_id = p.index_id
WHERE i.name = 'IX_INDEX_1';
-- expect: data_compression_desc
-- ROW
GO
-- DROP INDEX and DROP INDEX IF EXISTS
DROP INDEX IX_INDEX_1 ON T1;
DROP INDEX IF EXISTS IX_INDEX_1 ON T1;
DROP INDEX IX_INDEX_1 ON T1;
-- error: 3701 Cannot drop the index 'T1.IX_INDEX_1', because it does not exist or you do not have permission.
GO
-- An index made by a constraint can't be dropped by DROP INDEX
CREATE TABLE dbo.UQ_Test (a int CONSTRAINT UQ_a UNIQUE);
GO
DROP INDEX UQ_a ON dbo.UQ_Test;
-- error: 3723
GO
-- CREATE VIEW A. A simple view
CREATE TABLE Person.Person (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50) NOT NULL, LastName nvarchar(50) NOT NULL);
CREATE TABLE HumanResources.Employee (BusinessEntityID int PRIMARY KEY, JobTitle nvarchar(50) NOT NULL, HireDate date NOT NULL,
  AddressID int NOT NULL);
INSERT Person.Person VALUES (1, N'Ken', N'Sánchez'), (2, N'Terri', N'Duffy'), (3, N'Rob', N'Walters');
INSERT HumanResources.Employee VALUES (1, N'Chief Executive Officer', '2009-01-14', 1), (2, N'Vice President of Engineering', '2008-01-31', 2),
  (3, N'Senior Tool Designer', '2007-12-05', 2);
INSERT Person.Address VALUES (1, N'4350 Minute Dr.', NULL, N'Newport Hills', 79, N'98006'), (2, N'7559 Worth Ct.', NULL, N'Seattle', 79, N'98055');
GO
CREATE VIEW hiredate_view
AS
SELECT p.FirstName, p.LastName, e.BusinessEntityID, e.HireDate
FROM HumanResources.Employee e
JOIN Person.Person AS p ON e.BusinessEntityID = p.BusinessEntityID ;
GO
SELECT FirstName, LastName, HireDate FROM hiredate_view WHERE HireDate < '2009-01-01' ORDER BY HireDate;
-- expect: FirstName | LastName | HireDate
-- Rob | Walters | 2007-12-05
-- Terri | Duffy | 2008-01-31
GO
-- B. WITH ENCRYPTION: the definition is not shown
CREATE TABLE Purchasing.PurchaseOrderDetail (PurchaseOrderID int, ReceivedQty decimal(8,2), RejectedQty decimal(8,2), DueDate datetime);
INSERT Purchasing.PurchaseOrderDetail VALUES (1, 10, 1, '20010701'), (2, 10, 0, '20010701'), (3, 4, 1, '20000101');
GO
CREATE VIEW Purchasing.PurchaseOrderReject
WITH ENCRYPTION
AS
SELECT PurchaseOrderID, ReceivedQty, RejectedQty,
    RejectedQty / ReceivedQty AS RejectRatio, DueDate
FROM Purchasing.PurchaseOrderDetail
WHERE RejectedQty / ReceivedQty > 0
AND DueDate > CONVERT(DATETIME,'20010630',101) ;
GO
SELECT PurchaseOrderID, RejectRatio FROM Purchasing.PurchaseOrderReject;
SELECT OBJECT_DEFINITION(OBJECT_ID('Purchasing.PurchaseOrderReject')) AS definition,
  (SELECT definition FROM sys.sql_modules WHERE object_id = OBJECT_ID('Purchasing.PurchaseOrderReject')) AS module,
  OBJECTPROPERTY(OBJECT_ID('Purchasing.PurchaseOrderReject'), 'IsEncrypted') AS is_encrypted;
-- expect: PurchaseOrderID | RejectRatio
-- 1 | 0.10000000000
-- expect: definition | module | is_encrypted
-- NULL | NULL | 1
GO
EXEC sp_helptext 'Purchasing.PurchaseOrderReject';
-- message: The text for object 'Purchasing.PurchaseOrderReject' is encrypted.
GO
-- C. WITH CHECK OPTION: a row can't be changed so that it leaves the view
CREATE VIEW dbo.SeattleOnly
AS
SELECT p.LastName, p.FirstName, e.JobTitle, a.City, a.StateProvinceID
FROM HumanResources.Employee AS e
INNER JOIN Person.Person AS p
    ON p.BusinessEntityID = e.BusinessEntityID
    INNER JOIN Person.Address AS a
        ON a.AddressID = e.AddressID
WHERE a.City = 'Seattle'
WITH CHECK OPTION ;
GO
SELECT LastName, City FROM dbo.SeattleOnly ORDER BY LastName;
-- expect: LastName | City
-- Duffy | Seattle
-- Walters | Seattle
GO
UPDATE dbo.SeattleOnly SET City = N'Tacoma' WHERE LastName = N'Duffy';
-- error: 550 The attempted insert or update failed because the target view either specifies WITH CHECK OPTION or spans a view that specifies WITH CHECK OPTION and one or more rows resulting from the operation did not qualify under the CHECK OPTION constraint.
-- message: The statement has been terminated.
GO
UPDATE dbo.SeattleOnly SET JobTitle = N'Design Engineer' WHERE LastName = N'Walters';
SELECT JobTitle FROM HumanResources.Employee WHERE BusinessEntityID = 3;
-- expect: JobTitle
-- Design Engineer
GO
-- A view's update can change only one base table
UPDATE dbo.SeattleOnly SET JobTitle = N'x', LastName = N'y' WHERE LastName = N'Walters';
-- error: 4405 View or function 'dbo.SeattleOnly' is not updatable because the modification affects multiple base tables.
GO
-- D. Built-in functions, TOP and GROUP BY in a view
CREATE TABLE Sales.SalesOrderHeader (SalesOrderID int PRIMARY KEY, SalesPersonID int NULL, OrderDate datetime NOT NULL, TotalDue money NOT NULL);
INSERT Sales.SalesOrderHeader VALUES (1, 274, '20000601', 100), (2, 274, '20010601', 200), (3, 275, '20010701', 50), (4, 274, '20011001', 25);
GO
CREATE VIEW Sales.SalesPersonPerform
AS
SELECT TOP (100) SalesPersonID, SUM(TotalDue) AS TotalSales
FROM Sales.SalesOrderHeader
WHERE OrderDate > CONVERT(DATETIME,'20001231',101)
GROUP BY SalesPersonID;
GO
SELECT SalesPersonID, TotalSales FROM Sales.SalesPersonPerform ORDER BY SalesPersonID;
-- expect: SalesPersonID | TotalSales
-- 274 | 225.0000
-- 275 | 50.0000
GO
-- A view's computed column needs a name
CREATE VIEW dbo.NoName AS SELECT SalesPersonID, SUM(TotalDue) FROM Sales.SalesOrderHeader GROUP BY SalesPersonID;
-- error: 4511 Create View or Function failed because no column name was specified for column 2.
GO
-- ORDER BY in a view needs TOP
CREATE VIEW dbo.Ordered AS SELECT SalesOrderID FROM Sales.SalesOrderHeader ORDER BY SalesOrderID;
-- error: 1033 The ORDER BY clause is invalid in views, inline functions, derived tables, subqueries, and common table expressions, unless TOP, OFFSET or FOR XML is also specified.
GO
-- E. A partitioned view: inserts go to the member table whose CHECK takes the row
CREATE TABLE dbo.SUPPLY1 (
    supplyID INT PRIMARY KEY CHECK (supplyID BETWEEN 1 and 150),
    supplier CHAR(50)
    );
CREATE TABLE dbo.SUPPLY2 (
    supplyID INT PRIMARY KEY CHECK (supplyID BETWEEN 151 and 300),
    supplier CHAR(50)
    );
CREATE TABLE dbo.SUPPLY3 (
    supplyID INT PRIMARY KEY CHECK (supplyID BETWEEN 301 and 450),
    supplier CHAR(50)
    );
CREATE TABLE dbo.SUPPLY4 (
    supplyID INT PRIMARY KEY CHECK (supplyID BETWEEN 451 and 600),
    supplier CHAR(50)
    );
GO
CREATE VIEW dbo.all_supplier_view
WITH SCHEMABINDING
AS
SELECT supplyID, supplier
  FROM dbo.SUPPLY1
UNION ALL
SELECT supplyID, supplier
  FROM dbo.SUPPLY2
UNION ALL
SELECT supplyID, supplier
  FROM dbo.SUPPLY3
UNION ALL
SELECT supplyID, supplier
  FROM dbo.SUPPLY4;
GO
INSERT dbo.all_supplier_view VALUES ('1', 'CaliforniaCorp'), ('5', 'BraziliaLtd')
, ('231', 'FarEast'), ('280', 'NZ')
, ('321', 'EuroGroup'), ('442', 'UKArchip')
, ('475', 'India'), ('521', 'Afrique');
GO
SELECT (SELECT COUNT(*) FROM dbo.SUPPLY1) AS s1, (SELECT COUNT(*) FROM dbo.SUPPLY2) AS s2,
  (SELECT COUNT(*) FROM dbo.SUPPLY3) AS s3, (SELECT COUNT(*) FROM dbo.SUPPLY4) AS s4,
  (SELECT COUNT(*) FROM dbo.all_supplier_view) AS all_rows;
-- expect: s1 | s2 | s3 | s4 | all_rows
-- 2 | 2 | 2 | 2 | 8
GO
-- SCHEMABINDING: the tables a view binds can't be dropped or changed
DROP TABLE dbo.SUPPLY1;
-- error: 3729 Cannot DROP TABLE 'dbo.SUPPLY1' because it is being referenced by object 'all_supplier_view'.
GO
ALTER TABLE dbo.SUPPLY2 ALTER COLUMN supplier char(60);
-- error: 5074 The object 'all_supplier_view' is dependent on column 'supplier'.
-- error: 4922 ALTER TABLE ALTER COLUMN supplier failed because one or more objects access this column.
GO
CREATE VIEW dbo.star_view WITH SCHEMABINDING AS SELECT * FROM dbo.SUPPLY1;
-- error: 1054 Syntax '*' is not allowed in schema-bound objects.
GO
CREATE VIEW dbo.onepart_view WITH SCHEMABINDING AS SELECT supplyID FROM SUPPLY1;
-- error: 4512
GO
-- An indexed view (the page's vOrders, on our own order lines)
CREATE TABLE Sales.SalesOrderDetail (SalesOrderID int NOT NULL, SalesOrderDetailID int NOT NULL, ProductID int NOT NULL,
  OrderQty smallint NOT NULL, UnitPrice money NOT NULL, UnitPriceDiscount money NOT NULL, PRIMARY KEY (SalesOrderID, SalesOrderDetailID));
INSERT Sales.SalesOrderDetail VALUES (1, 1, 776, 1, 100, 0), (2, 1, 776, 2, 100, 0.5), (3, 1, 777, 1, 50, 0), (4, 1, 776, 1, 25, 0);
GO
SET NUMERIC_ROUNDABORT OFF;
SET ANSI_PADDING, ANSI_WARNINGS, CONCAT_NULL_YIELDS_NULL, ARITHABORT,
    QUOTED_IDENTIFIER, ANSI_NULLS ON;
GO
CREATE VIEW Sales.vOrders
WITH SCHEMABINDING
AS
    SELECT SUM(UnitPrice * OrderQty * (1.00 - UnitPriceDiscount)) AS Revenue,
        OrderDate, ProductID, COUNT_BIG(*) AS COUNT
    FROM Sales.SalesOrderDetail AS od, Sales.SalesOrderHeader AS o
    WHERE od.SalesOrderID = o.SalesOrderID
    GROUP BY OrderDate, ProductID;
GO
CREATE UNIQUE CLUSTERED INDEX IDX_V1
    ON Sales.vOrders (OrderDate, ProductID);
GO
SELECT SUM(Revenue) AS Rev, ProductID FROM Sales.vOrders
WHERE OrderDate >= CONVERT(datetime, '20010101', 101) GROUP BY ProductID ORDER BY ProductID;
-- expect: Rev | ProductID
-- 125.000000 | 776
-- 50.000000 | 777
GO
SELECT OBJECTPROPERTY(OBJECT_ID('Sales.vOrders'), 'IsIndexed') AS is_indexed, OBJECTPROPERTY(OBJECT_ID('Sales.vOrders'), 'IsSchemaBound') AS is_schema_bound;
-- expect: is_indexed | is_schema_bound
-- 1 | 1
GO
-- CREATE OR ALTER VIEW and DROP VIEW IF EXISTS
CREATE OR ALTER VIEW dbo.v1 AS SELECT 1 AS a;
GO
CREATE OR ALTER VIEW dbo.v1 AS SELECT 2 AS a, 3 AS b;
GO
SELECT * FROM dbo.v1;
-- expect: a | b
-- 2 | 3
GO
DROP VIEW IF EXISTS dbo.v1;
DROP VIEW IF EXISTS dbo.v1;
DROP VIEW dbo.v1;
-- error: 3701 Cannot drop the view 'dbo.v1', because it does not exist or you do not have permission.
GO
