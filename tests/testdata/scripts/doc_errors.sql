-- Documented examples of TRY...CATCH, THROW, RAISERROR, the ERROR_*
-- functions, @@ERROR, XACT_STATE, FORMATMESSAGE and sp_addmessage
-- (learn.microsoft.com/sql/t-sql/language-elements/try-catch-transact-sql,
-- …/throw-transact-sql, …/raiserror-transact-sql, …/functions/error-line-transact-sql
-- and its siblings, …/functions/error-transact-sql, …/functions/xact-state-transact-sql,
-- …/functions/formatmessage-transact-sql, system-stored-procedures/sp-addmessage-transact-sql).
-- The AdventureWorks tables are small tables of our own. Errors of DML
-- statements are caught where the page allows, so the expectations do not
-- depend on the informational message that follows an uncaught one.
CREATE TABLE dbo.Product (ProductID int PRIMARY KEY, Name nvarchar(50) NOT NULL, ListPrice money NOT NULL);
INSERT dbo.Product VALUES (980, N'Mountain-400-W Silver, 38', 769.49), (981, N'Touring Tire', 28.99);
CREATE TABLE dbo.OrderDetail (OrderID int, ProductID int CONSTRAINT FK_OrderDetail_Product REFERENCES dbo.Product (ProductID));
INSERT dbo.OrderDetail VALUES (1, 980);
GO
-- TRY...CATCH A. Using TRY...CATCH (ERROR_LINE counts the lines of the batch)
BEGIN TRY
    -- Generate a divide-by-zero error.
    SELECT 1 / 0;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS ErrorNumber,
        ERROR_SEVERITY() AS ErrorSeverity,
        ERROR_STATE() AS ErrorState,
        ERROR_PROCEDURE() AS ErrorProcedure,
        ERROR_LINE() AS ErrorLine,
        ERROR_MESSAGE() AS ErrorMessage;
END CATCH;
-- expect: -
-- expect: ErrorNumber | ErrorSeverity | ErrorState | ErrorProcedure | ErrorLine | ErrorMessage
-- 8134 | 16 | 1 | NULL | 4 | Divide by zero error encountered.
GO
-- The error functions are NULL outside a CATCH block.
SELECT ERROR_NUMBER() AS n, ERROR_SEVERITY() AS s, ERROR_STATE() AS st, ERROR_PROCEDURE() AS p, ERROR_LINE() AS l, ERROR_MESSAGE() AS m;
-- expect: n | s | st | p | l | m
-- NULL | NULL | NULL | NULL | NULL | NULL
GO
-- TRY...CATCH: a procedure retrieving the error information (usp_GetErrorInfo)
CREATE PROCEDURE usp_GetErrorInfo
AS
SELECT ERROR_NUMBER() AS ErrorNumber,
    ERROR_SEVERITY() AS ErrorSeverity,
    ERROR_STATE() AS ErrorState,
    ERROR_LINE() AS ErrorLine,
    ERROR_MESSAGE() AS ErrorMessage;
GO
BEGIN TRY
    SELECT 1 / 0 AS x;
END TRY
BEGIN CATCH
    EXECUTE usp_GetErrorInfo;
END CATCH;
-- expect: x
-- expect: ErrorNumber | ErrorSeverity | ErrorState | ErrorLine | ErrorMessage
-- 8134 | 16 | 1 | 2 | Divide by zero error encountered.
GO
-- Errors that TRY...CATCH does not catch at the same level: a name
-- resolution error of the batch goes to the client.
BEGIN TRY
    SELECT * FROM NonexistentTable;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS ErrorNumber, ERROR_MESSAGE() AS ErrorMessage;
END CATCH;
-- error: 208 Invalid object name 'NonexistentTable'.
GO
-- … but the same error one level down, in a procedure, is caught.
CREATE PROCEDURE usp_ExampleProc
AS
    SELECT * FROM NonexistentTable;
GO
BEGIN TRY
    EXECUTE usp_ExampleProc;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS ErrorNumber, ERROR_MESSAGE() AS ErrorMessage;
END CATCH;
-- expect: ErrorNumber | ErrorMessage
-- 208 | Invalid object name 'NonexistentTable'.
GO
-- A syntax error is a compile error of the whole batch: nothing runs.
BEGIN TRY
    PRINT 'not printed';
    SELECT ** FROM dbo.Product;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS ErrorNumber;
