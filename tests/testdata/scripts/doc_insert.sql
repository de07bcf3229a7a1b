-- Documented examples of "INSERT (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/statements/insert-transact-sql)
-- and "Table Value Constructor (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/queries/table-value-constructor-transact-sql).
-- The AdventureWorks tables are small tables of our own with the columns the
-- examples read. Left out: G (CLR user-defined types), M to P (linked
-- servers, OPENQUERY, OPENDATASOURCE, OPENROWSET(BULK)) and the Azure
-- Synapse examples. Where an example stores GETDATE() or NEWID(), the check
-- compares instead of printing the value.
CREATE SCHEMA Production
GO
CREATE SCHEMA Sales
GO
CREATE SCHEMA HumanResources
GO
CREATE SCHEMA Person
GO
CREATE TYPE dbo.Phone FROM nvarchar(25) NULL
CREATE TYPE dbo.Flag FROM bit NOT NULL
CREATE TYPE dbo.Name FROM nvarchar(50) NULL
GO
CREATE TABLE Production.UnitMeasure (UnitMeasureCode nchar(3) NOT NULL PRIMARY KEY, Name dbo.Name NOT NULL,
  ModifiedDate datetime NOT NULL DEFAULT GETDATE())
CREATE TABLE Person.Person (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50) NOT NULL, LastName nvarchar(50) NOT NULL)
INSERT Person.Person VALUES (274, N'Stephen', N'Jiang'), (275, N'Michael', N'Blythe'), (276, N'Linda', N'Mitchell'),
 (277, N'Jillian', N'Carson'), (278, N'Garrett', N'Vargas'), (279, N'Tsvi', N'Reiter'), (285, N'Syed', N'Abbas'),
 (1, N'Ken', N'Sánchez'), (2, N'Terri', N'Duffy')
CREATE TABLE Sales.SalesPerson (BusinessEntityID int PRIMARY KEY, SalesYTD money NOT NULL)
INSERT Sales.SalesPerson VALUES (274, 559697.5639), (275, 3763178.1787), (276, 4251368.5497), (277, 3189418.3662),
 (278, 1453719.4653), (279, 2315185.611), (285, 172524.4512)
CREATE TABLE Production.Location (LocationID smallint IDENTITY PRIMARY KEY, Name dbo.Name NOT NULL,
  CostRate smallmoney NOT NULL DEFAULT 0.00, Availability decimal(8,2) NOT NULL DEFAULT 0.00)
INSERT Production.Location (Name, CostRate, Availability) VALUES (N'Tool Crib', 0, 0), (N'Sheet Metal Racks', 0, 0),
 (N'Paint Shop', 0, 0), (N'Frame Forming', 22.50, 96), (N'Frame Welding', 25, 108), (N'Debur and Polish', 14.50, 120)
CREATE TABLE Production.ScrapReason (ScrapReasonID smallint IDENTITY PRIMARY KEY, Name dbo.Name NOT NULL,
  ModifiedDate datetime NOT NULL DEFAULT GETDATE())
INSERT Production.ScrapReason (Name) SELECT CONCAT(N'Reason ', n) FROM (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16)) v(n)
GO
-- A. Inserting a single row of data
INSERT INTO Production.UnitMeasure
VALUES (N'FT', N'Feet', '20080414');
SELECT UnitMeasureCode, Name, ModifiedDate FROM Production.UnitMeasure;
-- expect: UnitMeasureCode | Name | ModifiedDate
-- FT  | Feet | 2008-04-14 00:00:00.000
GO
-- B. Inserting multiple rows of data
INSERT INTO Production.UnitMeasure
VALUES (N'FT2', N'Square Feet ', '20080923'), (N'Y', N'Yards', '20080923')
    , (N'Y3', N'Cubic Yards', '20080923');
SELECT RTRIM(UnitMeasureCode) AS Code, Name, LEN(UnitMeasureCode) AS Len, DATALENGTH(UnitMeasureCode) AS Bytes
FROM Production.UnitMeasure WHERE ModifiedDate = '20080923' ORDER BY UnitMeasureCode;
-- expect: Code | Name | Len | Bytes
-- FT2 | Square Feet  | 3 | 6
-- Y | Yards | 1 | 6
-- Y3 | Cubic Yards | 2 | 6
GO
-- C. Inserting data that is not in the same order as the table columns
INSERT INTO Production.UnitMeasure (Name, UnitMeasureCode,
    ModifiedDate)
VALUES (N'Square Yards', N'Y2', GETDATE());
SELECT UnitMeasureCode, Name, DATEDIFF(day, ModifiedDate, GETDATE()) AS DaysAgo FROM Production.UnitMeasure WHERE UnitMeasureCode = N'Y2';
-- expect: UnitMeasureCode | Name | DaysAgo
-- Y2  | Square Yards | 0
GO
-- D. Inserting data into a table with columns that have default values
CREATE TABLE dbo.T1
(
    column_1 AS 'Computed column ' + column_2,
    column_2 VARCHAR(30)
        CONSTRAINT default_name DEFAULT ('my column default'),
    column_3 ROWVERSION,
    column_4 VARCHAR(40) NULL
);
GO
INSERT INTO dbo.T1 (column_4)
    VALUES ('Explicit value');
INSERT INTO dbo.T1 (column_2, column_4)
    VALUES ('Explicit value', 'Explicit value');
INSERT INTO dbo.T1 (column_2)
    VALUES ('Explicit value');
