-- Documented examples of the window functions, run against us: "LAG
-- (Transact-SQL)", "LEAD (Transact-SQL)", "FIRST_VALUE (Transact-SQL)",
-- "LAST_VALUE (Transact-SQL)", "NTILE (Transact-SQL)", "CUME_DIST
-- (Transact-SQL)", "PERCENTILE_CONT (Transact-SQL)" and "SELECT - OVER
-- Clause (Transact-SQL)". The AdventureWorks tables are small tables of our
-- own with the columns the examples read and the rows their results show;
-- where a page orders by a column with ties, a tie-breaker is added so the
-- order is the one the page prints. Money prints with four decimals here
-- (the pages show SSMS's two).
CREATE SCHEMA Sales
GO
CREATE TABLE Sales.SalesPersonQuotaHistory (BusinessEntityID int, QuotaDate datetime, SalesQuota money)
INSERT Sales.SalesPersonQuotaHistory VALUES
 (275, '2005-07-01', 367000), (275, '2005-10-01', 556000),
 (275, '2006-01-01', 502000), (275, '2006-04-01', 550000), (275, '2006-07-01', 1429000), (275, '2006-10-01', 1324000),
 (275, '2007-01-01', 729000), (275, '2007-04-01', 1194000), (275, '2007-07-01', 1575000), (275, '2007-10-01', 1218000),
 (275, '2008-01-01', 849000), (275, '2008-04-01', 869000),
 (274, '2005-10-01', 99000),
 (274, '2006-01-01', 91000), (274, '2006-04-01', 140000), (274, '2006-07-01', 70000), (274, '2006-10-01', 154000),
 (274, '2007-01-01', 107000), (274, '2007-04-01', 58000), (274, '2007-07-01', 263000), (274, '2007-10-01', 116000),
 (274, '2008-01-01', 84000), (274, '2008-04-01', 187000)
CREATE TABLE Sales.vSalesPerson (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50), LastName nvarchar(50),
  TerritoryName nvarchar(50), TerritoryID int, SalesYTD money, PostalCode nvarchar(15))
INSERT Sales.vSalesPerson VALUES
 (274, N'Stephen', N'Jiang', NULL, NULL, 559697.5639, N'98027'),
 (275, N'Michael', N'Blythe', N'Northeast', 2, 3763178.1787, N'98027'),
 (276, N'Linda', N'Mitchell', N'Southwest', 4, 4251368.5497, N'98027'),
 (277, N'Jillian', N'Carson', N'Central', 3, 3189418.3662, N'98027'),
 (278, N'Garrett', N'Vargas', N'Canada', 6, 1453719.4653, N'98027'),
 (279, N'Tsvi', N'Reiter', N'Southeast', 5, 2315185.611, N'98027'),
 (280, N'Pamela', N'Ansman-Wolfe', N'Northwest', 1, 1352577.1325, N'98027'),
 (281, N'Shu', N'Ito', N'Southwest', 4, 2458535.6169, N'98055'),
 (282, N'José', N'Saraiva', N'Canada', 6, 2604540.7172, N'98055'),
 (283, N'David', N'Campbell', N'Northwest', 1, 1573012.9383, N'98055'),
 (284, N'Tete', N'Mensa-Annan', N'Northwest', 1, 1576562.1966, N'98055'),
 (285, N'Syed', N'Abbas', NULL, NULL, 172524.4512, N'98055'),
 (286, N'Lynn', N'Tsoflias', N'Australia', 9, 1421810.9242, N'98055'),
 (287, N'Amy', N'Alberts', NULL, NULL, 519905.932, N'98027'),
 (288, N'Rachel', N'Valdez', N'Germany', 8, 1827066.7118, N'98055'),
 (289, N'Jae', N'Pak', N'United Kingdom', 10, 4116871.2277, N'98055'),
 (290, N'Ranjit', N'Varkey Chudukatil', N'France', 7, 3121616.3202, N'98055')
