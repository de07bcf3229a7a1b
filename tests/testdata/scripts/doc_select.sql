-- Documented examples of "SELECT examples (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/queries/select-examples-transact-sql),
-- "CASE (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/language-elements/case-transact-sql)
-- and "TOP (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/queries/top-transact-sql).
-- The AdventureWorks tables are small tables of our own with the columns the
-- examples read; thresholds the examples apply to AdventureWorks' sums
-- ($1000000.00) are scaled to these rows, and where the page leaves the order
-- of rows open (ties, OUTPUT) the check adds an ORDER BY. Left out: the
-- ALTER DATABASE … SET RECOVERY around example D (the corpus database's
-- name differs per run) and the Azure Synapse examples.
CREATE SCHEMA Production
GO
CREATE SCHEMA Sales
GO
CREATE SCHEMA HumanResources
GO
CREATE SCHEMA Person
GO
CREATE TABLE Production.Product (ProductID int PRIMARY KEY, Name nvarchar(50) NOT NULL, ProductNumber nvarchar(25) NOT NULL,
  Color nvarchar(15) NULL, ListPrice money NOT NULL, ProductLine nchar(2) NULL, DaysToManufacture int NOT NULL, ProductModelID int NULL)
INSERT Production.Product VALUES
 (1, N'Adjustable Race', N'AR-5381', NULL, 0, NULL, 0, NULL),
 (316, N'Blade', N'BL-2036', NULL, 0, NULL, 1, NULL),
 (712, N'AWC Logo Cap', N'CA-1098', N'Multi', 8.99, N'S', 0, 2),
 (714, N'Long-Sleeve Logo Jersey, M', N'LJ-0192-M', N'Multi', 49.99, N'S', 0, 11),
 (715, N'Long-Sleeve Logo Jersey, L', N'LJ-0192-L', N'Multi', 49.99, N'S', 0, 11),
 (749, N'Road-150 Red, 62', N'BK-R93R-62', N'Red', 3578.27, N'R', 1, 25),
 (771, N'Mountain-100 Silver, 38', N'BK-M82S-38', N'Silver', 3399.99, N'M', 4, 19),
 (776, N'Mountain-100 Black, 42', N'BK-M82B-42', N'Black', 3374.99, N'M', 4, 19),
 (808, N'LL Mountain Handlebars', N'HB-M243', NULL, 44.54, N'M', 1, 52),
 (809, N'ML Mountain Handlebars', N'HB-M763', NULL, 0, N'M', 1, 52),
 (829, N'HL Road Rear Wheel', N'RW-R820', N'Black', 357.06, N'R', 1, NULL),
 (873, N'Patch Kit/8 Patches', N'PK-7098', NULL, 2.29, N'M', 0, 111),
 (930, N'HL Mountain Tire', N'TI-M823', NULL, 35.00, N'M', 0, 91),
 (953, N'Touring-2000 Blue, 60', N'BK-T44U-60', N'Blue', 1214.85, N'T', 4, 35),
 (994, N'LL Bottom Bracket', N'BB-7421', NULL, 53.99, NULL, 1, NULL)
CREATE TABLE Production.ProductModel (ProductModelID int PRIMARY KEY, Name nvarchar(50) NOT NULL)
INSERT Production.ProductModel VALUES (2, N'Cycling Cap'), (3, N'Full-Finger Gloves'), (4, N'Half-Finger Gloves'),
 (11, N'Long-Sleeve Logo Jersey'), (19, N'Mountain-100'), (25, N'Road-150'), (35, N'Touring-2000'), (52, N'LL Mountain Handlebars'),
 (91, N'HL Mountain Tire'), (111, N'Patch kit')
CREATE TABLE Sales.SalesOrderHeader (SalesOrderID int PRIMARY KEY, SalesPersonID int NULL)
INSERT Sales.SalesOrderHeader VALUES (43659, 279), (43660, 279), (43661, 282), (43662, 276)
CREATE TABLE Sales.SalesOrderDetail (SalesOrderID int NOT NULL, SalesOrderDetailID int IDENTITY PRIMARY KEY,
  CarrierTrackingNumber nvarchar(25) NULL, OrderQty smallint NOT NULL, ProductID int NOT NULL, SpecialOfferID int NOT NULL,
  UnitPrice money NOT NULL, UnitPriceDiscount money NOT NULL DEFAULT 0.0,
  LineTotal AS ISNULL((UnitPrice * (1.0 - UnitPriceDiscount)) * OrderQty, 0.0))
INSERT Sales.SalesOrderDetail (SalesOrderID, CarrierTrackingNumber, OrderQty, ProductID, SpecialOfferID, UnitPrice, UnitPriceDiscount) VALUES
 (43659, N'T1-1', 1, 776, 1, 2000.00, 0), (43659, N'T1-1', 3, 771, 1, 2000.00, 0),
 (43660, N'4BD1', 1, 712, 1, 5.00, 0), (43660, N'4BD1', 2, 930, 1, 20.00, 0),
 (43661, N'4BD2', 12, 712, 2, 5.00, 0.10), (43661, N'4BD2', 6, 873, 1, 2.00, 0),
 (43662, N'ZZ9', 15, 712, 2, 4.00, 0), (43662, N'ZZ9', 1, 749, 1, 2100.00, 0)
