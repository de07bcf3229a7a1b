-- Documented examples of "OUTPUT clause (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/queries/output-clause-transact-sql):
-- the queue examples and examples A to K. The AdventureWorks tables are small
-- tables of our own with the columns the examples read; where an example
-- stores GETDATE(), the check compares the stored moment with the statement's
-- day instead of printing it, and the INSTEAD OF trigger of example H stores
-- the moment of the page's result (2004-04-12 16:23:33.050) for getdate().
CREATE SCHEMA Production
GO
CREATE SCHEMA Sales
GO
CREATE SCHEMA HumanResources
GO
CREATE SCHEMA Person
GO
CREATE TABLE Production.ScrapReason (ScrapReasonID smallint IDENTITY(1,1) PRIMARY KEY,
  Name nvarchar(50) NOT NULL, ModifiedDate datetime NOT NULL DEFAULT GETDATE())
-- AdventureWorks has 16 scrap reasons, so the next one is 17 as on the page.
INSERT Production.ScrapReason (Name, ModifiedDate)
SELECT CONCAT(N'Reason ', n), '20060601' FROM (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16)) v(n)
CREATE TABLE dbo.DatabaseLog (DatabaseLogID int PRIMARY KEY, Event sysname, Object sysname NULL)
INSERT dbo.DatabaseLog VALUES (6, N'CREATE_TABLE', N'ErrorLog'), (7, N'CREATE_TABLE', N'AWBuildVersion'), (8, N'ALTER_TABLE', NULL)
CREATE TABLE Sales.ShoppingCartItem (ShoppingCartItemID int IDENTITY PRIMARY KEY, ShoppingCartID nvarchar(50) NOT NULL,
  Quantity int NOT NULL, ProductID int NOT NULL)
INSERT Sales.ShoppingCartItem (ShoppingCartID, Quantity, ProductID) VALUES (N'14951', 3, 862), (N'20621', 4, 881), (N'20621', 7, 874)
CREATE TABLE HumanResources.Employee (BusinessEntityID int PRIMARY KEY, VacationHours smallint NOT NULL, ModifiedDate datetime NOT NULL)
INSERT HumanResources.Employee VALUES (1, 99, '20140630'), (2, 1, '20140630'), (3, 2, '20140630'), (4, 48, '20140630'),
 (5, 5, '20140630'), (6, 6, '20140630'), (7, 61, '20140630'), (8, 62, '20140630'), (9, 63, '20140630'), (10, 16, '20140630')
CREATE TABLE Production.Product (ProductID int PRIMARY KEY, Name nvarchar(50) NOT NULL, ProductModelID int NULL)
INSERT Production.Product VALUES (733, N'ML Road Frame - Red, 52', 16), (800, N'Road-550-W Yellow, 44', 21),
 (801, N'Road-550-W Yellow, 48', 21), (810, N'HL Mountain Handlebars', 122), (811, N'LL Road Handlebars', 123),
 (812, N'HL Road Handlebars', 124), (900, N'LL Touring Frame', 10)
CREATE TABLE Production.WorkOrder (WorkOrderID int PRIMARY KEY, ProductID int NOT NULL, ScrapReasonID smallint NULL)
INSERT Production.WorkOrder VALUES (12345, 733, 16), (12346, 733, 3), (12347, 800, 16), (12348, 733, 16)
CREATE TABLE Production.ProductProductPhoto (ProductID int NOT NULL, ProductPhotoID int NOT NULL, PRIMARY KEY (ProductID, ProductPhotoID))
INSERT Production.ProductProductPhoto VALUES (733, 1), (800, 118), (801, 118), (810, 160), (811, 160), (812, 161), (900, 2)
CREATE TABLE Production.Document (Title nvarchar(50) NOT NULL, DocumentSummary nvarchar(max) NULL)
INSERT Production.Document VALUES (N'Front Reflector Bracket Installation', N'This document lists all the components needed.'),
 (N'Seat Assembly', N'Other components.')
