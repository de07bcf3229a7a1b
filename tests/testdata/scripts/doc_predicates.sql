-- Documented examples of the predicates: "LIKE (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/language-elements/like-transact-sql),
-- "IN", "BETWEEN", "EXISTS", "SOME | ANY", "ALL" and "Search condition"
-- (https://learn.microsoft.com/sql/t-sql/queries/search-condition-transact-sql).
-- The AdventureWorks tables are small tables of our own with the columns the
-- examples read. The database has the default collation
-- (SQL_Latin1_General_CP1_CI_AS): comparisons ignore case, not accents.
-- Left out: the Azure Synapse examples that only repeat these on DimEmployee.
CREATE SCHEMA Production
GO
CREATE SCHEMA Sales
GO
CREATE SCHEMA HumanResources
GO
CREATE SCHEMA Person
GO
CREATE TABLE Person.Person (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50) NOT NULL, LastName nvarchar(50) NOT NULL)
INSERT Person.Person VALUES (1, N'Ken', N'Sánchez'), (2, N'Terri', N'Duffy'), (3, N'Gail', N'Erickson'), (4, N'Gail', N'Westover'),
 (5, N'Cheryl', N'Herring'), (6, N'Sheryl', N'Hunter'), (7, N'Wanida', N'Benshoof'), (8, N'Cheryl', N'Zheng'), (9, N'Wei', N'Zhang'),
 (10, N'Michael', N'Zhong'), (11, N'Ruth', N'Ellerbrock'), (12, N'Gail', N'Butler'), (274, N'Stephen', N'Jiang'), (275, N'Michael', N'Blythe'),
 (276, N'Linda', N'Mitchell'), (277, N'Jillian', N'Carson'), (278, N'Garrett', N'Vargas'), (13, N'Barry', N'Johnson')
CREATE TABLE Person.PersonPhone (BusinessEntityID int NOT NULL, PhoneNumber nvarchar(25) NOT NULL, PRIMARY KEY (BusinessEntityID, PhoneNumber))
INSERT Person.PersonPhone VALUES (1, N'697-555-0142'), (2, N'819-555-0175'), (3, N'212-555-0187'), (4, N'1 (11) 500 555-0192'),
 (5, N'415-555-0124'), (6, N'415-555-0138'), (11, N'415-555-0171'), (12, N'1 (11) 500 555-0124')
CREATE TABLE HumanResources.Employee (BusinessEntityID int PRIMARY KEY, JobTitle nvarchar(50) NOT NULL)
INSERT HumanResources.Employee VALUES (1, N'Chief Executive Officer'), (2, N'Design Engineer'), (3, N'Design Engineer'),
 (4, N'Tool Designer'), (5, N'Marketing Assistant'), (6, N'Production Technician - WC10'), (13, N'Production Technician - WC60'),
 (274, N'North American Sales Manager'), (275, N'Sales Representative'), (276, N'Sales Representative'), (277, N'Sales Representative'),
 (278, N'Sales Representative')
CREATE TABLE HumanResources.EmployeePayHistory (BusinessEntityID int NOT NULL, RateChangeDate datetime NOT NULL, Rate money NOT NULL,
  PRIMARY KEY (BusinessEntityID, RateChangeDate))
INSERT HumanResources.EmployeePayHistory VALUES (1, '20090114', 125.50), (2, '20020105 12:00', 27.40), (2, '20080131', 32.45),
 (3, '20011212', 29.8462), (4, '20020105', 28.75), (5, '20020104', 30.00), (6, '20020106', 27.00), (13, '20011211', 26.99),
 (274, '20020105 00:00:00.003', 48.10)
CREATE TABLE HumanResources.Department (DepartmentID smallint PRIMARY KEY, Name nvarchar(50) NOT NULL)
INSERT HumanResources.Department VALUES (1, N'Engineering'), (2, N'Tool Design'), (3, N'Sales'), (4, N'Marketing'),
 (7, N'Production'), (8, N'Production Control'), (9, N'Human Resources'), (16, N'Executive')
