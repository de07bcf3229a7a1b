-- Documented examples of BEGIN / COMMIT / ROLLBACK / SAVE TRANSACTION,
-- @@TRANCOUNT, SET XACT_ABORT and SET IMPLICIT_TRANSACTIONS
-- (learn.microsoft.com/sql/t-sql/language-elements/begin-transaction-transact-sql,
-- …/commit-transaction-transact-sql, …/rollback-transaction-transact-sql,
-- …/save-transaction-transact-sql, …/functions/trancount-transact-sql,
-- …/statements/set-xact-abort-transact-sql,
-- …/statements/set-implicit-transactions-transact-sql).
-- The AdventureWorks tables are small tables of our own. Out of scope:
-- BEGIN DISTRIBUTED TRANSACTION, COMMIT … WITH (DELAYED_DURABILITY = ON)
-- is accepted and durable anyway.
CREATE TABLE dbo.JobCandidate (JobCandidateID int PRIMARY KEY, Resume nvarchar(50) NULL);
INSERT dbo.JobCandidate VALUES (10, N'a'), (11, N'b'), (12, N'c'), (13, N'd');
GO
-- BEGIN TRANSACTION A. Use an explicit transaction
BEGIN TRANSACTION;
DELETE FROM dbo.JobCandidate WHERE JobCandidateID = 13;
COMMIT;
SELECT COUNT(*) AS candidates FROM dbo.JobCandidate;
-- expect: candidates
-- 3
GO
-- BEGIN TRANSACTION B. Roll back a transaction
CREATE TABLE ValueTable (id int);
BEGIN TRANSACTION;
INSERT INTO ValueTable VALUES (1);
INSERT INTO ValueTable VALUES (2);
ROLLBACK;
SELECT COUNT(*) AS n FROM ValueTable;
-- expect: n
-- 0
GO
-- BEGIN TRANSACTION C. Name a transaction
DECLARE @TranName varchar(20);
SELECT @TranName = 'MyTransaction';
BEGIN TRANSACTION @TranName;
DELETE FROM dbo.JobCandidate WHERE JobCandidateID = 12;
COMMIT TRANSACTION @TranName;
SELECT COUNT(*) AS candidates, @@TRANCOUNT AS tc FROM dbo.JobCandidate;
-- expect: candidates | tc
-- 2 | 0
GO
-- BEGIN TRANSACTION D. Mark a transaction
BEGIN TRANSACTION CandidateDelete
    WITH MARK N'Deleting a Job Candidate';
DELETE FROM dbo.JobCandidate WHERE JobCandidateID = 11;
COMMIT TRANSACTION CandidateDelete;
SELECT COUNT(*) AS candidates FROM dbo.JobCandidate;
-- expect: candidates
-- 1
GO
-- A transaction name longer than 32 characters is an error.
BEGIN TRANSACTION T23456789012345678901234567890123;
-- error: 103
GO
-- COMMIT TRANSACTION B. Commit a nested transaction: each BEGIN adds one
-- to @@TRANCOUNT, each COMMIT takes one off, only the outermost commits.
CREATE TABLE dbo.TestTran (ColA int PRIMARY KEY, ColB char(3) NOT NULL);
GO
BEGIN TRANSACTION OuterTran;
PRINT N'Transaction count after BEGIN OuterTran = ' + CAST(@@TRANCOUNT AS nvarchar(10));
INSERT INTO dbo.TestTran VALUES (1, 'aaa');
BEGIN TRANSACTION Inner1;
PRINT N'Transaction count after BEGIN Inner1 = ' + CAST(@@TRANCOUNT AS nvarchar(10));
INSERT INTO dbo.TestTran VALUES (2, 'bbb');
BEGIN TRANSACTION Inner2;
PRINT N'Transaction count after BEGIN Inner2 = ' + CAST(@@TRANCOUNT AS nvarchar(10));
INSERT INTO dbo.TestTran VALUES (3, 'ccc');
COMMIT TRANSACTION Inner2;
PRINT N'Transaction count after COMMIT Inner2 = ' + CAST(@@TRANCOUNT AS nvarchar(10));
COMMIT TRANSACTION Inner1;
PRINT N'Transaction count after COMMIT Inner1 = ' + CAST(@@TRANCOUNT AS nvarchar(10));
COMMIT TRANSACTION OuterTran;
PRINT N'Transaction count after COMMIT OuterTran = ' + CAST(@@TRANCOUNT AS nvarchar(10));
SELECT COUNT(*) AS n FROM dbo.TestTran;
-- message: Transaction count after BEGIN OuterTran = 1
-- message: Transaction count after BEGIN Inner1 = 2
-- message: Transaction count after BEGIN Inner2 = 3
-- message: Transaction count after COMMIT Inner2 = 2
-- message: Transaction count after COMMIT Inner1 = 1
-- message: Transaction count after COMMIT OuterTran = 0
-- expect: n
-- 3
GO
-- COMMIT without a transaction is 3902.
COMMIT TRANSACTION;
-- error: 3902 The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.
GO
ROLLBACK TRANSACTION;
-- error: 3903 The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.
GO
-- An inner COMMIT commits nothing: the outer ROLLBACK undoes it all.
BEGIN TRANSACTION;
INSERT INTO dbo.TestTran VALUES (4, 'ddd');
BEGIN TRANSACTION;
INSERT INTO dbo.TestTran VALUES (5, 'eee');
COMMIT TRANSACTION;
ROLLBACK TRANSACTION;
SELECT COUNT(*) AS n, @@TRANCOUNT AS tc FROM dbo.TestTran;
-- expect: n | tc
-- 3 | 0
GO
-- ROLLBACK TRANSACTION A. Roll back a named transaction
CREATE TABLE ValueTable2 ([value] int);
GO
DECLARE @TransactionName varchar(20) = 'Transaction1';
BEGIN TRAN @TransactionName
    INSERT INTO ValueTable2 VALUES (1), (2);