GO
-- Queues: DELETE TOP(1) … WITH (READPAST) OUTPUT deleted.*
DELETE TOP(1) dbo.DatabaseLog WITH (READPAST)
OUTPUT deleted.*
WHERE DatabaseLogID = 7;
-- expect: DatabaseLogID | Event | Object
-- 7 | CREATE_TABLE | AWBuildVersion
GO
-- Queues: the table1 example with the results the page prints
CREATE TABLE dbo.table1
(
    id INT,
    employee VARCHAR(32)
);
INSERT INTO dbo.table1 VALUES
      (1, 'Fred')
     ,(2, 'Tom')
     ,(3, 'Sally')
     ,(4, 'Alice');
GO
DECLARE @MyTableVar TABLE
(
    id INT,
    employee VARCHAR(32)
);

PRINT 'table1, before delete'
SELECT * FROM dbo.table1;

DELETE FROM dbo.table1
OUTPUT DELETED.* INTO @MyTableVar
WHERE id = 4 OR id = 2;

PRINT 'table1, after delete'
SELECT * FROM dbo.table1;

PRINT '@MyTableVar, after delete'
SELECT * FROM @MyTableVar ORDER BY id;

DROP TABLE dbo.table1;
-- message: table1, before delete
-- expect: id | employee
-- 1 | Fred
-- 2 | Tom
-- 3 | Sally
-- 4 | Alice
-- message: table1, after delete
-- expect: id | employee
-- 1 | Fred
-- 3 | Sally
-- message: @MyTableVar, after delete
-- expect: id | employee
-- 2 | Tom
-- 4 | Alice
GO
-- A. OUTPUT INTO with a simple INSERT statement: the identity value comes back
DECLARE @MyTableVar TABLE (
    NewScrapReasonID SMALLINT,
    Name VARCHAR(50),
    ModifiedDate DATETIME);

INSERT Production.ScrapReason
    OUTPUT INSERTED.ScrapReasonID, INSERTED.Name, INSERTED.ModifiedDate
        INTO @MyTableVar
VALUES (N'Operator error', GETDATE());

SELECT NewScrapReasonID, Name, DATEDIFF(day, ModifiedDate, GETDATE()) AS DaysAgo FROM @MyTableVar;
SELECT ScrapReasonID, Name, DATEDIFF(day, ModifiedDate, GETDATE()) AS DaysAgo
FROM Production.ScrapReason WHERE ScrapReasonID > 16;
-- expect: NewScrapReasonID | Name | DaysAgo
-- 17 | Operator error | 0
-- expect: ScrapReasonID | Name | DaysAgo
-- 17 | Operator error | 0
GO
-- B. OUTPUT with a DELETE statement
DELETE Sales.ShoppingCartItem
OUTPUT DELETED.*
WHERE ShoppingCartID = 20621;

SELECT COUNT(*) AS [Rows in Table] FROM Sales.ShoppingCartItem WHERE ShoppingCartID = 20621;
-- expect: ShoppingCartItemID | ShoppingCartID | Quantity | ProductID
-- 2 | 20621 | 4 | 881
-- 3 | 20621 | 7 | 874
-- expect: Rows in Table
-- 0
GO
-- C. OUTPUT INTO with an UPDATE statement (VacationHours * 1.25 is numeric;
-- stored into the smallint column it is truncated: 99 → 123.75 → 123)
DECLARE @MyTableVar TABLE (
    EmpID INT NOT NULL,
    OldVacationHours INT,
    NewVacationHours INT,
    ModifiedDate DATETIME);

UPDATE TOP (10) HumanResources.Employee
SET VacationHours = VacationHours * 1.25,
    ModifiedDate = GETDATE()
OUTPUT inserted.BusinessEntityID,
       deleted.VacationHours,
       inserted.VacationHours,
       inserted.ModifiedDate
INTO @MyTableVar;