CREATE TABLE Person.Person (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50) NOT NULL, LastName nvarchar(50) NOT NULL)
INSERT Person.Person VALUES (1, N'Ken', N'Sánchez'), (2, N'Terri', N'Duffy'), (3, N'Barry', N'Johnson'), (4, N'David', N'Johnson'),
 (276, N'Linda', N'Mitchell'), (279, N'Tsvi', N'Reiter'), (282, N'José', N'Saraiva'), (290, N'Lynn', N'Tsoflias'), (5000, N'Gail', N'Johnson')
CREATE TABLE HumanResources.Employee (BusinessEntityID int PRIMARY KEY, NationalIDNumber nvarchar(15) NOT NULL, JobTitle nvarchar(50) NOT NULL,
  HireDate date NOT NULL, SalariedFlag bit NOT NULL, VacationHours smallint NOT NULL, SickLeaveHours smallint NOT NULL, Gender nchar(1) NOT NULL)
CREATE UNIQUE INDEX AK_Employee_NationalIDNumber ON HumanResources.Employee (NationalIDNumber)
INSERT HumanResources.Employee VALUES
 (1, N'295847284', N'Chief Executive Officer', '20090114', 1, 99, 69, N'M'),
 (2, N'245797967', N'Vice President of Engineering', '20080131', 1, 1, 20, N'F'),
 (3, N'509647174', N'Production Technician - WC60', '20071111', 0, 2, 21, N'M'),
 (4, N'112457891', N'Photographer', '20071205', 0, 48, 80, N'M'),
 (276, N'222969461', N'Sales Representative', '20110531', 1, 23, 31, N'F'),
 (279, N'716374314', N'Sales Representative', '20110531', 1, 29, 34, N'M'),
 (282, N'931190412', N'Sales Representative', '20110531', 1, 31, 35, N'M'),
 (290, N'758596752', N'Sales Representative', '20120530', 1, 36, 38, N'F')
CREATE TABLE HumanResources.EmployeePayHistory (BusinessEntityID int NOT NULL, RateChangeDate datetime NOT NULL, Rate money NOT NULL,
  PRIMARY KEY (BusinessEntityID, RateChangeDate))
INSERT HumanResources.EmployeePayHistory VALUES (1, '20090114', 125.50), (2, '20080131', 63.4615), (3, '20071111', 12.45),
 (4, '20071205', 21.6346), (276, '20110531', 23.0769), (279, '20110531', 23.0769), (282, '20110531', 23.0769), (290, '20120530', 23.0769)
CREATE TABLE Sales.SalesPerson (BusinessEntityID int PRIMARY KEY, Bonus money NOT NULL)
INSERT Sales.SalesPerson VALUES (276, 2000), (279, 5000), (282, 5000), (290, 985)
GO
-- A. Using SELECT to retrieve rows and columns
SELECT p.* FROM Production.Product AS p WHERE ProductID = 712;
-- expect: ProductID | Name | ProductNumber | Color | ListPrice | ProductLine | DaysToManufacture | ProductModelID
-- 712 | AWC Logo Cap | CA-1098 | Multi | 8.9900 | S  | 0 | 2
GO
SELECT Name, ProductNumber, ListPrice AS Price
FROM Production.Product
WHERE ProductLine = 'R'
AND DaysToManufacture < 4
ORDER BY Name ASC;
-- expect: Name | ProductNumber | Price
-- HL Road Rear Wheel | RW-R820 | 357.0600
-- Road-150 Red, 62 | BK-R93R-62 | 3578.2700
GO
-- B. Using SELECT with column headings and calculations
SELECT p.Name AS ProductName,
NonDiscountSales = (OrderQty * UnitPrice),
Discounts = ((OrderQty * UnitPrice) * UnitPriceDiscount)
FROM Production.Product AS p
INNER JOIN Sales.SalesOrderDetail AS sod
ON p.ProductID = sod.ProductID
ORDER BY ProductName DESC, NonDiscountSales, Discounts;
-- expect: ProductName | NonDiscountSales | Discounts
-- Road-150 Red, 62 | 2100.0000 | 0.0000
-- Patch Kit/8 Patches | 12.0000 | 0.0000
-- Mountain-100 Silver, 38 | 6000.0000 | 0.0000
-- Mountain-100 Black, 42 | 2000.0000 | 0.0000
-- HL Mountain Tire | 40.0000 | 0.0000
-- AWC Logo Cap | 5.0000 | 0.0000
-- AWC Logo Cap | 60.0000 | 0.0000
-- AWC Logo Cap | 60.0000 | 6.0000
GO
SELECT 'Total income is', ((OrderQty * UnitPrice) * (1.0 - UnitPriceDiscount)), ' for ',
p.Name AS ProductName
FROM Production.Product AS p
INNER JOIN Sales.SalesOrderDetail AS sod
ON p.ProductID = sod.ProductID
WHERE p.ProductID = 712
ORDER BY 2;
-- expect: - | - | - | ProductName
-- Total income is | 5.000000 |  for  | AWC Logo Cap
-- Total income is | 54.000000 |  for  | AWC Logo Cap
-- Total income is | 60.000000 |  for  | AWC Logo Cap
GO
-- C. Using DISTINCT with SELECT
SELECT DISTINCT JobTitle
FROM HumanResources.Employee
ORDER BY JobTitle;
-- expect: JobTitle
-- Chief Executive Officer
-- Photographer
-- Production Technician - WC60
-- Sales Representative
-- Vice President of Engineering
GO
-- D. Creating tables with SELECT INTO
IF OBJECT_ID(N'tempdb..#Bicycles', N'U') IS NOT NULL
DROP TABLE #Bicycles;
SELECT *
INTO #Bicycles
FROM Production.Product
WHERE ProductNumber LIKE 'BK%';
SELECT ProductID, Name FROM #Bicycles ORDER BY ProductID;
-- expect: ProductID | Name
-- 749 | Road-150 Red, 62
-- 771 | Mountain-100 Silver, 38
-- 776 | Mountain-100 Black, 42
-- 953 | Touring-2000 Blue, 60
GO
IF OBJECT_ID('dbo.NewProducts', 'U') IS NOT NULL
    DROP TABLE dbo.NewProducts;
