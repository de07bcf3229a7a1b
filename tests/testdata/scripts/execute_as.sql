-- EXECUTE AS LOGIN / USER, REVERT and modules' WITH EXECUTE AS (issue #2):
-- the execution context stack of a session, what SUSER_SNAME(),
-- USER_NAME(), ORIGINAL_LOGIN() and IS_SRVROLEMEMBER() answer in it, the
-- permission checks made for the impersonated principal, IMPERSONATE
-- (15406, 15517), WITH NO REVERT and COOKIE (15196), and a module's
-- context ending when it returns, also through an error and a CATCH. The
-- script runs as sa; the logins are unique to it because the TDS run
-- shares one server between scripts.
CREATE LOGIN xa_reader WITH PASSWORD = 'Xa!Reader#1'
CREATE LOGIN xa_plain WITH PASSWORD = 'Xa!Plain#1'
CREATE USER xa_reader FOR LOGIN xa_reader
CREATE USER xa_plain FOR LOGIN xa_plain
CREATE USER xa_nologin WITHOUT LOGIN
CREATE ROLE xa_role
CREATE TABLE dbo.xa_t (id int PRIMARY KEY, v int)
INSERT dbo.xa_t VALUES (1, 10), (2, 20)
CREATE TABLE dbo.xa_secret (id int)
INSERT dbo.xa_secret VALUES (7)
GRANT SELECT ON dbo.xa_t TO xa_reader
GRANT SELECT ON dbo.xa_secret TO xa_nologin
GO
SELECT SUSER_SNAME() AS login, USER_NAME() AS usr, ORIGINAL_LOGIN() AS orig
-- expect: login | usr | orig
-- sa | dbo | sa
GO
EXECUTE AS USER = 'xa_reader'
SELECT SUSER_SNAME() AS login, USER_NAME() AS usr, CURRENT_USER AS cur, ORIGINAL_LOGIN() AS orig,
       IS_SRVROLEMEMBER('sysadmin') AS sa_role, IS_MEMBER('db_owner') AS owner_role
