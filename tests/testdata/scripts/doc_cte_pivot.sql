-- Documented examples of common table expressions, PIVOT/UNPIVOT and
-- APPLY, run against us: "WITH common_table_expression (Transact-SQL)"
-- (dbo.MyEmployees, MAXRECURSION, several anchors, analytic functions in
-- the recursive part) and "FROM - Using PIVOT and UNPIVOT". An ORDER BY is
-- added where the page's order is the server's choice.
CREATE TABLE dbo.MyEmployees
(
EmployeeID SMALLINT NOT NULL,
FirstName NVARCHAR(30)  NOT NULL,
LastName  NVARCHAR(40) NOT NULL,
Title NVARCHAR(50) NOT NULL,
DeptID SMALLINT NOT NULL,
ManagerID INT NULL,
 CONSTRAINT PK_EmployeeID PRIMARY KEY CLUSTERED (EmployeeID ASC)
);
INSERT INTO dbo.MyEmployees VALUES
 (1, N'Ken', N'Sánchez', N'Chief Executive Officer',16,NULL)
,(273, N'Brian', N'Welcker', N'Vice President of Sales',3,1)
,(274, N'Stephen', N'Jiang', N'North American Sales Manager',3,273)
,(275, N'Michael', N'Blythe', N'Sales Representative',3,274)
,(276, N'Linda', N'Mitchell', N'Sales Representative',3,274)
,(285, N'Syed', N'Abbas', N'Pacific Sales Manager',3,273)
,(286, N'Lynn', N'Tsoflias', N'Sales Representative',3,285)
,(16,  N'David',N'Bradley', N'Marketing Manager', 4, 273)
,(23,  N'Mary', N'Gibson', N'Marketing Specialist', 4, 16);
GO
WITH DirectReports(ManagerID, EmployeeID, Title, EmployeeLevel) AS
(
    SELECT ManagerID, EmployeeID, Title, 0 AS EmployeeLevel
    FROM dbo.MyEmployees
    WHERE ManagerID IS NULL
    UNION ALL
    SELECT e.ManagerID, e.EmployeeID, e.Title, EmployeeLevel + 1
    FROM dbo.MyEmployees AS e
        INNER JOIN DirectReports AS d
        ON e.ManagerID = d.EmployeeID
)
SELECT ManagerID, EmployeeID, Title, EmployeeLevel
FROM DirectReports
ORDER BY ManagerID, EmployeeID;
-- expect: ManagerID | EmployeeID | Title | EmployeeLevel
-- NULL | 1 | Chief Executive Officer | 0
-- 1 | 273 | Vice President of Sales | 1
-- 16 | 23 | Marketing Specialist | 3
-- 273 | 16 | Marketing Manager | 2
-- 273 | 274 | North American Sales Manager | 2
-- 273 | 285 | Pacific Sales Manager | 2
-- 274 | 275 | Sales Representative | 3
-- 274 | 276 | Sales Representative | 3
-- 285 | 286 | Sales Representative | 3
GO
WITH DirectReports(ManagerID, EmployeeID, Title, EmployeeLevel) AS
(
    SELECT ManagerID, EmployeeID, Title, 0 AS EmployeeLevel
    FROM dbo.MyEmployees
    WHERE ManagerID IS NULL
    UNION ALL
    SELECT e.ManagerID, e.EmployeeID, e.Title, EmployeeLevel + 1
    FROM dbo.MyEmployees AS e
        INNER JOIN DirectReports AS d
        ON e.ManagerID = d.EmployeeID
)
SELECT ManagerID, EmployeeID, Title, EmployeeLevel
FROM DirectReports
WHERE EmployeeLevel <= 2
ORDER BY EmployeeLevel, EmployeeID;
-- expect: ManagerID | EmployeeID | Title | EmployeeLevel
-- NULL | 1 | Chief Executive Officer | 0
-- 1 | 273 | Vice President of Sales | 1
-- 273 | 16 | Marketing Manager | 2
-- 273 | 274 | North American Sales Manager | 2
-- 273 | 285 | Pacific Sales Manager | 2
GO
WITH DirectReports(Name, Title, EmployeeID, EmployeeLevel, Sort)
AS (SELECT CONVERT(VARCHAR(255), e.FirstName + ' ' + e.LastName),
        e.Title,
        e.EmployeeID,
        1,
        CONVERT(VARCHAR(255), e.FirstName + ' ' + e.LastName)
    FROM dbo.MyEmployees AS e
    WHERE e.ManagerID IS NULL
    UNION ALL
    SELECT CONVERT(VARCHAR(255), REPLICATE ('|    ' , EmployeeLevel) +
        e.FirstName + ' ' + e.LastName),
        e.Title,
        e.EmployeeID,
        EmployeeLevel + 1,
        CONVERT (VARCHAR(255), RTRIM(Sort) + '|    ' + FirstName + ' ' +
                 LastName)
    FROM dbo.MyEmployees AS e
    JOIN DirectReports AS d ON e.ManagerID = d.EmployeeID
    )