INSERT INTO T1 DEFAULT VALUES;
GO
SELECT column_1, column_2, column_4
FROM dbo.T1;
SELECT COUNT(DISTINCT column_3) AS RowVersions, COUNT(*) AS [Rows] FROM dbo.T1;
-- expect: column_1 | column_2 | column_4
-- Computed column my column default | my column default | Explicit value
-- Computed column Explicit value | Explicit value | Explicit value
-- Computed column Explicit value | Explicit value | NULL
-- Computed column my column default | my column default | NULL
-- expect: RowVersions | Rows
-- 4 | 4
GO
-- D. A value for the computed or rowversion column is refused
INSERT INTO dbo.T1 (column_1) VALUES ('x');
-- error: 271 The column "column_1" cannot be modified because it is either a computed column or is the result of a UNION operator.
GO
INSERT INTO dbo.T1 (column_3) VALUES (0x01);
-- error: 273 Cannot insert an explicit value into a timestamp column. Use INSERT with a column list to exclude the timestamp column, or insert a DEFAULT into the timestamp column.
GO
DROP TABLE dbo.T1
GO
-- E. Inserting data into a table with an identity column
CREATE TABLE dbo.T1 ( column_1 int IDENTITY, column_2 VARCHAR(30));
GO
INSERT T1 VALUES ('Row #1');
INSERT T1 (column_2) VALUES ('Row #2');
GO
SET IDENTITY_INSERT T1 ON;
GO
INSERT INTO T1 (column_1,column_2)
    VALUES (-99, 'Explicit identity value');
GO
SELECT column_1, column_2
FROM T1;
-- expect: column_1 | column_2
-- 1 | Row #1
-- 2 | Row #2
-- -99 | Explicit identity value
GO
-- E. Without a column list the identity value is refused while IDENTITY_INSERT is ON
INSERT INTO T1 VALUES (-98, 'x');
-- error: 8101
GO
SET IDENTITY_INSERT T1 OFF;
INSERT INTO T1 (column_1, column_2) VALUES (-97, 'x');
-- error: 544 Cannot insert explicit value for identity column in table 'T1' when IDENTITY_INSERT is set to OFF.
GO
DROP TABLE dbo.T1
GO
-- F. Inserting data into a uniqueidentifier column by using NEWID()
CREATE TABLE dbo.T1
(
    column_1 int IDENTITY,
    column_2 uniqueidentifier,
);
GO
INSERT INTO dbo.T1 (column_2)
    VALUES (NEWID());
INSERT INTO T1 DEFAULT VALUES;
GO
SELECT column_1, CASE WHEN column_2 IS NULL THEN 'NULL' ELSE 'guid' END AS column_2
FROM dbo.T1;
-- expect: column_1 | column_2
-- 1 | guid
-- 2 | NULL
GO
DROP TABLE dbo.T1
GO
-- H. Using the SELECT and EXECUTE options to insert data from other tables
CREATE TABLE dbo.EmployeeSales
( DataSource   varchar(20) NOT NULL,
  BusinessEntityID   varchar(11) NOT NULL,
  LastName     varchar(40) NOT NULL,
  SalesDollars money NOT NULL
);
GO
CREATE PROCEDURE dbo.uspGetEmployeeSales
AS
    SET NOCOUNT ON;
    SELECT 'PROCEDURE', sp.BusinessEntityID, c.LastName,
        sp.SalesYTD
    FROM Sales.SalesPerson AS sp
    INNER JOIN Person.Person AS c
        ON sp.BusinessEntityID = c.BusinessEntityID
    WHERE sp.BusinessEntityID LIKE '2%'
    ORDER BY sp.BusinessEntityID, c.LastName;
GO
--INSERT...SELECT example
INSERT INTO dbo.EmployeeSales
    SELECT 'SELECT', sp.BusinessEntityID, c.LastName, sp.SalesYTD
    FROM Sales.SalesPerson AS sp
    INNER JOIN Person.Person AS c
        ON sp.BusinessEntityID = c.BusinessEntityID
    WHERE sp.BusinessEntityID LIKE '2%'
    ORDER BY sp.BusinessEntityID, c.LastName;
