-- SQL Server runs triggers with XACT_ABORT ON (SET XACT_ABORT: "ON is the
-- default setting in a trigger"): an error in a trigger's body ends the
-- firing statement, the batch and the transaction, a name-resolution error
-- (208, deferred to when the trigger runs) as much as a runtime one. The
-- trigger is a scope of its own, so a TRY around the firing statement
-- catches its 208, with the trigger's line and name, and the transaction
-- is doomed (issue #5).
CREATE TABLE t (a int)
CREATE TABLE aud (a int)
GO
CREATE TRIGGER trg ON t AFTER INSERT AS
BEGIN
    INSERT aud SELECT a FROM inserted
    IF (SELECT MAX(a) FROM inserted) = 10 SELECT 1 / 0 AS z
    IF (SELECT MAX(a) FROM inserted) = 20 INSERT nope SELECT a FROM inserted
    PRINT 'in trigger after'
END
GO
INSERT t VALUES (20)
SELECT 'after' AS s
-- error: 208 Invalid object name 'nope'.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n, (SELECT COUNT(*) FROM aud) AS m
-- expect: tc | n | m
-- 0 | 0 | 0
GO
BEGIN TRAN
INSERT t VALUES (1)
INSERT t VALUES (20)
SELECT 'after' AS s
-- message: in trigger after
-- error: 208 Invalid object name 'nope'.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n, (SELECT COUNT(*) FROM aud) AS m
-- expect: tc | n | m
-- 0 | 0 | 0
GO
BEGIN TRAN
INSERT t VALUES (1)
INSERT t VALUES (10)
SELECT 'after' AS s
-- message: in trigger after
-- expect: z
-- error: 8134 Divide by zero error encountered.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n, (SELECT COUNT(*) FROM aud) AS m
-- expect: tc | n | m
-- 0 | 0 | 0
GO
BEGIN TRAN
BEGIN TRY
    INSERT t VALUES (20)
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_LINE() AS line, ERROR_PROCEDURE() AS p, XACT_STATE() AS xs
    ROLLBACK
END CATCH
SELECT 'after' AS s, @@TRANCOUNT AS tc
-- expect: num | line | p | xs
-- 208 | 5 | trg | -1
-- expect: s | tc
-- after | 0
GO
SELECT (SELECT COUNT(*) FROM t) AS n, (SELECT COUNT(*) FROM aud) AS m
-- expect: n | m
-- 0 | 0
GO
