-- TRY/CATCH, error functions, RAISERROR, THROW, PRINT.
BEGIN TRY
    SELECT 1 / 0 AS x
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev, ERROR_STATE() AS st, ERROR_MESSAGE() AS msg
END CATCH
-- expect: x
-- expect: num | sev | st | msg
-- 8134 | 16 | 1 | Divide by zero error encountered.
GO
SELECT ERROR_NUMBER() AS outside
-- expect: outside
-- NULL
GO
BEGIN TRY
    RAISERROR('custom %s %d', 16, 2, 'text', 42)
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev, ERROR_STATE() AS st, ERROR_MESSAGE() AS msg
END CATCH
-- expect: num | sev | st | msg
-- 50000 | 16 | 2 | custom text 42
GO
RAISERROR('plain error', 16, 1)
-- error: 50000 plain error
GO
RAISERROR('just info', 10, 1)
-- message: just info
GO
PRINT 'hello'
PRINT 42
-- message: hello
-- message: 42
GO
THROW 50001, 'thrown', 1
-- error: 50001 thrown
GO
BEGIN TRY
    THROW 50002, 'inner', 3
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_MESSAGE() AS msg, ERROR_STATE() AS st, ERROR_SEVERITY() AS sev
END CATCH
-- expect: num | msg | st | sev
-- 50002 | inner | 3 | 16
GO
-- THROW without arguments re-raises the caught error
BEGIN TRY
    BEGIN TRY
        SELECT CAST('x' AS int) AS c
    END TRY
    BEGIN CATCH
        THROW
    END CATCH
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_MESSAGE() AS msg
END CATCH
-- expect: c
-- expect: num | msg
-- 245 | Conversion failed when converting the varchar value 'x' to data type int.
GO
BEGIN TRY
    SELECT 'before' AS b
    RAISERROR('nested', 16, 1)
    SELECT 'skipped' AS s
END TRY
BEGIN CATCH
    PRINT 'caught ' + ERROR_MESSAGE()
END CATCH
SELECT 'after' AS a
-- expect: b
-- before
-- message: caught nested
-- expect: a
-- after
GO
-- errors of severity <= 10 are not caught
BEGIN TRY
    RAISERROR('info only', 10, 1)
    SELECT 'continued' AS c
END TRY
BEGIN CATCH
    SELECT 'caught' AS c
END CATCH
-- message: info only
-- expect: c
-- continued
GO
-- a missing object inside TRY at the same level is not caught (deferred name resolution)
BEGIN TRY
    SELECT * FROM dbo.does_not_exist
END TRY
BEGIN CATCH
    SELECT 'caught' AS c
END CATCH
-- error: 208 Invalid object name 'dbo.does_not_exist'.
GO
-- but it is caught one level up, from a procedure
CREATE PROCEDURE dbo.bad AS SELECT * FROM dbo.does_not_exist
GO
BEGIN TRY
    EXEC dbo.bad
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_PROCEDURE() AS proc_
END CATCH
-- expect: num | proc_
-- 208 | dbo.bad
GO
-- dynamic SQL is a level of its own: its 208 is caught by the caller
BEGIN TRY
    EXEC ('SELECT * FROM dbo.does_not_exist')
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_MESSAGE() AS msg
END CATCH
-- expect: num | msg
-- 208 | Invalid object name 'dbo.does_not_exist'.
GO
DECLARE @msg nvarchar(100) = FORMATMESSAGE('%s=%d', N'k', 5)
SELECT @msg AS m
-- expect: m
-- k=5
GO
SELECT FORMATMESSAGE('%s has %d rows, %5s|', 'dbo.t', 42, 'ab') AS m2
-- expect: m2
-- dbo.t has 42 rows,    ab|
GO
RAISERROR('sev %d', 11, 1, 11)
SELECT 'batch continues' AS c
-- error: 50000 sev 11
-- expect: c
-- batch continues
GO