CREATE TABLE dbo.EmployeePay (Seq int PRIMARY KEY, Department nvarchar(50), LastName nvarchar(50), Rate money, HireDate date)
INSERT dbo.EmployeePay VALUES
 (1, N'Document Control', N'Chai', 10.25, '2003-02-23'),
 (2, N'Document Control', N'Berge', 10.25, '2003-03-13'),
 (3, N'Document Control', N'Norred', 16.8269, '2003-04-07'),
 (4, N'Document Control', N'Kharatishvili', 16.8269, '2003-01-17'),
 (5, N'Document Control', N'Arifin', 17.7885, '2003-02-05'),
 (6, N'Information Services', N'Berg', 27.4038, '2003-03-20'),
 (7, N'Information Services', N'Meyyappan', 27.4038, '2003-03-07'),
 (8, N'Information Services', N'Bacon', 27.4038, '2003-02-12'),
 (9, N'Information Services', N'Bueno', 27.4038, '2003-01-24'),
 (10, N'Information Services', N'Sharma', 32.4519, '2003-01-05'),
 (11, N'Information Services', N'Connelly', 32.4519, '2003-03-27'),
 (12, N'Information Services', N'Ajenstat', 38.4615, '2003-02-18'),
 (13, N'Information Services', N'Wilson', 38.4615, '2003-02-23'),
 (14, N'Information Services', N'Conroy', 39.6635, '2003-03-08'),
 (15, N'Information Services', N'Trenary', 50.4808, '2003-01-12'),
 (16, N'Engineering', N'Tamburello', 36.0577, '2003-01-01'),
 (17, N'Engineering', N'Duffy', 32.6923, '2003-01-01'),
 (18, N'Executive', N'Sánchez', 60.0962, '2003-01-01'),
 (19, N'Executive', N'Bradley', 48.5577, '2003-01-01'),
 (20, N'Human Resources', N'Barreto de Mattos', 16.5865, '2003-01-01'),
 (21, N'Human Resources', N'Johnson', 18.2692, '2003-01-01')
CREATE TABLE dbo.FactSalesQuota (EmployeeKey int, CalendarYear smallint, CalendarQuarter tinyint, SalesAmountQuota money)
INSERT dbo.FactSalesQuota VALUES (272, 2001, 3, 28000), (272, 2001, 4, 7000), (272, 2002, 1, 91000),
 (272, 2002, 2, 140000), (272, 2002, 3, 7000), (272, 2002, 4, 154000), (272, 2003, 1, 107000), (273, 2001, 3, 1)
GO
-- LAG A (the page orders by YEAR(QuotaDate) alone; QuotaDate breaks its ties)
SELECT BusinessEntityID, YEAR(QuotaDate) AS SalesYear, SalesQuota AS CurrentQuota,
       LAG(SalesQuota, 1,0) OVER (ORDER BY YEAR(QuotaDate), QuotaDate) AS PreviousQuota
FROM Sales.SalesPersonQuotaHistory
WHERE BusinessEntityID = 275 AND YEAR(QuotaDate) IN ('2005','2006')
ORDER BY QuotaDate;
-- expect: BusinessEntityID | SalesYear | CurrentQuota | PreviousQuota
-- 275 | 2005 | 367000.0000 | 0.0000
-- 275 | 2005 | 556000.0000 | 367000.0000
-- 275 | 2006 | 502000.0000 | 556000.0000
-- 275 | 2006 | 550000.0000 | 502000.0000
-- 275 | 2006 | 1429000.0000 | 550000.0000
-- 275 | 2006 | 1324000.0000 | 1429000.0000
GO
-- LAG B
SELECT TerritoryName, BusinessEntityID, SalesYTD,
       LAG (SalesYTD, 1, 0) OVER (PARTITION BY TerritoryName ORDER BY SalesYTD DESC) AS PrevRepSales
FROM Sales.vSalesPerson
WHERE TerritoryName IN (N'Northwest', N'Canada')
ORDER BY TerritoryName, SalesYTD DESC;
-- expect: TerritoryName | BusinessEntityID | SalesYTD | PrevRepSales
-- Canada | 282 | 2604540.7172 | 0.0000
-- Canada | 278 | 1453719.4653 | 2604540.7172
-- Northwest | 284 | 1576562.1966 | 0.0000
-- Northwest | 283 | 1573012.9383 | 1576562.1966
-- Northwest | 280 | 1352577.1325 | 1573012.9383
GO
-- LAG C and LEAD C
CREATE TABLE T (a INT, b INT, c INT);
GO
INSERT INTO T VALUES (1, 1, -3), (2, 2, 4), (3, 1, NULL), (4, 3, 1), (5, 2, NULL), (6, 1, 5);