-- expect: login | usr | cur | orig | sa_role | owner_role
-- xa_reader | xa_reader | xa_reader | sa | 0 | 0
GO
-- The impersonated user's permissions apply: SELECT granted on xa_t only.
SELECT COUNT(*) AS n FROM dbo.xa_t
-- expect: n
-- 2
GO
SELECT COUNT(*) AS n FROM dbo.xa_secret
-- error: 229
GO
UPDATE dbo.xa_t SET v = 0
-- error: 229
GO
-- A user may not impersonate another without IMPERSONATE.
EXECUTE AS USER = 'xa_plain'
-- error: 15517 Cannot execute as the database principal because the principal "xa_plain" does not exist, this type of principal cannot be impersonated, or you do not have permission.
GO
EXECUTE AS LOGIN = 'xa_plain'
-- error: 15406 Cannot execute as the server principal because the principal "xa_plain" does not exist, this type of principal cannot be impersonated, or you do not have permission.
GO
REVERT
SELECT SUSER_SNAME() AS login, USER_NAME() AS usr
-- expect: login | usr
-- sa | dbo
GO
-- Contexts stack: each REVERT returns to the one before. IMPERSONATE on
-- a user lets its grantee become it.
GRANT IMPERSONATE ON USER::xa_nologin TO xa_plain
EXECUTE AS LOGIN = 'xa_plain'
EXECUTE AS USER = 'xa_nologin'
SELECT USER_NAME() AS usr, ORIGINAL_LOGIN() AS orig
SELECT COUNT(*) AS n FROM dbo.xa_secret
REVERT
SELECT SUSER_SNAME() AS login, USER_NAME() AS usr
REVERT
SELECT SUSER_SNAME() AS login, USER_NAME() AS usr
-- expect: usr | orig
-- xa_nologin | sa
-- expect: n
-- 1
-- expect: login | usr
-- xa_plain | xa_plain
-- expect: login | usr
-- sa | dbo
GO
-- Unknown principals, roles and the special users are not impersonable.
EXECUTE AS USER = 'xa_nobody'
-- error: 15517 Cannot execute as the database principal because the principal "xa_nobody" does not exist, this type of principal cannot be impersonated, or you do not have permission.
GO
EXECUTE AS USER = 'xa_role'
-- error: 15517 Cannot execute as the database principal because the principal "xa_role" does not exist, this type of principal cannot be impersonated, or you do not have permission.
GO
EXECUTE AS LOGIN = 'xa_nobody'
-- error: 15406 Cannot execute as the server principal because the principal "xa_nobody" does not exist, this type of principal cannot be impersonated, or you do not have permission.
GO
-- REVERT with nothing to revert does nothing.
REVERT
SELECT USER_NAME() AS usr
-- expect: usr
-- dbo
GO
-- WITH NO REVERT: REVERT fails (15196); a COOKIE context needs its cookie.
DECLARE @c varbinary(8000)
EXECUTE AS USER = 'xa_reader' WITH COOKIE INTO @c
SELECT USER_NAME() AS usr, CASE WHEN @c IS NULL THEN 0 ELSE 1 END AS has_cookie
BEGIN TRY
  REVERT
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num
END CATCH
DECLARE @wrong varbinary(8000) = 0x01
BEGIN TRY
  REVERT WITH COOKIE = @wrong
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num
END CATCH
REVERT WITH COOKIE = @c
SELECT USER_NAME() AS usr
-- expect: usr | has_cookie
-- xa_reader | 1
-- expect: num
-- 15196
-- expect: num
-- 15196
-- expect: usr
-- dbo
GO
-- A module's WITH EXECUTE AS: it runs as that user and the caller's
-- context is back when it returns, after an error and in a CATCH too.
CREATE PROCEDURE dbo.xa_p_as WITH EXECUTE AS 'xa_nologin' AS
SELECT USER_NAME() AS usr, LEFT(SUSER_SNAME(), 8) AS sid_prefix, ORIGINAL_LOGIN() AS orig
EXEC('SELECT COUNT(*) AS n FROM dbo.xa_secret')
GO
CREATE PROCEDURE dbo.xa_p_owner WITH EXECUTE AS OWNER AS
SELECT USER_NAME() AS usr
GO
CREATE PROCEDURE dbo.xa_p_fail WITH EXECUTE AS 'xa_reader' AS
SELECT COUNT(*) AS chained FROM dbo.xa_secret -- the ownership chain still applies
EXEC('SELECT COUNT(*) FROM dbo.xa_secret')    -- dynamic SQL is checked for xa_reader
GO
CREATE PROCEDURE dbo.xa_p_stmt AS
EXECUTE AS USER = 'xa_reader'
SELECT USER_NAME() AS usr
GO
EXEC dbo.xa_p_as
SELECT USER_NAME() AS usr
-- expect: usr | sid_prefix | orig
-- xa_nologin | S-1-9-3- | sa
-- expect: n
-- 1
-- expect: usr
-- dbo
GO
EXEC dbo.xa_p_owner
-- expect: usr
-- dbo
GO
EXEC dbo.xa_p_fail
-- expect: chained
-- 1
-- error: 229
GO
SELECT USER_NAME() AS usr
-- expect: usr
-- dbo
GO
BEGIN TRY
  EXEC dbo.xa_p_fail
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, USER_NAME() AS usr
END CATCH
-- expect: chained
-- 1
-- expect: num | usr
-- 229 | dbo
GO
-- An EXECUTE AS inside a module ends with it.
EXEC dbo.xa_p_stmt
SELECT USER_NAME() AS usr
-- expect: usr
-- xa_reader
-- expect: usr
-- dbo
GO
-- A REVERT inside a module does not undo the caller's context.
CREATE PROCEDURE dbo.xa_p_revert AS
REVERT
SELECT USER_NAME() AS usr
GO
EXECUTE AS USER = 'xa_reader'
GO
GRANT EXECUTE ON dbo.xa_p_revert TO xa_reader
-- error: 4613
GO
REVERT
GRANT EXECUTE ON dbo.xa_p_revert TO xa_reader
EXECUTE AS USER = 'xa_reader'
EXEC dbo.xa_p_revert
SELECT USER_NAME() AS usr
REVERT
-- expect: usr
-- xa_reader
-- expect: usr
-- xa_reader
GO
-- sys.dm_exec_sessions shows the current and the original login.
EXECUTE AS LOGIN = 'xa_plain'
SELECT login_name, original_login_name FROM sys.dm_exec_sessions WHERE session_id = @@SPID
REVERT
-- expect: login_name | original_login_name
-- xa_plain | sa
GO
-- sys.user_token and sys.login_token name the current context's principals.
ALTER ROLE xa_role ADD MEMBER xa_reader
EXECUTE AS USER = 'xa_reader'
SELECT name, type FROM sys.user_token ORDER BY name
SELECT name, type FROM sys.login_token ORDER BY name
REVERT
EXECUTE AS LOGIN = 'xa_reader'
SELECT name, type FROM sys.login_token ORDER BY name
REVERT
-- expect: name | type
-- public | ROLE
-- xa_reader | SQL USER
-- xa_role | ROLE
-- expect: name | type
-- public | SERVER ROLE
-- expect: name | type
-- public | SERVER ROLE
-- xa_reader | SQL LOGIN
GO
