-- Documented examples of "UPDATE (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/queries/update-transact-sql).
-- The AdventureWorks tables are small tables of our own with the columns the
-- examples read. Left out: O to Q (linked servers, OPENQUERY, OPENROWSET),
-- the FILESTREAM, image/text, and CLR user-defined type examples, and the
-- Azure Synapse examples; .WRITE (R) is run by doc_output.sql and the
-- .WRITE corpus. Where an example stores GETDATE(), the check compares the
-- stored moment with the statement's day instead of printing it.
CREATE SCHEMA Production
GO
CREATE SCHEMA Sales
GO
CREATE SCHEMA HumanResources
GO
CREATE SCHEMA Person
GO
CREATE TABLE Person.Address (AddressID int PRIMARY KEY, City nvarchar(30) NOT NULL, ModifiedDate datetime NOT NULL)
INSERT Person.Address VALUES (1, N'Bothell', '20070101'), (2, N'Seattle', '20080101')
CREATE TABLE Sales.SalesPerson (BusinessEntityID int PRIMARY KEY, SalesQuota money NULL, Bonus money NOT NULL,
  CommissionPct smallmoney NOT NULL, SalesYTD money NOT NULL)
INSERT Sales.SalesPerson VALUES (274, NULL, 0, 0, 559697.5639), (275, 300000, 4100, 0.012, 3763178.1787),
  (276, 250000, 2000, 0.015, 4251368.5497)
CREATE TABLE Sales.SalesOrderHeader (SalesOrderID int PRIMARY KEY, SalesPersonID int NULL, OrderDate datetime NOT NULL, SubTotal money NOT NULL)
INSERT Sales.SalesOrderHeader VALUES (1, 275, '20080101', 100), (2, 275, '20080301', 200), (3, 275, '20080301', 50),
  (4, 276, '20080201', 1000), (5, 276, '20080115', 7), (6, NULL, '20080301', 9)
CREATE TABLE Production.Product (ProductID int PRIMARY KEY, Name nvarchar(50) NOT NULL, ProductNumber nvarchar(25) NOT NULL,
  Color nvarchar(15) NULL, ListPrice money NOT NULL)
CREATE UNIQUE INDEX AK_Product_ProductNumber ON Production.Product (ProductNumber)
INSERT Production.Product VALUES (712, N'AWC Logo Cap', N'CA-1098', N'Multi', 8.99),
  (716, N'Long-Sleeve Logo Jersey, XL', N'LJ-0192-X', N'Multi', 49.99),
  (749, N'Road-150 Red, 62', N'BK-R93R-62', N'Red', 3578.27), (750, N'Road-250 Red, 44', N'BK-R89R-44', N'Red', 2443.35),
  (751, N'Road-250 Black, 44', N'BK-R89B-44', N'Black', 2443.35), (752, N'Road-250 Red, 48', N'BK-R89R-48', N'Red', 2443.35)
CREATE TABLE HumanResources.Employee (BusinessEntityID int PRIMARY KEY, HireDate date NOT NULL, VacationHours smallint NOT NULL,
  SalariedFlag bit NOT NULL, ModifiedDate datetime NOT NULL DEFAULT '20140630')
INSERT HumanResources.Employee (BusinessEntityID, HireDate, VacationHours, SalariedFlag) VALUES
  (1, '20090114', 99, 1), (2, '20080131', 1, 1), (3, '20071111', 2, 0), (4, '20071205', 48, 0), (5, '20080106', 5, 0),
  (6, '20080124', 6, 1), (7, '20090202', 61, 0), (8, '20081229', 62, 0), (9, '20090116', 63, 0), (10, '20090502', 16, 0),
  (11, '20100529', 7, 0), (12, '20071230', 9, 0)
CREATE TABLE Production.ScrapReason (ScrapReasonID smallint IDENTITY PRIMARY KEY, Name nvarchar(50) NOT NULL)
INSERT Production.ScrapReason (Name) VALUES (N'Brake assembly not as ordered'), (N'Color incorrect'), (N'Drill pattern incorrect'),
  (N'Drill size too large'), (N'Drill size too small'), (N'Gouge in metal'), (N'Handling damage'), (N'Paint process failed'),
  (N'Primer process failed'), (N'Seat assembly not as ordered'), (N'Stress test failed'), (N'Thermoform temperature too high'),
  (N'Thermoform temperature too low'), (N'Trim length too long'), (N'Trim length too short'), (N'Wheel misaligned')
