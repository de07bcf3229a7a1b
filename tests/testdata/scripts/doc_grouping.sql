-- Documented examples of grouping and aggregates, run against us: "SELECT -
-- GROUP BY (Transact-SQL)" (its Sales table, ROLLUP, CUBE, GROUPING SETS,
-- GROUP BY ()), "GROUPING (Transact-SQL)", "GROUPING_ID (Transact-SQL)",
-- "STRING_AGG (Transact-SQL)" and "APPROX_COUNT_DISTINCT (Transact-SQL)".
-- AdventureWorks tables are small tables of our own with the rows the
-- results show; an ORDER BY is added where the page's order is the
-- server's choice. Money prints with four decimals here.
CREATE TABLE Sales ( Country VARCHAR(50), Region VARCHAR(50), Sales INT );

INSERT INTO sales VALUES (N'Canada', N'Alberta', 100);
INSERT INTO sales VALUES (N'Canada', N'British Columbia', 200);
INSERT INTO sales VALUES (N'Canada', N'British Columbia', 300);
INSERT INTO sales VALUES (N'United States', N'Montana', 100);
GO
SELECT Country, Region, SUM(sales) AS TotalSales
FROM Sales
GROUP BY Country, Region
ORDER BY Country, Region;
-- expect: Country | Region | TotalSales
-- Canada | Alberta | 100
-- Canada | British Columbia | 500
-- United States | Montana | 100
GO
SELECT Country, Region, SUM(Sales) AS TotalSales
FROM Sales
GROUP BY ROLLUP (Country, Region)
ORDER BY GROUPING(Country), Country, GROUPING(Region), Region;
-- expect: Country | Region | TotalSales
-- Canada | Alberta | 100
-- Canada | British Columbia | 500
-- Canada | NULL | 600
-- United States | Montana | 100
-- United States | NULL | 100
-- NULL | NULL | 700
GO
SELECT Country, Region, SUM(Sales) AS TotalSales
FROM Sales
GROUP BY CUBE (Country, Region)
ORDER BY GROUPING_ID(Country, Region), Country, Region;
-- expect: Country | Region | TotalSales
-- Canada | Alberta | 100
-- Canada | British Columbia | 500
-- United States | Montana | 100
-- Canada | NULL | 600
-- United States | NULL | 100
-- NULL | Alberta | 100
-- NULL | British Columbia | 500
-- NULL | Montana | 100
-- NULL | NULL | 700
GO
-- GROUPING SETS (ROLLUP, CUBE) is the UNION ALL of the two: duplicate groups stay
SELECT Country, Region, SUM(Sales) AS TotalSales
FROM Sales
GROUP BY GROUPING SETS ( ROLLUP (Country, Region), CUBE (Country, Region) )
ORDER BY GROUPING_ID(Country, Region), Country, Region;
-- expect: Country | Region | TotalSales
-- Canada | Alberta | 100
-- Canada | Alberta | 100
-- Canada | British Columbia | 500
-- Canada | British Columbia | 500
-- United States | Montana | 100
-- United States | Montana | 100
-- Canada | NULL | 600
-- Canada | NULL | 600
-- United States | NULL | 100
-- United States | NULL | 100
-- NULL | Alberta | 100
-- NULL | British Columbia | 500
-- NULL | Montana | 100
-- NULL | NULL | 700
-- NULL | NULL | 700
GO
SELECT Country, Region, SUM(Sales) AS TotalSales
FROM Sales
GROUP BY ROLLUP (Country, Region)
UNION ALL
SELECT Country, Region, SUM(Sales) AS TotalSales
FROM Sales
GROUP BY CUBE (Country, Region)
ORDER BY 1, 2, 3;
-- expect: Country | Region | TotalSales
-- NULL | NULL | 700
-- NULL | NULL | 700
-- NULL | Alberta | 100
-- NULL | British Columbia | 500
-- NULL | Montana | 100
-- Canada | NULL | 600
-- Canada | NULL | 600
-- Canada | Alberta | 100
-- Canada | Alberta | 100
-- Canada | British Columbia | 500
-- Canada | British Columbia | 500
-- United States | NULL | 100
-- United States | NULL | 100
-- United States | Montana | 100
-- United States | Montana | 100
GO
SELECT Country, SUM(Sales) AS TotalSales
FROM Sales
GROUP BY GROUPING SETS ( Country, () )
ORDER BY GROUPING(Country), Country;
-- expect: Country | TotalSales
-- Canada | 600
-- United States | 100
-- NULL | 700
GO
-- "both elements return a row for the grand total"
SELECT Country, Region, SUM(Sales) AS TotalSales
FROM Sales
GROUP BY GROUPING SETS ( (), CUBE (Country, Region) )
HAVING GROUPING_ID(Country, Region) = 3;
-- expect: Country | Region | TotalSales
-- NULL | NULL | 700
-- NULL | NULL | 700
GO
-- DISTINCT aggregates are supported with ROLLUP, CUBE and GROUPING SETS
SELECT Country, COUNT(DISTINCT Region) AS Regions, SUM(DISTINCT Sales) AS DistinctSales
FROM Sales
GROUP BY ROLLUP (Country)
ORDER BY GROUPING(Country), Country;
-- expect: Country | Regions | DistinctSales
-- Canada | 2 | 600
-- United States | 1 | 100
-- NULL | 3 | 600
GO
-- GROUPING: the first NULL is the group of NULL quotas, the second the ROLLUP's
CREATE TABLE dbo.SalesPerson (BusinessEntityID int PRIMARY KEY, SalesQuota money NULL, SalesYTD money)
INSERT dbo.SalesPerson VALUES (274, NULL, 559697.5639), (285, NULL, 172524.4512), (287, NULL, 800865.5848),
 (275, 250000, 20000000), (276, 250000, 13461260.59), (277, 300000, 9299677.9445)
