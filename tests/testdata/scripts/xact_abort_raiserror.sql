-- SET XACT_ABORT ON does not apply to RAISERROR (Microsoft's SET XACT_ABORT
-- page: "THROW honors SET XACT_ABORT. RAISERROR does not."): the statement
-- fails, the batch and the transaction go on. THROW and other errors still
-- roll the transaction back.
CREATE TABLE dbo.xr (id int PRIMARY KEY)
GO
SET XACT_ABORT ON
BEGIN TRAN
INSERT dbo.xr VALUES (1)
RAISERROR('not fatal', 16, 1)
SELECT @@TRANCOUNT AS tc, XACT_STATE() AS xs
COMMIT
SELECT COUNT(*) AS n FROM dbo.xr
-- error: 50000 not fatal
-- expect: tc | xs
-- 1 | 1
-- expect: n
-- 1
GO
-- caught by TRY, the transaction is not doomed
BEGIN TRAN
BEGIN TRY
  RAISERROR('caught', 16, 1)
END TRY
BEGIN CATCH
  SELECT XACT_STATE() AS xs
END CATCH
COMMIT
-- expect: xs
-- 1
GO
BEGIN TRAN
INSERT dbo.xr VALUES (2)
;THROW 50001, 'fatal', 1
-- error: 50001 fatal
GO
SET XACT_ABORT OFF
SELECT @@TRANCOUNT AS tc, COUNT(*) AS n FROM dbo.xr
-- expect: tc | n
-- 0 | 1
GO
