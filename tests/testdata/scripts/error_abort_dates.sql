-- The date/time conversion errors are batch-aborting like 245: 241 (text
-- that is no date), 242 (a date outside datetime's or smalldatetime's
-- range) and 295 (text that is no smalldatetime) end the batch and roll the
-- open transaction back; caught, they doom it (XACT_STATE() = -1). Sommarskog,
-- "Error Handling in SQL Server": most conversion errors abort the batch,
-- and a batch-abort rolls back the transaction (issue #5).
CREATE TABLE t (a int)
CREATE TABLE d (dt datetime, sd smalldatetime)
GO
BEGIN TRAN
INSERT t VALUES (1)
SELECT CONVERT(datetime, 'x') AS c
SELECT 'after' AS s
-- expect: c
-- error: 241 Conversion failed when converting date and/or time from character string.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n
-- expect: tc | n
-- 0 | 0
GO
BEGIN TRAN
INSERT t VALUES (1)
SELECT CAST('1600-01-01' AS datetime) AS c
SELECT 'after' AS s
-- expect: c
-- error: 242 The conversion of a varchar data type to a datetime data type resulted in an out-of-range value.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n
-- expect: tc | n
-- 0 | 0
GO
BEGIN TRAN
INSERT t VALUES (1)
SELECT CONVERT(smalldatetime, '2011 Febraury 01') AS c
SELECT 'after' AS s
-- expect: c
-- error: 295 Conversion failed when converting character string to smalldatetime data type.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n
-- expect: tc | n
-- 0 | 0
GO
BEGIN TRAN
INSERT t VALUES (1)
INSERT d (sd) VALUES ('1800-01-01')
SELECT 'after' AS s
-- error: 242 The conversion of a varchar data type to a smalldatetime data type resulted in an out-of-range value.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n, (SELECT COUNT(*) FROM d) AS m
-- expect: tc | n | m
-- 0 | 0 | 0
GO
BEGIN TRAN
INSERT t VALUES (1)
INSERT d (dt) VALUES ('not a date')
SELECT 'after' AS s
-- error: 241 Conversion failed when converting date and/or time from character string.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n, (SELECT COUNT(*) FROM d) AS m
-- expect: tc | n | m
-- 0 | 0 | 0
GO
CREATE PROCEDURE conv_date AS
BEGIN
    SELECT CONVERT(date, 'p') AS c
    SELECT 'in proc after' AS s
END
GO
BEGIN TRAN
INSERT t VALUES (1)
EXEC conv_date
SELECT 'after' AS s
-- expect: c
-- error: 241 Conversion failed when converting date and/or time from character string.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n
-- expect: tc | n
-- 0 | 0
GO
BEGIN TRAN
INSERT t VALUES (1)
BEGIN TRY
    SELECT CONVERT(datetime, '2023-02-30') AS c
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_STATE() AS st, XACT_STATE() AS xs
    ROLLBACK
END CATCH
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n
-- expect: c
-- expect: num | st | xs
-- 242 | 3 | -1
-- expect: tc | n
-- 0 | 0
GO
SELECT TRY_CONVERT(smalldatetime, 'x') AS a, TRY_CAST('1600-01-01' AS datetime) AS b
-- expect: a | b
-- NULL | NULL
GO