CREATE TABLE HumanResources.EmployeeDepartmentHistory (BusinessEntityID int NOT NULL, DepartmentID smallint NOT NULL,
  PRIMARY KEY (BusinessEntityID, DepartmentID))
INSERT HumanResources.EmployeeDepartmentHistory VALUES (1, 16), (2, 1), (3, 1), (4, 2), (5, 4), (6, 7), (13, 8), (274, 3), (275, 3),
 (276, 3), (277, 3), (278, 3)
CREATE TABLE Sales.SalesPerson (BusinessEntityID int PRIMARY KEY, SalesQuota money NULL)
INSERT Sales.SalesPerson VALUES (274, NULL), (275, 300000), (276, 250000), (277, 250000), (278, 250000.01)
CREATE TABLE Sales.Store (BusinessEntityID int PRIMARY KEY, Name nvarchar(50) NOT NULL)
INSERT Sales.Store VALUES (292, N'Next-Door Bike Store'), (294, N'Professional Sales and Service'), (296, N'Riders Company'),
 (298, N'Bike World')
CREATE TABLE Purchasing_Vendor (BusinessEntityID int PRIMARY KEY, Name nvarchar(50) NOT NULL)
INSERT Purchasing_Vendor VALUES (1492, N'Australia Bike Retailer'), (1494, N'Bike World'), (1496, N'Riders Company')
CREATE TABLE Production.Product (ProductID int PRIMARY KEY, Name nvarchar(50) NOT NULL, DaysToManufacture int NOT NULL)
INSERT Production.Product VALUES (707, N'Sport-100 Helmet, Red', 0), (749, N'Road-150 Red, 62', 4), (780, N'Mountain-200 Silver, 42', 2),
 (936, N'HL Mountain Pedal', 1)
CREATE TABLE Sales.SalesOrderDetail (SalesOrderID int NOT NULL, SalesOrderDetailID int IDENTITY PRIMARY KEY, ProductID int NOT NULL)
INSERT Sales.SalesOrderDetail (SalesOrderID, ProductID) VALUES (49080, 707), (49080, 780), (49080, 936), (49081, 707)
CREATE TABLE Production.ProductPhoto (ProductPhotoID int PRIMARY KEY, LargePhotoFileName nvarchar(50) NULL)
INSERT Production.ProductPhoto VALUES (1, N'no_image_available_large.gif'), (70, N'racer02_black_f_large.gif'),
 (118, N'frame_green_large.gif'), (119, N'greena_large.gif'), (120, N'green_large.gif')
CREATE TABLE Person.Address (AddressID int PRIMARY KEY, AddressLine1 nvarchar(60) NOT NULL, City nvarchar(30) NOT NULL,
  PostalCode nvarchar(15) NOT NULL, CountryRegionCode nvarchar(3) NOT NULL)
INSERT Person.Address VALUES (1, N'2, route de Malakoff', N'Paris', N'75009', N'FR'), (2, N'Kreuzstr 3', N'Paderborn', N'33098', N'DE'),
 (3, N'1 Smiling Tree Court', N'Palo Alto', N'94303', N'US'), (4, N'Nollendorfplatz 4', N'Berlin', N'10777', N'DE'),
 (5, N'5, rue Pélican', N'Pantin', N'93500', N'FR')
GO
-- LIKE, A. Using LIKE with the % wildcard character
SELECT p.FirstName, p.LastName, ph.PhoneNumber
FROM Person.PersonPhone AS ph
INNER JOIN Person.Person AS p
    ON ph.BusinessEntityID = p.BusinessEntityID
WHERE ph.PhoneNumber LIKE '415%'
ORDER by p.LastName;
-- expect: FirstName | LastName | PhoneNumber
-- Ruth | Ellerbrock | 415-555-0171
-- Cheryl | Herring | 415-555-0124
-- Sheryl | Hunter | 415-555-0138
GO
-- LIKE, B. Using NOT LIKE with the % wildcard character
SELECT p.FirstName, p.LastName, ph.PhoneNumber
FROM Person.PersonPhone AS ph
INNER JOIN Person.Person AS p
    ON ph.BusinessEntityID = p.BusinessEntityID
