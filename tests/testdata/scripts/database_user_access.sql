-- ALTER DATABASE … SET SINGLE_USER | RESTRICTED_USER | MULTI_USER, with and
-- without a termination clause, by the only session in the database:
-- sys.databases and DATABASEPROPERTYEX show the mode, and the session keeps
-- using the database. Then the errors one session can meet.
CREATE TABLE dbo.t (id int);
ALTER DATABASE CURRENT SET SINGLE_USER WITH NO_WAIT;
SELECT user_access, user_access_desc, CONVERT(varchar(20), DATABASEPROPERTYEX(DB_NAME(), 'UserAccess')) AS ua FROM sys.databases WHERE name = DB_NAME();
-- expect: user_access | user_access_desc | ua
-- 1 | SINGLE_USER | SINGLE_USER
GO
INSERT INTO dbo.t VALUES (1);
SELECT COUNT(*) AS n FROM dbo.t;
-- expect: n
-- 1
GO
ALTER DATABASE CURRENT SET RESTRICTED_USER WITH ROLLBACK IMMEDIATE;
SELECT user_access, user_access_desc, CONVERT(varchar(20), DATABASEPROPERTYEX(DB_NAME(), 'UserAccess')) AS ua FROM sys.databases WHERE name = DB_NAME();
-- expect: user_access | user_access_desc | ua
-- 2 | RESTRICTED_USER | RESTRICTED_USER
GO
ALTER DATABASE CURRENT SET MULTI_USER WITH ROLLBACK AFTER 5 SECONDS;
SELECT user_access, user_access_desc, CONVERT(varchar(20), DATABASEPROPERTYEX(DB_NAME(), 'UserAccess')) AS ua FROM sys.databases WHERE name = DB_NAME();
-- expect: user_access | user_access_desc | ua
-- 0 | MULTI_USER | MULTI_USER
GO
ALTER DATABASE CURRENT SET SINGLE_USER;
ALTER DATABASE CURRENT SET READ_ONLY WITH ROLLBACK AFTER 5;
ALTER DATABASE CURRENT SET READ_WRITE WITH NO_WAIT;
ALTER DATABASE CURRENT SET MULTI_USER WITH ROLLBACK IMMEDIATE;
SELECT user_access_desc, is_read_only FROM sys.databases WHERE name = DB_NAME();
-- expect: user_access_desc | is_read_only
-- MULTI_USER | 0
GO
BEGIN TRAN;
ALTER DATABASE CURRENT SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
-- error: 226 ALTER DATABASE statement not allowed within multi-statement transaction.
GO
SELECT @@TRANCOUNT AS trancount, user_access_desc FROM sys.databases WHERE name = DB_NAME();
ROLLBACK;
-- expect: trancount | user_access_desc
-- 1 | MULTI_USER
GO
ALTER DATABASE master SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
-- error: 5058 Option 'SINGLE_USER' cannot be set in database 'master'.
GO
ALTER DATABASE tempdb SET MULTI_USER;
-- error: 5058 Option 'MULTI_USER' cannot be set in database 'tempdb'.
GO
ALTER DATABASE CURRENT SET EMERGENCY WITH NO_WAIT;
SELECT state, state_desc FROM sys.databases WHERE name = DB_NAME();
SELECT COUNT(*) AS n FROM dbo.t;
-- expect: state | state_desc
-- 5 | EMERGENCY
-- expect: n
-- 1
GO
INSERT INTO dbo.t VALUES (2);
-- error: 3906
GO
ALTER DATABASE CURRENT SET ONLINE;
INSERT INTO dbo.t VALUES (2);
SELECT state_desc, (SELECT COUNT(*) FROM dbo.t) AS n FROM sys.databases WHERE name = DB_NAME();
-- expect: state_desc | n
-- ONLINE | 2
GO
ALTER DATABASE master SET EMERGENCY;
-- error: 5058 Option 'EMERGENCY' cannot be set in database 'master'.
GO