SELECT EmployeeID, Name, Title, EmployeeLevel
FROM DirectReports
ORDER BY Sort;
-- expect: EmployeeID | Name | Title | EmployeeLevel
-- 1 | Ken Sánchez | Chief Executive Officer | 1
-- 273 | |    Brian Welcker | Vice President of Sales | 2
-- 16 | |    |    David Bradley | Marketing Manager | 3
-- 23 | |    |    |    Mary Gibson | Marketing Specialist | 4
-- 274 | |    |    Stephen Jiang | North American Sales Manager | 3
-- 276 | |    |    |    Linda Mitchell | Sales Representative | 4
-- 275 | |    |    |    Michael Blythe | Sales Representative | 4
-- 285 | |    |    Syed Abbas | Pacific Sales Manager | 3
-- 286 | |    |    |    Lynn Tsoflias | Sales Representative | 4
GO
-- The recursive member's columns must have the anchor's types (Name is
-- nvarchar(71) there without the CONVERT)
WITH DirectReports(Name, EmployeeID, EmployeeLevel)
AS (SELECT CONVERT(VARCHAR(255), e.FirstName + ' ' + e.LastName), e.EmployeeID, 1
    FROM dbo.MyEmployees AS e
    WHERE e.ManagerID IS NULL
    UNION ALL
    SELECT e.FirstName + ' ' + e.LastName, e.EmployeeID, EmployeeLevel + 1
    FROM dbo.MyEmployees AS e
    JOIN DirectReports AS d ON e.ManagerID = d.EmployeeID
    )
SELECT EmployeeID, Name FROM DirectReports;
-- error: 240 Types don't match between the anchor and the recursive part in column "Name" of recursive query "DirectReports".
GO
--Creates an infinite loop; MAXRECURSION limits the recursive levels to 2
WITH cte (EmployeeID, ManagerID, Title) AS
(
    SELECT EmployeeID, ManagerID, Title
    FROM dbo.MyEmployees
    WHERE ManagerID IS NOT NULL
  UNION ALL
    SELECT cte.EmployeeID, cte.ManagerID, cte.Title
    FROM cte
    JOIN  dbo.MyEmployees AS e
        ON cte.ManagerID = e.EmployeeID
)
SELECT COUNT(*) AS n
FROM cte
OPTION (MAXRECURSION 2);
-- expect: n
-- error: 530 The statement terminated. The maximum recursion 2 has been exhausted before statement completion.
GO
WITH cte (EmployeeID, ManagerID, Title)
AS
(
    SELECT EmployeeID, ManagerID, Title
    FROM dbo.MyEmployees
    WHERE ManagerID IS NOT NULL
  UNION ALL
    SELECT  e.EmployeeID, e.ManagerID, e.Title
    FROM dbo.MyEmployees AS e
    JOIN cte ON e.ManagerID = cte.EmployeeID
)
SELECT EmployeeID, ManagerID, Title
FROM cte
ORDER BY EmployeeID, ManagerID;
-- expect: EmployeeID | ManagerID | Title
-- 16 | 273 | Marketing Manager
-- 16 | 273 | Marketing Manager
-- 23 | 16 | Marketing Specialist
-- 23 | 16 | Marketing Specialist
-- 23 | 16 | Marketing Specialist
-- 273 | 1 | Vice President of Sales
-- 274 | 273 | North American Sales Manager
-- 274 | 273 | North American Sales Manager
-- 275 | 274 | Sales Representative
-- 275 | 274 | Sales Representative
-- 275 | 274 | Sales Representative
-- 276 | 274 | Sales Representative
-- 276 | 274 | Sales Representative
-- 276 | 274 | Sales Representative
-- 285 | 273 | Pacific Sales Manager
-- 285 | 273 | Pacific Sales Manager
-- 286 | 285 | Sales Representative
-- 286 | 285 | Sales Representative
-- 286 | 285 | Sales Representative
GO
WITH cte (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM cte WHERE n < 10)
SELECT MAX(n) AS n FROM cte OPTION (MAXRECURSION 32768);
-- error: 310 The value 32768 specified for the MAXRECURSION option exceeds the allowed maximum of 32767.
GO
WITH cte (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM cte WHERE n < 200)
SELECT MAX(n) AS n FROM cte;
-- expect: n
-- error: 530 The statement terminated. The maximum recursion 100 has been exhausted before statement completion.
GO
WITH cte (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM cte WHERE n < 200)
SELECT MAX(n) AS n FROM cte OPTION (MAXRECURSION 0);
-- expect: n
-- 200
GO
-- H. Multiple anchor and recursive members: Bonnie's ancestors
CREATE TABLE dbo.Person(ID int, Name VARCHAR(30), Mother INT, Father INT);
GO
INSERT dbo.Person
VALUES(1, 'Sue', NULL, NULL)
      ,(2, 'Ed', NULL, NULL)
      ,(3, 'Emma', 1, 2)
      ,(4, 'Jack', 1, 2)
      ,(5, 'Jane', NULL, NULL)
      ,(6, 'Bonnie', 5, 4)
      ,(7, 'Bill', 5, 4);