WHERE ph.PhoneNumber NOT LIKE '415%' AND p.FirstName = 'Gail'
ORDER BY p.LastName;
-- expect: FirstName | LastName | PhoneNumber
-- Gail | Butler | 1 (11) 500 555-0124
-- Gail | Erickson | 212-555-0187
-- Gail | Westover | 1 (11) 500 555-0192
GO
-- LIKE, C. Using the ESCAPE clause
CREATE TABLE mytbl2
(
 c1 sysname
);
GO
INSERT mytbl2 VALUES ('Discount is 10-15% off'), ('Discount is .10-.15 off');
GO
SELECT c1
FROM mytbl2
WHERE c1 LIKE '%10-15!% off%' ESCAPE '!';
-- expect: c1
-- Discount is 10-15% off
GO
-- LIKE, D. Using the [ ] wildcard characters
SELECT BusinessEntityID, FirstName, LastName
FROM Person.Person
WHERE FirstName LIKE '[CS]heryl'
ORDER BY BusinessEntityID;
-- expect: BusinessEntityID | FirstName | LastName
-- 5 | Cheryl | Herring
-- 6 | Sheryl | Hunter
-- 8 | Cheryl | Zheng
GO
SELECT LastName, FirstName
FROM Person.Person
WHERE LastName LIKE 'Zh[ae]ng'
ORDER BY LastName ASC, FirstName ASC;
-- expect: LastName | FirstName
-- Zhang | Wei
-- Zheng | Cheryl
GO
-- LIKE, remarks: trailing blanks. With char, the pattern matches the padded
-- value's words ('% King' finds 'Robert King' in char(30)); with nchar the
-- trailing blanks are significant and it finds nothing, unless RTRIM.
CREATE TABLE t (col1 CHAR(30));
INSERT INTO t VALUES ('Robert King');
SELECT RTRIM(col1) AS col1 FROM t WHERE col1 LIKE '% King';
DROP TABLE t;
-- expect: col1
-- Robert King
GO
CREATE TABLE t (col1 NCHAR(30));
INSERT INTO t VALUES ('Robert King');
SELECT RTRIM(col1) AS col1 FROM t WHERE col1 LIKE '% King';
SELECT RTRIM(col1) AS col1 FROM t WHERE RTRIM(col1) LIKE '% King';
DROP TABLE t;
-- expect: col1
-- expect: col1
-- Robert King
GO
-- LIKE, remarks: the wildcard table (brackets make a wildcard literal)
SELECT
  CASE WHEN '5%' LIKE '5[%]' THEN 1 ELSE 0 END AS pct,
  CASE WHEN '_n' LIKE '[_]n' THEN 1 ELSE 0 END AS under,
  CASE WHEN 'd' LIKE '[a-cdf]' THEN 1 ELSE 0 END AS range_d,
  CASE WHEN 'e' LIKE '[a-cdf]' THEN 1 ELSE 0 END AS range_e,
  CASE WHEN '-' LIKE '[-acdf]' THEN 1 ELSE 0 END AS dash,
  CASE WHEN '[' LIKE '[ [ ]' THEN 1 ELSE 0 END AS open_bracket,
  CASE WHEN ']' LIKE ']' THEN 1 ELSE 0 END AS close_bracket,
  CASE WHEN 'abc_d' LIKE 'abc[_]d%' THEN 1 ELSE 0 END AS abc_d,
  CASE WHEN 'abcxd' LIKE 'abc[_]d%' THEN 1 ELSE 0 END AS abcxd,
  CASE WHEN 'abcd' LIKE 'abc[def]' THEN 1 ELSE 0 END AS abcd;