END CATCH;
-- error: 102 Incorrect syntax near '*'.
GO
-- TRY...CATCH B. TRY...CATCH in a transaction
BEGIN TRANSACTION;
BEGIN TRY
    -- Generate a constraint violation error.
    DELETE FROM dbo.Product WHERE ProductID = 980;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS ErrorNumber, ERROR_SEVERITY() AS ErrorSeverity, ERROR_STATE() AS ErrorState,
        ERROR_PROCEDURE() AS ErrorProcedure, ERROR_LINE() AS ErrorLine;
    IF @@TRANCOUNT > 0
        ROLLBACK TRANSACTION;
END CATCH;
IF @@TRANCOUNT > 0
    COMMIT TRANSACTION;
SELECT @@TRANCOUNT AS tc, COUNT(*) AS products FROM dbo.Product;
-- expect: ErrorNumber | ErrorSeverity | ErrorState | ErrorProcedure | ErrorLine
-- 547 | 16 | 0 | NULL | 5
-- expect: tc | products
-- 0 | 2
GO
-- TRY...CATCH C. / XACT_STATE: with XACT_ABORT ON the error dooms the
-- transaction; the CATCH block sees -1 and rolls back.
SET XACT_ABORT ON;
BEGIN TRY
    BEGIN TRANSACTION;
        -- A FOREIGN KEY constraint exists on this table. This
        -- statement generates a constraint violation error.
        DELETE FROM dbo.Product WHERE ProductID = 980;
    -- If the DELETE statement succeeds, commit the transaction.
    COMMIT TRANSACTION;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS ErrorNumber, ERROR_LINE() AS ErrorLine, XACT_STATE() AS xs;
    -- Test XACT_STATE:
        -- If 1, the transaction is committable.
        -- If -1, the transaction is uncommittable and should
        --     be rolled back.
        -- XACT_STATE = 0 means that there is no transaction and
        --     a commit or rollback operation would generate an error.
    IF (XACT_STATE()) = -1
    BEGIN
        PRINT N'The transaction is in an uncommittable state.' +
            'Rolling back transaction.'
        ROLLBACK TRANSACTION;
    END;
    IF (XACT_STATE()) = 1
    BEGIN
        PRINT N'The transaction is committable.' +
            'Committing transaction.'
        COMMIT TRANSACTION;
    END;
END CATCH;
SET XACT_ABORT OFF;
SELECT @@TRANCOUNT AS tc, XACT_STATE() AS xs;
-- expect: ErrorNumber | ErrorLine | xs
-- 547 | 8 | -1
-- message: The transaction is in an uncommittable state.Rolling back transaction.
-- expect: tc | xs
-- 0 | 0
GO
-- XACT_STATE: without XACT_ABORT the same error leaves the transaction
-- committable (1), and the CATCH block commits it.
BEGIN TRY
    BEGIN TRANSACTION;
    UPDATE dbo.Product SET ListPrice = 770.00 WHERE ProductID = 980;
    DELETE FROM dbo.Product WHERE ProductID = 980;
    COMMIT TRANSACTION;
END TRY
BEGIN CATCH
    SELECT XACT_STATE() AS xs, @@TRANCOUNT AS tc;
    IF XACT_STATE() = 1
        COMMIT TRANSACTION;
END CATCH;
SELECT ListPrice FROM dbo.Product WHERE ProductID = 980;
-- expect: xs | tc
-- 1 | 1
-- expect: ListPrice
-- 770.0000
GO
-- XACT_STATE outside a transaction is 0, in one 1.
SELECT XACT_STATE() AS outside;
BEGIN TRANSACTION;
SELECT XACT_STATE() AS inside;
COMMIT;
-- expect: outside
-- 0
-- expect: inside
-- 1
GO
-- Nested TRY...CATCH: each CATCH block's functions describe its own error.
BEGIN TRY
    DECLARE @i int = CAST('x' AS int);
END TRY
BEGIN CATCH
    BEGIN TRY
        SET @i = 1 / 0;
    END TRY
    BEGIN CATCH
        SELECT ERROR_NUMBER() AS inner_number, ERROR_LINE() AS inner_line;
    END CATCH;
    SELECT ERROR_NUMBER() AS outer_number, ERROR_LINE() AS outer_line, ERROR_MESSAGE() AS outer_message;