SELECT b, c,
    LAG(2*c, b*(SELECT MIN(b) FROM T), -c/2.0) OVER (ORDER BY a) AS i
FROM T ORDER BY a;
-- expect: b | c | i
-- 1 | -3 | 1
-- 2 | 4 | -2
-- 1 | NULL | 8
-- 3 | 1 | -6
-- 2 | NULL | NULL
-- 1 | 5 | NULL
GO
SELECT b, c,
    LEAD(2*c, b*(SELECT MIN(b) FROM T), -c/2.0) OVER (ORDER BY a) AS i
FROM T ORDER BY a;
-- expect: b | c | i
-- 1 | -3 | 8
-- 2 | 4 | 2
-- 1 | NULL | 2
-- 3 | 1 | 0
-- 2 | NULL | NULL
-- 1 | 5 | -2
GO
-- LAG D and LEAD D. The pages misprint the third row's year (2001) and
-- four Diff values (-70000 for 7000 - 140000, …); the rest is theirs.
SELECT CalendarYear, CalendarQuarter, SalesAmountQuota AS SalesQuota,
       LAG(SalesAmountQuota,1,0) OVER (ORDER BY CalendarYear, CalendarQuarter) AS PrevQuota,
       SalesAmountQuota - LAG(SalesAmountQuota,1,0) OVER (ORDER BY CalendarYear, CalendarQuarter) AS Diff
FROM dbo.FactSalesQuota
WHERE EmployeeKey = 272 AND CalendarYear IN (2001, 2002)
ORDER BY CalendarYear, CalendarQuarter;
-- expect: CalendarYear | CalendarQuarter | SalesQuota | PrevQuota | Diff
-- 2001 | 3 | 28000.0000 | 0.0000 | 28000.0000
-- 2001 | 4 | 7000.0000 | 28000.0000 | -21000.0000
-- 2002 | 1 | 91000.0000 | 7000.0000 | 84000.0000
-- 2002 | 2 | 140000.0000 | 91000.0000 | 49000.0000
-- 2002 | 3 | 7000.0000 | 140000.0000 | -133000.0000
-- 2002 | 4 | 154000.0000 | 7000.0000 | 147000.0000
GO
SELECT CalendarYear AS Year, CalendarQuarter AS Quarter, SalesAmountQuota AS SalesQuota,
       LEAD(SalesAmountQuota,1,0) OVER (ORDER BY CalendarYear, CalendarQuarter) AS NextQuota,
   SalesAmountQuota - LEAD(SalesAmountQuota,1,0) OVER (ORDER BY CalendarYear, CalendarQuarter) AS Diff