-- expect: pct | under | range_d | range_e | dash | open_bracket | close_bracket | abc_d | abcxd | abcd
-- 1 | 1 | 1 | 0 | 1 | 1 | 1 | 1 | 0 | 1
GO
-- LIKE, arguments: _ is one character, [^] is a character not in the set,
-- and the default collation ignores case but not accents
SELECT
  CASE WHEN 'Sean' LIKE '_ean' THEN 1 ELSE 0 END AS one_char,
  CASE WHEN 'ean' LIKE '_ean' THEN 1 ELSE 0 END AS no_char,
  CASE WHEN 'Carsen' LIKE 'Carsen[^i]' THEN 1 ELSE 0 END AS not_end,
  CASE WHEN 'Carson' LIKE 'Cars[^e]n' THEN 1 ELSE 0 END AS not_e,
  CASE WHEN 'Carsen' LIKE 'Cars[^e]n' THEN 1 ELSE 0 END AS is_e,
  CASE WHEN 'MCDONALD' LIKE 'mc%' THEN 1 ELSE 0 END AS ci,
  CASE WHEN 'B' LIKE '[a-c]' THEN 1 ELSE 0 END AS ci_range,
  CASE WHEN N'Sánchez' LIKE N'Sanchez' THEN 1 ELSE 0 END AS accent;
-- expect: one_char | no_char | not_end | not_e | is_e | ci | ci_range | accent
-- 1 | 0 | 0 | 1 | 0 | 1 | 1 | 0
GO
-- LIKE: a NULL operand or pattern is UNKNOWN, neither LIKE nor NOT LIKE
SELECT COUNT(*) AS n FROM (VALUES (CAST(NULL AS varchar(10))), ('a')) AS v(x) WHERE x LIKE '%' OR x NOT LIKE '%';
-- expect: n
-- 1
GO
-- LIKE: ESCAPE takes a single character (506)
SELECT 1 WHERE 'a' LIKE 'a' ESCAPE '!!';
-- error: 506 The invalid escape character "!!" was specified in a LIKE predicate.
GO
-- LIKE with an integer: the number is converted to a string
SELECT BusinessEntityID FROM Sales.SalesPerson WHERE BusinessEntityID LIKE '27[45]' ORDER BY BusinessEntityID;
-- expect: BusinessEntityID
-- 274
-- 275
GO
-- IN, A. Comparing OR and IN
SELECT p.FirstName, p.LastName, e.JobTitle
FROM Person.Person AS p
JOIN HumanResources.Employee AS e
    ON p.BusinessEntityID = e.BusinessEntityID
WHERE e.JobTitle = 'Design Engineer'
   OR e.JobTitle = 'Tool Designer'
   OR e.JobTitle = 'Marketing Assistant'
ORDER BY p.BusinessEntityID;
-- expect: FirstName | LastName | JobTitle
-- Terri | Duffy | Design Engineer
-- Gail | Erickson | Design Engineer
-- Gail | Westover | Tool Designer
-- Cheryl | Herring | Marketing Assistant
GO
SELECT p.FirstName, p.LastName, e.JobTitle
FROM Person.Person AS p
JOIN HumanResources.Employee AS e
    ON p.BusinessEntityID = e.BusinessEntityID
WHERE e.JobTitle IN ('Design Engineer', 'Tool Designer', 'Marketing Assistant')
ORDER BY p.BusinessEntityID;
-- expect: FirstName | LastName | JobTitle
-- Terri | Duffy | Design Engineer
-- Gail | Erickson | Design Engineer
-- Gail | Westover | Tool Designer
-- Cheryl | Herring | Marketing Assistant
GO
-- IN, B. Using IN with a subquery
SELECT p.FirstName, p.LastName
FROM Person.Person AS p
    JOIN Sales.SalesPerson AS sp
    ON p.BusinessEntityID = sp.BusinessEntityID
WHERE p.BusinessEntityID IN
   (SELECT BusinessEntityID
   FROM Sales.SalesPerson
   WHERE SalesQuota > 250000)
ORDER BY p.BusinessEntityID;
-- expect: FirstName | LastName
-- Michael | Blythe
-- Garrett | Vargas
GO
-- IN, C. Using NOT IN with a subquery
SELECT p.FirstName, p.LastName
FROM Person.Person AS p
    JOIN Sales.SalesPerson AS sp
    ON p.BusinessEntityID = sp.BusinessEntityID
