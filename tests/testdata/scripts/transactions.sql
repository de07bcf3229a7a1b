-- Transactions, nesting, savepoints, @@TRANCOUNT, XACT_STATE, XACT_ABORT.
CREATE TABLE dbo.t (id int PRIMARY KEY, v int)
GO
SELECT @@TRANCOUNT AS tc
-- expect: tc
-- 0
GO
BEGIN TRAN
INSERT dbo.t VALUES (1, 1)
BEGIN TRAN
SELECT @@TRANCOUNT AS tc
COMMIT
SELECT @@TRANCOUNT AS tc
COMMIT
SELECT @@TRANCOUNT AS tc, COUNT(*) AS n FROM dbo.t
-- expect: tc
-- 2
-- expect: tc
-- 1
-- expect: tc | n
-- 0 | 1
GO
-- ROLLBACK undoes every nesting level
BEGIN TRAN
BEGIN TRAN
INSERT dbo.t VALUES (2, 2)
ROLLBACK
SELECT @@TRANCOUNT AS tc, COUNT(*) AS n FROM dbo.t
-- expect: tc | n
-- 0 | 1
GO
BEGIN TRANSACTION
INSERT dbo.t VALUES (3, 3)
SAVE TRANSACTION sp1
INSERT dbo.t VALUES (4, 4)
ROLLBACK TRANSACTION sp1
SELECT @@TRANCOUNT AS tc, XACT_STATE() AS xs
COMMIT
SELECT id FROM dbo.t ORDER BY id
-- expect: tc | xs
-- 1 | 1
-- expect: id
-- 1
-- 3
GO
COMMIT
-- error: 3902 The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.
GO
ROLLBACK
-- error: 3903 The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.
GO
-- without XACT_ABORT a failing statement leaves the transaction open
BEGIN TRAN
INSERT dbo.t VALUES (5, 5)
INSERT dbo.t VALUES (1, 0)
SELECT @@TRANCOUNT AS tc
COMMIT
SELECT COUNT(*) AS n FROM dbo.t WHERE id = 5
-- error: 2627
-- message: The statement has been terminated.
-- expect: tc
-- 1
-- expect: n
-- 1
GO
-- with XACT_ABORT ON the error rolls back the transaction and ends the batch
SET XACT_ABORT ON
BEGIN TRAN
INSERT dbo.t VALUES (6, 6)
INSERT dbo.t VALUES (1, 0)
SELECT 'not reached' AS r
-- error: 2627
GO
SET XACT_ABORT OFF
SELECT @@TRANCOUNT AS tc, COUNT(*) AS n FROM dbo.t WHERE id = 6
-- expect: tc | n
-- 0 | 0
GO
BEGIN TRAN named
UPDATE dbo.t SET v = 100 WHERE id = 1
ROLLBACK TRAN named
SELECT v FROM dbo.t WHERE id = 1
-- expect: v
-- 1
GO
-- uncommittable transaction inside CATCH with XACT_ABORT
SET XACT_ABORT ON
BEGIN TRY
    BEGIN TRAN
    INSERT dbo.t VALUES (1, 0)
END TRY
BEGIN CATCH
    SELECT XACT_STATE() AS xs, @@TRANCOUNT AS tc
    ROLLBACK
END CATCH
SET XACT_ABORT OFF
SELECT @@TRANCOUNT AS tc
-- expect: xs | tc
-- -1 | 1
-- expect: tc
-- 0
GO
BEGIN TRAN
INSERT dbo.t VALUES (7, 7)
SAVE TRAN a
INSERT dbo.t VALUES (8, 8)
SAVE TRAN b
INSERT dbo.t VALUES (9, 9)
ROLLBACK TRAN a
COMMIT
SELECT COUNT(*) AS n FROM dbo.t WHERE id >= 7
-- expect: n
-- 1
GO
DECLARE @tv TABLE (x int)
BEGIN TRAN
INSERT @tv VALUES (1)
ROLLBACK
SELECT COUNT(*) AS survives_rollback FROM @tv
-- expect: survives_rollback
-- 1
GO
-- DDL and TRUNCATE are transactional
BEGIN TRAN
CREATE TABLE dbo.in_tran (a int)
INSERT dbo.in_tran VALUES (1)
ROLLBACK
SELECT CASE WHEN OBJECT_ID('dbo.in_tran') IS NULL THEN 1 ELSE 0 END AS gone
-- expect: gone
-- 1
GO
BEGIN TRAN
TRUNCATE TABLE dbo.t
SELECT COUNT(*) AS inside FROM dbo.t
ROLLBACK
SELECT COUNT(*) AS after_rollback FROM dbo.t
-- expect: inside
-- 0
-- expect: after_rollback
-- 4
GO
BEGIN TRAN
DROP TABLE dbo.t
ROLLBACK
SELECT COUNT(*) AS back FROM dbo.t
-- expect: back
-- 4
GO
BEGIN TRAN
ALTER TABLE dbo.t ADD extra int NULL
ROLLBACK
SELECT COUNT(*) AS cols FROM sys.columns WHERE object_id = OBJECT_ID('dbo.t')
-- expect: cols
-- 2
GO