FROM dbo.FactSalesQuota
WHERE EmployeeKey = 272 AND CalendarYear IN (2001,2002)
ORDER BY CalendarYear, CalendarQuarter;
-- expect: Year | Quarter | SalesQuota | NextQuota | Diff
-- 2001 | 3 | 28000.0000 | 7000.0000 | 21000.0000
-- 2001 | 4 | 7000.0000 | 91000.0000 | -84000.0000
-- 2002 | 1 | 91000.0000 | 140000.0000 | -49000.0000
-- 2002 | 2 | 140000.0000 | 7000.0000 | 133000.0000
-- 2002 | 3 | 7000.0000 | 154000.0000 | -147000.0000
-- 2002 | 4 | 154000.0000 | 0.0000 | 154000.0000
GO
-- The offset may not be negative (the LAG page's Arguments).
SELECT LAG(a, -1) OVER (ORDER BY a) AS x FROM T
-- expect: x
-- error: 8730 Offset parameter for Lag and Lead functions cannot be a negative value.
GO
-- LEAD A
SELECT BusinessEntityID, YEAR(QuotaDate) AS SalesYear, SalesQuota AS CurrentQuota,
    LEAD(SalesQuota, 1,0) OVER (ORDER BY YEAR(QuotaDate), QuotaDate) AS NextQuota
FROM Sales.SalesPersonQuotaHistory
WHERE BusinessEntityID = 275 AND YEAR(QuotaDate) IN ('2005','2006')
ORDER BY QuotaDate;
-- expect: BusinessEntityID | SalesYear | CurrentQuota | NextQuota
-- 275 | 2005 | 367000.0000 | 556000.0000
-- 275 | 2005 | 556000.0000 | 502000.0000
-- 275 | 2006 | 502000.0000 | 550000.0000
-- 275 | 2006 | 550000.0000 | 1429000.0000
-- 275 | 2006 | 1429000.0000 | 1324000.0000
-- 275 | 2006 | 1324000.0000 | 0.0000
GO
-- LEAD B
SELECT TerritoryName, BusinessEntityID, SalesYTD,
       LEAD (SalesYTD, 1, 0) OVER (PARTITION BY TerritoryName ORDER BY SalesYTD DESC) AS NextRepSales
FROM Sales.vSalesPerson
WHERE TerritoryName IN (N'Northwest', N'Canada')
ORDER BY TerritoryName, SalesYTD DESC;
-- expect: TerritoryName | BusinessEntityID | SalesYTD | NextRepSales
-- Canada | 282 | 2604540.7172 | 1453719.4653
-- Canada | 278 | 1453719.4653 | 0.0000
-- Northwest | 284 | 1576562.1966 | 1573012.9383
-- Northwest | 283 | 1573012.9383 | 1352577.1325
-- Northwest | 280 | 1352577.1325 | 0.0000
GO
-- FIRST_VALUE B's shape on our pay table
SELECT Department, LastName, Rate,
       FIRST_VALUE(LastName) OVER (PARTITION BY Department
                                   ORDER BY Rate ASC, Seq
                                   ROWS UNBOUNDED PRECEDING
                                  ) AS FewestVacationHours
FROM dbo.EmployeePay
WHERE Department IN (N'Document Control', N'Engineering')
ORDER BY Department, Seq;
-- expect: Department | LastName | Rate | FewestVacationHours
-- Document Control | Chai | 10.2500 | Chai
-- Document Control | Berge | 10.2500 | Chai
-- Document Control | Norred | 16.8269 | Chai
-- Document Control | Kharatishvili | 16.8269 | Chai
-- Document Control | Arifin | 17.7885 | Chai
-- Engineering | Tamburello | 36.0577 | Duffy
-- Engineering | Duffy | 32.6923 | Duffy
GO
-- LAST_VALUE A: the default frame ends at the last peer of the row's Rate
SELECT Department, LastName, Rate, HireDate,
    LAST_VALUE(HireDate) OVER (PARTITION BY Department ORDER BY Rate) AS LastValue
FROM dbo.EmployeePay
WHERE Department IN (N'Information Services',N'Document Control')
ORDER BY Seq;
-- expect: Department | LastName | Rate | HireDate | LastValue
-- Document Control | Chai | 10.2500 | 2003-02-23 | 2003-03-13
-- Document Control | Berge | 10.2500 | 2003-03-13 | 2003-03-13
-- Document Control | Norred | 16.8269 | 2003-04-07 | 2003-01-17
-- Document Control | Kharatishvili | 16.8269 | 2003-01-17 | 2003-01-17
-- Document Control | Arifin | 17.7885 | 2003-02-05 | 2003-02-05
-- Information Services | Berg | 27.4038 | 2003-03-20 | 2003-01-24
-- Information Services | Meyyappan | 27.4038 | 2003-03-07 | 2003-01-24
-- Information Services | Bacon | 27.4038 | 2003-02-12 | 2003-01-24
-- Information Services | Bueno | 27.4038 | 2003-01-24 | 2003-01-24
-- Information Services | Sharma | 32.4519 | 2003-01-05 | 2003-03-27
-- Information Services | Connelly | 32.4519 | 2003-03-27 | 2003-03-27
-- Information Services | Ajenstat | 38.4615 | 2003-02-18 | 2003-02-23
-- Information Services | Wilson | 38.4615 | 2003-02-23 | 2003-02-23
-- Information Services | Conroy | 39.6635 | 2003-03-08 | 2003-03-08
-- Information Services | Trenary | 50.4808 | 2003-01-12 | 2003-01-12
GO
-- LAST_VALUE B
SELECT BusinessEntityID, DATEPART(QUARTER,QuotaDate)AS Quarter, YEAR(QuotaDate) AS SalesYear,
    SalesQuota AS QuotaThisQuarter,
    SalesQuota - FIRST_VALUE(SalesQuota)
        OVER (PARTITION BY BusinessEntityID, YEAR(QuotaDate)
              ORDER BY DATEPART(QUARTER,QuotaDate) ) AS DifferenceFromFirstQuarter,
    SalesQuota - LAST_VALUE(SalesQuota)
        OVER (PARTITION BY BusinessEntityID, YEAR(QuotaDate)
              ORDER BY DATEPART(QUARTER,QuotaDate)
              RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING ) AS DifferenceFromLastQuarter
FROM Sales.SalesPersonQuotaHistory
WHERE YEAR(QuotaDate) > 2005
AND BusinessEntityID BETWEEN 274 AND 275
ORDER BY BusinessEntityID, SalesYear, Quarter;
-- expect: BusinessEntityID | Quarter | SalesYear | QuotaThisQuarter | DifferenceFromFirstQuarter | DifferenceFromLastQuarter
-- 274 | 1 | 2006 | 91000.0000 | 0.0000 | -63000.0000
-- 274 | 2 | 2006 | 140000.0000 | 49000.0000 | -14000.0000
-- 274 | 3 | 2006 | 70000.0000 | -21000.0000 | -84000.0000
-- 274 | 4 | 2006 | 154000.0000 | 63000.0000 | 0.0000
-- 274 | 1 | 2007 | 107000.0000 | 0.0000 | -9000.0000
-- 274 | 2 | 2007 | 58000.0000 | -49000.0000 | -58000.0000
-- 274 | 3 | 2007 | 263000.0000 | 156000.0000 | 147000.0000
-- 274 | 4 | 2007 | 116000.0000 | 9000.0000 | 0.0000
-- 274 | 1 | 2008 | 84000.0000 | 0.0000 | -103000.0000
-- 274 | 2 | 2008 | 187000.0000 | 103000.0000 | 0.0000
-- 275 | 1 | 2006 | 502000.0000 | 0.0000 | -822000.0000
-- 275 | 2 | 2006 | 550000.0000 | 48000.0000 | -774000.0000
-- 275 | 3 | 2006 | 1429000.0000 | 927000.0000 | 105000.0000
-- 275 | 4 | 2006 | 1324000.0000 | 822000.0000 | 0.0000
-- 275 | 1 | 2007 | 729000.0000 | 0.0000 | -489000.0000
-- 275 | 2 | 2007 | 1194000.0000 | 465000.0000 | -24000.0000
-- 275 | 3 | 2007 | 1575000.0000 | 846000.0000 | 357000.0000
-- 275 | 4 | 2007 | 1218000.0000 | 489000.0000 | 0.0000
-- 275 | 1 | 2008 | 849000.0000 | 0.0000 | -20000.0000
-- 275 | 2 | 2008 | 869000.0000 | 20000.0000 | 0.0000
GO
-- NTILE A and B
SELECT FirstName, LastName
    ,NTILE(4) OVER(ORDER BY SalesYTD DESC) AS Quartile
    ,CONVERT(nvarchar(20),SalesYTD,1) AS SalesYTD
    , PostalCode
FROM Sales.vSalesPerson
WHERE TerritoryID IS NOT NULL
    AND SalesYTD <> 0
ORDER BY Quartile, 4 DESC;
-- expect: FirstName | LastName | Quartile | SalesYTD | PostalCode
-- Linda | Mitchell | 1 | 4,251,368.55 | 98027
-- Jae | Pak | 1 | 4,116,871.23 | 98055
-- Michael | Blythe | 1 | 3,763,178.18 | 98027
-- Jillian | Carson | 1 | 3,189,418.37 | 98027
-- Ranjit | Varkey Chudukatil | 2 | 3,121,616.32 | 98055
-- José | Saraiva | 2 | 2,604,540.72 | 98055
-- Shu | Ito | 2 | 2,458,535.62 | 98055
-- Tsvi | Reiter | 2 | 2,315,185.61 | 98027
-- Rachel | Valdez | 3 | 1,827,066.71 | 98055
-- Tete | Mensa-Annan | 3 | 1,576,562.20 | 98055
-- David | Campbell | 3 | 1,573,012.94 | 98055
-- Garrett | Vargas | 4 | 1,453,719.47 | 98027
-- Lynn | Tsoflias | 4 | 1,421,810.92 | 98055
-- Pamela | Ansman-Wolfe | 4 | 1,352,577.13 | 98027
GO
DECLARE @NTILE_Var int = 4;

SELECT FirstName, LastName
    ,NTILE(@NTILE_Var) OVER(PARTITION BY PostalCode ORDER BY SalesYTD DESC) AS Quartile
    ,CONVERT(nvarchar(20),SalesYTD,1) AS SalesYTD
    ,PostalCode
FROM Sales.vSalesPerson
WHERE TerritoryID IS NOT NULL
    AND SalesYTD <> 0
ORDER BY PostalCode, Quartile, SalesYTD DESC;
-- expect: FirstName | LastName | Quartile | SalesYTD | PostalCode
-- Linda | Mitchell | 1 | 4,251,368.55 | 98027
-- Michael | Blythe | 1 | 3,763,178.18 | 98027
-- Jillian | Carson | 2 | 3,189,418.37 | 98027
-- Tsvi | Reiter | 2 | 2,315,185.61 | 98027
-- Garrett | Vargas | 3 | 1,453,719.47 | 98027
-- Pamela | Ansman-Wolfe | 4 | 1,352,577.13 | 98027
-- Jae | Pak | 1 | 4,116,871.23 | 98055
-- Ranjit | Varkey Chudukatil | 1 | 3,121,616.32 | 98055
-- José | Saraiva | 2 | 2,604,540.72 | 98055
-- Shu | Ito | 2 | 2,458,535.62 | 98055
-- Rachel | Valdez | 3 | 1,827,066.71 | 98055
-- Tete | Mensa-Annan | 3 | 1,576,562.20 | 98055
-- David | Campbell | 4 | 1,573,012.94 | 98055
-- Lynn | Tsoflias | 4 | 1,421,810.92 | 98055
GO
-- CUME_DIST and PERCENT_RANK (LastName breaks the display order's ties)
SELECT Department, LastName, Rate,
       CUME_DIST () OVER (PARTITION BY Department ORDER BY Rate) AS CumeDist,
       PERCENT_RANK() OVER (PARTITION BY Department ORDER BY Rate ) AS PctRank
FROM dbo.EmployeePay
WHERE Department IN (N'Information Services',N'Document Control')
ORDER BY Department, Rate DESC, LastName;
-- expect: Department | LastName | Rate | CumeDist | PctRank
-- Document Control | Arifin | 17.7885 | 1 | 1
-- Document Control | Kharatishvili | 16.8269 | 0.8 | 0.5
-- Document Control | Norred | 16.8269 | 0.8 | 0.5
-- Document Control | Berge | 10.2500 | 0.4 | 0
-- Document Control | Chai | 10.2500 | 0.4 | 0
-- Information Services | Trenary | 50.4808 | 1 | 1
-- Information Services | Conroy | 39.6635 | 0.9 | 0.8888888888888888
-- Information Services | Ajenstat | 38.4615 | 0.8 | 0.6666666666666666
-- Information Services | Wilson | 38.4615 | 0.8 | 0.6666666666666666
-- Information Services | Connelly | 32.4519 | 0.6 | 0.4444444444444444
-- Information Services | Sharma | 32.4519 | 0.6 | 0.4444444444444444
-- Information Services | Bacon | 27.4038 | 0.4 | 0
-- Information Services | Berg | 27.4038 | 0.4 | 0
-- Information Services | Bueno | 27.4038 | 0.4 | 0
-- Information Services | Meyyappan | 27.4038 | 0.4 | 0
GO
-- PERCENTILE_CONT and PERCENTILE_DISC A
SELECT DISTINCT Department AS DepartmentName
      ,PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY Rate)
                            OVER (PARTITION BY Department) AS MedianCont
      ,PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY Rate)
                            OVER (PARTITION BY Department) AS MedianDisc
FROM dbo.EmployeePay
WHERE Department <> N'Information Services'
ORDER BY DepartmentName;
-- expect: DepartmentName | MedianCont | MedianDisc
-- Document Control | 16.8269 | 16.8269
-- Engineering | 34.375 | 32.6923
-- Executive | 54.32695 | 48.5577
-- Human Resources | 17.42785 | 16.5865
GO
