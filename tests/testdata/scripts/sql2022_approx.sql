-- SQL Server 2022 APPROX_PERCENTILE_CONT / APPROX_PERCENTILE_DISC (issue
-- #5): aggregates over GROUP BY groups, WITHIN GROUP, no OVER. SQL Server's
-- KLL sketch is within 1.33 % rank error of the exact percentile, which is
-- what these results are (the reference pages' example table).
SET NOCOUNT ON
DROP TABLE IF EXISTS tblEmployee
CREATE TABLE tblEmployee (EmplId INT IDENTITY(1,1) PRIMARY KEY CLUSTERED, DeptId INT, Salary int)
INSERT INTO tblEmployee VALUES (1, 31),(1, 33), (1, 18), (2, 25),(2, 35),(2, 10), (2, 10),(3, 1), (3,NULL), (4,NULL), (4,NULL)
GO
SELECT DeptId, APPROX_PERCENTILE_CONT(0.10) WITHIN GROUP(ORDER BY Salary) AS 'P10', APPROX_PERCENTILE_CONT(0.90) WITHIN GROUP(ORDER BY Salary) AS 'P90'
FROM tblEmployee GROUP BY DeptId ORDER BY DeptId
-- expect: DeptId | P10 | P90
-- 1 | 20.6 | 32.6
-- 2 | 10 | 32
-- 3 | 1 | 1
-- 4 | NULL | NULL
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT DeptId, APPROX_PERCENTILE_DISC(0.10) WITHIN GROUP(ORDER BY Salary) AS 'P10', APPROX_PERCENTILE_DISC(0.90) WITHIN GROUP(ORDER BY Salary) AS 'P90'
FROM tblEmployee GROUP BY DeptId ORDER BY DeptId
-- expect: DeptId | P10 | P90
-- 1 | 18 | 33
-- 2 | 10 | 35
-- 3 | 1 | 1
-- 4 | NULL | NULL
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
-- The whole table as one group, DESC order, beside other aggregates and in HAVING.
SELECT APPROX_PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY Salary) AS med, APPROX_PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY Salary DESC) AS meddesc,
       APPROX_PERCENTILE_DISC(0) WITHIN GROUP (ORDER BY Salary) AS lo, APPROX_PERCENTILE_DISC(1) WITHIN GROUP (ORDER BY Salary) AS hi, COUNT(Salary) AS n
FROM tblEmployee
-- expect: med | meddesc | lo | hi | n
-- 21.5 | 25 | 1 | 35 | 8
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT DeptId FROM tblEmployee GROUP BY DeptId HAVING APPROX_PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY Salary) > 20 ORDER BY DeptId
-- expect: DeptId
-- 1
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT APPROX_PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY Salary) AS none FROM tblEmployee WHERE 1 = 0
-- expect: none
-- NULL
GO
SELECT APPROX_PERCENTILE_CONT(1.5) WITHIN GROUP (ORDER BY Salary) FROM tblEmployee
-- error: 10755 The percentile argument of the function 'approx_percentile_cont' must be between 0.0 and 1.0.
GO
SELECT APPROX_PERCENTILE_DISC(Salary) WITHIN GROUP (ORDER BY Salary) FROM tblEmployee
-- error: 10755 The percentile argument of the function 'approx_percentile_disc' must be a numeric constant.
GO
SELECT APPROX_PERCENTILE_CONT(0.5) FROM tblEmployee
-- error: 10754 The function 'approx_percentile_cont' must have a WITHIN GROUP clause.
GO
SELECT APPROX_PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST(Salary AS varchar(10))) FROM tblEmployee
-- error: 8116 Argument data type varchar is invalid for argument 1 of approx_percentile_cont function.
GO
DROP TABLE tblEmployee
GO