GO
WITH Generation (ID) AS
(
    SELECT Mother
    FROM dbo.Person
    WHERE Name = 'Bonnie'
UNION
    SELECT Father
    FROM dbo.Person
    WHERE Name = 'Bonnie'
UNION ALL
    SELECT Person.Father
    FROM Generation, Person
    WHERE Generation.ID=Person.ID
UNION ALL
    SELECT Person.Mother
    FROM Generation, dbo.Person
    WHERE Generation.ID=Person.ID
)
SELECT Person.ID, Person.Name, Person.Mother, Person.Father
FROM Generation, dbo.Person
WHERE Generation.ID = Person.ID
ORDER BY Person.ID DESC;
-- expect: ID | Name | Mother | Father
-- 5 | Jane | NULL | NULL
-- 4 | Jack | 1 | 2
-- 2 | Ed | NULL | NULL
-- 1 | Sue | NULL | NULL
GO
-- I. Analytic functions in the recursive part see one recursion's rows: the
-- page's "actual results" (its CAST(0 AS BITING) is CAST(0 AS BIGINT))
DECLARE @t1 TABLE (itmID INT, itmIDComp INT);
INSERT @t1 VALUES (1,10), (2,10);

DECLARE @t2 TABLE (itmID INT, itmIDComp INT);
INSERT @t2 VALUES (3,10), (4,10);

WITH vw AS
 (
    SELECT itmIDComp, itmID
    FROM @t1

    UNION ALL

    SELECT itmIDComp, itmID
    FROM @t2
)
,r AS
 (
    SELECT t.itmID AS itmIDComp
           , NULL AS itmID
           ,CAST(0 AS BIGINT) AS N
           ,1 AS Lvl
    FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS t (itmID)

UNION ALL

SELECT t.itmIDComp
    , t.itmID
    , ROW_NUMBER() OVER(PARTITION BY t.itmIDComp ORDER BY t.itmIDComp, t.itmID) AS N
    , Lvl + 1
FROM r
    JOIN vw AS t ON t.itmID = r.itmIDComp
)

SELECT Lvl, N FROM r ORDER BY Lvl;
-- expect: Lvl | N
-- 1 | 0
-- 1 | 0
-- 1 | 0
-- 1 | 0
-- 2 | 1
-- 2 | 1
-- 2 | 1
-- 2 | 1
GO
-- PIVOT: a basic example
CREATE TABLE dbo.Product (ProductID int IDENTITY PRIMARY KEY, DaysToManufacture int, StandardCost money)
INSERT dbo.Product (DaysToManufacture, StandardCost) VALUES (0, 5.0885), (1, 223.88), (2, 359.1082), (4, 949.4105),
 (0, 0), (0, 10.177)
GO
SELECT DaysToManufacture, AVG(StandardCost) AS AverageCost
FROM dbo.Product
GROUP BY DaysToManufacture
ORDER BY DaysToManufacture;
-- expect: DaysToManufacture | AverageCost
-- 0 | 5.0885
-- 1 | 223.8800
-- 2 | 359.1082
-- 4 | 949.4105
GO
SELECT 'AverageCost' AS Cost_Sorted_By_Production_Days,
  [0], [1], [2], [3], [4]