SELECT EmpID, OldVacationHours, NewVacationHours, DATEDIFF(day, ModifiedDate, GETDATE()) AS DaysAgo
FROM @MyTableVar ORDER BY EmpID;
-- expect: EmpID | OldVacationHours | NewVacationHours | DaysAgo
-- 1 | 99 | 123 | 0
-- 2 | 1 | 1 | 0
-- 3 | 2 | 2 | 0
-- 4 | 48 | 60 | 0
-- 5 | 5 | 6 | 0
-- 6 | 6 | 7 | 0
-- 7 | 61 | 76 | 0
-- 8 | 62 | 77 | 0
-- 9 | 63 | 78 | 0
-- 10 | 16 | 20 | 0
GO
SELECT TOP (10) BusinessEntityID, VacationHours, DATEDIFF(day, ModifiedDate, GETDATE()) AS DaysAgo
FROM HumanResources.Employee ORDER BY BusinessEntityID;
-- expect: BusinessEntityID | VacationHours | DaysAgo
-- 1 | 123 | 0
-- 2 | 1 | 0
-- 3 | 2 | 0
-- 4 | 60 | 0
-- 5 | 6 | 0
-- 6 | 7 | 0
-- 7 | 76 | 0
-- 8 | 77 | 0
-- 9 | 78 | 0
-- 10 | 20 | 0
GO
-- D. OUTPUT INTO to return an expression
DECLARE @MyTableVar TABLE (
    EmpID INT NOT NULL,
    OldVacationHours INT,
    NewVacationHours INT,
    VacationHoursDifference INT,
    ModifiedDate DATETIME);

UPDATE TOP (10) HumanResources.Employee
SET VacationHours = VacationHours * 1.25,
    ModifiedDate = GETDATE()
OUTPUT inserted.BusinessEntityID,
       deleted.VacationHours,
       inserted.VacationHours,
       inserted.VacationHours - deleted.VacationHours,
       inserted.ModifiedDate
INTO @MyTableVar;

SELECT EmpID, OldVacationHours, NewVacationHours,
    VacationHoursDifference
FROM @MyTableVar ORDER BY EmpID;
-- expect: EmpID | OldVacationHours | NewVacationHours | VacationHoursDifference
-- 1 | 123 | 153 | 30
-- 2 | 1 | 1 | 0
-- 3 | 2 | 2 | 0
-- 4 | 60 | 75 | 15
-- 5 | 6 | 7 | 1
-- 6 | 7 | 8 | 1
-- 7 | 76 | 95 | 19
-- 8 | 77 | 96 | 19
-- 9 | 78 | 97 | 19
-- 10 | 20 | 25 | 5
GO
-- E. OUTPUT INTO with from_table_name in an UPDATE statement. WorkOrder has
-- an AFTER UPDATE trigger, so INTO is required: without it the statement is 334.
CREATE TRIGGER Production.uWorkOrder ON Production.WorkOrder AFTER UPDATE AS SET NOCOUNT ON;
GO
UPDATE Production.WorkOrder
SET ScrapReasonID = 4
OUTPUT deleted.ScrapReasonID, inserted.ScrapReasonID
FROM Production.WorkOrder AS wo
    INNER JOIN Production.Product AS p
    ON wo.ProductID = p.ProductID
    AND wo.ScrapReasonID= 16
    AND p.ProductID = 733;
-- error: 334 The target table 'Production.WorkOrder' of the DML statement cannot have any enabled triggers if the statement contains an OUTPUT clause without INTO clause.
GO
DECLARE @MyTestVar TABLE (
    OldScrapReasonID INT NOT NULL,
    NewScrapReasonID INT NOT NULL,
    WorkOrderID INT NOT NULL,
    ProductID INT NOT NULL,
    ProductName NVARCHAR(50)NOT NULL);

UPDATE Production.WorkOrder
SET ScrapReasonID = 4
OUTPUT deleted.ScrapReasonID,
       inserted.ScrapReasonID,
       inserted.WorkOrderID,
       inserted.ProductID,
       p.Name
    INTO @MyTestVar
FROM Production.WorkOrder AS wo
    INNER JOIN Production.Product AS p
    ON wo.ProductID = p.ProductID
    AND wo.ScrapReasonID= 16
    AND p.ProductID = 733;

SELECT OldScrapReasonID, NewScrapReasonID, WorkOrderID,
    ProductID, ProductName
FROM @MyTestVar ORDER BY WorkOrderID;
-- expect: OldScrapReasonID | NewScrapReasonID | WorkOrderID | ProductID | ProductName
-- 16 | 4 | 12345 | 733 | ML Road Frame - Red, 52
-- 16 | 4 | 12348 | 733 | ML Road Frame - Red, 52
GO
-- F. OUTPUT INTO with from_table_name in a DELETE statement
DECLARE @MyTableVar TABLE (
    ProductID INT NOT NULL,
    ProductName NVARCHAR(50)NOT NULL,
    ProductModelID INT NOT NULL,
    PhotoID INT NOT NULL);