SELECT * INTO dbo.NewProducts
FROM Production.Product
WHERE ListPrice > $25
AND ListPrice < $100;
SELECT ProductID, ListPrice FROM dbo.NewProducts ORDER BY ProductID;
-- expect: ProductID | ListPrice
-- 714 | 49.9900
-- 715 | 49.9900
-- 808 | 44.5400
-- 930 | 35.0000
-- 994 | 53.9900
GO
-- D. SELECT INTO copies the columns' types and nullability, not the key
SELECT c.name, TYPE_NAME(c.system_type_id) AS type_name, c.max_length, c.is_nullable
FROM sys.columns AS c WHERE c.object_id = OBJECT_ID('dbo.NewProducts') AND c.name IN ('ProductID', 'ProductNumber', 'ProductLine')
ORDER BY c.column_id;
SELECT COUNT(*) AS Keys FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID('dbo.NewProducts');
-- expect: name | type_name | max_length | is_nullable
-- ProductID | int | 4 | 0
-- ProductNumber | nvarchar | 50 | 0
-- ProductLine | nchar | 4 | 1
-- expect: Keys
-- 0
GO
-- E. Using correlated subqueries
SELECT DISTINCT Name
FROM Production.Product AS p
WHERE EXISTS
    (SELECT *
     FROM Production.ProductModel AS pm
     WHERE p.ProductModelID = pm.ProductModelID
           AND pm.Name LIKE 'Long-Sleeve Logo Jersey%')
ORDER BY Name;
-- expect: Name
-- Long-Sleeve Logo Jersey, L
-- Long-Sleeve Logo Jersey, M
GO
SELECT DISTINCT Name
FROM Production.Product
WHERE ProductModelID IN
    (SELECT ProductModelID
     FROM Production.ProductModel AS pm
     WHERE Name LIKE 'Long-Sleeve Logo Jersey%')
ORDER BY Name;
-- expect: Name
-- Long-Sleeve Logo Jersey, L
-- Long-Sleeve Logo Jersey, M
GO
SELECT DISTINCT p.LastName, p.FirstName
FROM Person.Person AS p
JOIN HumanResources.Employee AS e
    ON e.BusinessEntityID = p.BusinessEntityID WHERE 5000.00 IN
    (SELECT Bonus
     FROM Sales.SalesPerson AS sp
     WHERE e.BusinessEntityID = sp.BusinessEntityID)
ORDER BY p.LastName;
-- expect: LastName | FirstName
-- Reiter | Tsvi
-- Saraiva | José
GO
SELECT p1.ProductModelID
FROM Production.Product AS p1
GROUP BY p1.ProductModelID
HAVING MAX(p1.ListPrice) >=
    (SELECT AVG(p2.ListPrice) * 2
     FROM Production.Product AS p2
     WHERE p1.ProductModelID = p2.ProductModelID);