ROLLBACK TRAN @TransactionName;
INSERT INTO ValueTable2 VALUES (3), (4);
SELECT [value] FROM ValueTable2 ORDER BY [value];
-- expect: value
-- 3
-- 4
GO
-- ROLLBACK names only the outermost transaction or a savepoint: an inner
-- transaction's name is 6401 and nothing is rolled back.
BEGIN TRANSACTION OuterTran;
BEGIN TRANSACTION InnerTran;
ROLLBACK TRANSACTION InnerTran;
SELECT @@TRANCOUNT AS tc;
ROLLBACK TRANSACTION OuterTran;
SELECT @@TRANCOUNT AS tc_after;
-- error: 6401 Cannot roll back InnerTran. No transaction or savepoint of that name was found.
-- expect: tc
-- 2
-- expect: tc_after
-- 0
GO
-- ROLLBACK to the outermost name rolls back everything at any depth.
BEGIN TRANSACTION OuterTran;
INSERT INTO ValueTable2 VALUES (5);
BEGIN TRANSACTION;
INSERT INTO ValueTable2 VALUES (6);
ROLLBACK TRANSACTION OuterTran;
SELECT @@TRANCOUNT AS tc, COUNT(*) AS n FROM ValueTable2;
-- expect: tc | n
-- 0 | 2
GO
-- SAVE TRANSACTION: a savepoint; ROLLBACK to it undoes the work after it
-- and leaves @@TRANCOUNT alone.
BEGIN TRANSACTION;
INSERT INTO ValueTable2 VALUES (7);
SAVE TRANSACTION SavePoint1;
INSERT INTO ValueTable2 VALUES (8);
ROLLBACK TRANSACTION SavePoint1;
SELECT @@TRANCOUNT AS tc;
INSERT INTO ValueTable2 VALUES (9);
COMMIT;
SELECT [value] FROM ValueTable2 ORDER BY [value];
-- expect: tc
-- 1
-- expect: value
-- 3
-- 4
-- 7
-- 9
GO
-- A savepoint name used twice: ROLLBACK goes to the latest one.
BEGIN TRANSACTION;
SAVE TRANSACTION sp;
INSERT INTO ValueTable2 VALUES (10);
SAVE TRANSACTION sp;
INSERT INTO ValueTable2 VALUES (11);
ROLLBACK TRANSACTION sp;
COMMIT;
SELECT COUNT(*) AS n FROM ValueTable2 WHERE [value] >= 10;
-- expect: n
-- 1
GO
-- SAVE TRANSACTION outside a transaction, and ROLLBACK to a savepoint
-- that does not exist.
SAVE TRANSACTION nowhere;
-- error: 628 Cannot issue SAVE TRANSACTION when there is no active transaction.
GO
BEGIN TRANSACTION;
ROLLBACK TRANSACTION nosuch;
SELECT @@TRANCOUNT AS tc;
ROLLBACK;
-- error: 6401 Cannot roll back nosuch. No transaction or savepoint of that name was found.
-- expect: tc
-- 1
GO
-- SAVE TRANSACTION's example: a procedure that sets a savepoint when it is
-- called in a transaction, and begins its own otherwise; on error it rolls
-- back only its own work.
CREATE TABLE dbo.Interview (InterviewID int, JobCandidateID int REFERENCES dbo.JobCandidate (JobCandidateID));
INSERT dbo.JobCandidate VALUES (20, N'x'), (21, N'y');
INSERT dbo.Interview VALUES (1, 21);
GO
CREATE PROCEDURE SaveTranExample
    @InputCandidateID int
