-- Batch abortion reaches through dynamic SQL and procedures: a conversion
-- error (245, 8114) ends the caller's batch too and rolls back the open
-- transaction; a name-resolution error (208) in an inner scope ends only that
-- scope (Sommarskog, "Error and Transaction Handling in SQL Server" part 2:
-- batch-abortion vs scope-abortion; issue #5).
CREATE TABLE t (a int)
GO
EXEC('SELECT CONVERT(int, ''x'') AS c')
SELECT 'after' AS s
-- expect: c
-- error: 245 Conversion failed when converting the varchar value 'x' to data type int.
GO
EXEC sp_executesql N'SELECT CONVERT(int, @p) AS c', N'@p varchar(5)', 'y'
SELECT 'after' AS s
-- expect: c
-- error: 245 Conversion failed when converting the varchar value 'y' to data type int.
GO
BEGIN TRAN
INSERT t VALUES (1)
EXEC('SELECT CONVERT(int, ''x'') AS c')
SELECT 'after' AS s
-- expect: c
-- error: 245 Conversion failed when converting the varchar value 'x' to data type int.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n
-- expect: tc | n
-- 0 | 0
GO
BEGIN TRAN
INSERT t VALUES (1)
SELECT CONVERT(int, 'z') AS c
-- expect: c
-- error: 245 Conversion failed when converting the varchar value 'z' to data type int.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n
-- expect: tc | n
-- 0 | 0
GO
CREATE PROCEDURE conv AS
BEGIN
    SELECT CONVERT(int, 'p') AS c
    SELECT 'in proc after' AS s
END
GO
EXEC conv
SELECT 'after' AS s
-- expect: c
-- error: 245 Conversion failed when converting the varchar value 'p' to data type int.
GO
CREATE PROCEDURE missing AS
BEGIN
    SELECT * FROM nope
    SELECT 'in proc after' AS s
END
GO
EXEC missing
SELECT 'after' AS s
-- error: 208 Invalid object name 'nope'.
-- expect: s
-- after
GO
EXEC('SELECT * FROM nope')
SELECT 'after' AS s
-- error: 208 Invalid object name 'nope'.
-- expect: s
-- after
GO
BEGIN TRY
    EXEC('SELECT CONVERT(int, ''x'') AS c')
    SELECT 'skipped' AS s
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_LINE() AS line
END CATCH
SELECT 'after' AS s
-- expect: c
-- expect: num | line
-- 245 | 1
-- expect: s
-- after
GO
SET XACT_ABORT ON
BEGIN TRAN
INSERT t VALUES (1)
EXEC('INSERT t VALUES (2); RAISERROR(''r'', 16, 1); SELECT 1/0 AS d')
SELECT 'after' AS s
-- error: 50000 r
-- expect: d
-- error: 8134 Divide by zero error encountered.
GO
SET XACT_ABORT OFF
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n
-- expect: tc | n
-- 0 | 0
GO
