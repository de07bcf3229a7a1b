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
-- 208 | 5 | dbo.trg | -1
-- expect: s | tc
-- after | 0
GO
SELECT (SELECT COUNT(*) FROM t) AS n, (SELECT COUNT(*) FROM aud) AS m
-- expect: n | m
-- 0 | 0
GO
-- RAISERROR is not affected by the trigger's XACT_ABORT ON (SET
-- XACT_ABORT's page: THROW honors it, RAISERROR does not): its error is
-- sent, the trigger goes on and the firing statement stands.
CREATE TABLE t2 (a int)
GO
CREATE TRIGGER trg2 ON t2 AFTER INSERT AS
BEGIN
    RAISERROR('trg2 says %d', 16, 1, 7)
    PRINT 'trg2 goes on'
END
GO
INSERT t2 VALUES (1)
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t2) AS n
-- error: 50000 trg2 says 7
-- message: trg2 goes on
-- expect: tc | n
-- 0 | 1
GO
BEGIN TRAN
INSERT t2 VALUES (2)
SELECT @@TRANCOUNT AS tc, XACT_STATE() AS xs, (SELECT COUNT(*) FROM t2) AS n
COMMIT
-- error: 50000 trg2 says 7
-- message: trg2 goes on
-- expect: tc | xs | n
-- 1 | 1 | 2
GO
-- A procedure the trigger calls runs under the trigger's XACT_ABORT ON:
-- its error ends the batch and rolls the firing statement back, unless
-- the trigger SETs XACT_ABORT OFF first.
CREATE TABLE t4 (a int)
CREATE TABLE aud4 (a int)
GO
CREATE PROCEDURE p4 AS
    INSERT aud4 VALUES (1)
    INSERT aud4 VALUES (1 / 0)
    PRINT 'p4 goes on'
GO
CREATE TRIGGER trg4 ON t4 AFTER INSERT AS
BEGIN
    IF (SELECT MAX(a) FROM inserted) = 2 SET XACT_ABORT OFF
    EXEC p4
END
GO
INSERT t4 VALUES (1)
SELECT 'after' AS s
-- error: 8134 Divide by zero error encountered.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t4) AS n, (SELECT COUNT(*) FROM aud4) AS m
-- expect: tc | n | m
-- 0 | 0 | 0
GO
BEGIN TRAN
INSERT t4 VALUES (1)
SELECT 'after' AS s
-- error: 8134 Divide by zero error encountered.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t4) AS n, (SELECT COUNT(*) FROM aud4) AS m
-- expect: tc | n | m
-- 0 | 0 | 0
GO
INSERT t4 VALUES (2)
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t4) AS n, (SELECT COUNT(*) FROM aud4) AS m
-- error: 8134 Divide by zero error encountered.
-- message: The statement has been terminated.
-- message: p4 goes on
-- expect: tc | n | m
-- 0 | 1 | 1
GO
-- With no transaction open, the trigger runs in the firing statement's
-- own: @@TRANCOUNT is 1 there. An error out of it inside a TRY leaves that
-- transaction open and doomed for the CATCH block; a batch that ends with
-- it open rolls it back with 3998.
BEGIN TRY
    INSERT t VALUES (20)
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, @@TRANCOUNT AS tc, XACT_STATE() AS xs
END CATCH
SELECT 'after' AS s
-- expect: num | tc | xs
-- 208 | 1 | -1
-- expect: s
-- after
-- error: 3998 Uncommittable transaction is detected at the end of the batch. The transaction is rolled back.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t) AS n, (SELECT COUNT(*) FROM aud) AS m
-- expect: tc | n | m
-- 0 | 0 | 0
GO
-- A ROLLBACK in the trigger ends the transaction, the firing statement's
-- or the one open; the trigger goes on, then the batch ends with 3609.
CREATE TABLE t5 (a int)
GO
CREATE TRIGGER trg5 ON t5 AFTER INSERT AS
BEGIN
    SELECT @@TRANCOUNT AS tc_in, XACT_STATE() AS xs_in
    IF (SELECT MAX(a) FROM inserted) = 2
    BEGIN
        RAISERROR('no 2', 16, 1)
        ROLLBACK TRANSACTION
        PRINT 'after rollback'
    END
END
GO
INSERT t5 VALUES (1)
-- expect: tc_in | xs_in
-- 1 | 1
GO
INSERT t5 VALUES (2)
SELECT 'after' AS s
-- expect: tc_in | xs_in
-- 1 | 1
-- error: 50000 no 2
-- message: after rollback
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
BEGIN TRAN
INSERT t5 VALUES (3)
INSERT t5 VALUES (2)
SELECT 'after' AS s
-- expect: tc_in | xs_in
-- 1 | 1
-- expect: tc_in | xs_in
-- 1 | 1
-- error: 50000 no 2
-- message: after rollback
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM t5) AS n
-- expect: tc | n
-- 0 | 1
GO