CREATE TABLE Production.WorkOrder (WorkOrderID int PRIMARY KEY, ScrapReasonID smallint NULL, ScrappedQty smallint NOT NULL)
INSERT Production.WorkOrder VALUES (1, 2, 10), (2, 14, 500), (3, 15, 301), (4, 15, 2)
CREATE TABLE Production.Location (LocationID smallint PRIMARY KEY, Name nvarchar(50) NOT NULL,
  CostRate smallmoney NOT NULL CONSTRAINT DF_Location_CostRate DEFAULT 0.00)
INSERT Production.Location VALUES (1, N'Tool Crib', 0), (10, N'Frame Forming', 22.50), (20, N'Frame Welding', 25.00), (30, N'Paint', 15.75)
CREATE TABLE Production.BillOfMaterials (BillOfMaterialsID int PRIMARY KEY, ProductAssemblyID int NULL, ComponentID int NOT NULL,
  EndDate datetime NULL, PerAssemblyQty decimal(8,2) NOT NULL)
INSERT Production.BillOfMaterials VALUES (1, 800, 518, NULL, 1.00), (2, 800, 519, NULL, 2.00), (3, 518, 100, NULL, 3.00),
  (4, 518, 101, '20050101', 4.00), (5, 100, 7, NULL, 5.00), (6, 801, 518, NULL, 6.00)
GO
-- A. Using a simple UPDATE statement
UPDATE Person.Address
SET ModifiedDate = GETDATE();
SELECT AddressID, DATEDIFF(day, ModifiedDate, GETDATE()) AS DaysAgo FROM Person.Address;
-- expect: AddressID | DaysAgo
-- 1 | 0
-- 2 | 0
GO
-- B. Updating multiple columns
UPDATE Sales.SalesPerson
SET Bonus = 6000, CommissionPct = .10, SalesQuota = NULL;
SELECT BusinessEntityID, SalesQuota, Bonus, CommissionPct FROM Sales.SalesPerson;
-- expect: BusinessEntityID | SalesQuota | Bonus | CommissionPct
-- 274 | NULL | 6000.0000 | 0.1000
-- 275 | NULL | 6000.0000 | 0.1000
-- 276 | NULL | 6000.0000 | 0.1000
GO
-- C. Using the WHERE clause
UPDATE Production.Product
SET Color = N'Metallic Red'
WHERE Name LIKE N'Road-250%' AND Color = N'Red';
SELECT ProductID, Color FROM Production.Product WHERE ProductID >= 749;
-- expect: ProductID | Color
-- 749 | Red
-- 750 | Metallic Red
-- 751 | Black
-- 752 | Metallic Red
GO
-- D. Using the TOP clause: any 10 rows
BEGIN TRAN
UPDATE TOP (10) HumanResources.Employee
SET VacationHours = VacationHours * 1.25 ;
SELECT @@ROWCOUNT AS Updated;
ROLLBACK
-- expect: Updated
-- 10
GO
-- D. TOP with ORDER BY goes through a subquery: the 10 first hired
UPDATE HumanResources.Employee
SET VacationHours = VacationHours + 8
FROM (SELECT TOP 10 BusinessEntityID FROM HumanResources.Employee
     ORDER BY HireDate ASC) AS th
WHERE HumanResources.Employee.BusinessEntityID = th.BusinessEntityID;
SELECT BusinessEntityID, VacationHours FROM HumanResources.Employee ORDER BY BusinessEntityID;
-- expect: BusinessEntityID | VacationHours
-- 1 | 107
-- 2 | 9
-- 3 | 10
-- 4 | 56
-- 5 | 13
-- 6 | 14
-- 7 | 69
-- 8 | 70
-- 9 | 71
-- 10 | 16
-- 11 | 7
-- 12 | 17
GO
-- E. Using the WITH common_table_expression clause
WITH Parts(AssemblyID, ComponentID, PerAssemblyQty, EndDate, ComponentLevel) AS
(
    SELECT b.ProductAssemblyID, b.ComponentID, b.PerAssemblyQty,
        b.EndDate, 0 AS ComponentLevel
    FROM Production.BillOfMaterials AS b
    WHERE b.ProductAssemblyID = 800
          AND b.EndDate IS NULL
    UNION ALL
    SELECT bom.ProductAssemblyID, bom.ComponentID, p.PerAssemblyQty,
        bom.EndDate, ComponentLevel + 1
    FROM Production.BillOfMaterials AS bom
        INNER JOIN Parts AS p
        ON bom.ProductAssemblyID = p.ComponentID
        AND bom.EndDate IS NULL
)
UPDATE Production.BillOfMaterials
SET PerAssemblyQty = c.PerAssemblyQty * 2
FROM Production.BillOfMaterials AS c
JOIN Parts AS d ON c.ProductAssemblyID = d.AssemblyID
WHERE d.ComponentLevel = 0;
SELECT BillOfMaterialsID, PerAssemblyQty FROM Production.BillOfMaterials ORDER BY BillOfMaterialsID;
-- expect: BillOfMaterialsID | PerAssemblyQty
-- 1 | 2.00
-- 2 | 4.00
-- 3 | 3.00
-- 4 | 4.00
-- 5 | 5.00
-- 6 | 6.00
GO
-- F. Using the WHERE CURRENT OF clause
CREATE TABLE HumanResources.EmployeePayHistory (BusinessEntityID int NOT NULL, RateChangeDate datetime NOT NULL,
  Rate money NOT NULL, PayFrequency tinyint NOT NULL, PRIMARY KEY (BusinessEntityID, RateChangeDate))
