-- Name-resolution, syntax and object errors; which errors end the batch.
CREATE TABLE dbo.e (a int, b int)
CREATE TABLE dbo.f (a int)
GO
SELECT zz FROM dbo.e
-- error: 207 Invalid column name 'zz'.
GO
SELECT * FROM dbo.nope
-- error: 208 Invalid object name 'dbo.nope'.
GO
SELECT a FROM dbo.e CROSS JOIN dbo.f
-- error: 209 Ambiguous column name 'a'.
GO
SELECT @nope
-- error: 137 Must declare the scalar variable "@nope".
GO
CREATE TABLE dbo.e (x int)
-- error: 2714 There is already an object named 'e' in the database.
GO
DROP TABLE dbo.nope
-- error: 3701 Cannot drop the table 'dbo.nope', because it does not exist or you do not have permission.
GO
USE nope
-- error: 911 Database 'nope' does not exist. Make sure that the name is entered correctly.
GO
CREATE DATABASE master
-- error: 1801 Database 'master' already exists. Choose a different database name.
GO
SELECT FROM dbo.e
-- error: 156 Incorrect syntax near the keyword 'FROM'.
GO
SELECT 1 +
-- error: 102
GO
-- a compile error stops the whole batch before anything runs
SELECT 1 AS first
SELECT zz FROM dbo.e
-- error: 207 Invalid column name 'zz'.
GO
-- a missing object (deferred name resolution) ends the batch at that statement
SELECT 1 AS first
SELECT * FROM dbo.nope
SELECT 2 AS second
-- expect: first
-- 1
-- error: 208 Invalid object name 'dbo.nope'.
GO
-- a run-time statement error does not end the batch
SELECT 1 / 0 AS a
SELECT 2 AS b
-- expect: a
-- error: 8134 Divide by zero error encountered.
-- expect: b
-- 2
GO
INSERT dbo.e (a, b, c) VALUES (1, 2, 3)
-- error: 207 Invalid column name 'c'.
GO
INSERT dbo.e VALUES (1)
-- error: 213 Column name or number of supplied values does not match table definition.
GO
INSERT dbo.e (a) VALUES (1, 2)
-- error: 110 There are fewer columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement.
GO
SELECT e.zz FROM dbo.e AS e
-- error: 207 Invalid column name 'zz'.
GO
SELECT x.a FROM dbo.e AS e
-- error: 4104 The multi-part identifier "x.a" could not be bound.
GO
EXEC('SELECT 42 AS dyn')
-- expect: dyn
-- 42
GO
EXEC sp_executesql N'SELECT @p * 2 AS doubled', N'@p int', @p = 21
-- expect: doubled
-- 42
GO
ALTER TABLE dbo.nope ADD c int
-- error: 4902 Cannot find the object "dbo.nope" because it does not exist or you do not have permissions.
GO
SELECT CAST('abc' AS int)
-- expect: -
-- error: 245 Conversion failed when converting the varchar value 'abc' to data type int.
GO
-- a GROUP BY error is a compile error too
SELECT 1 AS first
SELECT a, COUNT(*) AS n FROM dbo.e
-- error: 8118 Column 'dbo.e.a' is invalid in the select list because it is not contained in an aggregate function and there is no GROUP BY clause.
GO
SET NOCOUNT ON
SELECT 1 AS first
SELECT zz FROM dbo.e
SET NOCOUNT OFF
-- error: 207 Invalid column name 'zz'.
GO