GO
SELECT SalesQuota, SUM(SalesYTD) 'TotalSalesYTD', GROUPING(SalesQuota) AS 'Grouping'
FROM dbo.SalesPerson
GROUP BY SalesQuota WITH ROLLUP
ORDER BY GROUPING(SalesQuota), SalesQuota;
-- expect: SalesQuota | TotalSalesYTD | Grouping
-- NULL | 1533087.5999 | 0
-- 250000.0000 | 33461260.5900 | 0
-- 300000.0000 | 9299677.9445 | 0
-- NULL | 44294026.1344 | 1
GO
-- GROUPING_ID A and B
CREATE TABLE dbo.Emp (BusinessEntityID int IDENTITY PRIMARY KEY, Name nvarchar(50), JobTitle nvarchar(50))
INSERT dbo.Emp (Name, JobTitle) VALUES
 (N'Document Control', N'Control Specialist'), (N'Document Control', N'Control Specialist'),
 (N'Document Control', N'Document Control Assistant'), (N'Document Control', N'Document Control Assistant'),
 (N'Document Control', N'Document Control Manager'),
 (N'Facilities and Maintenance', N'Facilities Administrative Assistant'),
 (N'Facilities and Maintenance', N'Facilities Manager'),
 (N'Facilities and Maintenance', N'Janitor'), (N'Facilities and Maintenance', N'Janitor'),
 (N'Facilities and Maintenance', N'Janitor'), (N'Facilities and Maintenance', N'Janitor'),
 (N'Facilities and Maintenance', N'Maintenance Supervisor')
GO
SELECT D.Name
    ,CASE
    WHEN GROUPING_ID(D.Name, D.JobTitle) = 0 THEN D.JobTitle
    WHEN GROUPING_ID(D.Name, D.JobTitle) = 1 THEN N'Total: ' + D.Name
    WHEN GROUPING_ID(D.Name, D.JobTitle) = 3 THEN N'Company Total:'
        ELSE N'Unknown'
    END AS N'Job Title'
    ,COUNT(D.BusinessEntityID) AS N'Employee Count'
FROM dbo.Emp D
GROUP BY ROLLUP(D.Name, D.JobTitle)
ORDER BY GROUPING(D.Name), D.Name, GROUPING(D.JobTitle), D.JobTitle;
-- expect: Name | Job Title | Employee Count
-- Document Control | Control Specialist | 2
-- Document Control | Document Control Assistant | 2
-- Document Control | Document Control Manager | 1
-- Document Control | Total: Document Control | 5
-- Facilities and Maintenance | Facilities Administrative Assistant | 1
-- Facilities and Maintenance | Facilities Manager | 1
-- Facilities and Maintenance | Janitor | 4
-- Facilities and Maintenance | Maintenance Supervisor | 1
-- Facilities and Maintenance | Total: Facilities and Maintenance | 7
-- NULL | Company Total: | 12
GO
SELECT D.Name
    ,D.JobTitle
    ,GROUPING_ID(D.Name, D.JobTitle) AS 'Grouping Level'
    ,COUNT(D.BusinessEntityID) AS N'Employee Count'