INSERT HumanResources.EmployeePayHistory VALUES (4, '20071205', 8.62, 1), (4, '20100531', 23.72, 1), (5, '20080106', 25, 1)
GO
DECLARE complex_cursor CURSOR FOR
    SELECT a.BusinessEntityID
    FROM HumanResources.EmployeePayHistory AS a
    WHERE RateChangeDate <>
         (SELECT MAX(RateChangeDate)
          FROM HumanResources.EmployeePayHistory AS b
          WHERE a.BusinessEntityID = b.BusinessEntityID) ;
OPEN complex_cursor;
FETCH FROM complex_cursor;
UPDATE HumanResources.EmployeePayHistory
SET PayFrequency = 2
WHERE CURRENT OF complex_cursor;
CLOSE complex_cursor;
DEALLOCATE complex_cursor;
SELECT BusinessEntityID, RateChangeDate, PayFrequency FROM HumanResources.EmployeePayHistory ORDER BY BusinessEntityID, RateChangeDate;
-- expect: BusinessEntityID
-- 4
-- expect: BusinessEntityID | RateChangeDate | PayFrequency
-- 4 | 2007-12-05 00:00:00.000 | 2
-- 4 | 2010-05-31 00:00:00.000 | 1
-- 5 | 2008-01-06 00:00:00.000 | 1
GO
-- G. Specifying a computed value
UPDATE Production.Product
SET ListPrice = ListPrice * 2;
SELECT ProductID, ListPrice FROM Production.Product WHERE ProductID IN (712, 749);
-- expect: ProductID | ListPrice
-- 712 | 17.9800
-- 749 | 7156.5400
GO
-- H. Specifying a compound operator
DECLARE @NewPrice INT = 10;
UPDATE Production.Product
SET ListPrice += @NewPrice
WHERE Color = N'Red';
SELECT ProductID, ListPrice FROM Production.Product WHERE ProductID IN (712, 749);
-- expect: ProductID | ListPrice
-- 712 | 17.9800
-- 749 | 7166.5400
GO
UPDATE Production.ScrapReason
SET Name += ' - tool malfunction'
WHERE ScrapReasonID BETWEEN 10 and 12;
SELECT ScrapReasonID, Name FROM Production.ScrapReason WHERE ScrapReasonID BETWEEN 9 AND 13;
-- expect: ScrapReasonID | Name
-- 9 | Primer process failed
-- 10 | Seat assembly not as ordered - tool malfunction
-- 11 | Stress test failed - tool malfunction
-- 12 | Thermoform temperature too high - tool malfunction
-- 13 | Thermoform temperature too low
GO
-- I. Specifying a subquery in the SET clause: SalesYTD plus the most recent
-- day's orders (a salesperson without orders gets NULL: SalesYTD is NOT
-- NULL here, so that row is given the sum only where there is one)
UPDATE Sales.SalesPerson
SET SalesYTD = SalesYTD +
    (SELECT SUM(so.SubTotal)
     FROM Sales.SalesOrderHeader AS so
     WHERE so.OrderDate = (SELECT MAX(OrderDate)
                           FROM Sales.SalesOrderHeader AS so2
                           WHERE so2.SalesPersonID = so.SalesPersonID)
     AND Sales.SalesPerson.BusinessEntityID = so.SalesPersonID
     GROUP BY so.SalesPersonID)
