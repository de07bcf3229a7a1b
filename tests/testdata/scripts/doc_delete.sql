-- Documented examples of "DELETE (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/statements/delete-transact-sql)
-- and "TRUNCATE TABLE (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/statements/truncate-table-transact-sql).
-- The AdventureWorks tables are small tables of our own with the columns the
-- examples read. Left out: F to I (linked servers, OPENQUERY,
-- OPENDATASOURCE), the Azure Synapse examples (OPTION (LABEL …)) and
-- TRUNCATE … WITH (PARTITIONS …) (partitioned tables are not supported).
CREATE SCHEMA Production
GO
CREATE SCHEMA Sales
GO
CREATE SCHEMA HumanResources
GO
CREATE SCHEMA Purchasing
GO
CREATE TABLE Sales.SalesPerson (BusinessEntityID int PRIMARY KEY, SalesYTD money NOT NULL)
INSERT Sales.SalesPerson VALUES (274, 559697.5639), (275, 3763178.1787), (276, 4251368.5497), (277, 3189418.3662), (278, 1453719.4653)
CREATE TABLE Sales.SalesPersonQuotaHistory (BusinessEntityID int NOT NULL, QuotaDate datetime NOT NULL, SalesQuota money NOT NULL,
  PRIMARY KEY (BusinessEntityID, QuotaDate))
INSERT Sales.SalesPersonQuotaHistory VALUES (274, '20110531', 28000), (274, '20110831', 7000), (275, '20110531', 367000),
  (276, '20110531', 637000), (277, '20110531', 565000), (278, '20110531', 244000)
CREATE TABLE Production.ProductCostHistory (ProductID int NOT NULL, StartDate datetime NOT NULL, EndDate datetime NULL,
  StandardCost money NOT NULL, PRIMARY KEY (ProductID, StartDate))
INSERT Production.ProductCostHistory VALUES (707, '20110531', '20120529', 12.0278), (707, '20120530', NULL, 13.8782),
  (711, '20120530', NULL, 13.8782), (749, '20110531', NULL, 2171.2942), (750, '20110531', NULL, 2171.2942), (712, '20120530', NULL, 6.9223)
CREATE TABLE HumanResources.EmployeePayHistory (BusinessEntityID int NOT NULL, RateChangeDate datetime NOT NULL,
  Rate money NOT NULL, PRIMARY KEY (BusinessEntityID, RateChangeDate))
INSERT HumanResources.EmployeePayHistory VALUES (4, '20071205', 8.62), (4, '20100531', 23.72), (5, '20080106', 25)
CREATE TABLE Purchasing.PurchaseOrderDetail (PurchaseOrderID int NOT NULL, PurchaseOrderDetailID int IDENTITY PRIMARY KEY,
  DueDate datetime NOT NULL)
INSERT Purchasing.PurchaseOrderDetail (PurchaseOrderID, DueDate) SELECT n, DATEADD(day, n, '20020601') FROM
  (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16),(17),(18),(19),(20),(21),(22),(23),(24),(25),
   (26),(27),(28),(29),(30),(31),(32),(33),(34),(35),(36),(37),(38),(39),(40)) v(n)
CREATE TABLE Sales.ShoppingCartItem (ShoppingCartItemID int IDENTITY PRIMARY KEY, ShoppingCartID nvarchar(50) NOT NULL,
  Quantity int NOT NULL, ProductID int NOT NULL)
INSERT Sales.ShoppingCartItem (ShoppingCartID, Quantity, ProductID) VALUES (N'14951', 3, 862), (N'20621', 4, 881), (N'20621', 7, 874)
CREATE TABLE Production.ProductPhoto (ProductPhotoID int PRIMARY KEY, ThumbnailPhotoFileName nvarchar(50) NULL)
INSERT Production.ProductPhoto VALUES (1, N'no_image_available_small.gif'), (200, N'frame_black_small.gif')
GO
-- A. Using DELETE with no WHERE clause
DELETE FROM Sales.SalesPersonQuotaHistory;
SELECT @@ROWCOUNT AS Deleted;
SELECT COUNT(*) AS [Rows] FROM Sales.SalesPersonQuotaHistory;
-- expect: Deleted
-- 6
-- expect: Rows
-- 0
GO
INSERT Sales.SalesPersonQuotaHistory VALUES (274, '20110531', 28000), (274, '20110831', 7000), (275, '20110531', 367000),
  (276, '20110531', 637000), (277, '20110531', 565000), (278, '20110531', 244000)