FROM dbo.Emp AS D
GROUP BY ROLLUP(D.Name, D.JobTitle)
ORDER BY GROUPING(D.Name), D.Name, GROUPING(D.JobTitle), D.JobTitle;
-- expect: Name | JobTitle | Grouping Level | Employee Count
-- Document Control | Control Specialist | 0 | 2
-- Document Control | Document Control Assistant | 0 | 2
-- Document Control | Document Control Manager | 0 | 1
-- Document Control | NULL | 1 | 5
-- Facilities and Maintenance | Facilities Administrative Assistant | 0 | 1
-- Facilities and Maintenance | Facilities Manager | 0 | 1
-- Facilities and Maintenance | Janitor | 0 | 4
-- Facilities and Maintenance | Maintenance Supervisor | 0 | 1
-- Facilities and Maintenance | NULL | 1 | 7
-- NULL | NULL | 3 | 12
GO
SELECT D.Name, COUNT(*) AS N'Employee Count'
FROM dbo.Emp AS D
GROUP BY ROLLUP(D.Name, D.JobTitle)
HAVING GROUPING_ID(D.Name, D.JobTitle) = 1;
-- expect: Name | Employee Count
-- Document Control | 5
-- Facilities and Maintenance | 7
GO
-- GROUPING_ID C: ROLLUP and CUBE over DATEPART expressions
CREATE TABLE dbo.SalesOrderHeader (SalesOrderID int IDENTITY PRIMARY KEY, OrderDate datetime, TotalDue money)
INSERT dbo.SalesOrderHeader (OrderDate, TotalDue) VALUES
 ('2007-01-01', 1497452.6066), ('2007-01-02', 21772.3494), ('2007-02-01', 2705653.5913), ('2007-02-02', 21684.4068),
 ('2008-01-01', 1908122.0967), ('2008-01-02', 46458.0691), ('2008-02-01', 3108771.9729), ('2008-02-02', 54598.5488),
 ('2007-01-03', 5), ('2007-03-01', 7), ('2006-01-01', 11)
GO
SELECT DATEPART(yyyy,OrderDate) AS N'Year'
    ,DATEPART(mm,OrderDate) AS N'Month'
    ,DATEPART(dd,OrderDate) AS N'Day'
    ,SUM(TotalDue) AS N'Total Due'
    ,CAST(GROUPING(DATEPART(dd,OrderDate)) AS CHAR(1)) +
        CAST(GROUPING(DATEPART(mm,OrderDate)) AS CHAR(1)) +
        CAST(GROUPING(DATEPART(yyyy,OrderDate)) AS CHAR(1))
     AS N'Bit Vector(base-2)'
    ,GROUPING_ID(DATEPART(yyyy,OrderDate)
        ,DATEPART(mm,OrderDate)
        ,DATEPART(dd,OrderDate))
        AS N'Integer Equivalent'
    ,CASE
        WHEN GROUPING_ID(DATEPART(yyyy,OrderDate)
            ,DATEPART(mm,OrderDate),DATEPART(dd,OrderDate)
            ) = 0 THEN N'Year Month Day'
        WHEN GROUPING_ID(DATEPART(yyyy,OrderDate)
            ,DATEPART(mm,OrderDate),DATEPART(dd,OrderDate)
            ) = 1 THEN N'Year Month'
        WHEN GROUPING_ID(DATEPART(yyyy,OrderDate)
            ,DATEPART(mm,OrderDate),DATEPART(dd,OrderDate)
            ) = 3 THEN N'Year'
        WHEN GROUPING_ID(DATEPART(yyyy,OrderDate)
            ,DATEPART(mm,OrderDate),DATEPART(dd,OrderDate)
            ) = 7 THEN N'Grand Total'
    ELSE N'Error'
    END AS N'Grouping Level'
FROM dbo.SalesOrderHeader
WHERE DATEPART(yyyy,OrderDate) IN(N'2007',N'2008')
    AND DATEPART(mm,OrderDate) IN(1,2)
    AND DATEPART(dd,OrderDate) IN(1,2)
GROUP BY ROLLUP(DATEPART(yyyy,OrderDate)
        ,DATEPART(mm,OrderDate)
        ,DATEPART(dd,OrderDate))
ORDER BY GROUPING_ID(DATEPART(mm,OrderDate)
    ,DATEPART(yyyy,OrderDate)
    ,DATEPART(dd,OrderDate)
    )
    ,DATEPART(yyyy,OrderDate)
    ,DATEPART(mm,OrderDate)
    ,DATEPART(dd,OrderDate);