WHERE BusinessEntityID IN (SELECT SalesPersonID FROM Sales.SalesOrderHeader);
SELECT BusinessEntityID, SalesYTD FROM Sales.SalesPerson;
-- expect: BusinessEntityID | SalesYTD
-- 274 | 559697.5639
-- 275 | 3763428.1787
-- 276 | 4252368.5497
GO
-- I. Without the WHERE the subquery's NULL for 274 violates NOT NULL (515)
UPDATE Sales.SalesPerson
SET SalesYTD = SalesYTD +
    (SELECT SUM(so.SubTotal)
     FROM Sales.SalesOrderHeader AS so
     WHERE so.OrderDate = (SELECT MAX(OrderDate)
                           FROM Sales.SalesOrderHeader AS so2
                           WHERE so2.SalesPersonID = so.SalesPersonID)
     AND Sales.SalesPerson.BusinessEntityID = so.SalesPersonID
     GROUP BY so.SalesPersonID);
-- error: 515
-- message: The statement has been terminated.
GO
-- J. Updating rows using DEFAULT values
UPDATE Production.Location
SET CostRate = DEFAULT
WHERE CostRate > 20.00;
SELECT LocationID, CostRate FROM Production.Location;
-- expect: LocationID | CostRate
-- 1 | 0.0000
-- 10 | 0.0000
-- 20 | 0.0000
-- 30 | 15.7500
GO
-- J. A column without a default is set to NULL by DEFAULT
CREATE TABLE dbo.NoDefault (id int PRIMARY KEY, note varchar(10) NULL)
INSERT dbo.NoDefault VALUES (1, 'x')
UPDATE dbo.NoDefault SET note = DEFAULT WHERE id = 1;
SELECT id, note FROM dbo.NoDefault;
-- expect: id | note
-- 1 | NULL
GO
-- K. Specifying a view as the target object
CREATE TABLE Person.CountryRegion (CountryRegionCode nvarchar(3) PRIMARY KEY, Name nvarchar(50) NOT NULL)
CREATE TABLE Person.StateProvince (StateProvinceID int PRIMARY KEY, StateProvinceCode nchar(3) NOT NULL, CountryRegionCode nvarchar(3) NOT NULL, Name nvarchar(50) NOT NULL)
INSERT Person.CountryRegion VALUES (N'US', N'United States'), (N'CA', N'Canada')
INSERT Person.StateProvince VALUES (79, N'WA', N'US', N'Washington'), (9, N'CA', N'US', N'California'), (7, N'BC', N'CA', N'British Columbia')
GO
CREATE VIEW Person.vStateProvinceCountryRegion AS
SELECT sp.StateProvinceID, sp.StateProvinceCode, sp.Name AS StateProvinceName, cr.CountryRegionCode, cr.Name AS CountryRegionName
FROM Person.StateProvince sp INNER JOIN Person.CountryRegion cr ON sp.CountryRegionCode = cr.CountryRegionCode;
GO
UPDATE Person.vStateProvinceCountryRegion
SET CountryRegionName = 'United States of America'
WHERE CountryRegionName = 'United States';
SELECT CountryRegionCode, Name FROM Person.CountryRegion ORDER BY CountryRegionCode;
SELECT StateProvinceName, CountryRegionName FROM Person.vStateProvinceCountryRegion ORDER BY StateProvinceID;
-- expect: CountryRegionCode | Name
-- CA | Canada
-- US | United States of America
-- expect: StateProvinceName | CountryRegionName
-- British Columbia | Canada
-- California | United States of America
-- Washington | United States of America
GO
-- K. An UPDATE through a view may change only one base table (4405)
UPDATE Person.vStateProvinceCountryRegion
SET CountryRegionName = 'x', StateProvinceName = 'y'
WHERE StateProvinceID = 79;
-- error: 4405 View or function 'Person.vStateProvinceCountryRegion' is not updatable because the modification affects multiple base tables.
GO
-- L. Specifying a table alias as the target object
UPDATE sr
SET sr.Name += ' - tool malfunction'
FROM Production.ScrapReason AS sr
JOIN Production.WorkOrder AS wo
     ON sr.ScrapReasonID = wo.ScrapReasonID
     AND wo.ScrappedQty > 300;
SELECT ScrapReasonID, Name FROM Production.ScrapReason WHERE ScrapReasonID >= 14;
-- expect: ScrapReasonID | Name
-- 14 | Trim length too long - tool malfunction
-- 15 | Trim length too short - tool malfunction
-- 16 | Wheel misaligned
GO
-- M. Specifying a table variable as the target object
DECLARE @MyTableVar TABLE (
    EmpID INT NOT NULL,
    NewVacationHours INT,
    ModifiedDate DATETIME);

