-- Documented examples of "MERGE (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/statements/merge-transact-sql):
-- examples A to D, and the remarks' 10713 (a MERGE without its
-- terminating semicolon) and 8672 (a target row matched by two source rows).
-- The AdventureWorks tables are small tables of our own with the columns the
-- examples read; where an example stores GETDATE(), the check compares the
-- stored moment with the statement's day instead of printing it. Example E
-- (graph edge tables, MATCH) is left out: node and edge tables are not
-- supported.
CREATE SCHEMA Production
GO
CREATE SCHEMA Sales
GO
CREATE TABLE Production.UnitMeasure (UnitMeasureCode nchar(3) PRIMARY KEY, Name nvarchar(50) NOT NULL,
  ModifiedDate datetime NOT NULL DEFAULT GETDATE())
INSERT Production.UnitMeasure (UnitMeasureCode, Name, ModifiedDate) VALUES (N'BOX', N'Boxes', '20080430'), (N'CM', N'Centimeter', '20080430')
CREATE TABLE Production.ProductInventory (ProductID int, LocationID smallint, Quantity smallint NOT NULL,
  ModifiedDate datetime NOT NULL DEFAULT GETDATE(), PRIMARY KEY (ProductID, LocationID))
INSERT Production.ProductInventory VALUES (707, 7, 10, '20080801'), (708, 7, 3, '20080801'), (709, 7, 50, '20080801'),
 (710, 7, 5, '20080801'), (711, 1, 20, '20080801'), (711, 7, 4, '20080801')
CREATE TABLE Sales.SalesOrderHeader (SalesOrderID int PRIMARY KEY, OrderDate datetime NOT NULL)
INSERT Sales.SalesOrderHeader VALUES (1, '20030501'), (2, '20030501'), (3, '20030502'), (4, '20030715'), (5, '20030720')
CREATE TABLE Sales.SalesOrderDetail (SalesOrderID int, SalesOrderDetailID int IDENTITY, ProductID int, OrderQty smallint)
INSERT Sales.SalesOrderDetail (SalesOrderID, ProductID, OrderQty) VALUES
 (1, 707, 4), (2, 707, 2), (1, 708, 3), (2, 710, 6), (3, 709, 50), (4, 709, 5), (5, 709, 5), (4, 711, 4)
CREATE TABLE Sales.SalesReason (SalesReasonID int IDENTITY PRIMARY KEY, Name nvarchar(50) NOT NULL, ReasonType nvarchar(50) NOT NULL,
  ModifiedDate datetime NOT NULL DEFAULT GETDATE())
INSERT Sales.SalesReason (Name, ReasonType) VALUES (N'Price', N'Other'), (N'On Promotion', N'Promotion'),
 (N'Magazine Advertisement', N'Marketing'), (N'Television  Advertisement', N'Marketing'), (N'Manufacturer', N'Other'),
 (N'Review', N'Other'), (N'Demo Event', N'Marketing'), (N'Sponsorship', N'Marketing'), (N'Quality', N'Other'), (N'Other', N'Other')
GO
-- A. INSERT and UPDATE in a single statement: first as UPDATE, then INSERT
-- when @@ROWCOUNT is 0
CREATE PROCEDURE dbo.InsertUnitMeasure
    @UnitMeasureCode nchar(3),
    @Name nvarchar(25)
AS
BEGIN
    SET NOCOUNT ON;
-- Update the row if it exists.
    UPDATE Production.UnitMeasure
SET Name = @Name
WHERE UnitMeasureCode = @UnitMeasureCode
-- Insert the row if the UPDATE statement failed.
IF (@@ROWCOUNT = 0 )
BEGIN
    INSERT INTO Production.UnitMeasure (UnitMeasureCode, Name)
    VALUES (@UnitMeasureCode, @Name)
END
END;
GO
EXEC InsertUnitMeasure @UnitMeasureCode = 'ABC', @Name = 'Test Value';
SELECT UnitMeasureCode, Name FROM Production.UnitMeasure
WHERE UnitMeasureCode = 'ABC';
-- expect: UnitMeasureCode | Name
-- ABC | Test Value
GO
-- A, rewritten with MERGE … OUTPUT deleted.*, $action, inserted.* INTO a temporary table
CREATE TABLE #MyTempTable
    (ExistingCode nchar(3),
     ExistingName nvarchar(50),
     ExistingDate datetime,
     ActionTaken nvarchar(10),
     NewCode nchar(3),
     NewName nvarchar(50),
     NewDate datetime
    );
GO
ALTER PROCEDURE dbo.InsertUnitMeasure
    @UnitMeasureCode nchar(3),
    @Name nvarchar(25)