GO
--INSERT...EXECUTE procedure example
INSERT INTO dbo.EmployeeSales
EXECUTE dbo.uspGetEmployeeSales;
GO
--INSERT...EXECUTE('string') example
INSERT INTO dbo.EmployeeSales
EXECUTE
('
SELECT ''EXEC STRING'', sp.BusinessEntityID, c.LastName,
    sp.SalesYTD
    FROM Sales.SalesPerson AS sp
    INNER JOIN Person.Person AS c
        ON sp.BusinessEntityID = c.BusinessEntityID
    WHERE sp.BusinessEntityID LIKE ''2%''
    ORDER BY sp.BusinessEntityID, c.LastName
');
GO
--Show results.
SELECT DataSource,BusinessEntityID,LastName,SalesDollars
FROM dbo.EmployeeSales
WHERE BusinessEntityID IN ('274', '285')
ORDER BY DataSource, BusinessEntityID;
SELECT COUNT(*) AS [Rows] FROM dbo.EmployeeSales;
-- expect: DataSource | BusinessEntityID | LastName | SalesDollars
-- EXEC STRING | 274 | Jiang | 559697.5639
-- EXEC STRING | 285 | Abbas | 172524.4512
-- PROCEDURE | 274 | Jiang | 559697.5639
-- PROCEDURE | 285 | Abbas | 172524.4512
-- SELECT | 274 | Jiang | 559697.5639
-- SELECT | 285 | Abbas | 172524.4512
-- expect: Rows
-- 21
GO
DROP TABLE dbo.EmployeeSales
GO
-- I. Using WITH common table expression to define the data inserted
CREATE TABLE HumanResources.Employee (BusinessEntityID int PRIMARY KEY, CurrentFlag dbo.Flag, JobTitle nvarchar(50) NOT NULL)
INSERT HumanResources.Employee VALUES (274, 1, N'North American Sales Manager'), (275, 1, N'Sales Representative'), (1, 0, N'Chief Executive Officer')
CREATE TABLE Person.PersonPhone (BusinessEntityID int PRIMARY KEY, PhoneNumber dbo.Phone)
INSERT Person.PersonPhone VALUES (274, N'238-555-0197'), (275, N'257-555-0154'), (1, N'697-555-0142')
GO
CREATE TABLE HumanResources.NewEmployee
(
    EmployeeID int NOT NULL,
    LastName nvarchar(50) NOT NULL,
    FirstName nvarchar(50) NOT NULL,
    PhoneNumber Phone NULL,
    CurrentFlag Flag
);
GO
WITH EmployeeTemp (EmpID, LastName, FirstName, Phone, CurrentFlag)
AS (SELECT
       e.BusinessEntityID, c.LastName, c.FirstName, pp.PhoneNumber, e.CurrentFlag
    FROM HumanResources.Employee e
    INNER JOIN Person.PersonPhone AS pp
    ON e.BusinessEntityID = pp.BusinessEntityID
    INNER JOIN Person.Person as c
    ON e.BusinessEntityID = c.BusinessEntityID
    )
INSERT INTO HumanResources.NewEmployee
    SELECT EmpID, LastName, FirstName, Phone, CurrentFlag
    FROM EmployeeTemp;
GO
SELECT EmployeeID, LastName, FirstName, PhoneNumber, CurrentFlag FROM HumanResources.NewEmployee ORDER BY EmployeeID;
SELECT c.name, TYPE_NAME(c.user_type_id) AS type_name, c.is_nullable
FROM sys.columns AS c WHERE c.object_id = OBJECT_ID('HumanResources.NewEmployee') AND c.name IN ('PhoneNumber', 'CurrentFlag')
ORDER BY c.column_id;
-- expect: EmployeeID | LastName | FirstName | PhoneNumber | CurrentFlag
-- 1 | Sánchez | Ken | 697-555-0142 | 0
-- 274 | Jiang | Stephen | 238-555-0197 | 1
-- 275 | Blythe | Michael | 257-555-0154 | 1
-- expect: name | type_name | is_nullable
-- PhoneNumber | Phone | 1
-- CurrentFlag | Flag | 0
GO
-- I. The alias type Flag is NOT NULL: a NULL is refused (515)
INSERT INTO HumanResources.NewEmployee (EmployeeID, LastName, FirstName) VALUES (9, N'x', N'y');
-- error: 515
-- message: The statement has been terminated.
GO
-- J. Using TOP to limit the data inserted from the source table
CREATE TABLE dbo.EmployeeSales
( EmployeeID   nvarchar(11) NOT NULL,
  LastName     nvarchar(20) NOT NULL,
  FirstName    nvarchar(20) NOT NULL,
  YearlySales  money NOT NULL
 );
GO
DECLARE @out TABLE (EmployeeID nvarchar(11), FirstName nvarchar(20), LastName nvarchar(20), YearlySales money);
INSERT TOP(5)INTO dbo.EmployeeSales
    OUTPUT inserted.EmployeeID, inserted.FirstName,
        inserted.LastName, inserted.YearlySales INTO @out
    SELECT sp.BusinessEntityID, c.LastName, c.FirstName, sp.SalesYTD
    FROM Sales.SalesPerson AS sp
    INNER JOIN Person.Person AS c
        ON sp.BusinessEntityID = c.BusinessEntityID
    WHERE sp.SalesYTD > 2500000.00
    ORDER BY sp.SalesYTD DESC;
SELECT * FROM @out ORDER BY YearlySales DESC;
-- expect: EmployeeID | FirstName | LastName | YearlySales
-- 276 | Linda | Mitchell | 4251368.5497
-- 275 | Michael | Blythe | 3763178.1787
-- 277 | Jillian | Carson | 3189418.3662
GO
-- J. INSERT TOP(5) takes any five rows: the count is what is certain
DELETE dbo.EmployeeSales;
INSERT TOP(5)INTO dbo.EmployeeSales
    SELECT sp.BusinessEntityID, c.LastName, c.FirstName, sp.SalesYTD
    FROM Sales.SalesPerson AS sp
    INNER JOIN Person.Person AS c
        ON sp.BusinessEntityID = c.BusinessEntityID
    ORDER BY sp.SalesYTD DESC;
SELECT COUNT(*) AS [Rows] FROM dbo.EmployeeSales;
-- expect: Rows
-- 5
GO
-- J. SELECT TOP (5) … ORDER BY inserts the top five by sales
DELETE dbo.EmployeeSales;
DECLARE @out TABLE (EmployeeID nvarchar(11), FirstName nvarchar(20), LastName nvarchar(20), YearlySales money);
INSERT INTO dbo.EmployeeSales
    OUTPUT inserted.EmployeeID, inserted.FirstName,
        inserted.LastName, inserted.YearlySales INTO @out
    SELECT TOP (5) sp.BusinessEntityID, c.LastName, c.FirstName, sp.SalesYTD
    FROM Sales.SalesPerson AS sp
    INNER JOIN Person.Person AS c
        ON sp.BusinessEntityID = c.BusinessEntityID
    WHERE sp.SalesYTD > 250000.00
    ORDER BY sp.SalesYTD DESC;
SELECT * FROM @out ORDER BY YearlySales DESC;
SELECT EmployeeID FROM dbo.EmployeeSales ORDER BY YearlySales DESC;
-- expect: EmployeeID | FirstName | LastName | YearlySales
-- 276 | Linda | Mitchell | 4251368.5497
-- 275 | Michael | Blythe | 3763178.1787
-- 277 | Jillian | Carson | 3189418.3662
-- 279 | Tsvi | Reiter | 2315185.6110
-- 278 | Garrett | Vargas | 1453719.4653
-- expect: EmployeeID
-- 276
-- 275
-- 277
-- 279
-- 278
GO
DROP TABLE dbo.EmployeeSales
GO
-- K. Specifying a view as the target object
CREATE TABLE T1 ( column_1 int, column_2 varchar(30));
GO
CREATE VIEW V1 AS
SELECT column_2, column_1
FROM T1;
GO
INSERT INTO V1
    VALUES ('Row 1',1);
GO
SELECT column_1, column_2
FROM T1;
SELECT column_1, column_2
FROM V1;
-- expect: column_1 | column_2
-- 1 | Row 1
-- expect: column_1 | column_2
-- 1 | Row 1
GO
DROP VIEW V1
DROP TABLE T1
GO
-- L. Inserting data into a table variable
DECLARE @MyTableVar TABLE (
    LocationID INT NOT NULL,
    CostRate SMALLMONEY NOT NULL,
    NewCostRate AS CostRate * 1.5,
    ModifiedDate DATETIME);

INSERT INTO @MyTableVar (LocationID, CostRate, ModifiedDate)
    SELECT LocationID, CostRate, GETDATE()
    FROM Production.Location
    WHERE CostRate > 0;

SELECT LocationID, CostRate, NewCostRate,
    DATEDIFF(day, ModifiedDate, GETDATE()) AS DaysAgo
FROM @MyTableVar;
-- expect: LocationID | CostRate | NewCostRate | DaysAgo
-- 4 | 22.5000 | 33.75000 | 0
-- 5 | 25.0000 | 37.50000 | 0
-- 6 | 14.5000 | 21.75000 | 0
GO
-- Q. Using the TABLOCK / XLOCK table hints
INSERT INTO Production.Location WITH (XLOCK)
(Name, CostRate, Availability)
VALUES ( N'Final Inventory', 15.00, 80.00);
INSERT INTO Production.Location WITH (TABLOCK)
(Name, CostRate, Availability)
VALUES ( N'Final Inventory 2', 16.00, 81.00);
SELECT LocationID, Name, CostRate, Availability FROM Production.Location WHERE LocationID > 6;
-- expect: LocationID | Name | CostRate | Availability
-- 7 | Final Inventory | 15.0000 | 80.00
-- 8 | Final Inventory 2 | 16.0000 | 81.00
GO
-- R. Using OUTPUT with an INSERT statement
DECLARE @MyTableVar TABLE( NewScrapReasonID SMALLINT,
                           Name VARCHAR(50),
                           ModifiedDate DATETIME);
INSERT Production.ScrapReason
    OUTPUT INSERTED.ScrapReasonID, INSERTED.Name, INSERTED.ModifiedDate
        INTO @MyTableVar
VALUES (N'Operator error', GETDATE());

--Display the result set of the table variable.
SELECT NewScrapReasonID, Name, DATEDIFF(day, ModifiedDate, GETDATE()) AS DaysAgo FROM @MyTableVar;
-- expect: NewScrapReasonID | Name | DaysAgo
-- 17 | Operator error | 0
GO
-- S. Using OUTPUT with identity and computed columns
CREATE TABLE dbo.EmployeeSales
( EmployeeID   int IDENTITY (1,5)NOT NULL,
  LastName     nvarchar(20) NOT NULL,
  FirstName    nvarchar(20) NOT NULL,
  CurrentSales money NOT NULL,
  ProjectedSales AS CurrentSales * 1.10
);
GO
DECLARE @MyTableVar TABLE(
  EmployeeID   int NOT NULL,
  LastName     nvarchar(20) NOT NULL,
  FirstName    nvarchar(20) NOT NULL,
  CurrentSales money NOT NULL,
  ProjectedSales money NOT NULL
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
SELECT EmployeeID, LastName, FirstName, CurrentSales, ProjectedSales
FROM dbo.EmployeeSales ORDER BY EmployeeID;
-- expect: EmployeeID | LastName | FirstName | CurrentSales | ProjectedSales
-- 1 | Abbas | Syed | 172524.4512 | 189776.8963
-- 6 | Blythe | Michael | 3763178.1787 | 4139495.9966
-- 11 | Carson | Jillian | 3189418.3662 | 3508360.2028
-- 16 | Jiang | Stephen | 559697.5639 | 615667.3203
-- 21 | Mitchell | Linda | 4251368.5497 | 4676505.4047
-- 26 | Reiter | Tsvi | 2315185.6110 | 2546704.1721
-- 31 | Vargas | Garrett | 1453719.4653 | 1599091.4118
-- expect: EmployeeID | LastName | FirstName | CurrentSales | ProjectedSales
-- 1 | Abbas | Syed | 172524.4512 | 189776.896320
-- 6 | Blythe | Michael | 3763178.1787 | 4139495.996570
-- 11 | Carson | Jillian | 3189418.3662 | 3508360.202820
-- 16 | Jiang | Stephen | 559697.5639 | 615667.320290
-- 21 | Mitchell | Linda | 4251368.5497 | 4676505.404670
-- 26 | Reiter | Tsvi | 2315185.6110 | 2546704.172100
-- 31 | Vargas | Garrett | 1453719.4653 | 1599091.411830
GO
DROP TABLE dbo.EmployeeSales
GO
-- T. Inserting data returned from an OUTPUT clause is the OUTPUT page's
-- example K (doc_output.sql).
-- Table value constructor, A. Inserting multiple rows of data
CREATE TABLE dbo.Departments (DeptID tinyint NOT NULL PRIMARY KEY, DeptName nvarchar(30),
    Manager nvarchar(50));
GO
INSERT INTO dbo.Departments
    VALUES (1, 'Human Resources', 'Margheim'),(2, 'Sales', 'Byham'),
           (3, 'Finance', 'Gill'),(4, 'Purchasing', 'Barber'),
           (5, 'Manufacturing', 'Brewer');
SELECT DeptID, DeptName, Manager FROM dbo.Departments ORDER BY DeptID;
-- expect: DeptID | DeptName | Manager
-- 1 | Human Resources | Margheim
-- 2 | Sales | Byham
-- 3 | Finance | Gill
-- 4 | Purchasing | Barber
-- 5 | Manufacturing | Brewer
GO
-- Table value constructor, B. Inserting multiple rows with DEFAULT and NULL values
CREATE TABLE Sales.MySalesReason(
SalesReasonID int IDENTITY(1,1) NOT NULL,
Name dbo.Name NULL ,
ReasonType dbo.Name NOT NULL DEFAULT 'Not Applicable' );
GO
INSERT INTO Sales.MySalesReason
VALUES ('Recommendation','Other'), ('Advertisement', DEFAULT), (NULL, 'Promotion');

SELECT * FROM Sales.MySalesReason;
-- expect: SalesReasonID | Name | ReasonType
-- 1 | Recommendation | Other
-- 2 | Advertisement | Not Applicable
-- 3 | NULL | Promotion
GO
-- Table value constructor, C. Specifying multiple values as a derived table in a FROM clause
CREATE TABLE Production.Product (ProductID int PRIMARY KEY, Name dbo.Name NOT NULL, Color nvarchar(15) NULL, ListPrice money NOT NULL)
INSERT Production.Product VALUES (316, N'Blade', NULL, 0), (317, N'LL Crankarm', N'Black', 0),
 (324, N'Chainring Bolts', N'Silver', 0), (707, N'Sport-100 Helmet, Red', N'Red', 34.99), (710, N'Mountain Bike Socks, L', N'White', 9.50),
 (712, N'AWC Logo Cap', N'Multi', 8.99), (720, N'HL Road Frame - Red, 52', N'Red', 1431.50), (801, N'Crown Race', NULL, 0)
GO
SELECT a, b FROM (VALUES (1, 2), (3, 4), (5, 6), (7, 8), (9, 10) ) AS MyTable(a, b);
-- expect: a | b
-- 1 | 2
-- 3 | 4
-- 5 | 6
-- 7 | 8
-- 9 | 10
GO
-- Used in an inner join to specify values to return.
SELECT ProductID, a.Name, Color
FROM Production.Product AS a
INNER JOIN (VALUES ('Blade'), ('Crown Race'), ('AWC Logo Cap')) AS b(Name)
ON a.Name = b.Name
ORDER BY ProductID;
-- expect: ProductID | Name | Color
-- 316 | Blade | NULL
-- 712 | AWC Logo Cap | Multi
-- 801 | Crown Race | NULL
GO
-- Table value constructor, D. Specifying multiple values as a derived source table in a MERGE statement
CREATE TABLE Sales.MySalesReason2(
SalesReasonID int IDENTITY(1,1) NOT NULL,
Name dbo.Name NULL ,
ReasonType dbo.Name NOT NULL);
INSERT INTO Sales.MySalesReason2 VALUES ('Recommendation', 'Other'), ('Price', 'Other'), ('Quality', 'Other')
GO
-- Create a temporary table variable to hold the output actions.
DECLARE @Changes TABLE(Change VARCHAR(20));

MERGE INTO Sales.MySalesReason2 AS Target
USING (VALUES ('Recommendation','Other'), ('Review', 'Marketing'),
              ('Internet', 'Promotion'))
       as Source (NewName, NewReasonType)
ON Target.Name = Source.NewName
WHEN MATCHED THEN
UPDATE SET ReasonType = Source.NewReasonType
WHEN NOT MATCHED BY TARGET THEN
INSERT (Name, ReasonType) VALUES (NewName, NewReasonType)
OUTPUT $action INTO @Changes;

-- Query the results of the table variable.
SELECT Change, COUNT(*) AS CountPerChange
FROM @Changes
GROUP BY Change
ORDER BY Change;
-- expect: Change | CountPerChange
-- INSERT | 2
-- UPDATE | 1
GO
-- Table value constructor, E. Inserting more than 1,000 rows: as a derived
-- table the constructor has no limit
CREATE TABLE dbo.Test ([Value] int);
INSERT INTO dbo.Test ([Value])
  SELECT drvd.[NewVal]
  FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31), (32), (33), (34), (35), (36), (37), (38), (39), (40), (41), (42), (43), (44), (45), (46), (47), (48), (49), (50), (51), (52), (53), (54), (55), (56), (57), (58), (59), (60), (61), (62), (63), (64), (65), (66), (67), (68), (69), (70), (71), (72), (73), (74), (75), (76), (77), (78), (79), (80), (81), (82), (83), (84), (85), (86), (87), (88), (89), (90), (91), (92), (93), (94), (95), (96), (97), (98), (99), (100), (101), (102), (103), (104), (105), (106), (107), (108), (109), (110), (111), (112), (113), (114), (115), (116), (117), (118), (119), (120), (121), (122), (123), (124), (125), (126), (127), (128), (129), (130), (131), (132), (133), (134), (135), (136), (137), (138), (139), (140), (141), (142), (143), (144), (145), (146), (147), (148), (149), (150), (151), (152), (153), (154), (155), (156), (157), (158), (159), (160), (161), (162), (163), (164), (165), (166), (167), (168), (169), (170), (171), (172), (173), (174), (175), (176), (177), (178), (179), (180), (181), (182), (183), (184), (185), (186), (187), (188), (189), (190), (191), (192), (193), (194), (195), (196), (197), (198), (199), (200), (201), (202), (203), (204), (205), (206), (207), (208), (209), (210), (211), (212), (213), (214), (215), (216), (217), (218), (219), (220), (221), (222), (223), (224), (225), (226), (227), (228), (229), (230), (231), (232), (233), (234), (235), (236), (237), (238), (239), (240), (241), (242), (243), (244), (245), (246), (247), (248), (249), (250), (251), (252), (253), (254), (255), (256), (257), (258), (259), (260), (261), (262), (263), (264), (265), (266), (267), (268), (269), (270), (271), (272), (273), (274), (275), (276), (277), (278), (279), (280), (281), (282), (283), (284), (285), (286), (287), (288), (289), (290), (291), (292), (293), (294), (295), (296), (297), (298), (299), (300), (301), (302), (303), (304), (305), (306), (307), (308), (309), (310), (311), (312), (313), (314), (315), (316), (317), (318), (319), (320), (321), (322), (323), (324), (325), (326), (327), (328), (329), (330), (331), (332), (333), (334), (335), (336), (337), (338), (339), (340), (341), (342), (343), (344), (345), (346), (347), (348), (349), (350), (351), (352), (353), (354), (355), (356), (357), (358), (359), (360), (361), (362), (363), (364), (365), (366), (367), (368), (369), (370), (371), (372), (373), (374), (375), (376), (377), (378), (379), (380), (381), (382), (383), (384), (385), (386), (387), (388), (389), (390), (391), (392), (393), (394), (395), (396), (397), (398), (399), (400), (401), (402), (403), (404), (405), (406), (407), (408), (409), (410), (411), (412), (413), (414), (415), (416), (417), (418), (419), (420), (421), (422), (423), (424), (425), (426), (427), (428), (429), (430), (431), (432), (433), (434), (435), (436), (437), (438), (439), (440), (441), (442), (443), (444), (445), (446), (447), (448), (449), (450), (451), (452), (453), (454), (455), (456), (457), (458), (459), (460), (461), (462), (463), (464), (465), (466), (467), (468), (469), (470), (471), (472), (473), (474), (475), (476), (477), (478), (479), (480), (481), (482), (483), (484), (485), (486), (487), (488), (489), (490), (491), (492), (493), (494), (495), (496), (497), (498), (499), (500), (501), (502), (503), (504), (505), (506), (507), (508), (509), (510), (511), (512), (513), (514), (515), (516), (517), (518), (519), (520), (521), (522), (523), (524), (525), (526), (527), (528), (529), (530), (531), (532), (533), (534), (535), (536), (537), (538), (539), (540), (541), (542), (543), (544), (545), (546), (547), (548), (549), (550), (551), (552), (553), (554), (555), (556), (557), (558), (559), (560), (561), (562), (563), (564), (565), (566), (567), (568), (569), (570), (571), (572), (573), (574), (575), (576), (577), (578), (579), (580), (581), (582), (583), (584), (585), (586), (587), (588), (589), (590), (591), (592), (593), (594), (595), (596), (597), (598), (599), (600), (601), (602), (603), (604), (605), (606), (607), (608), (609), (610), (611), (612), (613), (614), (615), (616), (617), (618), (619), (620), (621), (622), (623), (624), (625), (626), (627), (628), (629), (630), (631), (632), (633), (634), (635), (636), (637), (638), (639), (640), (641), (642), (643), (644), (645), (646), (647), (648), (649), (650), (651), (652), (653), (654), (655), (656), (657), (658), (659), (660), (661), (662), (663), (664), (665), (666), (667), (668), (669), (670), (671), (672), (673), (674), (675), (676), (677), (678), (679), (680), (681), (682), (683), (684), (685), (686), (687), (688), (689), (690), (691), (692), (693), (694), (695), (696), (697), (698), (699), (700), (701), (702), (703), (704), (705), (706), (707), (708), (709), (710), (711), (712), (713), (714), (715), (716), (717), (718), (719), (720), (721), (722), (723), (724), (725), (726), (727), (728), (729), (730), (731), (732), (733), (734), (735), (736), (737), (738), (739), (740), (741), (742), (743), (744), (745), (746), (747), (748), (749), (750), (751), (752), (753), (754), (755), (756), (757), (758), (759), (760), (761), (762), (763), (764), (765), (766), (767), (768), (769), (770), (771), (772), (773), (774), (775), (776), (777), (778), (779), (780), (781), (782), (783), (784), (785), (786), (787), (788), (789), (790), (791), (792), (793), (794), (795), (796), (797), (798), (799), (800), (801), (802), (803), (804), (805), (806), (807), (808), (809), (810), (811), (812), (813), (814), (815), (816), (817), (818), (819), (820), (821), (822), (823), (824), (825), (826), (827), (828), (829), (830), (831), (832), (833), (834), (835), (836), (837), (838), (839), (840), (841), (842), (843), (844), (845), (846), (847), (848), (849), (850), (851), (852), (853), (854), (855), (856), (857), (858), (859), (860), (861), (862), (863), (864), (865), (866), (867), (868), (869), (870), (871), (872), (873), (874), (875), (876), (877), (878), (879), (880), (881), (882), (883), (884), (885), (886), (887), (888), (889), (890), (891), (892), (893), (894), (895), (896), (897), (898), (899), (900), (901), (902), (903), (904), (905), (906), (907), (908), (909), (910), (911), (912), (913), (914), (915), (916), (917), (918), (919), (920), (921), (922), (923), (924), (925), (926), (927), (928), (929), (930), (931), (932), (933), (934), (935), (936), (937), (938), (939), (940), (941), (942), (943), (944), (945), (946), (947), (948), (949), (950), (951), (952), (953), (954), (955), (956), (957), (958), (959), (960), (961), (962), (963), (964), (965), (966), (967), (968), (969), (970), (971), (972), (973), (974), (975), (976), (977), (978), (979), (980), (981), (982), (983), (984), (985), (986), (987), (988), (989), (990), (991), (992), (993), (994), (995), (996), (997), (998), (999), (1000), (1001), (1002)) AS drvd([NewVal]);