DELETE Production.ProductProductPhoto
OUTPUT DELETED.ProductID,
       p.Name,
       p.ProductModelID,
       DELETED.ProductPhotoID
    INTO @MyTableVar
FROM Production.ProductProductPhoto AS ph
JOIN Production.Product as p
    ON ph.ProductID = p.ProductID
    WHERE p.ProductModelID BETWEEN 120 and 130;

SELECT ProductID, ProductName, ProductModelID, PhotoID
FROM @MyTableVar
ORDER BY ProductModelID;
-- expect: ProductID | ProductName | ProductModelID | PhotoID
-- 810 | HL Mountain Handlebars | 122 | 160
-- 811 | LL Road Handlebars | 123 | 160
-- 812 | HL Road Handlebars | 124 | 161
GO
-- G. OUTPUT INTO with a large object data type (.WRITE): the full before and
-- after images come back
DECLARE @MyTableVar TABLE (
    SummaryBefore NVARCHAR(max),
    SummaryAfter NVARCHAR(max));

UPDATE Production.Document
SET DocumentSummary .WRITE (N'features',28,10)
OUTPUT deleted.DocumentSummary,
       inserted.DocumentSummary
    INTO @MyTableVar
WHERE Title = N'Front Reflector Bracket Installation';

SELECT SummaryBefore, SummaryAfter
FROM @MyTableVar;
-- expect: SummaryBefore | SummaryAfter
-- This document lists all the components needed. | This document lists all the features needed.
GO
-- .WRITE as the UPDATE page describes it: a NULL offset appends (length
-- ignored), a NULL length replaces to the end, a NULL expression cuts the
-- value at the offset
UPDATE Production.Document SET DocumentSummary .WRITE (N' More.', NULL, 99) WHERE Title = N'Seat Assembly';
SELECT DocumentSummary FROM Production.Document WHERE Title = N'Seat Assembly';
UPDATE Production.Document SET DocumentSummary .WRITE (N'parts!', 6, NULL) WHERE Title = N'Seat Assembly';
SELECT DocumentSummary FROM Production.Document WHERE Title = N'Seat Assembly';
UPDATE Production.Document SET DocumentSummary .write (NULL, 5, 3) WHERE Title = N'Seat Assembly';
SELECT DocumentSummary FROM Production.Document WHERE Title = N'Seat Assembly';
-- expect: DocumentSummary
-- Other components. More.
-- expect: DocumentSummary
-- Other parts!
-- expect: DocumentSummary
-- Other
GO
-- H. OUTPUT in an INSTEAD OF trigger: the identity and the date the trigger
-- stored come back, not the values of the INSERT (the next identity is 18 here:
-- example A took 17)
IF OBJECT_ID('dbo.vw_ScrapReason','V') IS NOT NULL
    DROP VIEW dbo.vw_ScrapReason;
GO
CREATE VIEW dbo.vw_ScrapReason
AS (SELECT ScrapReasonID, Name, ModifiedDate
    FROM Production.ScrapReason);
GO
CREATE TRIGGER dbo.io_ScrapReason
    ON dbo.vw_ScrapReason
INSTEAD OF INSERT
AS
BEGIN
--ScrapReasonID is not specified in the list of columns to be inserted
--because it is an IDENTITY column.
    INSERT INTO Production.ScrapReason (Name, ModifiedDate)
        OUTPUT INSERTED.ScrapReasonID, INSERTED.Name,
               INSERTED.ModifiedDate
    SELECT Name, CAST('2004-04-12T16:23:33.050' AS datetime)
    FROM inserted;