WHERE p.BusinessEntityID NOT IN
   (SELECT BusinessEntityID
   FROM Sales.SalesPerson
   WHERE SalesQuota > 250000)
ORDER BY p.BusinessEntityID;
-- expect: FirstName | LastName
-- Stephen | Jiang
-- Linda | Mitchell
-- Jillian | Carson
GO
-- IN, remarks: a NULL from the subquery makes NOT IN UNKNOWN for every
-- value it does not equal, so no row qualifies
SELECT COUNT(*) AS n FROM Person.Person WHERE BusinessEntityID NOT IN (SELECT SalesQuota FROM Sales.SalesPerson);
SELECT COUNT(*) AS n FROM Person.Person WHERE BusinessEntityID NOT IN (1, 2, NULL);
SELECT COUNT(*) AS n FROM Person.Person WHERE BusinessEntityID IN (1, 2, NULL);
-- expect: n
-- 0
-- expect: n
-- 0
-- expect: n
-- 2
GO
-- BETWEEN, A. Using BETWEEN
SELECT e.FirstName, e.LastName, ep.Rate
FROM Person.Person e
JOIN HumanResources.EmployeePayHistory ep
    ON e.BusinessEntityID = ep.BusinessEntityID
WHERE ep.Rate BETWEEN 27 AND 30
ORDER BY ep.Rate;
-- expect: FirstName | LastName | Rate
-- Sheryl | Hunter | 27.0000
-- Terri | Duffy | 27.4000
-- Gail | Westover | 28.7500
-- Gail | Erickson | 29.8462
-- Cheryl | Herring | 30.0000
GO
-- BETWEEN, B. Using > and < instead of BETWEEN
SELECT e.FirstName, e.LastName, ep.Rate
FROM Person.Person e
JOIN HumanResources.EmployeePayHistory ep
    ON e.BusinessEntityID = ep.BusinessEntityID
WHERE ep.Rate > 27 AND ep.Rate < 30
ORDER BY ep.Rate;
-- expect: FirstName | LastName | Rate
-- Terri | Duffy | 27.4000
-- Gail | Westover | 28.7500
-- Gail | Erickson | 29.8462
GO
-- BETWEEN, C. Using NOT BETWEEN
SELECT e.FirstName, e.LastName, ep.Rate
FROM Person.Person e
JOIN HumanResources.EmployeePayHistory ep
    ON e.BusinessEntityID = ep.BusinessEntityID
WHERE ep.Rate NOT BETWEEN 27 AND 30
ORDER BY ep.Rate;
-- expect: FirstName | LastName | Rate
-- Barry | Johnson | 26.9900
-- Terri | Duffy | 32.4500
-- Stephen | Jiang | 48.1000
-- Ken | Sánchez | 125.5000
GO
-- BETWEEN, D. Using BETWEEN with datetime values: '20020105' is midnight,
-- so a change later that day is not included
SELECT BusinessEntityID, RateChangeDate
FROM HumanResources.EmployeePayHistory
WHERE RateChangeDate BETWEEN '20011212' AND '20020105'
ORDER BY RateChangeDate;
-- expect: BusinessEntityID | RateChangeDate
-- 3 | 2001-12-12 00:00:00.000
-- 5 | 2002-01-04 00:00:00.000
-- 4 | 2002-01-05 00:00:00.000
GO
-- BETWEEN, remarks: begin greater than end is an empty range; NULL bounds are UNKNOWN
SELECT
  (SELECT COUNT(*) FROM HumanResources.EmployeePayHistory WHERE Rate BETWEEN 30 AND 27) AS reversed,
  (SELECT COUNT(*) FROM HumanResources.EmployeePayHistory WHERE Rate BETWEEN NULL AND 30) AS null_begin,
  (SELECT COUNT(*) FROM HumanResources.EmployeePayHistory WHERE Rate NOT BETWEEN 100 AND NULL) AS not_null_end;