-- expect: Year | Month | Day | Total Due | Bit Vector(base-2) | Integer Equivalent | Grouping Level
-- 2007 | 1 | 1 | 1497452.6066 | 000 | 0 | Year Month Day
-- 2007 | 1 | 2 | 21772.3494 | 000 | 0 | Year Month Day
-- 2007 | 2 | 1 | 2705653.5913 | 000 | 0 | Year Month Day
-- 2007 | 2 | 2 | 21684.4068 | 000 | 0 | Year Month Day
-- 2008 | 1 | 1 | 1908122.0967 | 000 | 0 | Year Month Day
-- 2008 | 1 | 2 | 46458.0691 | 000 | 0 | Year Month Day
-- 2008 | 2 | 1 | 3108771.9729 | 000 | 0 | Year Month Day
-- 2008 | 2 | 2 | 54598.5488 | 000 | 0 | Year Month Day
-- 2007 | 1 | NULL | 1519224.9560 | 100 | 1 | Year Month
-- 2007 | 2 | NULL | 2727337.9981 | 100 | 1 | Year Month
-- 2008 | 1 | NULL | 1954580.1658 | 100 | 1 | Year Month
-- 2008 | 2 | NULL | 3163370.5217 | 100 | 1 | Year Month
-- 2007 | NULL | NULL | 4246562.9541 | 110 | 3 | Year
-- 2008 | NULL | NULL | 5117950.6875 | 110 | 3 | Year
-- NULL | NULL | NULL | 9364513.6416 | 111 | 7 | Grand Total
GO
SELECT DATEPART(yyyy,OrderDate) AS N'Year'
    ,DATEPART(mm,OrderDate) AS N'Month'
    ,DATEPART(dd,OrderDate) AS N'Day'
    ,SUM(TotalDue) AS N'Total Due'
    ,GROUPING_ID(DATEPART(yyyy,OrderDate)
        ,DATEPART(mm,OrderDate)
        ,DATEPART(dd,OrderDate))
        AS N'Integer Equivalent'
FROM dbo.SalesOrderHeader
WHERE DATEPART(yyyy,OrderDate) IN(N'2007',N'2008')
    AND DATEPART(mm,OrderDate) IN(1,2)
    AND DATEPART(dd,OrderDate) IN(1,2)
GROUP BY CUBE(DATEPART(yyyy,OrderDate)
    ,DATEPART(mm,OrderDate)
    ,DATEPART(dd,OrderDate))
HAVING GROUPING_ID(DATEPART(yyyy,OrderDate), DATEPART(mm,OrderDate), DATEPART(dd,OrderDate)) >= 4
ORDER BY GROUPING_ID(DATEPART(yyyy,OrderDate)
    ,DATEPART(mm,OrderDate)
    ,DATEPART(dd,OrderDate)
    )
    ,DATEPART(yyyy,OrderDate)
    ,DATEPART(mm,OrderDate)
    ,DATEPART(dd,OrderDate);
-- expect: Year | Month | Day | Total Due | Integer Equivalent
-- NULL | 1 | 1 | 3405574.7033 | 4
-- NULL | 1 | 2 | 68230.4185 | 4
-- NULL | 2 | 1 | 5814425.5642 | 4
-- NULL | 2 | 2 | 76282.9556 | 4
-- NULL | 1 | NULL | 3473805.1218 | 5
-- NULL | 2 | NULL | 5890708.5198 | 5
-- NULL | NULL | 1 | 9220000.2675 | 6
-- NULL | NULL | 2 | 144513.3741 | 6
-- NULL | NULL | NULL | 9364513.6416 | 7
GO
-- STRING_AGG B, D, E and F
CREATE TABLE dbo.Person (Id int IDENTITY PRIMARY KEY, FirstName nvarchar(50) NULL)
INSERT dbo.Person (FirstName) VALUES (N'John'), (NULL), (N'Mike'), (N'Peter'), (NULL), (NULL), (N'Alice'), (N'Bob')
CREATE TABLE dbo.Article (ArticleId int PRIMARY KEY, title nvarchar(100))
INSERT dbo.Article VALUES (172, N'Polls indicate close election results'),
 (176, N'New highway expected to reduce congestion'), (177, N'Dogs continue to be more popular than cats')
CREATE TABLE dbo.ArticleTag (Id int IDENTITY PRIMARY KEY, ArticleId int, tag nvarchar(50))
INSERT dbo.ArticleTag (ArticleId, tag) VALUES (172, N'politics'), (172, N'polls'), (172, N'city council'),
 (177, N'polls'), (177, N'animals')