-- expect: ProductModelID
-- 52
GO
SELECT DISTINCT pp.LastName, pp.FirstName
FROM Person.Person pp JOIN HumanResources.Employee e
ON e.BusinessEntityID = pp.BusinessEntityID WHERE pp.BusinessEntityID IN
(SELECT SalesPersonID
FROM Sales.SalesOrderHeader
WHERE SalesOrderID IN
(SELECT SalesOrderID
FROM Sales.SalesOrderDetail
WHERE ProductID IN
(SELECT ProductID
FROM Production.Product p
WHERE ProductNumber = 'BK-M82B-42')));
-- expect: LastName | FirstName
-- Reiter | Tsvi
GO
-- F. Using GROUP BY
SELECT SalesOrderID, SUM(LineTotal) AS SubTotal
FROM Sales.SalesOrderDetail
GROUP BY SalesOrderID
ORDER BY SalesOrderID;
-- expect: SalesOrderID | SubTotal
-- 43659 | 8000.000000
-- 43660 | 45.000000
-- 43661 | 66.000000
-- 43662 | 2160.000000
GO
-- G. Using GROUP BY with multiple groups
SELECT ProductID, SpecialOfferID, AVG(UnitPrice) AS [Average Price],
    SUM(LineTotal) AS SubTotal