-- expect: reversed | null_begin | not_null_end
-- 0 | 0 | 8
GO
-- EXISTS, A. Using NULL in a subquery to still return a result set
SELECT DepartmentID, Name
FROM HumanResources.Department
WHERE EXISTS (SELECT NULL)
ORDER BY Name ASC ;
-- expect: DepartmentID | Name
-- 1 | Engineering
-- 16 | Executive
-- 9 | Human Resources
-- 4 | Marketing
-- 7 | Production
-- 8 | Production Control
-- 3 | Sales
-- 2 | Tool Design
GO
-- EXISTS, B. Comparing queries by using EXISTS and IN
SELECT a.FirstName, a.LastName
FROM Person.Person AS a
WHERE EXISTS
(SELECT *
    FROM HumanResources.Employee AS b
    WHERE a.BusinessEntityID = b.BusinessEntityID
    AND a.LastName = 'Johnson') ;
-- expect: FirstName | LastName
-- Barry | Johnson
GO
SELECT a.FirstName, a.LastName
FROM Person.Person AS a
WHERE a.LastName IN
(SELECT a.LastName
    FROM HumanResources.Employee AS b
    WHERE a.BusinessEntityID = b.BusinessEntityID
    AND a.LastName = 'Johnson') ;
-- expect: FirstName | LastName
-- Barry | Johnson
GO
-- EXISTS, C. Comparing queries by using EXISTS and = ANY
SELECT DISTINCT s.Name
FROM Sales.Store AS s
WHERE EXISTS
(SELECT *
    FROM Purchasing_Vendor AS v
    WHERE s.Name = v.Name)
ORDER BY s.Name ;
-- expect: Name
-- Bike World
-- Riders Company
GO
SELECT DISTINCT s.Name
FROM Sales.Store AS s
WHERE s.Name = ANY
(SELECT v.Name
    FROM Purchasing_Vendor AS v )
ORDER BY s.Name ;
-- expect: Name
-- Bike World
-- Riders Company
GO
-- EXISTS, D. Comparing queries by using EXISTS and IN
SELECT p.FirstName, p.LastName, e.JobTitle
FROM Person.Person AS p
JOIN HumanResources.Employee AS e
   ON e.BusinessEntityID = p.BusinessEntityID
WHERE EXISTS
(SELECT *
    FROM HumanResources.Department AS d
    JOIN HumanResources.EmployeeDepartmentHistory AS edh
       ON d.DepartmentID = edh.DepartmentID
    WHERE e.BusinessEntityID = edh.BusinessEntityID
    AND d.Name LIKE 'P%')
ORDER BY p.BusinessEntityID;
-- expect: FirstName | LastName | JobTitle
-- Sheryl | Hunter | Production Technician - WC10
-- Barry | Johnson | Production Technician - WC60
GO
SELECT p.FirstName, p.LastName, e.JobTitle
FROM Person.Person AS p
JOIN HumanResources.Employee AS e
   ON e.BusinessEntityID = p.BusinessEntityID
JOIN HumanResources.EmployeeDepartmentHistory AS edh
   ON e.BusinessEntityID = edh.BusinessEntityID
WHERE edh.DepartmentID IN
(SELECT DepartmentID
   FROM HumanResources.Department
   WHERE Name LIKE 'P%')
ORDER BY p.BusinessEntityID;
-- expect: FirstName | LastName | JobTitle
-- Sheryl | Hunter | Production Technician - WC10
-- Barry | Johnson | Production Technician - WC60
GO
-- EXISTS, E. Using NOT EXISTS
SELECT p.FirstName, p.LastName, e.JobTitle
FROM Person.Person AS p
JOIN HumanResources.Employee AS e
   ON e.BusinessEntityID = p.BusinessEntityID
WHERE NOT EXISTS
(SELECT *
   FROM HumanResources.Department AS d
   JOIN HumanResources.EmployeeDepartmentHistory AS edh
      ON d.DepartmentID = edh.DepartmentID
   WHERE e.BusinessEntityID = edh.BusinessEntityID
   AND d.Name LIKE 'P%')