AS
    -- Detect whether the procedure was called
    -- from an active transaction and save
    -- that for later use.
    -- In the procedure, @TranCounter = 0
    -- means there was no active transaction
    -- and the procedure started one.
    -- @TranCounter > 0 means an active
    -- transaction was started before the
    -- procedure was called.
    DECLARE @TranCounter int;
    SET @TranCounter = @@TRANCOUNT;
    IF @TranCounter > 0
        -- Procedure called when there is
        -- an active transaction.
        -- Create a savepoint to be able
        -- to roll back only the work done
        -- in the procedure if there is an
        -- error.
        SAVE TRANSACTION ProcedureSave;
    ELSE
        -- Procedure must start its own
        -- transaction.
        BEGIN TRANSACTION;
    -- Modify database.
    BEGIN TRY
        DELETE dbo.JobCandidate
            WHERE JobCandidateID = @InputCandidateID;
        -- Get here if no errors; must commit
        -- any transaction started in the
        -- procedure, but not commit a transaction
        -- started before the transaction was called.
        IF @TranCounter = 0
            -- @TranCounter = 0 means no transaction was
            -- started before the procedure was called.
            -- The procedure must commit the transaction
            -- it started.
            COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        -- An error occurred; must determine
        -- which type of rollback will roll
        -- back only the work done in the
        -- procedure.
        IF @TranCounter = 0
            -- Transaction started in procedure.
            -- Roll back complete transaction.
            ROLLBACK TRANSACTION;
        ELSE
            -- Transaction started before procedure
            -- called, do not roll back modifications
            -- made before the procedure was called.
            IF XACT_STATE() <> -1
                -- If the transaction is still valid, just
                -- roll back to the savepoint set at the
                -- start of the stored procedure.
                ROLLBACK TRANSACTION ProcedureSave;
                -- If the transaction is uncommitable, a
                -- rollback to the savepoint is not allowed
                -- because the savepoint rollback writes to
                -- the log. Just return to the caller, which
                -- should roll back the outer transaction.

        -- After the appropriate rollback, return error
        -- information to the caller.
        DECLARE @ErrorMessage nvarchar(4000);
        DECLARE @ErrorSeverity int;
        DECLARE @ErrorState int;

        SELECT @ErrorMessage = ERROR_MESSAGE();
        SELECT @ErrorSeverity = ERROR_SEVERITY();
        SELECT @ErrorState = ERROR_STATE();

        RAISERROR (@ErrorMessage, -- Message text.
                   @ErrorSeverity, -- Severity.
                   @ErrorState -- State.
                   );
    END CATCH
GO
-- Called in a transaction: the caller's insert survives the failed delete.
BEGIN TRANSACTION;
INSERT dbo.JobCandidate VALUES (22, N'z');
BEGIN TRY
    EXECUTE SaveTranExample 21;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS n, @@TRANCOUNT AS tc, XACT_STATE() AS xs;