AS
BEGIN
    SET NOCOUNT ON;

    MERGE Production.UnitMeasure AS target
    USING (SELECT @UnitMeasureCode, @Name) AS source (UnitMeasureCode, Name)
    ON (target.UnitMeasureCode = source.UnitMeasureCode)
    WHEN MATCHED THEN
        UPDATE SET Name = source.Name
    WHEN NOT MATCHED THEN
        INSERT (UnitMeasureCode, Name)
        VALUES (source.UnitMeasureCode, source.Name)
    OUTPUT deleted.*, $action, inserted.* INTO #MyTempTable;
END;
GO
EXEC InsertUnitMeasure @UnitMeasureCode = 'ABC', @Name = 'New Test Value';
EXEC InsertUnitMeasure @UnitMeasureCode = 'XYZ', @Name = 'Test Value';
EXEC InsertUnitMeasure @UnitMeasureCode = 'ABC', @Name = 'Another Test Value';

SELECT ExistingCode, ExistingName, DATEDIFF(day, ExistingDate, GETDATE()) AS ExistingDays, ActionTaken,
  NewCode, NewName, DATEDIFF(day, NewDate, GETDATE()) AS NewDays FROM #MyTempTable ORDER BY NewName;
-- Cleanup
DELETE FROM Production.UnitMeasure WHERE UnitMeasureCode IN ('ABC','XYZ');
DROP TABLE #MyTempTable;
SELECT RTRIM(UnitMeasureCode) AS UnitMeasureCode FROM Production.UnitMeasure ORDER BY UnitMeasureCode;
-- expect: ExistingCode | ExistingName | ExistingDays | ActionTaken | NewCode | NewName | NewDays
-- ABC | New Test Value | 0 | UPDATE | ABC | Another Test Value | 0
-- ABC | Test Value | 0 | UPDATE | ABC | New Test Value | 0
-- NULL | NULL | NULL | INSERT | XYZ | Test Value | 0
-- expect: UnitMeasureCode
-- BOX
-- CM
GO
-- B. UPDATE and DELETE in a single statement, in a procedure; the OUTPUT
-- clause reads $action and both pseudo-tables (the ModifiedDate items are
-- left out: GETDATE() is the day the script runs)
CREATE PROCEDURE Production.usp_UpdateInventory
    @OrderDate datetime
AS
MERGE Production.ProductInventory AS target
USING (SELECT ProductID, SUM(OrderQty) FROM Sales.SalesOrderDetail AS sod
    JOIN Sales.SalesOrderHeader AS soh
    ON sod.SalesOrderID = soh.SalesOrderID
    AND soh.OrderDate = @OrderDate
    GROUP BY ProductID) AS source (ProductID, OrderQty)
ON (target.ProductID = source.ProductID)
WHEN MATCHED AND target.Quantity - source.OrderQty <= 0
    THEN DELETE
WHEN MATCHED
    THEN UPDATE SET target.Quantity = target.Quantity - source.OrderQty,
                    target.ModifiedDate = GETDATE()
OUTPUT $action, Inserted.ProductID, Inserted.Quantity,
    Deleted.ProductID,
    Deleted.Quantity;
GO
EXECUTE Production.usp_UpdateInventory '20030501';
-- expect: $action | ProductID | Quantity | ProductID | Quantity
-- UPDATE | 707 | 4 | 707 | 10
-- DELETE | NULL | NULL | 708 | 3
-- DELETE | NULL | NULL | 710 | 5
GO
SELECT ProductID, Quantity,
  CASE WHEN DATEDIFF(day, ModifiedDate, GETDATE()) = 0 THEN 'today' ELSE CONVERT(varchar(10), ModifiedDate, 120) END AS Modified
FROM Production.ProductInventory WHERE ProductID IN (707, 708, 709, 710) ORDER BY ProductID;
-- expect: ProductID | Quantity | Modified
-- 707 | 4 | today
-- 709 | 50 | 2008-08-01
GO
-- C. UPDATE and INSERT with a table value constructor as the source;
-- $action stored INTO a table variable and counted
DECLARE @SummaryOfChanges TABLE(Change VARCHAR(20));

MERGE INTO Sales.SalesReason AS Target
USING (VALUES ('Recommendation','Other'), ('Review', 'Marketing'),
              ('Internet', 'Promotion'))
       AS Source (NewName, NewReasonType)
ON Target.Name = Source.NewName
WHEN MATCHED THEN
UPDATE SET ReasonType = Source.NewReasonType
WHEN NOT MATCHED BY TARGET THEN
INSERT (Name, ReasonType) VALUES (NewName, NewReasonType)
OUTPUT $action INTO @SummaryOfChanges;

