-- Documented examples of FROM … CROSS APPLY / OUTER APPLY ("FROM clause
-- plus JOIN, APPLY, PIVOT (Transact-SQL)", example L "Use APPLY": the
-- departments, their managers and GetReports(MgrID), the employees who
-- report to a manager directly or indirectly) and of APPROX_PERCENTILE_CONT
-- and APPROX_PERCENTILE_DISC (learn.microsoft.com/sql/t-sql/functions/
-- approx-percentile-cont-transact-sql, approx-percentile-disc-transact-sql).
-- The tables' rows are our own: the FROM page does not show them. The
-- percentile pages print no result; with so few rows the sketch is exact,
-- so the results are PERCENTILE_CONT's and PERCENTILE_DISC's (float for
-- CONT, the column's type for DISC; NULLs ignored).
CREATE TABLE Departments (DeptID int PRIMARY KEY, DivisionID int, DeptName varchar(30), DeptMgrID int)
CREATE TABLE Employees (EmpID int PRIMARY KEY, EmpLastName varchar(30), EmpFirstName varchar(30), EmpSalary int)
CREATE TABLE EmpMgr (MgrID int, EmpID int)
INSERT Departments VALUES (1, 1, 'Sales', 10), (2, 1, 'Support', 20), (3, 2, 'Empty', 30)
INSERT Employees VALUES (10, 'Boss', 'Ann', 300), (11, 'Smith', 'Bob', 100), (12, 'Jones', 'Cy', 90), (13, 'Lee', 'Di', 80),
 (20, 'Head', 'Ed', 250), (21, 'Park', 'Flo', 120), (30, 'Solo', 'Gus', 200)
INSERT EmpMgr VALUES (10, 11), (10, 12), (12, 13), (20, 21)
GO
CREATE FUNCTION dbo.GetReports(@MgrID int)
RETURNS @reports TABLE (EmpID int, EmpLastName varchar(30), EmpSalary int)
AS
BEGIN
  WITH r AS (
    SELECT e.EmpID FROM EmpMgr AS e WHERE e.MgrID = @MgrID
    UNION ALL
    SELECT e.EmpID FROM EmpMgr AS e JOIN r ON e.MgrID = r.EmpID)
  INSERT @reports SELECT emp.EmpID, emp.EmpLastName, emp.EmpSalary FROM r JOIN Employees AS emp ON emp.EmpID = r.EmpID;
  RETURN;
END
GO
-- FROM L. CROSS APPLY: a department whose manager has no reports has no row
SELECT DeptID, DeptName, DeptMgrID, EmpID, EmpLastName, EmpSalary
FROM Departments d CROSS APPLY dbo.GetReports(d.DeptMgrID)
ORDER BY DeptID, EmpID;
-- expect: DeptID | DeptName | DeptMgrID | EmpID | EmpLastName | EmpSalary
-- 1 | Sales | 10 | 11 | Smith | 100
-- 1 | Sales | 10 | 12 | Jones | 90
-- 1 | Sales | 10 | 13 | Lee | 80
-- 2 | Support | 20 | 21 | Park | 120
GO
-- OUTER APPLY keeps it, with NULLs
SELECT DeptID, DeptName, DeptMgrID, EmpID, EmpLastName, EmpSalary
FROM Departments d OUTER APPLY dbo.GetReports(d.DeptMgrID)
ORDER BY DeptID, EmpID;
-- expect: DeptID | DeptName | DeptMgrID | EmpID | EmpLastName | EmpSalary
-- 1 | Sales | 10 | 11 | Smith | 100
-- 1 | Sales | 10 | 12 | Jones | 90
-- 1 | Sales | 10 | 13 | Lee | 80
-- 2 | Support | 20 | 21 | Park | 120
-- 3 | Empty | 30 | NULL | NULL | NULL
GO
-- APPLY with a derived table: the top earner among each manager's direct
-- reports, and an inline aggregate per row
SELECT d.DeptName, t.EmpLastName, t.EmpSalary, s.n
FROM Departments AS d
OUTER APPLY (SELECT TOP (1) e.EmpLastName, e.EmpSalary FROM EmpMgr AS m JOIN Employees AS e ON e.EmpID = m.EmpID
             WHERE m.MgrID = d.DeptMgrID ORDER BY e.EmpSalary DESC) AS t
CROSS APPLY (SELECT COUNT(*) AS n FROM EmpMgr AS m WHERE m.MgrID = d.DeptMgrID) AS s
ORDER BY d.DeptID;
-- expect: DeptName | EmpLastName | EmpSalary | n
-- Sales | Smith | 100 | 2
-- Support | Park | 120 | 1
-- Empty | NULL | NULL | 0
GO
-- APPLY of a table value constructor that reads the outer row (unpivoting)
SELECT e.EmpID, v.k, v.val
FROM Employees AS e CROSS APPLY (VALUES ('salary', e.EmpSalary), ('id', e.EmpID)) AS v (k, val)
WHERE e.EmpID IN (11, 21) ORDER BY e.EmpID, v.k;
-- expect: EmpID | k | val
-- 11 | id | 11
-- 11 | salary | 100
-- 21 | id | 21
-- 21 | salary | 120
GO
-- APPROX_PERCENTILE_CONT / APPROX_PERCENTILE_DISC: the page's example
SET NOCOUNT ON
GO
DROP TABLE IF EXISTS tblEmployee;
GO
CREATE TABLE tblEmployee (
EmplId INT IDENTITY(1,1) PRIMARY KEY CLUSTERED,
DeptId INT,
Salary int);
GO
INSERT INTO tblEmployee
VALUES (1, 31),(1, 33), (1, 18), (2, 25),(2, 35),(2, 10), (2, 10),(3,
1), (3,NULL), (4,NULL), (4,NULL);
GO
-- (ANSI_WARNINGS OFF: whether these aggregates warn that NULLs were
-- eliminated, as SUM does, is not documented)
SET ANSI_WARNINGS OFF;
SELECT DeptId,
APPROX_PERCENTILE_CONT(0.10) WITHIN GROUP(ORDER BY Salary) AS 'P10',
APPROX_PERCENTILE_CONT(0.90) WITHIN GROUP(ORDER BY Salary) AS 'P90'
FROM tblEmployee
GROUP BY DeptId ORDER BY DeptId;
SELECT DeptId,
APPROX_PERCENTILE_DISC(0.10) WITHIN GROUP(ORDER BY Salary) AS 'P10',
APPROX_PERCENTILE_DISC(0.90) WITHIN GROUP(ORDER BY Salary) AS 'P90'
FROM tblEmployee
GROUP BY DeptId ORDER BY DeptId;
SET ANSI_WARNINGS ON;
-- expect: DeptId | P10 | P90
-- 1 | 20.6 | 32.6
-- 2 | 10 | 32
-- 3 | 1 | 1
-- 4 | NULL | NULL
-- expect: DeptId | P10 | P90
-- 1 | 18 | 33
-- 2 | 10 | 35
-- 3 | 1 | 1
-- 4 | NULL | NULL
GO