ORDER BY LastName, FirstName
-- expect: FirstName | LastName | JobTitle
-- Michael | Blythe | Sales Representative
-- Jillian | Carson | Sales Representative
-- Terri | Duffy | Design Engineer
-- Gail | Erickson | Design Engineer
-- Cheryl | Herring | Marketing Assistant
-- Stephen | Jiang | North American Sales Manager
-- Linda | Mitchell | Sales Representative
-- Ken | Sánchez | Chief Executive Officer
-- Garrett | Vargas | Sales Representative
-- Gail | Westover | Tool Designer
GO
-- SOME | ANY, A. Running a simple example
CREATE TABLE T1
(ID INT) ;
GO
INSERT T1 VALUES (1) ;
INSERT T1 VALUES (2) ;
INSERT T1 VALUES (3) ;
INSERT T1 VALUES (4) ;
GO
IF 3 < SOME (SELECT ID FROM T1)
PRINT 'TRUE'
ELSE
PRINT 'FALSE' ;
-- message: TRUE
GO
IF 3 < ALL (SELECT ID FROM T1)
PRINT 'TRUE'
ELSE
PRINT 'FALSE' ;
-- message: FALSE
GO
-- SOME | ANY, B. Running a practical example
CREATE PROCEDURE ManyDaysToComplete @OrderID INT, @NumberOfDays INT
AS
IF
@NumberOfDays < SOME
   (
    SELECT DaysToManufacture
    FROM Sales.SalesOrderDetail
    JOIN Production.Product
    ON Sales.SalesOrderDetail.ProductID = Production.Product.ProductID
    WHERE SalesOrderID = @OrderID
   )
PRINT 'At least one item for this order can''t be manufactured in specified number of days.'
ELSE
PRINT 'All items for this order can be manufactured in the specified number of days or less.' ;
GO
EXECUTE ManyDaysToComplete 49080, 2 ;
-- message: All items for this order can be manufactured in the specified number of days or less.
GO
EXECUTE ManyDaysToComplete 49080, 1 ;
-- message: At least one item for this order can't be manufactured in specified number of days.
GO
-- ALL: the documented example
CREATE PROCEDURE DaysToBuild @OrderID INT, @NumberOfDays INT
AS
IF
@NumberOfDays >= ALL
   (
    SELECT DaysToManufacture
    FROM Sales.SalesOrderDetail
    JOIN Production.Product
    ON Sales.SalesOrderDetail.ProductID = Production.Product.ProductID
    WHERE SalesOrderID = @OrderID
   )
PRINT 'All items for this order can be manufactured in specified number of days or less.'
ELSE
PRINT 'Some items for this order can''t be manufactured in specified number of days or less.' ;
GO
EXECUTE DaysToBuild 49080, 2 ;
-- message: All items for this order can be manufactured in specified number of days or less.
GO
EXECUTE DaysToBuild 49080, 1 ;
-- message: Some items for this order can't be manufactured in specified number of days or less.
GO
-- ALL, remarks: ALL over no rows is TRUE; SOME over no rows is FALSE; a
-- NULL among the values makes ALL UNKNOWN unless another value fails it
SELECT
  CASE WHEN 5 > ALL (SELECT ID FROM T1 WHERE ID > 10) THEN 'TRUE' ELSE 'not TRUE' END AS all_empty,
  CASE WHEN 5 > SOME (SELECT ID FROM T1 WHERE ID > 10) THEN 'TRUE' ELSE 'not TRUE' END AS some_empty,
  CASE WHEN 5 > ALL (SELECT NULL UNION ALL SELECT 1) THEN 'TRUE'
       WHEN NOT (5 > ALL (SELECT NULL UNION ALL SELECT 1)) THEN 'FALSE' ELSE 'UNKNOWN' END AS all_null,
  CASE WHEN 0 > ALL (SELECT NULL UNION ALL SELECT 1) THEN 'TRUE'
       WHEN NOT (0 > ALL (SELECT NULL UNION ALL SELECT 1)) THEN 'FALSE' ELSE 'UNKNOWN' END AS all_null_fails,
  CASE WHEN 5 <> ANY (SELECT ID FROM T1) THEN 'TRUE' ELSE 'not TRUE' END AS ne_any;