GO
-- B. Using the WHERE clause to delete a set of rows
DELETE FROM Production.ProductCostHistory
WHERE StandardCost > 1000.00;
SELECT ProductID, StartDate FROM Production.ProductCostHistory ORDER BY ProductID, StartDate;
-- expect: ProductID | StartDate
-- 707 | 2011-05-31 00:00:00.000
-- 707 | 2012-05-30 00:00:00.000
-- 711 | 2012-05-30 00:00:00.000
-- 712 | 2012-05-30 00:00:00.000
GO
-- B. A more complex WHERE, and @@ROWCOUNT after it (the page's CAST to
-- char(3) pads the message with blanks, which a directive cannot show:
-- varchar(3) here)
DELETE Production.ProductCostHistory
WHERE StandardCost BETWEEN 12.00 AND 14.00
      AND EndDate IS NULL;
PRINT 'Number of rows deleted is ' + CAST(@@ROWCOUNT as varchar(3));
-- message: Number of rows deleted is 2
GO
-- C. Using a cursor to determine the row to delete
DECLARE complex_cursor CURSOR FOR
    SELECT a.BusinessEntityID
    FROM HumanResources.EmployeePayHistory AS a
    WHERE RateChangeDate <>
         (SELECT MAX(RateChangeDate)
          FROM HumanResources.EmployeePayHistory AS b
          WHERE a.BusinessEntityID = b.BusinessEntityID) ;
OPEN complex_cursor;
FETCH FROM complex_cursor;
DELETE FROM HumanResources.EmployeePayHistory
WHERE CURRENT OF complex_cursor;
CLOSE complex_cursor;
DEALLOCATE complex_cursor;
SELECT BusinessEntityID, RateChangeDate FROM HumanResources.EmployeePayHistory ORDER BY BusinessEntityID;
-- expect: BusinessEntityID
-- 4
-- expect: BusinessEntityID | RateChangeDate
-- 4 | 2010-05-31 00:00:00.000
-- 5 | 2008-01-06 00:00:00.000
GO
-- D. Using joins and subqueries: the SQL-2003 standard subquery
BEGIN TRAN
DELETE FROM Sales.SalesPersonQuotaHistory
WHERE BusinessEntityID IN
    (SELECT BusinessEntityID
     FROM Sales.SalesPerson
     WHERE SalesYTD > 2500000.00);
SELECT BusinessEntityID FROM Sales.SalesPersonQuotaHistory ORDER BY BusinessEntityID, QuotaDate;
ROLLBACK
-- expect: BusinessEntityID
-- 274
-- 274
-- 278
GO
-- D. The Transact-SQL extension: a second FROM
BEGIN TRAN
DELETE FROM Sales.SalesPersonQuotaHistory
FROM Sales.SalesPersonQuotaHistory AS spqh
INNER JOIN Sales.SalesPerson AS sp
ON spqh.BusinessEntityID = sp.BusinessEntityID
WHERE sp.SalesYTD > 2500000.00;
SELECT BusinessEntityID FROM Sales.SalesPersonQuotaHistory ORDER BY BusinessEntityID, QuotaDate;
ROLLBACK
-- expect: BusinessEntityID
-- 274
-- 274
-- 278
GO
-- D. No need to mention the target table more than once: the alias
DELETE spqh
  FROM
        Sales.SalesPersonQuotaHistory AS spqh
    INNER JOIN Sales.SalesPerson AS sp
        ON spqh.BusinessEntityID = sp.BusinessEntityID
  WHERE  sp.SalesYTD > 2500000.00;
SELECT BusinessEntityID FROM Sales.SalesPersonQuotaHistory ORDER BY BusinessEntityID, QuotaDate;
-- expect: BusinessEntityID
-- 274
-- 274
-- 278
GO
-- E. Using TOP to limit the number of rows deleted: any 20 rows due before July 2002
DELETE TOP (20)
FROM Purchasing.PurchaseOrderDetail
WHERE DueDate < '20020701';
SELECT @@ROWCOUNT AS Deleted;
SELECT COUNT(*) AS [Left], SUM(CASE WHEN DueDate < '20020701' THEN 1 ELSE 0 END) AS [Early] FROM Purchasing.PurchaseOrderDetail;
-- expect: Deleted
-- 20
-- expect: Left | Early
-- 20 | 9
GO
-- E. The 10 earliest due: TOP with ORDER BY in a subquery
DELETE FROM Purchasing.PurchaseOrderDetail
WHERE PurchaseOrderDetailID IN
   (SELECT TOP 10 PurchaseOrderDetailID
    FROM Purchasing.PurchaseOrderDetail
    ORDER BY DueDate ASC);