FROM Sales.SalesOrderDetail
GROUP BY ProductID, SpecialOfferID
ORDER BY ProductID, SpecialOfferID;
-- expect: ProductID | SpecialOfferID | Average Price | SubTotal
-- 712 | 1 | 5.0000 | 5.000000
-- 712 | 2 | 4.5000 | 114.000000
-- 749 | 1 | 2100.0000 | 2100.000000
-- 771 | 1 | 2000.0000 | 6000.000000
-- 776 | 1 | 2000.0000 | 2000.000000
-- 873 | 1 | 2.0000 | 12.000000
-- 930 | 1 | 20.0000 | 40.000000
GO
-- H. Using GROUP BY and WHERE
SELECT ProductModelID, AVG(ListPrice) AS [Average List Price]
FROM Production.Product
WHERE ListPrice > $1000
GROUP BY ProductModelID
ORDER BY ProductModelID;
-- expect: ProductModelID | Average List Price
-- 19 | 3387.4900
-- 25 | 3578.2700
-- 35 | 1214.8500
GO
-- I. Using GROUP BY with an expression
SELECT AVG(OrderQty) AS [Average Quantity],
NonDiscountSales = (OrderQty * UnitPrice)
FROM Sales.SalesOrderDetail
GROUP BY (OrderQty * UnitPrice)
ORDER BY (OrderQty * UnitPrice) DESC;
-- expect: Average Quantity | NonDiscountSales
-- 3 | 6000.0000
-- 1 | 2100.0000
-- 1 | 2000.0000
-- 13 | 60.0000
-- 2 | 40.0000
-- 6 | 12.0000
-- 1 | 5.0000
GO
-- J. Using GROUP BY with ORDER BY
SELECT ProductID, AVG(UnitPrice) AS [Average Price]
FROM Sales.SalesOrderDetail
WHERE OrderQty > 5
GROUP BY ProductID
ORDER BY AVG(UnitPrice);
-- expect: ProductID | Average Price
-- 873 | 2.0000
-- 712 | 4.5000
GO
-- K. Using the HAVING clause
SELECT ProductID
FROM Sales.SalesOrderDetail
GROUP BY ProductID
HAVING AVG(OrderQty) > 5
ORDER BY ProductID;
-- expect: ProductID
-- 712
-- 873
GO
SELECT SalesOrderID, CarrierTrackingNumber
FROM Sales.SalesOrderDetail
GROUP BY SalesOrderID, CarrierTrackingNumber
HAVING CarrierTrackingNumber LIKE '4BD%'
ORDER BY SalesOrderID ;
-- expect: SalesOrderID | CarrierTrackingNumber
-- 43660 | 4BD1
-- 43661 | 4BD2
GO
-- L. Using HAVING and GROUP BY
SELECT ProductID
FROM Sales.SalesOrderDetail
WHERE UnitPrice < 25.00
GROUP BY ProductID
HAVING AVG(OrderQty) > 5
ORDER BY ProductID;
-- expect: ProductID
-- 712
-- 873
GO
-- M. Using HAVING with SUM and AVG
SELECT ProductID, AVG(OrderQty) AS AverageQuantity, SUM(LineTotal) AS Total
FROM Sales.SalesOrderDetail
GROUP BY ProductID
HAVING SUM(LineTotal) > $1000.00
AND AVG(OrderQty) < 3
ORDER BY ProductID;
-- expect: ProductID | AverageQuantity | Total
-- 749 | 1 | 2100.000000
-- 776 | 1 | 2000.000000
GO
SELECT ProductID, Total = SUM(LineTotal)
FROM Sales.SalesOrderDetail
GROUP BY ProductID
HAVING SUM(LineTotal) > $2000.00
ORDER BY ProductID;
-- expect: ProductID | Total
-- 749 | 2100.000000
-- 771 | 6000.000000
GO
SELECT ProductID, SUM(LineTotal) AS Total
FROM Sales.SalesOrderDetail
GROUP BY ProductID
HAVING COUNT(*) > 2;
-- expect: ProductID | Total
-- 712 | 119.000000
GO
-- N. Using the INDEX optimizer hint
SELECT pp.FirstName, pp.LastName, e.NationalIDNumber
FROM HumanResources.Employee AS e WITH (INDEX(AK_Employee_NationalIDNumber))
JOIN Person.Person AS pp on e.BusinessEntityID = pp.BusinessEntityID
WHERE LastName = 'Johnson'
ORDER BY pp.FirstName;
-- expect: FirstName | LastName | NationalIDNumber
-- Barry | Johnson | 509647174
-- David | Johnson | 112457891
GO
-- Force a table scan by using INDEX = 0.
SELECT pp.LastName, pp.FirstName, e.JobTitle
FROM HumanResources.Employee AS e WITH (INDEX = 0) JOIN Person.Person AS pp
ON e.BusinessEntityID = pp.BusinessEntityID
WHERE LastName = 'Johnson'
ORDER BY pp.FirstName;
-- expect: LastName | FirstName | JobTitle
-- Johnson | Barry | Production Technician - WC60
-- Johnson | David | Photographer
GO
-- M. Using OPTION and the GROUP hints
SELECT ProductID, OrderQty, SUM(LineTotal) AS Total
FROM Sales.SalesOrderDetail
WHERE UnitPrice < $5.00
GROUP BY ProductID, OrderQty
ORDER BY ProductID, OrderQty
OPTION (HASH GROUP, FAST 10);
-- expect: ProductID | OrderQty | Total
-- 712 | 15 | 60.000000
-- 873 | 6 | 12.000000
GO
-- O. Using the UNION query hint
SELECT BusinessEntityID, JobTitle, HireDate, VacationHours, SickLeaveHours
FROM HumanResources.Employee AS e1
WHERE BusinessEntityID < 4
UNION
SELECT BusinessEntityID, JobTitle, HireDate, VacationHours, SickLeaveHours
FROM HumanResources.Employee AS e2
WHERE BusinessEntityID < 3
ORDER BY BusinessEntityID
OPTION (MERGE UNION);
-- expect: BusinessEntityID | JobTitle | HireDate | VacationHours | SickLeaveHours
-- 1 | Chief Executive Officer | 2009-01-14 | 99 | 69
-- 2 | Vice President of Engineering | 2008-01-31 | 1 | 20
-- 3 | Production Technician - WC60 | 2007-11-11 | 2 | 21
GO
-- P. Using a UNION
IF OBJECT_ID('dbo.Gloves', 'U') IS NOT NULL
DROP TABLE dbo.Gloves;
-- Create Gloves table.
SELECT ProductModelID, Name
INTO dbo.Gloves
FROM Production.ProductModel
WHERE ProductModelID IN (3, 4);
GO
-- Here is the simple union.
SELECT ProductModelID, Name
FROM Production.ProductModel
WHERE ProductModelID NOT IN (3, 4)
UNION
SELECT ProductModelID, Name
FROM dbo.Gloves
ORDER BY Name;
-- expect: ProductModelID | Name
-- 2 | Cycling Cap
-- 3 | Full-Finger Gloves
-- 4 | Half-Finger Gloves
-- 91 | HL Mountain Tire
-- 52 | LL Mountain Handlebars
-- 11 | Long-Sleeve Logo Jersey
-- 19 | Mountain-100
-- 111 | Patch kit
-- 25 | Road-150
-- 35 | Touring-2000
GO
-- Q. Using SELECT INTO with UNION
IF OBJECT_ID('dbo.ProductResults', 'U') IS NOT NULL
DROP TABLE dbo.ProductResults;
SELECT ProductModelID, Name
INTO dbo.ProductResults
FROM Production.ProductModel
WHERE ProductModelID NOT IN (3, 4)
UNION
SELECT ProductModelID, Name
FROM dbo.Gloves;
GO
SELECT COUNT(*) AS [Rows], SUM(ProductModelID) AS IDs
FROM dbo.ProductResults;
-- expect: Rows | IDs
-- 10 | 353
GO
-- R. Using UNION of two SELECT statements with ORDER BY: the incorrect form
SELECT ProductModelID, Name
FROM Production.ProductModel
WHERE ProductModelID NOT IN (3, 4)
ORDER BY Name
UNION
SELECT ProductModelID, Name
FROM dbo.Gloves;
-- error: 156 Incorrect syntax near the keyword 'UNION'.
GO
-- S. Using UNION of three SELECT statements to show the effects of ALL and parentheses
SELECT pp.LastName, pp.FirstName, e.JobTitle
INTO dbo.EmployeeOne
FROM Person.Person AS pp JOIN HumanResources.Employee AS e
ON e.BusinessEntityID = pp.BusinessEntityID
WHERE LastName = 'Johnson';
GO
SELECT pp.LastName, pp.FirstName, e.JobTitle
INTO dbo.EmployeeTwo
FROM Person.Person AS pp JOIN HumanResources.Employee AS e
ON e.BusinessEntityID = pp.BusinessEntityID
WHERE LastName = 'Johnson';
GO
SELECT pp.LastName, pp.FirstName, e.JobTitle
INTO dbo.EmployeeThree
FROM Person.Person AS pp JOIN HumanResources.Employee AS e
ON e.BusinessEntityID = pp.BusinessEntityID
WHERE LastName = 'Johnson';
GO
-- Union ALL
SELECT LastName, FirstName, JobTitle
FROM dbo.EmployeeOne
UNION ALL
SELECT LastName, FirstName ,JobTitle
FROM dbo.EmployeeTwo
UNION ALL
SELECT LastName, FirstName,JobTitle
FROM dbo.EmployeeThree
ORDER BY FirstName;
-- expect: LastName | FirstName | JobTitle
-- Johnson | Barry | Production Technician - WC60
-- Johnson | Barry | Production Technician - WC60
-- Johnson | Barry | Production Technician - WC60
-- Johnson | David | Photographer
-- Johnson | David | Photographer
-- Johnson | David | Photographer
GO
SELECT LastName, FirstName,JobTitle
FROM dbo.EmployeeOne
UNION
SELECT LastName, FirstName, JobTitle
FROM dbo.EmployeeTwo
UNION
SELECT LastName, FirstName, JobTitle
FROM dbo.EmployeeThree
ORDER BY FirstName;
-- expect: LastName | FirstName | JobTitle
-- Johnson | Barry | Production Technician - WC60
-- Johnson | David | Photographer
GO
SELECT LastName, FirstName,JobTitle
FROM dbo.EmployeeOne
UNION ALL
(
SELECT LastName, FirstName, JobTitle
FROM dbo.EmployeeTwo
UNION
SELECT LastName, FirstName, JobTitle
FROM dbo.EmployeeThree
)
ORDER BY FirstName;
-- expect: LastName | FirstName | JobTitle
-- Johnson | Barry | Production Technician - WC60
-- Johnson | Barry | Production Technician - WC60
-- Johnson | David | Photographer
-- Johnson | David | Photographer
GO
-- UNION: the queries need as many expressions (205)
SELECT LastName, FirstName FROM dbo.EmployeeOne
UNION
SELECT LastName FROM dbo.EmployeeTwo;
-- error: 205 All queries combined using a UNION, INTERSECT or EXCEPT operator must have an equal number of expressions in their target lists.
GO
-- CASE, A. Using a SELECT statement with a simple CASE expression
SELECT ProductNumber, Category =
      CASE ProductLine
         WHEN 'R' THEN 'Road'
         WHEN 'M' THEN 'Mountain'
         WHEN 'T' THEN 'Touring'
         WHEN 'S' THEN 'Other sale items'
         ELSE 'Not for sale'
      END,
   Name
