-- Documented examples of the security statements and functions
-- (learn.microsoft.com/sql/t-sql/statements/: create-login, alter-login,
-- drop-login, create-user, alter-user, create-role, alter-role,
-- alter-server-role, grant-object-permissions, deny-object-permissions,
-- revoke-object-permissions, grant-schema-permissions, execute-as, revert,
-- alter-authorization; functions: has-perms-by-name, sys-fn-my-permissions,
-- is-member, is-rolemember, is-srvrolemember, user-name, suser-name).
-- Names are prefixed ds_ (logins are server-wide and the TDS run shares
-- one server); the AdventureWorks objects are small ones of our own.
-- Where a page shows no output, the expectation is derived from its text
-- (said in the batch's comment).
CREATE SCHEMA HumanResources
GO
CREATE TABLE HumanResources.Employee (BusinessEntityID int PRIMARY KEY, JobTitle nvarchar(50), VacationHours smallint)
INSERT HumanResources.Employee VALUES (1, N'Chief Executive Officer', 99), (2, N'Vice President of Engineering', 1)
GO
-- CREATE LOGIN A/B: a login with a password; CHECK_POLICY = OFF, DEFAULT_DATABASE
CREATE LOGIN ds_Mary7 WITH PASSWORD = 'A2c3456$#', CHECK_POLICY = OFF
CREATE LOGIN ds_Shcooper WITH PASSWORD = 'Aw3$ome!pwd1', DEFAULT_DATABASE = master, CHECK_EXPIRATION = OFF, CHECK_POLICY = OFF
GO
SELECT name, type, type_desc, is_disabled, default_database_name FROM sys.server_principals WHERE name LIKE 'ds[_]%' ORDER BY name
-- expect: name | type | type_desc | is_disabled | default_database_name
-- ds_Mary7 | S | SQL_LOGIN | 0 | master
-- ds_Shcooper | S | SQL_LOGIN | 0 | master
GO
-- ALTER LOGIN A: disable; ALTER LOGIN … ENABLE
ALTER LOGIN ds_Mary7 DISABLE
GO
SELECT is_disabled FROM sys.server_principals WHERE name = 'ds_Mary7'
-- expect: is_disabled
-- 1
GO
ALTER LOGIN ds_Mary7 ENABLE
SELECT is_disabled FROM sys.server_principals WHERE name = 'ds_Mary7'
-- expect: is_disabled
-- 0
GO
-- ALTER LOGIN C: rename a login
ALTER LOGIN ds_Mary7 WITH NAME = ds_Mary5
SELECT name FROM sys.server_principals WHERE name LIKE 'ds[_]Mary%'
-- expect: name
-- ds_Mary5
GO
-- A second login of the same name: 15025 (the page's "already exists")
CREATE LOGIN ds_Mary5 WITH PASSWORD = 'A2c3456$#', CHECK_POLICY = OFF
-- error: 15025 The server principal 'ds_Mary5' already exists.
GO
-- ALTER LOGIN of a login that does not exist: 15151
ALTER LOGIN ds_NoSuchLogin DISABLE
-- error: 15151 Cannot alter the login 'ds_NoSuchLogin', because it does not exist or you do not have permission.
GO
DROP LOGIN ds_NoSuchLogin
-- error: 15151 Cannot drop the login 'ds_NoSuchLogin', because it does not exist or you do not have permission.
GO
-- CREATE USER: for a login, WITHOUT LOGIN, with DEFAULT_SCHEMA
CREATE USER ds_Mary5 FOR LOGIN ds_Mary5
CREATE USER ds_CustomApp WITHOUT LOGIN
CREATE USER ds_Shcooper FOR LOGIN ds_Shcooper WITH DEFAULT_SCHEMA = HumanResources
GO
SELECT name, type, type_desc, default_schema_name, authentication_type_desc
FROM sys.database_principals WHERE name LIKE 'ds[_]%' ORDER BY name
-- expect: name | type | type_desc | default_schema_name | authentication_type_desc
-- ds_CustomApp | S | SQL_USER | dbo | NONE
-- ds_Mary5 | S | SQL_USER | dbo | INSTANCE
-- ds_Shcooper | S | SQL_USER | HumanResources | INSTANCE
GO
-- ALTER USER A: change the name; B: the default schema
ALTER USER ds_CustomApp WITH NAME = ds_CustomApp2
ALTER USER ds_Mary5 WITH DEFAULT_SCHEMA = HumanResources
SELECT name, default_schema_name FROM sys.database_principals WHERE name IN ('ds_CustomApp2', 'ds_Mary5') ORDER BY name
-- expect: name | default_schema_name
-- ds_CustomApp2 | dbo
-- ds_Mary5 | HumanResources
GO
-- SCHEMA_NAME() and SCHEMA_ID() with no argument: the user's default schema
EXECUTE AS USER = 'ds_Mary5'
SELECT SCHEMA_NAME() AS s, SCHEMA_NAME(SCHEMA_ID()) AS by_id
REVERT
SELECT SCHEMA_NAME() AS s
-- expect: s | by_id
-- HumanResources | HumanResources
-- expect: s
-- dbo
GO
-- The other columns: fixed roles, a role's owner (dbo), users' authentication
SELECT name, owning_principal_id, is_fixed_role, authentication_type, default_language_name
FROM sys.database_principals WHERE name IN ('dbo', 'db_owner', 'ds_Mary5', 'ds_CustomApp2', 'guest') ORDER BY name
-- expect: name | owning_principal_id | is_fixed_role | authentication_type | default_language_name
-- db_owner | 1 | 1 | 0 | NULL
-- dbo | NULL | 0 | 1 | NULL
-- ds_CustomApp2 | NULL | 0 | 0 | NULL
-- ds_Mary5 | NULL | 0 | 1 | NULL
-- guest | NULL | 0 | 0 | NULL
GO
CREATE USER ds_Mary5 WITHOUT LOGIN
-- error: 15023 User, group, or role 'ds_Mary5' already exists in the current database.
GO
DROP USER ds_NoSuchUser
-- error: 15151 Cannot drop the user 'ds_NoSuchUser', because it does not exist or you do not have permission.
GO
-- CREATE ROLE A/B: a role owned by a user, ALTER ROLE ADD MEMBER / DROP MEMBER
CREATE ROLE ds_buyers AUTHORIZATION ds_Mary5
CREATE ROLE ds_auditors
ALTER ROLE ds_buyers ADD MEMBER ds_Shcooper
ALTER ROLE ds_auditors ADD MEMBER ds_CustomApp2
GO
SELECT r.name AS role_name, m.name AS member_name
FROM sys.database_role_members AS rm
JOIN sys.database_principals AS r ON r.principal_id = rm.role_principal_id
JOIN sys.database_principals AS m ON m.principal_id = rm.member_principal_id
WHERE r.name LIKE 'ds[_]%' ORDER BY r.name
-- expect: role_name | member_name
-- ds_auditors | ds_CustomApp2
-- ds_buyers | ds_Shcooper
GO
SELECT p.name, o.name AS owner FROM sys.database_principals AS p JOIN sys.database_principals AS o ON o.principal_id = p.owning_principal_id
WHERE p.name LIKE 'ds[_]%' AND p.type = 'R' ORDER BY p.name
-- expect: name | owner
-- ds_auditors | dbo
-- ds_buyers | ds_Mary5
GO
ALTER ROLE ds_buyers DROP MEMBER ds_Shcooper
ALTER ROLE ds_auditors WITH NAME = ds_auditors2
SELECT COUNT(*) AS n FROM sys.database_role_members AS rm JOIN sys.database_principals AS r ON r.principal_id = rm.role_principal_id WHERE r.name = 'ds_buyers'
-- expect: n
-- 0
GO
-- sp_addrolemember / sp_droprolemember (deprecated, still documented)
EXEC sp_addrolemember 'db_datareader', 'ds_Mary5'
SELECT IS_ROLEMEMBER('db_datareader', 'ds_Mary5') AS reader, IS_ROLEMEMBER('db_datawriter', 'ds_Mary5') AS writer, IS_ROLEMEMBER('ds_nosuchrole', 'ds_Mary5') AS nosuch
-- expect: reader | writer | nosuch
-- 1 | 0 | NULL
GO
EXEC sp_droprolemember 'db_datareader', 'ds_Mary5'
SELECT IS_ROLEMEMBER('db_datareader', 'ds_Mary5') AS reader
-- expect: reader
-- 0
GO
ALTER ROLE ds_nosuchrole ADD MEMBER ds_Mary5
-- error: 15151 Cannot alter the role 'ds_nosuchrole', because it does not exist or you do not have permission.
GO
-- ALTER SERVER ROLE A: add a login to a fixed server role
ALTER SERVER ROLE diskadmin ADD MEMBER ds_Shcooper
SELECT IS_SRVROLEMEMBER('diskadmin', 'ds_Shcooper') AS dsk, IS_SRVROLEMEMBER('sysadmin', 'ds_Shcooper') AS sa, IS_SRVROLEMEMBER('nosuchrole', 'ds_Shcooper') AS nosuch
-- expect: dsk | sa | nosuch
-- 1 | 0 | NULL
GO
ALTER SERVER ROLE diskadmin DROP MEMBER ds_Shcooper
SELECT IS_SRVROLEMEMBER('diskadmin', 'ds_Shcooper') AS dsk
-- expect: dsk
-- 0
GO
-- The caller (sa) is sysadmin and dbo
SELECT IS_SRVROLEMEMBER('sysadmin') AS sa, IS_MEMBER('db_owner') AS owner, IS_MEMBER('ds_nosuchrole') AS nosuch, USER_NAME() AS u
-- expect: sa | owner | nosuch | u
-- 1 | 1 | NULL | dbo
GO
-- GRANT object permissions A, B (WITH GRANT OPTION), column permissions
GRANT SELECT ON OBJECT::HumanResources.Employee TO ds_Mary5
GRANT REFERENCES (BusinessEntityID) ON OBJECT::HumanResources.Employee TO ds_CustomApp2 WITH GRANT OPTION
GRANT SELECT (JobTitle) ON HumanResources.Employee TO ds_Shcooper
GO
SELECT pr.name, pe.class_desc, pe.permission_name, pe.state_desc, OBJECT_NAME(pe.major_id) AS obj, COL_NAME(pe.major_id, pe.minor_id) AS col
FROM sys.database_permissions AS pe JOIN sys.database_principals AS pr ON pr.principal_id = pe.grantee_principal_id
WHERE pr.name LIKE 'ds[_]%' AND pe.class = 1 ORDER BY pr.name, pe.permission_name
-- expect: name | class_desc | permission_name | state_desc | obj | col
-- ds_CustomApp2 | OBJECT_OR_COLUMN | REFERENCES | GRANT_WITH_GRANT_OPTION | Employee | BusinessEntityID
-- ds_Mary5 | OBJECT_OR_COLUMN | SELECT | GRANT | Employee | NULL
-- ds_Shcooper | OBJECT_OR_COLUMN | SELECT | GRANT | Employee | JobTitle
GO
-- REVOKE … CASCADE of a grantable permission; without CASCADE: 4611
REVOKE REFERENCES (BusinessEntityID) ON HumanResources.Employee FROM ds_CustomApp2
-- error: 4611 To revoke or deny grantable privileges, specify the CASCADE option.
GO
REVOKE REFERENCES (BusinessEntityID) ON HumanResources.Employee FROM ds_CustomApp2 CASCADE
SELECT COUNT(*) AS n FROM sys.database_permissions WHERE grantee_principal_id = DATABASE_PRINCIPAL_ID('ds_CustomApp2') AND class = 1
-- expect: n
-- 0
GO
-- GRANT on a schema; DENY on a schema; the database permission CREATE TABLE
GRANT INSERT ON SCHEMA::HumanResources TO ds_buyers
DENY SELECT ON SCHEMA::HumanResources TO ds_auditors2
GRANT CREATE TABLE TO ds_Mary5
GO
SELECT pr.name, pe.class_desc, pe.permission_name, pe.state_desc, SCHEMA_NAME(pe.major_id) AS sch
FROM sys.database_permissions AS pe JOIN sys.database_principals AS pr ON pr.principal_id = pe.grantee_principal_id
WHERE pr.name LIKE 'ds[_]%' AND pe.class = 3 ORDER BY pr.name
-- expect: name | class_desc | permission_name | state_desc | sch
-- ds_auditors2 | SCHEMA | SELECT | DENY | HumanResources
-- ds_buyers | SCHEMA | INSERT | GRANT | HumanResources
GO
SELECT pe.permission_name, pe.state_desc FROM sys.database_permissions AS pe
WHERE pe.grantee_principal_id = DATABASE_PRINCIPAL_ID('ds_Mary5') AND pe.class = 0 ORDER BY pe.permission_name
-- expect: permission_name | state_desc
-- CONNECT | GRANT
-- CREATE TABLE | GRANT
GO
-- GRANT … AS: the grantor is the role the caller belongs to
GRANT SELECT ON HumanResources.Employee TO ds_CustomApp2 AS db_owner
SELECT USER_NAME(grantor_principal_id) AS grantor FROM sys.database_permissions
WHERE grantee_principal_id = DATABASE_PRINCIPAL_ID('ds_CustomApp2') AND class = 1
-- expect: grantor
-- db_owner
GO
-- Errors: an object, a principal, a schema that do not exist (15151)
GRANT SELECT ON HumanResources.NoSuchTable TO ds_Mary5
-- error: 15151 Cannot find the object 'NoSuchTable', because it does not exist or you do not have permission.
GO
GRANT SELECT ON HumanResources.Employee TO ds_nobody
-- error: 15151 Cannot find the user 'ds_nobody', because it does not exist or you do not have permission.
GO
-- A permission that does not apply to the securable: EXECUTE on a table is 4606
GRANT EXECUTE ON HumanResources.Employee TO ds_Mary5
-- error: 4606 Granted or revoked privilege EXECUTE is not compatible with object.
GO
-- GRANT server permissions (grant-server-permissions A): sys.server_permissions
-- Outside master it is 4621 (the page: server permissions are granted in master)
GRANT VIEW SERVER STATE TO ds_Shcooper
-- error: 4621 Permissions at the server scope can only be granted when the current database is master
GO
EXEC master.sys.sp_executesql N'GRANT VIEW SERVER STATE TO ds_Shcooper'
GO
SELECT sp.permission_name, sp.state_desc, sp.class_desc FROM sys.server_permissions AS sp
JOIN sys.server_principals AS p ON p.principal_id = sp.grantee_principal_id WHERE p.name = 'ds_Shcooper' ORDER BY sp.permission_name
-- expect: permission_name | state_desc | class_desc
-- CONNECT SQL | GRANT | SERVER
-- VIEW SERVER STATE | GRANT | SERVER
GO
EXEC master.sys.sp_executesql N'REVOKE VIEW SERVER STATE FROM ds_Shcooper'
GO
-- HAS_PERMS_BY_NAME A–C
SELECT HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') AS server_state,
       HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'ANY') AS db_any,
       HAS_PERMS_BY_NAME('HumanResources.Employee', 'OBJECT', 'SELECT') AS sel,
       HAS_PERMS_BY_NAME('HumanResources.NoSuchTable', 'OBJECT', 'SELECT') AS nosuch
-- expect: server_state | db_any | sel | nosuch
-- 1 | 1 | 1 | NULL
GO
-- EXECUTE AS USER / REVERT: the context the user's permissions give
EXECUTE AS USER = 'ds_Mary5'
SELECT USER_NAME() AS u, SUSER_NAME() AS s, HAS_PERMS_BY_NAME('HumanResources.Employee', 'OBJECT', 'SELECT') AS sel,
       HAS_PERMS_BY_NAME('HumanResources.Employee', 'OBJECT', 'UPDATE') AS upd, IS_MEMBER('db_owner') AS owner
REVERT
SELECT USER_NAME() AS u
-- expect: u | s | sel | upd | owner
-- ds_Mary5 | ds_Mary5 | 1 | 0 | 0
-- expect: u
-- dbo
GO
-- fn_my_permissions: the user's effective permissions on the table
EXECUTE AS USER = 'ds_Mary5'
SELECT subentity_name, permission_name FROM fn_my_permissions('HumanResources.Employee', 'OBJECT') ORDER BY subentity_name, permission_name
REVERT
-- expect: subentity_name | permission_name
-- '' | SELECT
-- BusinessEntityID | SELECT
-- JobTitle | SELECT
-- VacationHours | SELECT
GO
-- The column permission: only JobTitle may be read; another column is 230
EXECUTE AS USER = 'ds_Shcooper'
SELECT JobTitle FROM HumanResources.Employee WHERE 1 = 0
REVERT
-- expect: JobTitle
GO
EXECUTE AS USER = 'ds_Shcooper'
BEGIN TRY
  SELECT VacationHours FROM HumanResources.Employee
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, REPLACE(ERROR_MESSAGE(), DB_NAME(), N'corpus') AS msg -- the TDS run's database has another name
END CATCH
REVERT
-- expect: num | msg
-- 230 | The SELECT permission was denied on the column 'VacationHours' of the object 'Employee', database 'corpus', schema 'HumanResources'.
GO
EXECUTE AS USER = 'ds_Shcooper'
BEGIN TRY
  SELECT VacationHours FROM HumanResources.Employee
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev
END CATCH
REVERT
-- expect: num | sev
-- 230 | 14
GO
-- 229: a permission denied on the object; the DENY on the schema wins over a GRANT
EXECUTE AS USER = 'ds_CustomApp2'
BEGIN TRY
  UPDATE HumanResources.Employee SET VacationHours = 0
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev, ERROR_STATE() AS st
END CATCH
BEGIN TRY
  SELECT COUNT(*) AS n FROM HumanResources.Employee
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev, ERROR_STATE() AS st
END CATCH
REVERT
-- expect: num | sev | st
-- 229 | 14 | 5
-- expect: num | sev | st
-- 229 | 14 | 5
GO
-- 262: a database permission the user lacks
EXECUTE AS USER = 'ds_CustomApp2'
BEGIN TRY
  EXEC ('CREATE TABLE dbo.ds_t (a int)')
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, REPLACE(ERROR_MESSAGE(), DB_NAME(), N'corpus') AS msg -- the TDS run's database has another name
END CATCH
REVERT
-- expect: num | msg
-- 262 | CREATE TABLE permission denied in database 'corpus'.
GO
-- EXECUTE AS LOGIN: ORIGINAL_LOGIN stays the caller's; SUSER_SID matches the login's sid
EXECUTE AS LOGIN = 'ds_Shcooper'
SELECT SUSER_NAME() AS s, USER_NAME() AS u, ORIGINAL_LOGIN() AS orig,
       CASE WHEN SUSER_SID() = (SELECT sid FROM sys.server_principals WHERE name = 'ds_Shcooper') THEN 1 ELSE 0 END AS sid_ok
REVERT
-- expect: s | u | orig | sid_ok
-- ds_Shcooper | ds_Shcooper | sa | 1
GO
SELECT SUSER_SNAME(SUSER_SID('ds_Mary5')) AS name_back, USER_NAME(1) AS u1, SUSER_NAME(1) AS s1, USER_NAME(DATABASE_PRINCIPAL_ID('ds_Mary5')) AS u
-- expect: name_back | u1 | s1 | u
-- ds_Mary5 | dbo | sa | ds_Mary5
GO
-- REVERT with no EXECUTE AS to revert: 15357? The page: nothing to revert is an error
EXECUTE AS USER = 'ds_nobody'
-- error: 15517 Cannot execute as the database principal because the principal "ds_nobody" does not exist, this type of principal cannot be impersonated, or you do not have permission.
GO
EXECUTE AS LOGIN = 'ds_nobody'
-- error: 15406 Cannot execute as the server principal because the principal "ds_nobody" does not exist, this type of principal cannot be impersonated, or you do not have permission.
GO
-- ALTER AUTHORIZATION A: transfer a schema's ownership; a table's
ALTER AUTHORIZATION ON SCHEMA::HumanResources TO ds_Mary5
SELECT s.name, USER_NAME(s.principal_id) AS owner FROM sys.schemas AS s WHERE s.name = 'HumanResources'
-- expect: name | owner
-- HumanResources | ds_Mary5
GO
ALTER AUTHORIZATION ON OBJECT::HumanResources.Employee TO ds_CustomApp2
SELECT USER_NAME(principal_id) AS owner FROM sys.tables WHERE name = 'Employee'
-- expect: owner
-- ds_CustomApp2
GO
SELECT USER_NAME(OBJECTPROPERTY(OBJECT_ID('HumanResources.Employee'), 'OwnerId')) AS owner
-- expect: owner
-- ds_CustomApp2
GO
-- A user who owns an object cannot be dropped
DROP USER ds_CustomApp2
-- error: 15183 The database principal owns objects in the database and cannot be dropped.
GO
ALTER AUTHORIZATION ON OBJECT::HumanResources.Employee TO ds_nobody
-- error: 15151 Cannot find the user 'ds_nobody', because it does not exist or you do not have permission.
GO
ALTER AUTHORIZATION ON SCHEMA::ds_NoSuchSchema TO ds_Mary5
-- error: 15151 Cannot find the schema 'ds_NoSuchSchema', because it does not exist or you do not have permission.
GO
ALTER AUTHORIZATION ON OBJECT::HumanResources.NoSuchTable TO ds_Mary5
-- error: 15151 Cannot find the object 'NoSuchTable', because it does not exist or you do not have permission.
GO
ALTER AUTHORIZATION ON OBJECT::HumanResources.Employee TO SCHEMA OWNER
SELECT principal_id FROM sys.tables WHERE name = 'Employee'
-- expect: principal_id
-- NULL
GO
SELECT USER_NAME(OBJECTPROPERTY(OBJECT_ID('HumanResources.Employee'), 'OwnerId')) AS owner
-- expect: owner
-- ds_Mary5
GO
ALTER AUTHORIZATION ON SCHEMA::HumanResources TO dbo
GO
-- DROP USER of a user who owns a role (ds_buyers): 15138
DROP USER ds_Mary5
-- error: 15138 The database principal owns a database role in the database, and cannot be dropped.
GO
-- ALTER AUTHORIZATION ON ROLE: the role's owner changes
ALTER AUTHORIZATION ON ROLE::ds_buyers TO ds_Shcooper
SELECT USER_NAME(owning_principal_id) AS owner FROM sys.database_principals WHERE name = 'ds_buyers'
-- expect: owner
-- ds_Shcooper
GO
DROP USER ds_Shcooper
-- error: 15138 The database principal owns a database role in the database, and cannot be dropped.
GO
-- … or a schema (CREATE SCHEMA … AUTHORIZATION)
CREATE SCHEMA ds_Sales AUTHORIZATION ds_Shcooper
GO
DROP USER ds_Shcooper
-- error: 15138 The database principal owns a schema in the database, and cannot be dropped.
GO
DROP SCHEMA ds_Sales
GO
-- DROP ROLE of a role with members: 15144
ALTER ROLE ds_buyers ADD MEMBER ds_Shcooper
GO
DROP ROLE ds_buyers
-- error: 15144 The role has members. It must be empty before it can be dropped.
GO
ALTER ROLE ds_buyers DROP MEMBER ds_Shcooper
ALTER ROLE ds_auditors2 DROP MEMBER ds_CustomApp2
DROP ROLE ds_buyers
DROP ROLE ds_auditors2
DROP USER ds_Mary5
DROP USER ds_Shcooper
DROP USER ds_CustomApp2
DROP LOGIN ds_Mary5
DROP LOGIN ds_Shcooper
SELECT COUNT(*) AS n FROM sys.server_principals WHERE name LIKE 'ds[_]%'
-- expect: n
-- 0
GO