END CATCH;
-- expect: inner_number | inner_line
-- 8134 | 7
-- expect: outer_number | outer_line | outer_message
-- 245 | 3 | Conversion failed when converting the varchar value 'x' to data type int.
GO
-- ERROR_PROCEDURE A. / B.: the procedure in which the error occurred
-- (SQL Server 2017 and later return schema_name.procedure_name).
CREATE PROCEDURE usp_DivideProc
AS
    SELECT 1 / 0 AS d;
GO
BEGIN TRY
    -- Execute the stored procedure inside the TRY block.
    EXECUTE usp_DivideProc;
END TRY
BEGIN CATCH
    SELECT ERROR_PROCEDURE() AS ErrorProcedure, ERROR_LINE() AS ErrorLine, ERROR_NUMBER() AS ErrorNumber;
END CATCH;
-- expect: d
-- expect: ErrorProcedure | ErrorLine | ErrorNumber
-- dbo.usp_DivideProc | 5 | 8134
GO
-- ERROR_MESSAGE, ERROR_SEVERITY, ERROR_STATE can be read any number of
-- times anywhere in the CATCH block, unlike @@ERROR.
BEGIN TRY
    SELECT 1 / 0 AS d;
END TRY
BEGIN CATCH
    PRINT 'in catch';
    SELECT @@ERROR AS at_error, ERROR_NUMBER() AS n1;
    SELECT @@ERROR AS at_error_again, ERROR_NUMBER() AS n2, ERROR_MESSAGE() AS m;
END CATCH;
-- expect: d
-- message: in catch
-- expect: at_error | n1
-- 0 | 8134
-- expect: at_error_again | n2 | m
-- 0 | 8134 | Divide by zero error encountered.
GO
-- @@ERROR is the error of the statement just run, and the first statement
-- of a CATCH block sees the error that started it.
BEGIN TRY
    DECLARE @d int = 1 / 0;
END TRY
BEGIN CATCH
    SELECT @@ERROR AS first_in_catch;
END CATCH;
-- expect: first_in_catch
-- 8134
GO
-- @@ERROR A. Using @@ERROR to detect a specific error (a CHECK constraint);
-- @@ERROR is reset by each statement, so the IF itself clears it.
CREATE TABLE dbo.EmployeePayHistory (BusinessEntityID int PRIMARY KEY, PayFrequency tinyint NOT NULL
    CONSTRAINT CK_EmployeePayHistory_PayFrequency CHECK (PayFrequency IN (1, 2)));
INSERT dbo.EmployeePayHistory VALUES (1, 2);
GO
DECLARE @e int;
SET @e = 1 / 0;
IF @@ERROR = 8134
    PRINT N'A divide-by-zero error occurred.';
SELECT @@ERROR AS after_if;
-- error: 8134 Divide by zero error encountered.
-- message: A divide-by-zero error occurred.
-- expect: after_if
-- 0
GO
UPDATE dbo.EmployeePayHistory SET PayFrequency = 4 WHERE BusinessEntityID = 1;
IF @@ERROR = 547
    BEGIN
    PRINT N'A check constraint violation occurred.';
    END
-- error: 547
-- message: The statement has been terminated.
-- message: A check constraint violation occurred.
GO
-- @@ERROR C. Using @@ERROR with @@ROWCOUNT: both saved by one SELECT.
DECLARE @ErrorVar int, @RowCountVar int;
UPDATE dbo.EmployeePayHistory SET PayFrequency = 1 WHERE BusinessEntityID = 1;
SELECT @ErrorVar = @@ERROR, @RowCountVar = @@ROWCOUNT;
IF @ErrorVar <> 0
    PRINT N'Error = ' + CAST(@ErrorVar AS nvarchar(8)) + N', rows updated = ' + CAST(@RowCountVar AS nvarchar(8));
ELSE
    PRINT N'No error, rows updated = ' + CAST(@RowCountVar AS nvarchar(8));
-- message: No error, rows updated = 1
GO
-- @@ERROR B. Using @@ERROR to conditionally exit a procedure
CREATE TABLE dbo.JobCandidate (JobCandidateID int PRIMARY KEY, BusinessEntityID int NULL);
CREATE TABLE dbo.Interview (InterviewID int, JobCandidateID int REFERENCES dbo.JobCandidate (JobCandidateID));
INSERT dbo.JobCandidate VALUES (1, NULL), (2, NULL), (3, 1);
INSERT dbo.Interview VALUES (1, 3);
GO
CREATE PROCEDURE dbo.usp_DeleteCandidate
    (@CandidateID int)