END
GO
INSERT vw_ScrapReason (ScrapReasonID, Name, ModifiedDate)
VALUES (99, N'My scrap reason','20030404');
-- expect: ScrapReasonID | Name | ModifiedDate
-- 18 | My scrap reason | 2004-04-12 16:23:33.050
GO
-- I. OUTPUT INTO with identity and computed columns: IDENTITY(1,5) values
-- follow the ORDER BY of the INSERT … SELECT, the computed column is computed.
-- CurrentSales * 1.10 is decimal (decimal precedes money): money as
-- decimal(19,4) times decimal(3,2) is decimal(23,6); the MONEY column of the
-- table variable keeps four decimals.
CREATE TABLE Sales.SalesPerson (BusinessEntityID int PRIMARY KEY, SalesYTD money NOT NULL)
INSERT Sales.SalesPerson VALUES (274, 1000.00), (275, 2500.50), (276, 4000.00), (301, 9.00)
CREATE TABLE Person.Person (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50), LastName nvarchar(50))
INSERT Person.Person VALUES (274, N'Stephen', N'Jiang'), (275, N'Michael', N'Blythe'), (276, N'Linda', N'Mitchell'), (301, N'X', N'Y')
GO
IF OBJECT_ID ('dbo.EmployeeSales', 'U') IS NOT NULL
    DROP TABLE dbo.EmployeeSales;
GO
CREATE TABLE dbo.EmployeeSales
( EmployeeID   INT IDENTITY (1,5) NOT NULL,
  LastName     NVARCHAR(20) NOT NULL,
  FirstName    NVARCHAR(20) NOT NULL,
  CurrentSales MONEY NOT NULL,
  ProjectedSales AS CurrentSales * 1.10
);
GO
DECLARE @MyTableVar TABLE (
  EmployeeID   INT NOT NULL,
  LastName     NVARCHAR(20) NOT NULL,
  FirstName    NVARCHAR(20) NOT NULL,
  CurrentSales MONEY NOT NULL,
  ProjectedSales MONEY NOT NULL
  );

INSERT INTO dbo.EmployeeSales (LastName, FirstName, CurrentSales)
  OUTPUT INSERTED.EmployeeID,
         INSERTED.LastName,
         INSERTED.FirstName,
         INSERTED.CurrentSales,
         INSERTED.ProjectedSales
  INTO @MyTableVar
    SELECT c.LastName, c.FirstName, sp.SalesYTD
    FROM Sales.SalesPerson AS sp
    INNER JOIN Person.Person AS c
        ON sp.BusinessEntityID = c.BusinessEntityID
    WHERE sp.BusinessEntityID LIKE '2%'
    ORDER BY c.LastName, c.FirstName;

SELECT EmployeeID, LastName, FirstName, CurrentSales, ProjectedSales
FROM @MyTableVar ORDER BY EmployeeID;
-- expect: EmployeeID | LastName | FirstName | CurrentSales | ProjectedSales
-- 1 | Blythe | Michael | 2500.5000 | 2750.5500
-- 6 | Jiang | Stephen | 1000.0000 | 1100.0000
-- 11 | Mitchell | Linda | 4000.0000 | 4400.0000
GO
SELECT EmployeeID, LastName, FirstName, CurrentSales, ProjectedSales
FROM dbo.EmployeeSales ORDER BY EmployeeID;
-- expect: EmployeeID | LastName | FirstName | CurrentSales | ProjectedSales
-- 1 | Blythe | Michael | 2500.5000 | 2750.550000
-- 6 | Jiang | Stephen | 1000.0000 | 1100.000000
-- 11 | Mitchell | Linda | 4000.0000 | 4400.000000
GO
-- J. OUTPUT and OUTPUT INTO in a single statement (GETDATE() AS DeletedDate
-- is @when here, a fixed moment, so the rows can be compared)
DECLARE @when datetime = '2008-05-01T10:00:00';
DECLARE @MyTableVar TABLE (
    ProductID INT NOT NULL,
    ProductName NVARCHAR(50)NOT NULL,
    ProductModelID INT NOT NULL,
    PhotoID INT NOT NULL);

DELETE Production.ProductProductPhoto
OUTPUT DELETED.ProductID,
       p.Name,
       p.ProductModelID,
       DELETED.ProductPhotoID
    INTO @MyTableVar
OUTPUT DELETED.ProductID, DELETED.ProductPhotoID, @when AS DeletedDate
FROM Production.ProductProductPhoto AS ph
JOIN Production.Product as p
    ON ph.ProductID = p.ProductID
WHERE p.ProductID BETWEEN 800 and 810;

