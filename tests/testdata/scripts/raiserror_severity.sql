-- RAISERROR's severity rules (Microsoft's RAISERROR page): 19 through 25
-- need WITH LOG and sysadmin or ALTER TRACE (2754), WITH LOG itself needs
-- them (2778), below 0 is 0 and above 25 is 25.
RAISERROR('no log', 19, 1)
-- error: 2754 Error severity levels greater than 18 can only be specified by members of the sysadmin role, using the WITH LOG option.
GO
RAISERROR('far too severe', 300, 1)
-- error: 2754 Error severity levels greater than 18 can only be specified by members of the sysadmin role, using the WITH LOG option.
GO
RAISERROR('logged by sa', 19, 1) WITH LOG
-- error: 50000 logged by sa
GO
BEGIN TRY
    RAISERROR('logged, caught', 18, 4) WITH LOG
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev, ERROR_STATE() AS state
END CATCH
-- expect: num | sev | state
-- 50000 | 18 | 4
GO
RAISERROR('below zero is informational', -7, 1)
-- message: below zero is informational
GO
CREATE LOGIN raise_app WITH PASSWORD = 'Raise!App#1'
CREATE USER raise_app FOR LOGIN raise_app
GO
EXECUTE AS LOGIN = 'raise_app'
RAISERROR('ordinary', 16, 1)
-- error: 50000 ordinary
GO
RAISERROR('too severe', 19, 1) WITH LOG
-- error: 2754 Error severity levels greater than 18 can only be specified by members of the sysadmin role, using the WITH LOG option.
GO
RAISERROR('fatal', 20, 1) WITH LOG
-- error: 2754 Error severity levels greater than 18 can only be specified by members of the sysadmin role, using the WITH LOG option.
GO
RAISERROR('wants the log', 16, 1) WITH LOG
-- error: 2778 Only System Administrator can specify WITH LOG option for RAISERROR command.
GO
BEGIN TRY
    RAISERROR('wants the log', 10, 1) WITH LOG
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, SUSER_NAME() AS who
END CATCH
-- expect: num | who
-- 2778 | raise_app
GO
REVERT
GO
-- ALTER TRACE lets a login log, and raise 19 through 25 with the log
-- (a server permission: granted in master, 4621 elsewhere).
EXEC master.sys.sp_executesql N'GRANT ALTER TRACE TO raise_app'
GO
EXECUTE AS LOGIN = 'raise_app'
RAISERROR('may log now', 16, 1) WITH LOG
-- error: 50000 may log now
GO
RAISERROR('severe, logged', 19, 1) WITH LOG
-- error: 50000 severe, logged
GO
REVERT
GO
DROP USER raise_app
DROP LOGIN raise_app
GO