FROM Production.Product
ORDER BY ProductNumber;
-- expect: ProductNumber | Category | Name
-- AR-5381 | Not for sale | Adjustable Race
-- BB-7421 | Not for sale | LL Bottom Bracket
-- BK-M82B-42 | Mountain | Mountain-100 Black, 42
-- BK-M82S-38 | Mountain | Mountain-100 Silver, 38
-- BK-R93R-62 | Road | Road-150 Red, 62
-- BK-T44U-60 | Touring | Touring-2000 Blue, 60
-- BL-2036 | Not for sale | Blade
-- CA-1098 | Other sale items | AWC Logo Cap
-- HB-M243 | Mountain | LL Mountain Handlebars
-- HB-M763 | Mountain | ML Mountain Handlebars
-- LJ-0192-L | Other sale items | Long-Sleeve Logo Jersey, L
-- LJ-0192-M | Other sale items | Long-Sleeve Logo Jersey, M
-- PK-7098 | Mountain | Patch Kit/8 Patches
-- RW-R820 | Road | HL Road Rear Wheel
-- TI-M823 | Mountain | HL Mountain Tire
GO
-- CASE, B. Using a SELECT statement with a searched CASE expression
SELECT ProductNumber, Name, "Price Range" =
  CASE
     WHEN ListPrice =  0 THEN 'Mfg item - not for resale'
     WHEN ListPrice < 50 THEN 'Under $50'
     WHEN ListPrice >= 50 and ListPrice < 250 THEN 'Under $250'
     WHEN ListPrice >= 250 and ListPrice < 1000 THEN 'Under $1000'
     ELSE 'Over $1000'
  END
FROM Production.Product
ORDER BY ProductNumber ;
-- expect: ProductNumber | Name | Price Range
-- AR-5381 | Adjustable Race | Mfg item - not for resale
-- BB-7421 | LL Bottom Bracket | Under $250
-- BK-M82B-42 | Mountain-100 Black, 42 | Over $1000
-- BK-M82S-38 | Mountain-100 Silver, 38 | Over $1000
-- BK-R93R-62 | Road-150 Red, 62 | Over $1000
-- BK-T44U-60 | Touring-2000 Blue, 60 | Over $1000
-- BL-2036 | Blade | Mfg item - not for resale
-- CA-1098 | AWC Logo Cap | Under $50
-- HB-M243 | LL Mountain Handlebars | Under $50
-- HB-M763 | ML Mountain Handlebars | Mfg item - not for resale
-- LJ-0192-L | Long-Sleeve Logo Jersey, L | Under $50
-- LJ-0192-M | Long-Sleeve Logo Jersey, M | Under $50
-- PK-7098 | Patch Kit/8 Patches | Under $50
-- RW-R820 | HL Road Rear Wheel | Under $1000
-- TI-M823 | HL Mountain Tire | Under $50
GO
-- CASE, C. Using CASE in an ORDER BY clause
SELECT BusinessEntityID, SalariedFlag
FROM HumanResources.Employee
ORDER BY CASE SalariedFlag WHEN 1 THEN BusinessEntityID END DESC
        ,CASE WHEN SalariedFlag = 0 THEN BusinessEntityID END;