SELECT ProductID, ProductName, PhotoID, ProductModelID
FROM @MyTableVar ORDER BY ProductID;
-- expect: ProductID | ProductPhotoID | DeletedDate
-- 800 | 118 | 2008-05-01 10:00:00.000
-- 801 | 118 | 2008-05-01 10:00:00.000
-- expect: ProductID | ProductName | PhotoID | ProductModelID
-- 800 | Road-550-W Yellow, 44 | 118 | 21
-- 801 | Road-550-W Yellow, 48 | 118 | 21
GO
-- K. Inserting data returned from an OUTPUT clause: INSERT … SELECT FROM
-- (MERGE … OUTPUT $action, deleted.ProductID) AS Changes
CREATE TABLE Production.ProductInventory (ProductID int PRIMARY KEY, Quantity smallint NOT NULL)
INSERT Production.ProductInventory VALUES (707, 10), (708, 3), (709, 50), (710, 5)
CREATE TABLE Sales.SalesOrderHeader (SalesOrderID int PRIMARY KEY, OrderDate datetime NOT NULL)
INSERT Sales.SalesOrderHeader VALUES (1, '20070401'), (2, '20070401'), (3, '20070402')
CREATE TABLE Sales.SalesOrderDetail (SalesOrderID int, SalesOrderDetailID int IDENTITY, ProductID int, OrderQty smallint)
INSERT Sales.SalesOrderDetail (SalesOrderID, ProductID, OrderQty) VALUES
 (1, 707, 4), (2, 707, 2), (1, 708, 3), (2, 710, 6), (3, 709, 50)
GO
IF OBJECT_ID(N'Production.ZeroInventory', N'U') IS NOT NULL
    DROP TABLE Production.ZeroInventory;
GO
CREATE TABLE Production.ZeroInventory (DeletedProductID int, RemovedOnDate DateTime);
GO
INSERT INTO Production.ZeroInventory (DeletedProductID, RemovedOnDate)
SELECT ProductID, GETDATE()
FROM
(   MERGE Production.ProductInventory AS pi
    USING (SELECT ProductID, SUM(OrderQty) FROM Sales.SalesOrderDetail AS sod
           JOIN Sales.SalesOrderHeader AS soh
           ON sod.SalesOrderID = soh.SalesOrderID
           AND soh.OrderDate = '20070401'
           GROUP BY ProductID) AS src (ProductID, OrderQty)
    ON (pi.ProductID = src.ProductID)
    WHEN MATCHED AND pi.Quantity - src.OrderQty <= 0
        THEN DELETE
    WHEN MATCHED
        THEN UPDATE SET pi.Quantity = pi.Quantity - src.OrderQty
    OUTPUT $action, deleted.ProductID) AS Changes (Action, ProductID)
WHERE Action = 'DELETE';
IF @@ROWCOUNT = 0
PRINT 'Warning: No rows were inserted';
GO
SELECT DeletedProductID, DATEDIFF(day, RemovedOnDate, GETDATE()) AS DaysAgo
FROM Production.ZeroInventory ORDER BY DeletedProductID;
SELECT ProductID, Quantity FROM Production.ProductInventory ORDER BY ProductID;
-- expect: DeletedProductID | DaysAgo
-- 708 | 0
-- 710 | 0
-- expect: ProductID | Quantity
-- 707 | 4
-- 709 | 50
GO
-- K again with nothing to delete: @@ROWCOUNT is the outer INSERT's, 0
INSERT INTO Production.ZeroInventory (DeletedProductID, RemovedOnDate)
SELECT ProductID, GETDATE()
FROM
(   MERGE Production.ProductInventory AS pi
    USING (SELECT 707, 1) AS src (ProductID, OrderQty)
    ON (pi.ProductID = src.ProductID)
    WHEN MATCHED AND pi.Quantity - src.OrderQty <= 0
        THEN DELETE
    WHEN MATCHED
        THEN UPDATE SET pi.Quantity = pi.Quantity - src.OrderQty
    OUTPUT $action, deleted.ProductID) AS Changes (Action, ProductID)
WHERE Action = 'DELETE';
IF @@ROWCOUNT = 0
PRINT 'Warning: No rows were inserted';
SELECT ProductID, Quantity FROM Production.ProductInventory WHERE ProductID = 707;
-- message: Warning: No rows were inserted
-- expect: ProductID | Quantity
-- 707 | 3
GO