AS
-- Execute the DELETE statement.
BEGIN TRANSACTION;
DELETE FROM dbo.JobCandidate WHERE JobCandidateID = @CandidateID;
-- Test the error value.
IF @@ERROR <> 0
    BEGIN
        -- Rollback the transaction.
        ROLLBACK TRANSACTION;
        -- Return 99 to the calling program to indicate failure.
        PRINT N'An error occurred deleting the candidate information.';
        RETURN 99;
    END
ELSE
    BEGIN
        -- Commit the transaction.
        COMMIT TRANSACTION;
        -- Return 0 to the calling program to indicate success.
        PRINT N'The job candidate has been deleted.';
        RETURN 0;
    END;
GO
DECLARE @rc int;
EXECUTE @rc = dbo.usp_DeleteCandidate 2;
SELECT @rc AS rc, @@TRANCOUNT AS tc;
-- message: The job candidate has been deleted.
-- expect: rc | tc
-- 0 | 0
GO
DECLARE @rc int;
EXECUTE @rc = dbo.usp_DeleteCandidate 3;
SELECT @rc AS rc, @@TRANCOUNT AS tc;
-- error: 547
-- message: The statement has been terminated.
-- message: An error occurred deleting the candidate information.
-- expect: rc | tc
-- 99 | 0
GO
-- THROW A. Using THROW to raise an exception (severity 16)
THROW 51000, 'The record does not exist.', 1;
-- error: 51000 The record does not exist.
GO
BEGIN TRY
    THROW 51000, 'The record does not exist.', 1;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS n, ERROR_SEVERITY() AS s, ERROR_STATE() AS st, ERROR_LINE() AS l, ERROR_MESSAGE() AS m;
END CATCH;
-- expect: n | s | st | l | m
-- 51000 | 16 | 1 | 2 | The record does not exist.
GO
-- THROW ends the batch; RAISERROR does not.
RAISERROR ('Hi there', 16, 0);
PRINT 'RAISERROR error';
THROW 50000, 'Hi there', 0;
PRINT 'THROW error';
-- error: 50000 Hi there
-- message: RAISERROR error
-- error: 50000 Hi there
GO
-- THROW B. Using THROW to raise an exception again
CREATE TABLE dbo.TestRethrow (ID int PRIMARY KEY);
GO
BEGIN TRY
    INSERT dbo.TestRethrow (ID) VALUES (1);
    -- Force error 2627, Violation of PRIMARY KEY constraint to be raised.
    INSERT dbo.TestRethrow (ID) VALUES (1);
END TRY
BEGIN CATCH
    PRINT 'In catch block.';
    THROW;
END CATCH;
-- message: In catch block.
-- error: 2627
GO
SELECT ID FROM dbo.TestRethrow;
-- expect: ID
-- 1
GO
-- THROW rethrows with the original number, severity and state.
BEGIN TRY
    BEGIN TRY
        RAISERROR ('inner %d', 13, 7, 42);
    END TRY
    BEGIN CATCH
        THROW;
    END CATCH;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS n, ERROR_SEVERITY() AS s, ERROR_STATE() AS st, ERROR_MESSAGE() AS m;
END CATCH;
-- expect: n | s | st | m
-- 50000 | 13 | 7 | inner 42
GO
-- THROW without arguments outside a CATCH block, and bad arguments.
THROW;
-- error: 10704 To rethrow an error, a THROW statement must be used inside a CATCH block. Insert the THROW statement inside a CATCH block, or add error parameters to the THROW statement.
GO
THROW 49999, 'too small', 1;
-- error: 35100 Error number 49999 in the THROW statement is outside the valid range. Specify an error number in the valid range of 50000 to 2147483647.
GO
-- THROW C. Using FORMATMESSAGE with THROW
EXECUTE sp_addmessage @msgnum = 60000, @severity = 16,
    @msgtext = N'This is a test message with one numeric parameter (%d), one string parameter (%s), and another string parameter (%s).',
    @lang = 'us_english';