-- expect: BusinessEntityID | SalariedFlag
-- 290 | 1
-- 282 | 1
-- 279 | 1
-- 276 | 1
-- 2 | 1
-- 1 | 1
-- 3 | 0
-- 4 | 0
GO
-- CASE, D. Using CASE in an UPDATE statement (OUTPUT into a table variable,
-- read in order)
DECLARE @out TABLE (BusinessEntityID int, BeforeValue smallint, AfterValue smallint);
UPDATE HumanResources.Employee
SET VacationHours =
    ( CASE
         WHEN ((VacationHours - 10.00) < 0) THEN VacationHours + 40
         ELSE (VacationHours + 20.00)
       END
    )
OUTPUT Deleted.BusinessEntityID, Deleted.VacationHours AS BeforeValue,
       Inserted.VacationHours AS AfterValue INTO @out
WHERE SalariedFlag = 0;
SELECT * FROM @out ORDER BY BusinessEntityID;
-- expect: BusinessEntityID | BeforeValue | AfterValue
-- 3 | 2 | 42
-- 4 | 48 | 68
GO
-- CASE, E. Using CASE in a SET statement
CREATE FUNCTION dbo.GetContactInformation (@BusinessEntityID INT)
RETURNS
    @retContactInformation TABLE (
        BusinessEntityID INT NOT NULL,
        FirstName NVARCHAR (50) NULL,
        LastName NVARCHAR (50) NULL,
        ContactType NVARCHAR (50) NULL,
        PRIMARY KEY CLUSTERED (BusinessEntityID ASC))
AS
-- Returns the first name, last name and contact type for the specified contact.
BEGIN
    DECLARE @FirstName NVARCHAR(50),
        @LastName NVARCHAR(50),
        @ContactType NVARCHAR(50);

    -- Get common contact information
    SELECT @BusinessEntityID = BusinessEntityID,
        @FirstName = FirstName,
        @LastName = LastName
    FROM Person.Person
    WHERE BusinessEntityID = @BusinessEntityID;

    SET @ContactType = CASE
        -- Check for employee
        WHEN EXISTS (
                SELECT *
                FROM HumanResources.Employee AS e
                WHERE e.BusinessEntityID = @BusinessEntityID
            )
            THEN 'Employee'
        -- Check for sales person
        WHEN EXISTS (
                SELECT *
                FROM Sales.SalesPerson AS sp
                WHERE sp.BusinessEntityID = @BusinessEntityID
            )
            THEN 'Sales Person'
        ELSE 'Consumer'
    END;

    -- Return the information to the caller
    IF @BusinessEntityID IS NOT NULL
    BEGIN
        INSERT @retContactInformation
        SELECT @BusinessEntityID,
            @FirstName,
            @LastName,
            @ContactType;
    END;

    RETURN;
END;
GO
SELECT BusinessEntityID, FirstName, LastName, ContactType
FROM dbo.GetContactInformation(2);
SELECT BusinessEntityID, FirstName, LastName, ContactType
FROM dbo.GetContactInformation(5000);
-- expect: BusinessEntityID | FirstName | LastName | ContactType
-- 2 | Terri | Duffy | Employee
-- expect: BusinessEntityID | FirstName | LastName | ContactType
-- 5000 | Gail | Johnson | Consumer
GO
-- CASE, F. Using CASE in a HAVING clause
SELECT JobTitle, MAX(ph1.Rate)AS MaximumRate
FROM HumanResources.Employee AS e
JOIN HumanResources.EmployeePayHistory AS ph1 ON e.BusinessEntityID = ph1.BusinessEntityID
GROUP BY JobTitle
HAVING (MAX(CASE WHEN SalariedFlag = 1 THEN ph1.Rate
                ELSE NULL END) > 40.00
     OR MAX(CASE WHEN SalariedFlag = 0 THEN ph1.Rate
                ELSE NULL END) > 15.00)
ORDER BY MaximumRate DESC;
-- expect: JobTitle | MaximumRate
-- Chief Executive Officer | 125.5000
-- Vice President of Engineering | 63.4615
-- Photographer | 21.6346
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
-- CASE, remarks: aggregates are computed before CASE, so the 1/0 is evaluated
WITH Data (value) AS
(
SELECT 0
UNION ALL
SELECT 1
)
SELECT
   CASE
      WHEN MIN(value) <= 0 THEN 0
      WHEN MAX(1/value) >= 100 THEN 1
   END
