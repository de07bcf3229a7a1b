-- Database and server roles as deployment scripts set them up (CREATE ROLE,
-- ALTER ROLE … ADD MEMBER, sp_addrolemember, ALTER SERVER ROLE): recorded,
-- shown in the catalog views and by IS_ROLEMEMBER / IS_SRVROLEMEMBER, with
-- SQL Server's errors.
CREATE LOGIN roles_app WITH PASSWORD = 'Roles!App#1'
CREATE USER roles_app FOR LOGIN roles_app
CREATE USER roles_report WITHOUT LOGIN
CREATE ROLE app_readers
GO
ALTER ROLE app_readers ADD MEMBER roles_app
ALTER ROLE db_datareader ADD MEMBER app_readers
EXEC sp_addrolemember 'db_datawriter', 'roles_app'
EXEC sp_addrolemember @rolename = 'db_ddladmin', @membername = 'roles_report'
ALTER ROLE db_datareader ADD MEMBER app_readers
GO
SELECT r.name AS role, m.name AS member
FROM sys.database_role_members AS rm
JOIN sys.database_principals AS r ON r.principal_id = rm.role_principal_id
JOIN sys.database_principals AS m ON m.principal_id = rm.member_principal_id
ORDER BY r.name, m.name
-- expect: role | member
-- app_readers | roles_app
-- db_datareader | app_readers
-- db_datawriter | roles_app
-- db_ddladmin | roles_report
-- db_owner | dbo
GO
SELECT name, type, type_desc FROM sys.database_principals WHERE name IN ('app_readers', 'db_owner', 'db_datareader', 'roles_app') ORDER BY name
-- expect: name | type | type_desc
-- app_readers | R | DATABASE_ROLE
-- db_datareader | R | DATABASE_ROLE
-- db_owner | R | DATABASE_ROLE
-- roles_app | S | SQL_USER
GO
-- Membership through a role counts; a role or principal that does not
-- exist gives NULL.
SELECT IS_ROLEMEMBER('db_datareader', 'roles_app') AS through_role, IS_ROLEMEMBER('db_datawriter', 'roles_app') AS direct,
  IS_ROLEMEMBER('db_ddladmin', 'roles_app') AS no, IS_ROLEMEMBER('nope', 'roles_app') AS no_role,
  IS_ROLEMEMBER('db_datareader', 'nobody') AS no_principal, IS_ROLEMEMBER('db_owner') AS sa_is_dbo, IS_MEMBER('db_owner') AS is_member,
  IS_ROLEMEMBER('public', 'roles_report') AS public_role
-- expect: through_role | direct | no | no_role | no_principal | sa_is_dbo | is_member | public_role
-- 1 | 1 | 0 | NULL | NULL | 1 | 1 | 1
GO
ALTER ROLE nope ADD MEMBER roles_app
-- error: 15151 Cannot alter the role 'nope', because it does not exist or you do not have permission.
GO
ALTER ROLE app_readers ADD MEMBER nobody
-- error: 15151 Cannot add the principal 'nobody', because it does not exist or you do not have permission.
GO
CREATE ROLE roles_app
-- error: 15023 User, group, or role 'roles_app' already exists in the current database.
GO
ALTER ROLE app_readers ADD MEMBER db_datareader
-- error: 15413 Cannot make a role a member of itself or one of its members.
GO
DROP ROLE app_readers
-- error: 15144 The role has members. It must be empty before it can be dropped.
GO
DROP ROLE db_owner
-- error: 15405 Cannot use the special principal 'db_owner'.
GO
-- Renaming keeps the memberships; dropping members empties the role.
ALTER ROLE app_readers WITH NAME = readers
SELECT IS_ROLEMEMBER('readers', 'roles_app') AS renamed, IS_ROLEMEMBER('db_datareader', 'roles_app') AS still
ALTER ROLE readers DROP MEMBER roles_app
ALTER ROLE db_datareader DROP MEMBER readers
EXEC sp_droprolemember 'db_datawriter', 'roles_app'
DROP ROLE readers
DROP ROLE IF EXISTS readers
SELECT COUNT(*) AS members FROM sys.database_role_members
-- expect: renamed | still
-- 1 | 1
-- expect: members
-- 2
GO
-- DROP USER removes the user and its memberships.
DROP USER roles_report
SELECT COUNT(*) AS users FROM sys.database_principals WHERE name = 'roles_report'
SELECT COUNT(*) AS members FROM sys.database_role_members
-- expect: users
-- 0
-- expect: members
-- 1
GO
DROP USER roles_report
-- error: 15151 Cannot drop the user 'roles_report', because it does not exist or you do not have permission.
GO
-- Server roles.
ALTER SERVER ROLE dbcreator ADD MEMBER roles_app
EXEC sp_addsrvrolemember 'roles_app', 'sysadmin'
SELECT IS_SRVROLEMEMBER('dbcreator', 'roles_app') AS dbcreator, IS_SRVROLEMEMBER('sysadmin', 'roles_app') AS sysadmin,
  IS_SRVROLEMEMBER('bulkadmin', 'roles_app') AS bulkadmin, IS_SRVROLEMEMBER('sysadmin') AS sa, IS_SRVROLEMEMBER('nope') AS no_role
SELECT r.name AS role FROM sys.server_role_members AS rm
JOIN sys.server_principals AS r ON r.principal_id = rm.role_principal_id
JOIN sys.server_principals AS m ON m.principal_id = rm.member_principal_id
WHERE m.name = 'roles_app' ORDER BY r.name
ALTER SERVER ROLE sysadmin DROP MEMBER roles_app
EXEC sp_dropsrvrolemember 'roles_app', 'dbcreator'
SELECT IS_SRVROLEMEMBER('dbcreator', 'roles_app') AS dbcreator, IS_SRVROLEMEMBER('sysadmin', 'roles_app') AS sysadmin
-- expect: dbcreator | sysadmin | bulkadmin | sa | no_role
-- 1 | 1 | 0 | 1 | NULL
-- expect: role
-- dbcreator
-- sysadmin
-- expect: dbcreator | sysadmin
-- 0 | 0
GO
ALTER SERVER ROLE sysadmin ADD MEMBER nobody
-- error: 15151 Cannot add the principal 'nobody', because it does not exist or you do not have permission.
GO
ALTER SERVER ROLE nope ADD MEMBER roles_app
-- error: 15151 Cannot alter the server role 'nope', because it does not exist or you do not have permission.
GO
DROP USER roles_app
DROP LOGIN roles_app
GO