INSERT INTO @MyTableVar (EmpID)
    SELECT BusinessEntityID FROM HumanResources.Employee;

UPDATE @MyTableVar
SET NewVacationHours = e.VacationHours + 20,
    ModifiedDate = GETDATE()
FROM HumanResources.Employee AS e
WHERE e.BusinessEntityID = EmpID;

SELECT EmpID, NewVacationHours, DATEDIFF(day, ModifiedDate, GETDATE()) AS DaysAgo
FROM @MyTableVar
WHERE EmpID <= 3
ORDER BY EmpID;
-- expect: EmpID | NewVacationHours | DaysAgo
-- 1 | 127 | 0
-- 2 | 29 | 0
-- 3 | 30 | 0
GO
-- N. Using the UPDATE statement with information from another table: one
-- row of the latest day is added (which one is undefined), so the check
-- is that 275's SalesYTD grew by 200 or by 50
DECLARE @before money = (SELECT SalesYTD FROM Sales.SalesPerson WHERE BusinessEntityID = 275);
UPDATE Sales.SalesPerson
SET SalesYTD = SalesYTD + SubTotal
FROM Sales.SalesPerson AS sp
JOIN Sales.SalesOrderHeader AS so
    ON sp.BusinessEntityID = so.SalesPersonID
    AND so.OrderDate = (SELECT MAX(OrderDate)
                        FROM Sales.SalesOrderHeader
                        WHERE SalesPersonID = sp.BusinessEntityID);
SELECT CASE WHEN SalesYTD - @before IN (200, 50) THEN 'one row added' ELSE 'wrong' END AS Result
FROM Sales.SalesPerson WHERE BusinessEntityID = 275;
SELECT SalesYTD FROM Sales.SalesPerson WHERE BusinessEntityID = 276;
-- expect: Result
-- one row added
-- expect: SalesYTD
-- 4253368.5497
GO
-- X. Using the TABLOCK hint
UPDATE Production.Product
WITH (TABLOCK)
SET ListPrice = ListPrice * 1.10
WHERE ProductNumber LIKE 'BK-%';
SELECT ProductID, ListPrice FROM Production.Product WHERE ProductID IN (712, 749);
-- expect: ProductID | ListPrice
-- 712 | 17.9800
-- 749 | 7883.1940
GO
-- Y. Using the FORCESEEK hint (AK_Product_ProductNumber serves the LIKE prefix)
UPDATE Production.Product
WITH (FORCESEEK)
SET ListPrice = ListPrice * 1.10
WHERE ProductNumber LIKE 'BK-%';
SELECT ProductID, ListPrice FROM Production.Product WHERE ProductID IN (712, 749);
-- expect: ProductID | ListPrice
-- 712 | 17.9800
-- 749 | 8671.5134
GO
-- Z. Using the OPTIMIZE FOR query hint
CREATE PROCEDURE Production.uspProductUpdate
@Product NVARCHAR(25)
AS
SET NOCOUNT ON;
UPDATE Production.Product
SET ListPrice = ListPrice * 1.10
WHERE ProductNumber LIKE @Product
OPTION (OPTIMIZE FOR (@Product = 'BK-%') );
GO
-- Execute the stored procedure
EXEC Production.uspProductUpdate 'CA-%';
SELECT ProductID, ListPrice FROM Production.Product WHERE ProductID IN (712, 749);
-- expect: ProductID | ListPrice
-- 712 | 19.7780
-- 749 | 8671.5134
GO
-- AA. Capturing the results of the UPDATE statement
DECLARE @MyTableVar TABLE (
    EmpID int NOT NULL,
    OldVacationHours smallint,
    NewVacationHours smallint,
    ModifiedDate datetime);
UPDATE TOP (10) HumanResources.Employee
SET VacationHours = VacationHours * 1.25,
    ModifiedDate = GETDATE()
OUTPUT inserted.BusinessEntityID,
       deleted.VacationHours,
       inserted.VacationHours,
       inserted.ModifiedDate
INTO @MyTableVar;
--Display the result set of the table variable.
SELECT COUNT(*) AS [Rows],
  SUM(CASE WHEN NewVacationHours = CAST(OldVacationHours * 1.25 AS smallint) THEN 1 ELSE 0 END) AS Scaled,
  MAX(DATEDIFF(day, ModifiedDate, GETDATE())) AS DaysAgo