END CATCH;
COMMIT;
SELECT JobCandidateID FROM dbo.JobCandidate ORDER BY JobCandidateID;
-- expect: n | tc | xs
-- 50000 | 1 | 1
-- expect: JobCandidateID
-- 10
-- 20
-- 21
-- 22
GO
-- Called outside a transaction: it begins and commits its own.
EXECUTE SaveTranExample 20;
SELECT @@TRANCOUNT AS tc, COUNT(*) AS n FROM dbo.JobCandidate;
-- expect: tc | n
-- 0 | 3
GO
-- @@TRANCOUNT A. Showing the effects of the BEGIN and COMMIT statements
PRINT @@TRANCOUNT;
BEGIN TRAN;
PRINT @@TRANCOUNT;
BEGIN TRAN;
PRINT @@TRANCOUNT;
COMMIT;
PRINT @@TRANCOUNT;
COMMIT;
PRINT @@TRANCOUNT;
-- message: 0
-- message: 1
-- message: 2
-- message: 1
-- message: 0
GO
-- @@TRANCOUNT B. Showing the effects of the BEGIN and ROLLBACK statements
PRINT @@TRANCOUNT;
BEGIN TRAN;
PRINT @@TRANCOUNT;
BEGIN TRAN;
PRINT @@TRANCOUNT;
ROLLBACK;
PRINT @@TRANCOUNT;
-- message: 0
-- message: 1
-- message: 2
-- message: 0
GO
-- A procedure that ends with another @@TRANCOUNT than it started with
-- raises 266 when it returns (its work stays done).
CREATE PROCEDURE dbo.LeavesTranOpen AS BEGIN TRANSACTION;
GO
EXECUTE dbo.LeavesTranOpen;
SELECT @@TRANCOUNT AS tc;
ROLLBACK;
-- error: 266 Transaction count after EXECUTE indicates a mismatching number of BEGIN and COMMIT statements. Previous count = 0, current count = 1.
-- expect: tc
-- 1
GO
-- SET XACT_ABORT: OFF rolls back only the failing statement; ON rolls back
-- the whole transaction and ends the batch.
CREATE TABLE t1 (a int NOT NULL PRIMARY KEY);
CREATE TABLE t2 (a int NOT NULL REFERENCES t1 (a));
INSERT INTO t1 VALUES (1), (3), (4), (6);
GO
SET XACT_ABORT OFF;
GO
BEGIN TRY
BEGIN TRANSACTION;
    INSERT INTO t2 VALUES (1);
    INSERT INTO t2 VALUES (2); -- Foreign key error.
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS n, XACT_STATE() AS xs;
END CATCH;
INSERT INTO t2 VALUES (3);
COMMIT TRANSACTION;
-- expect: n | xs
-- 547 | 1
GO
SET XACT_ABORT ON;
GO
BEGIN TRANSACTION;
    INSERT INTO t2 VALUES (4);
    INSERT INTO t2 VALUES (5); -- Foreign key error.
    INSERT INTO t2 VALUES (6);