GO
DECLARE @msg nvarchar(2048) = FORMATMESSAGE(60000, 500, N'First string', N'second string');
THROW 60000, @msg, 1;
-- error: 60000 This is a test message with one numeric parameter (500), one string parameter (First string), and another string parameter (second string).
GO
-- FORMATMESSAGE with a message string (SQL Server 2016 and later), and
-- with a message number that does not exist (NULL).
SELECT FORMATMESSAGE('This is the %s and this is the %s.', 'first variable', 'second variable') AS r0;
SELECT FORMATMESSAGE('Signed int %i, %d %i, %d, %+i, %+d, %+i, %+d', 5, -5, 50, -50, -11, -11, 11, 11) AS r1;
SELECT FORMATMESSAGE('Signed int with up to 3 leading zeros %03i', 5) AS r2;
SELECT FORMATMESSAGE('Signed int with up to 20 leading zeros %020i', 5) AS r3;
SELECT FORMATMESSAGE('Signed int with leading zero 0 %020i', -55) AS r4;
SELECT FORMATMESSAGE('Bigint %I64d', 3000000000) AS r5;
SELECT FORMATMESSAGE('Unsigned int %u, %u', 50, -50) AS r6;
SELECT FORMATMESSAGE('Unsigned octal %o, %o', 50, -50) AS r7;
SELECT FORMATMESSAGE('Unsigned hexadecimal %x, %X, %X, %X, %x', 11, 11, -11, 50, -50) AS r8;
SELECT FORMATMESSAGE('Unsigned octal with prefix: %#o, %#o', 50, -50) AS r9;
SELECT FORMATMESSAGE('Unsigned hexadecimal with prefix: %#x, %#X, %#X, %X, %x', 11, 11, -11, 50, -50) AS r10;
SELECT FORMATMESSAGE('Hello %s!', 'TEST') AS r11;
SELECT FORMATMESSAGE('Hello %20s!', 'TEST') AS r12;
SELECT FORMATMESSAGE('Hello %-20s!', 'TEST') AS r13;
SELECT FORMATMESSAGE(60123) AS r14;
-- expect: r0
-- This is the first variable and this is the second variable.
-- expect: r1
-- Signed int 5, -5 50, -50, -11, -11, +11, +11
-- expect: r2
-- Signed int with up to 3 leading zeros 005
-- expect: r3
-- Signed int with up to 20 leading zeros 00000000000000000005
-- expect: r4
-- Signed int with leading zero 0 -0000000000000000055
-- expect: r5
-- Bigint 3000000000
-- expect: r6
-- Unsigned int 50, 4294967246
-- expect: r7
-- Unsigned octal 62, 37777777716
-- expect: r8
-- Unsigned hexadecimal b, B, FFFFFFF5, 32, ffffffce
-- expect: r9
-- Unsigned octal with prefix: 062, 037777777716
-- expect: r10
-- Unsigned hexadecimal with prefix: 0xb, 0XB, 0XFFFFFFF5, 32, ffffffce
-- expect: r11
-- Hello TEST!
-- expect: r12
-- Hello                 TEST!
-- expect: r13
-- Hello TEST                !
-- expect: r14
-- NULL
GO
-- sp_addmessage: sys.messages lists the message; RAISERROR raises it by number.
SELECT message_id, language_id, severity, is_event_logged FROM sys.messages WHERE message_id = 60000;
-- expect: message_id | language_id | severity | is_event_logged
-- 60000 | 1033 | 16 | 0
GO
EXECUTE sp_dropmessage @msgnum = 60000;
SELECT COUNT(*) AS left_over FROM sys.messages WHERE message_id = 60000;
-- expect: left_over
-- 0
GO
-- RAISERROR A. Returning error information from a CATCH block
BEGIN TRY
    -- RAISERROR with severity 11-19 causes execution to
    -- jump to the CATCH block.
    RAISERROR ('Error raised in TRY block.', -- Message text.
               16, -- Severity.
               1 -- State.
               );
END TRY
BEGIN CATCH
    DECLARE @ErrorMessage nvarchar(4000);
    DECLARE @ErrorSeverity int;
    DECLARE @ErrorState int;

    SELECT
        @ErrorMessage = ERROR_MESSAGE(),
        @ErrorSeverity = ERROR_SEVERITY(),
        @ErrorState = ERROR_STATE();

    -- Use RAISERROR inside the CATCH block to return error
    -- information about the original error that caused
    -- execution to jump to the CATCH block.
    RAISERROR (@ErrorMessage, -- Message text.
               @ErrorSeverity, -- Severity.
               @ErrorState -- State.
               );
END CATCH;
-- error: 50000 Error raised in TRY block.
GO
-- RAISERROR with severity 10 or lower does not jump to the CATCH block.
BEGIN TRY
    RAISERROR ('Just information.', 10, 1);
    PRINT 'still in TRY';