SELECT COUNT(*) AS [Rows], SUM([Value]) AS Total FROM dbo.Test;
-- expect: Rows | Total
-- 1003 | 502503
GO
-- Table value constructor: INSERT … VALUES takes at most 1,000 rows (10738)
INSERT INTO dbo.Test ([Value]) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31), (32), (33), (34), (35), (36), (37), (38), (39), (40), (41), (42), (43), (44), (45), (46), (47), (48), (49), (50), (51), (52), (53), (54), (55), (56), (57), (58), (59), (60), (61), (62), (63), (64), (65), (66), (67), (68), (69), (70), (71), (72), (73), (74), (75), (76), (77), (78), (79), (80), (81), (82), (83), (84), (85), (86), (87), (88), (89), (90), (91), (92), (93), (94), (95), (96), (97), (98), (99), (100), (101), (102), (103), (104), (105), (106), (107), (108), (109), (110), (111), (112), (113), (114), (115), (116), (117), (118), (119), (120), (121), (122), (123), (124), (125), (126), (127), (128), (129), (130), (131), (132), (133), (134), (135), (136), (137), (138), (139), (140), (141), (142), (143), (144), (145), (146), (147), (148), (149), (150), (151), (152), (153), (154), (155), (156), (157), (158), (159), (160), (161), (162), (163), (164), (165), (166), (167), (168), (169), (170), (171), (172), (173), (174), (175), (176), (177), (178), (179), (180), (181), (182), (183), (184), (185), (186), (187), (188), (189), (190), (191), (192), (193), (194), (195), (196), (197), (198), (199), (200), (201), (202), (203), (204), (205), (206), (207), (208), (209), (210), (211), (212), (213), (214), (215), (216), (217), (218), (219), (220), (221), (222), (223), (224), (225), (226), (227), (228), (229), (230), (231), (232), (233), (234), (235), (236), (237), (238), (239), (240), (241), (242), (243), (244), (245), (246), (247), (248), (249), (250), (251), (252), (253), (254), (255), (256), (257), (258), (259), (260), (261), (262), (263), (264), (265), (266), (267), (268), (269), (270), (271), (272), (273), (274), (275), (276), (277), (278), (279), (280), (281), (282), (283), (284), (285), (286), (287), (288), (289), (290), (291), (292), (293), (294), (295), (296), (297), (298), (299), (300), (301), (302), (303), (304), (305), (306), (307), (308), (309), (310), (311), (312), (313), (314), (315), (316), (317), (318), (319), (320), (321), (322), (323), (324), (325), (326), (327), (328), (329), (330), (331), (332), (333), (334), (335), (336), (337), (338), (339), (340), (341), (342), (343), (344), (345), (346), (347), (348), (349), (350), (351), (352), (353), (354), (355), (356), (357), (358), (359), (360), (361), (362), (363), (364), (365), (366), (367), (368), (369), (370), (371), (372), (373), (374), (375), (376), (377), (378), (379), (380), (381), (382), (383), (384), (385), (386), (387), (388), (389), (390), (391), (392), (393), (394), (395), (396), (397), (398), (399), (400), (401), (402), (403), (404), (405), (406), (407), (408), (409), (410), (411), (412), (413), (414), (415), (416), (417), (418), (419), (420), (421), (422), (423), (424), (425), (426), (427), (428), (429), (430), (431), (432), (433), (434), (435), (436), (437), (438), (439), (440), (441), (442), (443), (444), (445), (446), (447), (448), (449), (450), (451), (452), (453), (454), (455), (456), (457), (458), (459), (460), (461), (462), (463), (464), (465), (466), (467), (468), (469), (470), (471), (472), (473), (474), (475), (476), (477), (478), (479), (480), (481), (482), (483), (484), (485), (486), (487), (488), (489), (490), (491), (492), (493), (494), (495), (496), (497), (498), (499), (500), (501), (502), (503), (504), (505), (506), (507), (508), (509), (510), (511), (512), (513), (514), (515), (516), (517), (518), (519), (520), (521), (522), (523), (524), (525), (526), (527), (528), (529), (530), (531), (532), (533), (534), (535), (536), (537), (538), (539), (540), (541), (542), (543), (544), (545), (546), (547), (548), (549), (550), (551), (552), (553), (554), (555), (556), (557), (558), (559), (560), (561), (562), (563), (564), (565), (566), (567), (568), (569), (570), (571), (572), (573), (574), (575), (576), (577), (578), (579), (580), (581), (582), (583), (584), (585), (586), (587), (588), (589), (590), (591), (592), (593), (594), (595), (596), (597), (598), (599), (600), (601), (602), (603), (604), (605), (606), (607), (608), (609), (610), (611), (612), (613), (614), (615), (616), (617), (618), (619), (620), (621), (622), (623), (624), (625), (626), (627), (628), (629), (630), (631), (632), (633), (634), (635), (636), (637), (638), (639), (640), (641), (642), (643), (644), (645), (646), (647), (648), (649), (650), (651), (652), (653), (654), (655), (656), (657), (658), (659), (660), (661), (662), (663), (664), (665), (666), (667), (668), (669), (670), (671), (672), (673), (674), (675), (676), (677), (678), (679), (680), (681), (682), (683), (684), (685), (686), (687), (688), (689), (690), (691), (692), (693), (694), (695), (696), (697), (698), (699), (700), (701), (702), (703), (704), (705), (706), (707), (708), (709), (710), (711), (712), (713), (714), (715), (716), (717), (718), (719), (720), (721), (722), (723), (724), (725), (726), (727), (728), (729), (730), (731), (732), (733), (734), (735), (736), (737), (738), (739), (740), (741), (742), (743), (744), (745), (746), (747), (748), (749), (750), (751), (752), (753), (754), (755), (756), (757), (758), (759), (760), (761), (762), (763), (764), (765), (766), (767), (768), (769), (770), (771), (772), (773), (774), (775), (776), (777), (778), (779), (780), (781), (782), (783), (784), (785), (786), (787), (788), (789), (790), (791), (792), (793), (794), (795), (796), (797), (798), (799), (800), (801), (802), (803), (804), (805), (806), (807), (808), (809), (810), (811), (812), (813), (814), (815), (816), (817), (818), (819), (820), (821), (822), (823), (824), (825), (826), (827), (828), (829), (830), (831), (832), (833), (834), (835), (836), (837), (838), (839), (840), (841), (842), (843), (844), (845), (846), (847), (848), (849), (850), (851), (852), (853), (854), (855), (856), (857), (858), (859), (860), (861), (862), (863), (864), (865), (866), (867), (868), (869), (870), (871), (872), (873), (874), (875), (876), (877), (878), (879), (880), (881), (882), (883), (884), (885), (886), (887), (888), (889), (890), (891), (892), (893), (894), (895), (896), (897), (898), (899), (900), (901), (902), (903), (904), (905), (906), (907), (908), (909), (910), (911), (912), (913), (914), (915), (916), (917), (918), (919), (920), (921), (922), (923), (924), (925), (926), (927), (928), (929), (930), (931), (932), (933), (934), (935), (936), (937), (938), (939), (940), (941), (942), (943), (944), (945), (946), (947), (948), (949), (950), (951), (952), (953), (954), (955), (956), (957), (958), (959), (960), (961), (962), (963), (964), (965), (966), (967), (968), (969), (970), (971), (972), (973), (974), (975), (976), (977), (978), (979), (980), (981), (982), (983), (984), (985), (986), (987), (988), (989), (990), (991), (992), (993), (994), (995), (996), (997), (998), (999), (1000);
-- error: 10738 The number of row value expressions in the INSERT statement exceeds the maximum allowed number of 1000 row values.
GO
-- Table value constructor, limitations: a subquery with several columns is
-- not a row value; the page calls it a syntax error (the row's parentheses
-- are not a subquery's)
CREATE TABLE dbo.MyProducts (Name varchar(50), ListPrice money);
GO
INSERT INTO dbo.MyProducts (Name, ListPrice)
VALUES ('Helmet', 25.50),
       ('Wheel', 30.00),
       (SELECT Name, ListPrice FROM Production.Product WHERE ProductID = 720);
-- error: 156
GO
-- Table value constructor, limitations: a scalar subquery per column works
INSERT INTO dbo.MyProducts (Name, ListPrice)
VALUES ('Helmet', 25.50),
       ('Wheel', 30.00),
       ((SELECT Name FROM Production.Product WHERE ProductID = 720),
        (SELECT ListPrice FROM Production.Product WHERE ProductID = 720));
SELECT Name, ListPrice FROM dbo.MyProducts;
-- expect: Name | ListPrice
-- Helmet | 25.5000
-- Wheel | 30.0000
-- HL Road Frame - Red, 52 | 1431.5000
GO
-- Table value constructor, data types: the rows' values take one type as
-- in UNION ALL, so 'a' beside 1 is converted to int and fails (245)
CREATE TABLE dbo.t (a int, b char);
GO
INSERT INTO dbo.t VALUES (1,'a'), (2, 1);
-- error: 245 Conversion failed when converting the varchar value 'a' to data type int.
GO
DELETE dbo.t;
INSERT INTO dbo.t VALUES (1,'a'), (2, CONVERT(CHAR,1));
SELECT a, b FROM dbo.t;
-- expect: a | b
-- 1 | a
-- 2 | 1
GO
-- The rows' type first: '007' beside 1 goes through int into a varchar
-- column ('7'); 'x' beside 8 fails as 'a' did; NULLs, DEFAULT, Unicode
-- beside non-Unicode, decimals of different scales, variables and one-row
-- VALUES insert what they insert without it.
CREATE TABLE dbo.tvc (id int IDENTITY, s varchar(5), d decimal(6,2), n nvarchar(10), i int DEFAULT 42, c varchar(3));
GO
INSERT dbo.tvc (s, d, n, i, c) VALUES ('007', 1.5, N'été', NULL, 'ab'), (1, 2.255, 'plain', DEFAULT, N'xy'), (NULL, NULL, NULL, 3, NULL);
DECLARE @v varchar(3) = '12', @w int = 5;
INSERT dbo.tvc (s, i) VALUES (@v, @v), ('z', @w);
INSERT dbo.tvc (s, d) VALUES ('009', 1.25);
SELECT id, s, d, n, i, c FROM dbo.tvc ORDER BY id;
-- expect: id | s | d | n | i | c
-- 1 | 7 | 1.50 | été | NULL | ab
-- 2 | 1 | 2.26 | plain | 42 | xy
-- 3 | NULL | NULL | NULL | 3 | NULL
-- 4 | 12 | NULL | NULL | 12 | NULL
-- 5 | z | NULL | NULL | 5 | NULL
-- 6 | 009 | 1.25 | NULL | 42 | NULL
GO
INSERT dbo.tvc (s) VALUES ('x'), (8);
-- error: 245 Conversion failed when converting the varchar value 'x' to data type int.
GO
SELECT COUNT(*) AS n FROM dbo.tvc;
DROP TABLE dbo.tvc;
-- expect: n
-- 6
GO
-- Table value constructor: every row has as many values as the first (10709)
SELECT * FROM (VALUES (1, 2), (3)) AS v(a, b);
-- error: 10709 The number of columns for each row in a table value constructor must be the same.
GO