SELECT Change, COUNT(*) AS CountPerChange
FROM @SummaryOfChanges
GROUP BY Change ORDER BY Change;
-- expect: Change | CountPerChange
-- INSERT | 2
-- UPDATE | 1
GO
-- (the order in which MERGE inserts its rows, and so their identity values,
-- is not documented)
SELECT Name, ReasonType FROM Sales.SalesReason WHERE SalesReasonID = 6 OR SalesReasonID > 10 ORDER BY Name;
-- expect: Name | ReasonType
-- Internet | Promotion
-- Recommendation | Other
-- Review | Marketing
GO
-- D. Inserting the results of the MERGE statement into another table (711 at
-- location 7 drops to 0: the first WHEN MATCHED, >= 0, updates it)
CREATE TABLE Production.UpdatedInventory
    (ProductID INT NOT NULL, LocationID int, NewQty int, PreviousQty int,
     CONSTRAINT PK_Inventory PRIMARY KEY CLUSTERED (ProductID, LocationID));
GO
INSERT INTO Production.UpdatedInventory
SELECT ProductID, LocationID, NewQty, PreviousQty
FROM
(    MERGE Production.ProductInventory AS pi
     USING (SELECT ProductID, SUM(OrderQty)
            FROM Sales.SalesOrderDetail AS sod
            JOIN Sales.SalesOrderHeader AS soh
            ON sod.SalesOrderID = soh.SalesOrderID
            AND soh.OrderDate BETWEEN '20030701' AND '20030731'
            GROUP BY ProductID) AS src (ProductID, OrderQty)
     ON pi.ProductID = src.ProductID
    WHEN MATCHED AND pi.Quantity - src.OrderQty >= 0
        THEN UPDATE SET pi.Quantity = pi.Quantity - src.OrderQty
    WHEN MATCHED AND pi.Quantity - src.OrderQty <= 0
        THEN DELETE
    OUTPUT $action, Inserted.ProductID, Inserted.LocationID,
        Inserted.Quantity AS NewQty, Deleted.Quantity AS PreviousQty)
 AS Changes (Action, ProductID, LocationID, NewQty, PreviousQty)
 WHERE Action = 'UPDATE';
GO
SELECT ProductID, LocationID, NewQty, PreviousQty FROM Production.UpdatedInventory ORDER BY ProductID, LocationID;
SELECT ProductID, LocationID, Quantity FROM Production.ProductInventory WHERE ProductID IN (709, 711) ORDER BY ProductID, LocationID;
-- expect: ProductID | LocationID | NewQty | PreviousQty
-- 709 | 7 | 40 | 50
-- 711 | 1 | 16 | 20
-- 711 | 7 | 0 | 4
-- expect: ProductID | LocationID | Quantity
-- 709 | 7 | 40
-- 711 | 1 | 16
-- 711 | 7 | 0
GO
-- Remarks: the MERGE statement requires a semicolon as its terminator (10713)
MERGE Sales.SalesReason AS t
USING (VALUES (N'Price')) AS s (Name)
ON t.Name = s.Name
WHEN MATCHED THEN UPDATE SET ReasonType = N'Other'
-- error: 10713 A MERGE statement must be terminated by a semi-colon (;).
GO
-- Remarks: a target row matched by more than one source row is 8672
MERGE Sales.SalesReason AS t
USING (VALUES (N'Price'), (N'Price')) AS s (Name)
ON t.Name = s.Name
WHEN MATCHED THEN UPDATE SET ReasonType = N'Other';
-- error: 8672 The MERGE statement attempted to UPDATE or DELETE the same row more than once. This happens when a target row matches more than one source row. A MERGE statement cannot UPDATE/DELETE the same row of the target table multiple times. Refine the ON clause to ensure a target row matches at most one source row, or use the GROUP BY clause to group the source rows.
-- message: The statement has been terminated.
GO
-- Remarks: @@ROWCOUNT after MERGE is the rows inserted, updated and deleted
MERGE Sales.SalesReason AS t
USING (VALUES (N'Price', N'Other'), (N'Value', N'Other'), (N'Quality', N'Marketing')) AS s (Name, ReasonType)
ON t.Name = s.Name
WHEN MATCHED AND s.ReasonType <> t.ReasonType THEN UPDATE SET ReasonType = s.ReasonType
WHEN NOT MATCHED THEN INSERT (Name, ReasonType) VALUES (s.Name, s.ReasonType);
SELECT @@ROWCOUNT AS [RowCount];
-- expect: RowCount
-- 2
GO
