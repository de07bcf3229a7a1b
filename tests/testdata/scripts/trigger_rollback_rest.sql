-- A ROLLBACK in a trigger ends the transaction, the firing statement's
-- included, and the trigger goes on: its remaining statements run in
-- autocommit mode and are not rolled back (ROLLBACK TRANSACTION's page:
-- "statements in the trigger after the ROLLBACK … are not rolled back").
-- When the trigger returns, the batch ends with 3609.
CREATE TABLE dbo.t (a int)
CREATE TABLE dbo.aud (a int)
GO
CREATE TRIGGER dbo.trg ON dbo.t AFTER INSERT AS
BEGIN
    ROLLBACK
    PRINT 'after rollback'
    INSERT dbo.aud SELECT a FROM inserted
    SELECT @@TRANCOUNT AS tc
END
GO
INSERT dbo.t VALUES (1)
PRINT 'not reached'
-- message: after rollback
-- expect: tc
-- 0
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT (SELECT COUNT(*) FROM dbo.t) AS n, (SELECT COUNT(*) FROM dbo.aud) AS m, @@TRANCOUNT AS tc
-- expect: n | m | tc
-- 0 | 1 | 0
GO
-- inside an explicit transaction: the transaction and the earlier insert
-- are rolled back, the audit row written after the ROLLBACK stays
BEGIN TRAN
INSERT dbo.aud VALUES (10)
INSERT dbo.t VALUES (2)
-- message: after rollback
-- expect: tc
-- 0
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT (SELECT COUNT(*) FROM dbo.t) AS n, (SELECT COUNT(*) FROM dbo.aud) AS m, (SELECT MAX(a) FROM dbo.aud) AS last, @@TRANCOUNT AS tc
-- expect: n | m | last | tc
-- 0 | 2 | 2 | 0
GO