COMMIT TRANSACTION;
-- error: 547
GO
SELECT @@TRANCOUNT AS tc;
-- expect: tc
-- 0
GO
SET XACT_ABORT OFF;
GO
-- SELECT shows that only keys 1 and 3 were added: the second transaction
-- was rolled back.
SELECT * FROM t2;
-- expect: a
-- 1
-- 3
GO
-- @@OPTIONS shows XACT_ABORT (16384).
SET XACT_ABORT ON;
SELECT CASE WHEN (16384 & @@OPTIONS) = 16384 THEN 'ON' ELSE 'OFF' END AS XACT_ABORT;
SET XACT_ABORT OFF;
SELECT CASE WHEN (16384 & @@OPTIONS) = 16384 THEN 'ON' ELSE 'OFF' END AS XACT_ABORT;
-- expect: XACT_ABORT
-- ON
-- expect: XACT_ABORT
-- OFF
GO
-- SET IMPLICIT_TRANSACTIONS: with ON, the first INSERT starts a
-- transaction (@@TRANCOUNT 1) that stays open until COMMIT; a BEGIN
-- TRANSACTION in it nests (2).
SET NOCOUNT ON;
SET IMPLICIT_TRANSACTIONS OFF;
PRINT N'Tran count at start = ' + CAST(@@TRANCOUNT AS nvarchar(10));
CREATE TABLE dbo.t3 (a int);
INSERT INTO dbo.t3 VALUES (11);
PRINT N'Tran count after INSERT with IMPLICIT_TRANSACTIONS OFF = ' + CAST(@@TRANCOUNT AS nvarchar(10));
SET IMPLICIT_TRANSACTIONS ON;
INSERT INTO dbo.t3 VALUES (12);
PRINT N'Tran count after INSERT with IMPLICIT_TRANSACTIONS ON = ' + CAST(@@TRANCOUNT AS nvarchar(10));
BEGIN TRANSACTION;
PRINT N'Tran count after BEGIN TRANSACTION = ' + CAST(@@TRANCOUNT AS nvarchar(10));
INSERT INTO dbo.t3 VALUES (13);
COMMIT TRANSACTION;
PRINT N'Tran count after inner COMMIT = ' + CAST(@@TRANCOUNT AS nvarchar(10));
COMMIT TRANSACTION;
PRINT N'Tran count after outer COMMIT = ' + CAST(@@TRANCOUNT AS nvarchar(10));
SET IMPLICIT_TRANSACTIONS OFF;
SET NOCOUNT OFF;
-- message: Tran count at start = 0
-- message: Tran count after INSERT with IMPLICIT_TRANSACTIONS OFF = 0
-- message: Tran count after INSERT with IMPLICIT_TRANSACTIONS ON = 1
-- message: Tran count after BEGIN TRANSACTION = 2
-- message: Tran count after inner COMMIT = 1
-- message: Tran count after outer COMMIT = 0
GO
-- IMPLICIT_TRANSACTIONS ON: a SELECT from a table starts a transaction, a
-- SELECT that reads no table does not.
SET IMPLICIT_TRANSACTIONS ON;
SELECT 1 AS one;
SELECT @@TRANCOUNT AS after_constant_select;
SELECT COUNT(*) AS n FROM dbo.t3;
SELECT @@TRANCOUNT AS after_table_select;
ROLLBACK;
SET IMPLICIT_TRANSACTIONS OFF;
-- expect: one
-- 1
-- expect: after_constant_select
-- 0
-- expect: n
-- 3
-- expect: after_table_select
-- 1
GO
-- IMPLICIT_TRANSACTIONS ON: an explicit BEGIN TRANSACTION with no
-- transaction open starts two nested transactions.
SET IMPLICIT_TRANSACTIONS ON;
BEGIN TRANSACTION;
SELECT @@TRANCOUNT AS after_begin;
COMMIT;
SELECT @@TRANCOUNT AS after_one_commit;
COMMIT;
SET IMPLICIT_TRANSACTIONS OFF;
-- expect: after_begin
-- 2
-- expect: after_one_commit
-- 1
GO
-- IMPLICIT_TRANSACTIONS ON: ROLLBACK undoes the implicit transaction.
SET IMPLICIT_TRANSACTIONS ON;
INSERT INTO dbo.t3 VALUES (14);
ROLLBACK;
SET IMPLICIT_TRANSACTIONS OFF;
SELECT COUNT(*) AS n, @@TRANCOUNT AS tc FROM dbo.t3;
-- expect: n | tc
-- 3 | 0
GO
-- @@OPTIONS shows IMPLICIT_TRANSACTIONS (2).
SET IMPLICIT_TRANSACTIONS ON;
SELECT CASE WHEN (2 & @@OPTIONS) = 2 THEN 'ON' ELSE 'OFF' END AS IMPLICIT_TRANSACTIONS;
SET IMPLICIT_TRANSACTIONS OFF;
SELECT CASE WHEN (2 & @@OPTIONS) = 2 THEN 'ON' ELSE 'OFF' END AS IMPLICIT_TRANSACTIONS;
-- expect: IMPLICIT_TRANSACTIONS
-- ON
-- expect: IMPLICIT_TRANSACTIONS
-- OFF
GO
-- COMMIT WORK and ROLLBACK WORK (SQL-92 forms).
BEGIN TRANSACTION;
INSERT INTO dbo.t3 VALUES (15);
COMMIT WORK;
BEGIN TRANSACTION;
INSERT INTO dbo.t3 VALUES (16);
ROLLBACK WORK;
SELECT COUNT(*) AS n FROM dbo.t3;
-- expect: n
-- 4
GO
-- COMMIT with DELAYED_DURABILITY (accepted; the commit is durable).
BEGIN TRANSACTION;
INSERT INTO dbo.t3 VALUES (17);
COMMIT TRANSACTION WITH (DELAYED_DURABILITY = ON);
SELECT COUNT(*) AS n FROM dbo.t3;
-- expect: n
-- 5
GO