CREATE TABLE dbo.Employee (Id int IDENTITY PRIMARY KEY, town nvarchar(50), email nvarchar(100))
INSERT dbo.Employee (town, email) VALUES (N'Seattle', N'syed0@adventure-works.com'),
 (N'Seattle', N'catherine0@adventure-works.com'), (N'Seattle', N'kim2@adventure-works.com'),
 (N'LA', N'sam1@adventure-works.com'), (N'LA', N'hazem0@adventure-works.com')
GO
SELECT STRING_AGG ( ISNULL(FirstName,'N/A'), ',') WITHIN GROUP (ORDER BY Id) AS csv
FROM dbo.Person;
-- expect: csv
-- John,N/A,Mike,Peter,N/A,N/A,Alice,Bob
GO
-- NULLs are skipped with their separator
SELECT STRING_AGG (FirstName, ',') WITHIN GROUP (ORDER BY Id) AS csv
FROM dbo.Person;
-- expect: csv
-- John,Mike,Peter,Alice,Bob
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT a.articleId, title, STRING_AGG (tag, ',') WITHIN GROUP (ORDER BY t.Id) as tags
FROM dbo.Article AS a
LEFT JOIN dbo.ArticleTag AS t
    ON a.ArticleId = t.ArticleId
GROUP BY a.articleId, title
ORDER BY a.articleId;
-- expect: articleId | title | tags
-- 172 | Polls indicate close election results | politics,polls,city council
-- 176 | New highway expected to reduce congestion | NULL
-- 177 | Dogs continue to be more popular than cats | polls,animals
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT town, STRING_AGG (email, ';') WITHIN GROUP (ORDER BY Id) AS emails
FROM dbo.Employee
GROUP BY town
ORDER BY town DESC;
-- expect: town | emails
-- Seattle | syed0@adventure-works.com;catherine0@adventure-works.com;kim2@adventure-works.com
-- LA | sam1@adventure-works.com;hazem0@adventure-works.com
GO
SELECT town,
    STRING_AGG (email, ';') WITHIN GROUP (ORDER BY email ASC) AS emails
FROM dbo.Employee
GROUP BY town
ORDER BY town DESC;
-- expect: town | emails
-- Seattle | catherine0@adventure-works.com;kim2@adventure-works.com;syed0@adventure-works.com
-- LA | hazem0@adventure-works.com;sam1@adventure-works.com
GO
-- Return types: nvarchar(4000) / varchar(8000) unless the input is (max);
-- other types are nvarchar(4000)
SELECT STRING_AGG(CAST(email AS nvarchar(100)), ';') AS n, STRING_AGG(CAST(email AS varchar(100)), ';') AS v,
  STRING_AGG(CAST(email AS nvarchar(max)), ';') AS nm, STRING_AGG(Id, ';') AS i
INTO dbo.AggTypes FROM dbo.Employee
SELECT name, TYPE_NAME(system_type_id) AS type, max_length FROM sys.columns
WHERE object_id = OBJECT_ID('dbo.AggTypes') ORDER BY column_id
-- expect: name | type | max_length
-- n | nvarchar | 8000
-- v | varchar | 8000
-- nm | nvarchar | -1
-- i | nvarchar | 8000
GO
SELECT LEN(STRING_AGG(REPLICATE('x', 5000), ',')) AS n FROM dbo.Employee
-- expect: n
-- error: 9829 STRING_AGG aggregation result exceeded the limit of 8000 bytes. Use LOB types to avoid result truncation.
GO
SELECT LEN(STRING_AGG(CAST(REPLICATE('x', 5000) AS varchar(max)), ',')) AS n FROM dbo.Employee
-- expect: n
-- 25004
GO
-- APPROX_COUNT_DISTINCT
CREATE TABLE dbo.Orders (O_OrderKey int, O_OrderStatus char(1))
INSERT dbo.Orders VALUES (1, 'F'), (2, 'F'), (2, 'F'), (3, 'O'), (4, 'O'), (5, 'P'), (NULL, 'P')
GO
SELECT APPROX_COUNT_DISTINCT(O_OrderKey) AS Approx_Distinct_OrderKey
FROM dbo.Orders;
-- expect: Approx_Distinct_OrderKey
-- 5
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT O_OrderStatus, APPROX_COUNT_DISTINCT(O_OrderKey) AS Approx_Distinct_OrderKey
FROM dbo.Orders
GROUP BY O_OrderStatus
ORDER BY O_OrderStatus;
-- expect: O_OrderStatus | Approx_Distinct_OrderKey
-- F | 2
-- O | 2
-- P | 1
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