-- expect: all_empty | some_empty | all_null | all_null_fails | ne_any
-- TRUE | not TRUE | UNKNOWN | FALSE | TRUE
GO
-- ALL: the subquery gives one column (116)
SELECT 1 WHERE 3 < ALL (SELECT ID, ID FROM T1);
-- error: 116 Only one expression can be specified in the select list when the subquery is not introduced with EXISTS.
GO
-- Search condition, A. WHERE with LIKE and ESCAPE: find green_ (the _ escaped by a)
SELECT ProductPhotoID, LargePhotoFileName
FROM Production.ProductPhoto
WHERE LargePhotoFileName LIKE '%greena_%' ESCAPE 'a'
ORDER BY ProductPhotoID;
-- expect: ProductPhotoID | LargePhotoFileName
-- 118 | frame_green_large.gif
-- 120 | green_large.gif
GO
-- Search condition, B. WHERE and LIKE with Unicode data
SELECT AddressLine1, City, PostalCode, CountryRegionCode
FROM Person.Address
WHERE CountryRegionCode NOT IN ('US')
AND City LIKE N'Pa%'
ORDER BY AddressID;
-- expect: AddressLine1 | City | PostalCode | CountryRegionCode
-- 2, route de Malakoff | Paris | 75009 | FR
-- Kreuzstr 3 | Paderborn | 33098 | DE
-- 5, rue Pélican | Pantin | 93500 | FR
GO
-- Search condition: NOT binds before AND, AND before OR
SELECT
  CASE WHEN 1 = 1 OR 1 = 0 AND 1 = 0 THEN 1 ELSE 0 END AS and_first,
  CASE WHEN NOT 1 = 0 AND 1 = 0 THEN 1 ELSE 0 END AS not_first,
  CASE WHEN (1 = 1 OR 1 = 0) AND 1 = 0 THEN 1 ELSE 0 END AS parens;
-- expect: and_first | not_first | parens
-- 1 | 0 | 0
GO
-- Search condition: the Azure Synapse examples' forms on Person.Person
SELECT BusinessEntityID, LastName FROM Person.Person
WHERE BusinessEntityID <= 500 AND LastName LIKE '%Zh%' AND FirstName LIKE '%e%'
ORDER BY BusinessEntityID;
-- expect: BusinessEntityID | LastName
-- 8 | Zheng
-- 9 | Zhang
-- 10 | Zhong
GO
SELECT BusinessEntityID, LastName FROM Person.Person
WHERE LastName IN ('Zhang', 'Zheng', 'Zhong') AND BusinessEntityID NOT BETWEEN 9 AND 10
ORDER BY BusinessEntityID;
-- expect: BusinessEntityID | LastName
-- 8 | Zheng
GO
SELECT BusinessEntityID, LastName FROM Person.Person
WHERE LastName LIKE '%Z_a%' OR LastName LIKE 'Ve%'
ORDER BY BusinessEntityID;
-- expect: BusinessEntityID | LastName
-- 9 | Zhang
GO
-- Search condition: IS [NOT] DISTINCT FROM compares NULLs as values
SELECT
  CASE WHEN NULL IS DISTINCT FROM NULL THEN 1 ELSE 0 END AS null_null,
  CASE WHEN 1 IS DISTINCT FROM NULL THEN 1 ELSE 0 END AS one_null,
  CASE WHEN NULL IS NOT DISTINCT FROM NULL THEN 1 ELSE 0 END AS not_null_null,
  CASE WHEN 1 IS NOT DISTINCT FROM 1 THEN 1 ELSE 0 END AS one_one;
-- expect: null_null | one_null | not_null_null | one_one
-- 0 | 1 | 1 | 1
GO