FROM Data ;
-- expect: -
-- error: 8134 Divide by zero error encountered.
GO
-- CASE, return types: the highest precedence type of the results
SELECT CASE WHEN 1 = 1 THEN 1 ELSE 'a' END AS a;
-- expect: a
-- 1
GO
SELECT CASE WHEN 1 = 0 THEN 1 ELSE 'a' END AS a;
-- expect: a
-- error: 245 Conversion failed when converting the varchar value 'a' to data type int.
GO
-- CASE, remarks: CASE nests only to level 10 (125)
SELECT CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN
  CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN 10
  END END END END END END END END END END AS ten;
-- expect: ten
-- 10
GO
SELECT CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN
  CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN CASE WHEN 1=1 THEN
  CASE WHEN 1=1 THEN 11 END
  END END END END END END END END END END AS eleven;
-- error: 125 Case expressions may only be nested to level 10.
GO
-- TOP, A. Using TOP with a constant value
SELECT TOP(3) BusinessEntityID, HireDate
FROM HumanResources.Employee
ORDER BY HireDate ASC;
-- expect: BusinessEntityID | HireDate
-- 3 | 2007-11-11
-- 4 | 2007-12-05
-- 2 | 2008-01-31
GO
-- TOP, B. Using TOP with a variable
DECLARE @p AS INT = 2;
SELECT TOP(@p) BusinessEntityID, VacationHours
FROM HumanResources.Employee
ORDER BY VacationHours DESC;
-- expect: BusinessEntityID | VacationHours
-- 1 | 99
-- 4 | 68
GO
-- TOP, C. Specifying a percentage: 30 percent of 8 rows is 3 (rounded up)
SELECT TOP(30) PERCENT BusinessEntityID, HireDate
FROM HumanResources.Employee
ORDER BY HireDate ASC;
-- expect: BusinessEntityID | HireDate
-- 3 | 2007-11-11
-- 4 | 2007-12-05
-- 2 | 2008-01-31
GO
-- TOP, D. Using WITH TIES: 40 percent of 8 is 4 rows, and the ties of the 4th
SELECT * FROM (
SELECT TOP(40) PERCENT WITH TIES
    pp.FirstName, pp.LastName, e.JobTitle, e.Gender, r.Rate
FROM Person.Person AS pp
    INNER JOIN HumanResources.Employee AS e
        ON pp.BusinessEntityID = e.BusinessEntityID
    INNER JOIN HumanResources.EmployeePayHistory AS r
        ON r.BusinessEntityID = e.BusinessEntityID
ORDER BY Rate DESC) AS t
ORDER BY Rate DESC, LastName;
-- expect: FirstName | LastName | JobTitle | Gender | Rate
-- Ken | Sánchez | Chief Executive Officer | M | 125.5000
-- Terri | Duffy | Vice President of Engineering | F | 63.4615
-- Linda | Mitchell | Sales Representative | F | 23.0769
-- Tsvi | Reiter | Sales Representative | M | 23.0769
-- José | Saraiva | Sales Representative | M | 23.0769
-- Lynn | Tsoflias | Sales Representative | F | 23.0769
GO
-- TOP, interoperability: TOP and ORDER BY inside each UNION ALL branch
SELECT Name, Color, Price FROM (
SELECT TOP(1) Name, Color, ListPrice AS Price
FROM Production.Product
WHERE Color = 'Red'
ORDER BY ListPrice ASC) AS a
UNION ALL
SELECT Name, Color, Price FROM (
SELECT TOP(1) Name, Color, ListPrice AS Price
FROM Production.Product
WHERE Color = 'Black'
ORDER BY ListPrice ASC) AS b;
-- expect: Name | Color | Price
-- Road-150 Red, 62 | Red | 3578.2700
-- HL Road Rear Wheel | Black | 357.0600
GO
-- TOP, limitations: WITH TIES needs ORDER BY (1062)
SELECT TOP(2) WITH TIES BusinessEntityID FROM HumanResources.Employee;
-- error: 1062 The TOP N WITH TIES clause is not allowed without a corresponding ORDER BY clause.
GO
-- TOP, arguments: a negative count is refused (1014)
DECLARE @n int = -1;
SELECT TOP(@n) BusinessEntityID FROM HumanResources.Employee;
-- expect: BusinessEntityID
-- error: 1014 A TOP or FETCH clause contains an invalid value.
GO
-- TOP, arguments: PERCENT is from 0 to 100 (1031)
SELECT TOP(101) PERCENT BusinessEntityID FROM HumanResources.Employee ORDER BY BusinessEntityID;
-- expect: BusinessEntityID
-- error: 1031 Percent values must be between 0 and 100.
GO
-- TOP in DELETE: a negative count is refused too
DECLARE @n int = -1;
DELETE TOP(@n) FROM HumanResources.EmployeePayHistory;
-- error: 1014 A TOP or FETCH clause contains an invalid value.
GO