SELECT MIN(PurchaseOrderID) AS FirstLeft, COUNT(*) AS [Left] FROM Purchasing.PurchaseOrderDetail;
-- expect: FirstLeft | Left
-- 31 | 10
GO
-- E. TOP PERCENT in DELETE: 25 percent of 10 rows is 3 (rounded up)
DELETE TOP (25) PERCENT FROM Purchasing.PurchaseOrderDetail;
SELECT @@ROWCOUNT AS Deleted;
-- expect: Deleted
-- 3
GO
-- J. Using DELETE with the OUTPUT clause
DELETE Sales.ShoppingCartItem
OUTPUT DELETED.*
WHERE ShoppingCartID = 20621;

--Verify the rows in the table matching the WHERE clause have been deleted.
SELECT COUNT(*) AS [Rows in Table] FROM Sales.ShoppingCartItem WHERE ShoppingCartID = 20621;
-- expect: ShoppingCartItemID | ShoppingCartID | Quantity | ProductID
-- 2 | 20621 | 4 | 881
-- 3 | 20621 | 7 | 874
-- expect: Rows in Table
-- 0
GO
-- Table hint: DELETE … WITH (TABLOCK)
DELETE FROM Production.ProductPhoto
WITH (TABLOCK)
WHERE ProductPhotoID = 200;
SELECT ProductPhotoID FROM Production.ProductPhoto;
-- expect: ProductPhotoID
-- 1
GO
-- Remarks: DELETE through a view over two tables is refused (4405)
CREATE TABLE dbo.A (id int PRIMARY KEY)
CREATE TABLE dbo.B (id int PRIMARY KEY)
GO
CREATE VIEW dbo.AB AS SELECT a.id AS aid, b.id AS bid FROM dbo.A a JOIN dbo.B b ON a.id = b.id
GO
DELETE FROM dbo.AB WHERE aid = 1;
-- error: 4405 View or function 'dbo.AB' is not updatable because the modification affects multiple base tables.
GO
-- TRUNCATE TABLE, A. Truncate a table
CREATE TABLE HumanResources.JobCandidate (JobCandidateID int IDENTITY PRIMARY KEY, BusinessEntityID int NULL, Resume nvarchar(100) NULL)
INSERT HumanResources.JobCandidate (Resume) VALUES (N'one'), (N'two'), (N'three')
GO
SELECT COUNT(*) AS BeforeTruncateCount
FROM HumanResources.JobCandidate;
TRUNCATE TABLE HumanResources.JobCandidate;
SELECT COUNT(*) AS AfterTruncateCount
FROM HumanResources.JobCandidate;
-- expect: BeforeTruncateCount
-- 3
-- expect: AfterTruncateCount
-- 0
GO
-- TRUNCATE TABLE, remarks: the identity counter is reset to the seed
INSERT HumanResources.JobCandidate (Resume) VALUES (N'four');
SELECT JobCandidateID, Resume FROM HumanResources.JobCandidate;
-- expect: JobCandidateID | Resume
-- 1 | four
GO
-- TRUNCATE TABLE, remarks: it can be rolled back
BEGIN TRAN
TRUNCATE TABLE HumanResources.JobCandidate;
ROLLBACK
SELECT COUNT(*) AS [Rows] FROM HumanResources.JobCandidate;
-- expect: Rows
-- 1
GO
-- TRUNCATE TABLE, restrictions: not a table referenced by a FOREIGN KEY (4712)
CREATE TABLE dbo.Parent (id int PRIMARY KEY)
CREATE TABLE dbo.Child (id int PRIMARY KEY, parent_id int REFERENCES dbo.Parent (id))
INSERT dbo.Parent VALUES (1)
GO
TRUNCATE TABLE dbo.Parent;
-- error: 4712 Cannot truncate table 'dbo.Parent' because it is being referenced by a FOREIGN KEY constraint.
GO
-- TRUNCATE TABLE, restrictions: a table with a self-reference can be truncated
CREATE TABLE dbo.Tree (id int PRIMARY KEY, parent_id int REFERENCES dbo.Tree (id))
INSERT dbo.Tree VALUES (1, NULL), (2, 1)
TRUNCATE TABLE dbo.Tree;
SELECT COUNT(*) AS [Rows] FROM dbo.Tree;
-- expect: Rows
-- 0
GO
-- TRUNCATE TABLE fires no DELETE trigger
CREATE TABLE dbo.Audited (id int)
CREATE TABLE dbo.AuditLog (msg varchar(20))
INSERT dbo.Audited VALUES (1), (2)
GO
CREATE TRIGGER dbo.trAudited ON dbo.Audited AFTER DELETE AS INSERT dbo.AuditLog VALUES ('deleted')
GO
TRUNCATE TABLE dbo.Audited;
SELECT COUNT(*) AS Logged FROM dbo.AuditLog;
-- expect: Logged
-- 0
GO