FROM
(
  SELECT DaysToManufacture, StandardCost
  FROM dbo.Product
) AS SourceTable
PIVOT
(
  AVG(StandardCost)
  FOR DaysToManufacture IN ([0], [1], [2], [3], [4])
) AS PivotTable;
-- expect: Cost_Sorted_By_Production_Days | 0 | 1 | 2 | 3 | 4
-- AverageCost | 5.0885 | 223.8800 | 359.1082 | NULL | 949.4105
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
-- PIVOT: a complex example (two vendors of the page's result)
CREATE TABLE dbo.PurchaseOrderHeader (PurchaseOrderID int IDENTITY PRIMARY KEY, EmployeeID int, VendorID int)
GO
WITH counts (VendorID, EmployeeID, n) AS (
  SELECT * FROM (VALUES (1492, 250, 2), (1492, 251, 5), (1492, 256, 4), (1492, 257, 4), (1492, 260, 4),
    (1494, 250, 2), (1494, 251, 5), (1494, 256, 4), (1494, 257, 5), (1494, 260, 4), (1494, 261, 9)) v (a, b, c)
), nums (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM nums WHERE i < 9)
INSERT dbo.PurchaseOrderHeader (EmployeeID, VendorID)
SELECT c.EmployeeID, c.VendorID FROM counts c JOIN nums ON nums.i <= c.n
GO
SELECT VendorID, [250] AS Emp1, [251] AS Emp2, [256] AS Emp3, [257] AS Emp4, [260] AS Emp5
FROM
(SELECT PurchaseOrderID, EmployeeID, VendorID
FROM dbo.PurchaseOrderHeader) p
PIVOT
(
COUNT (PurchaseOrderID)
FOR EmployeeID IN
( [250], [251], [256], [257], [260] )
) AS pvt
ORDER BY pvt.VendorID;
-- expect: VendorID | Emp1 | Emp2 | Emp3 | Emp4 | Emp5
-- 1492 | 2 | 5 | 4 | 4 | 4
-- 1494 | 2 | 5 | 4 | 5 | 4
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
-- UNPIVOT
CREATE TABLE pvt (VendorID INT, Emp1 INT, Emp2 INT,
    Emp3 INT, Emp4 INT, Emp5 INT);
GO
INSERT INTO pvt VALUES (1,4,3,5,4,4);
INSERT INTO pvt VALUES (2,4,1,5,5,5);
INSERT INTO pvt VALUES (3,4,3,5,4,4);
INSERT INTO pvt VALUES (4,4,2,5,5,4);
INSERT INTO pvt VALUES (5,5,1,5,5,5);
GO
SELECT VendorID, Employee, Orders
FROM
   (SELECT VendorID, Emp1, Emp2, Emp3, Emp4, Emp5
   FROM pvt) p
UNPIVOT
   (Orders FOR Employee IN
      (Emp1, Emp2, Emp3, Emp4, Emp5)
)AS unpvt
ORDER BY VendorID, Employee;
-- expect: VendorID | Employee | Orders
-- 1 | Emp1 | 4
-- 1 | Emp2 | 3
-- 1 | Emp3 | 5
-- 1 | Emp4 | 4
-- 1 | Emp5 | 4
-- 2 | Emp1 | 4
-- 2 | Emp2 | 1
-- 2 | Emp3 | 5
-- 2 | Emp4 | 5
-- 2 | Emp5 | 5
-- 3 | Emp1 | 4
-- 3 | Emp2 | 3
-- 3 | Emp3 | 5
-- 3 | Emp4 | 4
-- 3 | Emp5 | 4
-- 4 | Emp1 | 4
-- 4 | Emp2 | 2
-- 4 | Emp3 | 5
-- 4 | Emp4 | 5
-- 4 | Emp5 | 4
-- 5 | Emp1 | 5
-- 5 | Emp2 | 1
-- 5 | Emp3 | 5
-- 5 | Emp4 | 5
-- 5 | Emp5 | 5
GO
-- UNPIVOT drops NULL values
INSERT INTO pvt VALUES (6,NULL,2,NULL,NULL,1);
SELECT VendorID, Employee, Orders
FROM pvt
UNPIVOT (Orders FOR Employee IN (Emp1, Emp2, Emp3, Emp4, Emp5)) AS unpvt
WHERE VendorID = 6
ORDER BY Employee;
-- expect: VendorID | Employee | Orders
-- 6 | Emp2 | 2
-- 6 | Emp5 | 1
GO