FROM @MyTableVar;
-- expect: Rows | Scaled | DaysAgo
-- 10 | 10 | 0
GO
-- AB. Using UPDATE in a TRY...CATCH block
CREATE TABLE HumanResources.Department (DepartmentID smallint IDENTITY PRIMARY KEY, Name nvarchar(50) NOT NULL, GroupName nvarchar(50) NOT NULL)
CREATE UNIQUE INDEX AK_Department_Name ON HumanResources.Department (Name)
INSERT HumanResources.Department (Name, GroupName) VALUES (N'Engineering', N'Research and Development'),
  (N'Tool Design', N'Research and Development'), (N'Sales', N'Sales and Marketing')
GO
BEGIN TRANSACTION;

BEGIN TRY
    -- Intentionally generate a constraint violation error.
    UPDATE HumanResources.Department
    SET Name = N'MyNewName'
    WHERE DepartmentID BETWEEN 1 AND 2;
END TRY
BEGIN CATCH
    SELECT
         ERROR_NUMBER() AS ErrorNumber
        ,ERROR_SEVERITY() AS ErrorSeverity
        ,ERROR_STATE() AS ErrorState
        ,ERROR_PROCEDURE() AS ErrorProcedure
        ,ERROR_LINE() AS ErrorLine
        ,ERROR_MESSAGE() AS ErrorMessage;

    IF @@TRANCOUNT > 0
        ROLLBACK TRANSACTION;
END CATCH;

IF @@TRANCOUNT > 0
    COMMIT TRANSACTION;
SELECT @@TRANCOUNT AS TranCount, COUNT(*) AS Renamed FROM HumanResources.Department WHERE Name = N'MyNewName';
-- expect: ErrorNumber | ErrorSeverity | ErrorState | ErrorProcedure | ErrorLine | ErrorMessage
-- 2601 | 14 | 1 | NULL | 5 | Cannot insert duplicate key row in object 'HumanResources.Department' with unique index 'AK_Department_Name'. The duplicate key value is (MyNewName).
-- expect: TranCount | Renamed
-- 0 | 0
GO
-- Remarks: a column may be set only once in one UPDATE (264)
UPDATE Production.Location SET CostRate = 1, CostRate = 2 WHERE LocationID = 1;
-- error: 264 The column name 'CostRate' is specified more than once in the SET clause or column list of an INSERT. A column cannot be assigned more than one value in the same clause. Modify the clause to make sure that a column is updated only once. If this statement updates or inserts columns into a view, column aliasing can conceal the duplication in your code.
GO
-- Remarks: an identity column cannot be updated (8102)
UPDATE Production.ScrapReason SET ScrapReasonID = 99 WHERE ScrapReasonID = 1;
-- error: 8102 Cannot update identity column 'ScrapReasonID'.
GO
-- Remarks: SET @variable = column = expression sets both to the expression's
-- value; SET @variable = column, column = expression reads the column first
CREATE TABLE dbo.Counter (id int PRIMARY KEY, n int NOT NULL)
INSERT dbo.Counter VALUES (1, 10)
GO
DECLARE @a int, @b int;
UPDATE dbo.Counter SET @a = n = n + 1 WHERE id = 1;
UPDATE dbo.Counter SET @b = n, n = n + 1 WHERE id = 1;
SELECT @a AS a, @b AS b, n FROM dbo.Counter;
-- expect: a | b | n
-- 11 | 11 | 12
GO
-- Remarks: the UPDATE with FROM example — two source rows for one target row
-- update it once, with either value (undefined which)
CREATE TABLE dbo.Table1 (ColA int NOT NULL, ColB decimal(10,3) NOT NULL);
CREATE TABLE dbo.Table2 (ColA int PRIMARY KEY NOT NULL, ColB decimal(10,3) NOT NULL);
INSERT INTO dbo.Table1 VALUES(1, 10.0), (1, 20.0);
INSERT INTO dbo.Table2 VALUES(1, 0.0);
GO
UPDATE dbo.Table2
SET dbo.Table2.ColB = dbo.Table2.ColB + dbo.Table1.ColB
FROM dbo.Table2
    INNER JOIN dbo.Table1
    ON (dbo.Table2.ColA = dbo.Table1.ColA);
SELECT @@ROWCOUNT AS [Rows];
SELECT CASE WHEN ColB IN (10.000, 20.000) THEN 'one value' ELSE CAST(ColB AS varchar(20)) END AS ColB
FROM dbo.Table2;
-- expect: Rows
-- 1
-- expect: ColB
-- one value
GO