END TRY
BEGIN CATCH
    PRINT 'not reached';
END CATCH;
-- message: Just information.
-- message: still in TRY
GO
-- RAISERROR B. Creating an ad hoc message in sys.messages
EXECUTE sp_addmessage @msgnum = 50005, @severity = 10, @msgtext = N'<<%7.3s>>';
GO
RAISERROR (50005, 10, 1, N'abcde');
-- message: <<    abc>>
GO
EXECUTE sp_dropmessage @msgnum = 50005;
GO
-- RAISERROR of a message number that is not in sys.messages.
RAISERROR (50005, 16, 1);
-- error: 18054 Error 50005, severity 16, state 1 was raised, but no message with that error number was found in sys.messages. If error is larger than 50000, make sure the user-defined message is added using sp_addmessage.
GO
-- RAISERROR C. Using a local variable to supply the message text
DECLARE @StringVariable nvarchar(50);
SET @StringVariable = N'<<%7.3s>>';
RAISERROR (@StringVariable, 10, 1, N'abcde');
-- message: <<    abc>>
GO
-- RAISERROR: substitution parameters, width and precision from arguments.
RAISERROR (N'This is message %s %d.', 10, 1, N'number', 5);
RAISERROR (N'<<%*.*s>>', 10, 1, 7, 3, N'abcde');
RAISERROR (N'<<%7.3s>>', 10, 1, N'abcde');
-- message: This is message number 5.
-- message: <<    abc>>
-- message: <<    abc>>
GO
-- RAISERROR: the flags - + 0 # and space, the types d i o s u x X,
-- h and l ignored, %I64d for bigint, %% for a percent sign.
RAISERROR (N'[%5d] [%-5d] [%05d] [%+d] [% d] [%i] [%u]', 10, 1, 42, 42, 42, 42, 42, -3, 7);
RAISERROR (N'[%o] [%#o] [%x] [%#x] [%X] [%#X]', 10, 1, 8, 8, 255, 255, 255, 255);
DECLARE @big bigint = 5000000000;
RAISERROR (N'[%hd] [%ld] [%I64d] [%5.2s] [100%%]', 10, 1, 5, 6, @big, N'abcdef');
-- message: [   42] [42   ] [00042] [+42] [ 42] [-3] [7]
-- message: [10] [010] [ff] [0xff] [FF] [0XFF]
-- message: [5] [6] [5000000000] [   ab] [100%]
GO
-- RAISERROR: a NULL argument is printed as (null); a missing one is empty.
RAISERROR (N'[%s] [%d]', 10, 1, NULL, NULL);
-- message: [(null)] [(null)]
GO
-- RAISERROR WITH SETERROR sets @@ERROR to 50000 whatever the severity;
-- without it a severity of 10 leaves @@ERROR at 0.
RAISERROR ('informational', 10, 1);
SELECT @@ERROR AS without_seterror;
RAISERROR ('informational', 10, 1) WITH SETERROR;
SELECT @@ERROR AS with_seterror;
-- message: informational
-- expect: without_seterror
-- 0
-- message: informational
-- expect: with_seterror
-- 50000
GO
-- RAISERROR WITH NOWAIT sends the message at once; WITH LOG logs it.
RAISERROR ('step 1 of 2 done', 0, 1) WITH NOWAIT;
RAISERROR ('logged', 10, 1) WITH LOG;
RAISERROR ('error, severity 16', 16, 1) WITH NOWAIT, SETERROR;
SELECT @@ERROR AS e;
-- message: step 1 of 2 done
-- message: logged
-- error: 50000 error, severity 16
-- expect: e
-- 50000
GO
-- RAISERROR's state may be 0.
BEGIN TRY
    RAISERROR ('state zero', 16, 0);
END TRY
BEGIN CATCH
    SELECT ERROR_STATE() AS st;
END CATCH;
-- expect: st
-- 0
GO
-- ERROR_MESSAGE returns the full text with substitutions made.
BEGIN TRY
    RAISERROR (N'Product %d (%s) is discontinued.', 16, 1, 980, N'Mountain-400');
END TRY
BEGIN CATCH
    SELECT ERROR_MESSAGE() AS m, LEN(ERROR_MESSAGE()) AS len;
END CATCH;
-- expect: m | len
-- Product 980 (Mountain-400) is discontinued. | 43
GO
