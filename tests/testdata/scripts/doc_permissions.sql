-- The permission queries and statements a DBA runs, from Microsoft's docs
-- (learn.microsoft.com/sql/t-sql/statements/: grant-transact-sql,
-- grant-object-permissions, grant-server-permissions, revoke-transact-sql,
-- deny-object-permissions; functions: sys-fn-my-permissions,
-- has-perms-by-name; views: sys-database-permissions,
-- sys-server-permissions, sys-databases). The grantor of GRANT … AS, the
-- grant option passed down a chain and taken back with CASCADE, REVOKE
-- GRANT OPTION FOR, server permissions (granted in master only) and the
-- CONNECT SQL every login holds, DENY at the schema against GRANT at the
-- object, a column's DENY against the table's GRANT, and the database
-- owner after ALTER AUTHORIZATION. Names are prefixed dp_ (logins are
-- server-wide and the TDS run shares one server).
CREATE SCHEMA dp_Sales
GO
CREATE TABLE dp_Sales.Orders (OrderID int PRIMARY KEY, Customer nvarchar(40), Amount money)
INSERT dp_Sales.Orders VALUES (1, N'Contoso', 10), (2, N'Fabrikam', 20)
CREATE LOGIN dp_Ann WITH PASSWORD = 'Dp!Ann#2026', CHECK_POLICY = OFF
CREATE LOGIN dp_Ben WITH PASSWORD = 'Dp!Ben#2026', CHECK_POLICY = OFF
CREATE LOGIN dp_Owner WITH PASSWORD = 'Dp!Own#2026', CHECK_POLICY = OFF
CREATE USER dp_Ann FOR LOGIN dp_Ann
CREATE USER dp_Ben FOR LOGIN dp_Ben
CREATE USER dp_Cal WITHOUT LOGIN
CREATE USER dp_Dee WITHOUT LOGIN
CREATE ROLE dp_Managers
ALTER ROLE dp_Managers ADD MEMBER dp_Ann
GO
-- GRANT … AS: the grantor sys.database_permissions records is the AS
-- principal, here a role the grant option was given to
GRANT SELECT ON dp_Sales.Orders TO dp_Managers WITH GRANT OPTION
GO
EXECUTE AS USER = 'dp_Ann'
GRANT SELECT ON dp_Sales.Orders TO dp_Cal AS dp_Managers
REVERT
SELECT USER_NAME(pe.grantee_principal_id) AS grantee, USER_NAME(pe.grantor_principal_id) AS grantor, pe.state_desc
FROM sys.database_permissions AS pe WHERE pe.major_id = OBJECT_ID('dp_Sales.Orders') ORDER BY grantee
-- expect: grantee | grantor | state_desc
-- dp_Cal | dp_Managers | GRANT
-- dp_Managers | dbo | GRANT_WITH_GRANT_OPTION
GO
-- A principal the caller cannot act as: 4618
EXECUTE AS USER = 'dp_Ben'
BEGIN TRY
  GRANT SELECT ON dp_Sales.Orders TO dp_Dee AS dp_Managers
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev, ERROR_MESSAGE() AS msg
END CATCH
REVERT
-- expect: num | sev | msg
-- 4618 | 16 | You do not have permission to use dp_Managers in the AS clause.
GO
-- An AS principal without the grant option: 4613
EXECUTE AS USER = 'dp_Ann'
BEGIN TRY
  GRANT UPDATE ON dp_Sales.Orders TO dp_Dee AS dp_Managers
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev, ERROR_MESSAGE() AS msg
END CATCH
REVERT
-- expect: num | sev | msg
-- 4613 | 16 | Grantor does not have GRANT permission.
GO
-- dbo names a fixed role: db_owner is the grantor
GRANT INSERT ON dp_Sales.Orders TO dp_Dee AS db_owner
SELECT USER_NAME(grantor_principal_id) AS grantor, permission_name FROM sys.database_permissions
WHERE grantee_principal_id = DATABASE_PRINCIPAL_ID('dp_Dee') AND class = 1
-- expect: grantor | permission_name
-- db_owner | INSERT
GO
GRANT INSERT ON dp_Sales.Orders TO dp_Dee AS dp_NoSuchPrincipal
-- error: 15151 Cannot find the user 'dp_NoSuchPrincipal', because it does not exist or you do not have permission.
GO
-- WITH GRANT OPTION chains: Ann passes UPDATE on to Ben with the grant
-- option, Ben to Cal
GRANT UPDATE ON dp_Sales.Orders TO dp_Ann WITH GRANT OPTION
GO
EXECUTE AS USER = 'dp_Ann'
GRANT UPDATE ON dp_Sales.Orders TO dp_Ben WITH GRANT OPTION
REVERT
EXECUTE AS USER = 'dp_Ben'
GRANT UPDATE ON dp_Sales.Orders TO dp_Cal
REVERT
SELECT USER_NAME(grantee_principal_id) AS grantee, USER_NAME(grantor_principal_id) AS grantor, state_desc
FROM sys.database_permissions WHERE major_id = OBJECT_ID('dp_Sales.Orders') AND permission_name = 'UPDATE' ORDER BY grantee
-- expect: grantee | grantor | state_desc
-- dp_Ann | dbo | GRANT_WITH_GRANT_OPTION
-- dp_Ben | dp_Ann | GRANT_WITH_GRANT_OPTION
-- dp_Cal | dp_Ben | GRANT
GO
-- Cal holds no grant option: 4613
EXECUTE AS USER = 'dp_Cal'
BEGIN TRY
  GRANT UPDATE ON dp_Sales.Orders TO dp_Dee
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_MESSAGE() AS msg
END CATCH
REVERT
-- expect: num | msg
-- 4613 | Grantor does not have GRANT permission.
GO
-- REVOKE GRANT OPTION FOR … CASCADE: Ben keeps UPDATE, loses the right to
-- grant it, and what he granted goes
REVOKE GRANT OPTION FOR UPDATE ON dp_Sales.Orders FROM dp_Ben CASCADE
SELECT USER_NAME(grantee_principal_id) AS grantee, state_desc
FROM sys.database_permissions WHERE major_id = OBJECT_ID('dp_Sales.Orders') AND permission_name = 'UPDATE' ORDER BY grantee
-- expect: grantee | state_desc
-- dp_Ann | GRANT_WITH_GRANT_OPTION
-- dp_Ben | GRANT
GO
-- … so his grant is now refused (4613)
EXECUTE AS USER = 'dp_Ben'
BEGIN TRY
  GRANT UPDATE ON dp_Sales.Orders TO dp_Cal
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_MESSAGE() AS msg
END CATCH
REVERT
-- expect: num | msg
-- 4613 | Grantor does not have GRANT permission.
GO
-- REVOKE of a grantable permission needs CASCADE (4611); with it the
-- whole chain below goes
REVOKE UPDATE ON dp_Sales.Orders FROM dp_Ann
-- error: 4611 To revoke or deny grantable privileges, specify the CASCADE option.
GO
GRANT UPDATE ON dp_Sales.Orders TO dp_Ben WITH GRANT OPTION AS dp_Ann
GO
EXECUTE AS USER = 'dp_Ben'
GRANT UPDATE ON dp_Sales.Orders TO dp_Cal WITH GRANT OPTION
REVERT
EXECUTE AS USER = 'dp_Cal'
GRANT UPDATE ON dp_Sales.Orders TO dp_Dee
REVERT
SELECT USER_NAME(grantee_principal_id) AS grantee, USER_NAME(grantor_principal_id) AS grantor
FROM sys.database_permissions WHERE major_id = OBJECT_ID('dp_Sales.Orders') AND permission_name = 'UPDATE' ORDER BY grantee
-- expect: grantee | grantor
-- dp_Ann | dbo
-- dp_Ben | dp_Ann
-- dp_Cal | dp_Ben
-- dp_Dee | dp_Cal
GO
REVOKE UPDATE ON dp_Sales.Orders FROM dp_Ann CASCADE
SELECT COUNT(*) AS n FROM sys.database_permissions WHERE major_id = OBJECT_ID('dp_Sales.Orders') AND permission_name = 'UPDATE'
-- expect: n
-- 0
GO
-- DENY at the schema wins over GRANT at the object (229)
GRANT DELETE ON dp_Sales.Orders TO dp_Cal
DENY DELETE ON SCHEMA::dp_Sales TO dp_Cal
GO
EXECUTE AS USER = 'dp_Cal'
BEGIN TRY
  DELETE dp_Sales.Orders WHERE OrderID = 0
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev, REPLACE(ERROR_MESSAGE(), DB_NAME(), N'corpus') AS msg -- the TDS run's database has another name
END CATCH
REVERT
-- expect: num | sev | msg
-- 229 | 14 | The DELETE permission was denied on the object 'Orders', database 'corpus', schema 'dp_Sales'.
GO
-- HAS_PERMS_BY_NAME and fn_my_permissions say the same
EXECUTE AS USER = 'dp_Cal'
SELECT HAS_PERMS_BY_NAME('dp_Sales.Orders', 'OBJECT', 'DELETE') AS del, HAS_PERMS_BY_NAME('dp_Sales.Orders', 'OBJECT', 'SELECT') AS sel
SELECT permission_name FROM fn_my_permissions('dp_Sales.Orders', 'OBJECT') WHERE subentity_name = '' ORDER BY permission_name
REVERT
-- expect: del | sel
-- 0 | 1
-- expect: permission_name
-- SELECT
GO
-- A column's DENY against the table's GRANT: the column is refused (230),
-- the others read
GRANT SELECT ON dp_Sales.Orders TO dp_Dee
DENY SELECT (Amount) ON dp_Sales.Orders TO dp_Dee
GO
EXECUTE AS USER = 'dp_Dee'
SELECT OrderID, Customer FROM dp_Sales.Orders ORDER BY OrderID
BEGIN TRY
  SELECT Amount FROM dp_Sales.Orders
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS num, REPLACE(ERROR_MESSAGE(), DB_NAME(), N'corpus') AS msg
END CATCH
SELECT HAS_PERMS_BY_NAME('dp_Sales.Orders', 'OBJECT', 'SELECT', 'Amount', 'COLUMN') AS amount,
       HAS_PERMS_BY_NAME('dp_Sales.Orders', 'OBJECT', 'SELECT', 'Customer', 'COLUMN') AS customer
REVERT
-- expect: OrderID | Customer
-- 1 | Contoso
-- 2 | Fabrikam
-- expect: num | msg
-- 230 | The SELECT permission was denied on the column 'Amount' of the object 'Orders', database 'corpus', schema 'dp_Sales'.
-- expect: amount | customer
-- 0 | 1
GO
SELECT COL_NAME(major_id, minor_id) AS col, permission_name, state_desc FROM sys.database_permissions
WHERE grantee_principal_id = DATABASE_PRINCIPAL_ID('dp_Dee') AND class = 1 ORDER BY minor_id, permission_name
-- expect: col | permission_name | state_desc
-- NULL | INSERT | GRANT
-- NULL | SELECT | GRANT
-- Amount | SELECT | DENY
GO
-- Server permissions are granted in master only: 4621 elsewhere
GRANT VIEW SERVER STATE TO dp_Ben
-- error: 4621 Permissions at the server scope can only be granted when the current database is master
GO
DENY CONNECT SQL TO dp_Ben
-- error: 4621 Permissions at the server scope can only be granted when the current database is master
GO
-- In master (sp_executesql runs in its database); every login holds
-- CONNECT SQL, granted by sa
EXEC master.sys.sp_executesql N'GRANT VIEW SERVER STATE TO dp_Ben'
SELECT sp.class, sp.class_desc, sp.major_id, sp.type, sp.permission_name, sp.state, sp.state_desc, SUSER_NAME(sp.grantor_principal_id) AS grantor
FROM sys.server_permissions AS sp JOIN sys.server_principals AS p ON p.principal_id = sp.grantee_principal_id
WHERE p.name = 'dp_Ben' ORDER BY sp.permission_name
-- expect: class | class_desc | major_id | type | permission_name | state | state_desc | grantor
-- 100 | SERVER | 0 | COSQ | CONNECT SQL | G | GRANT | sa
-- 100 | SERVER | 0 | VWSS | VIEW SERVER STATE | G | GRANT | sa
GO
SELECT COUNT(*) AS logins_without FROM sys.server_principals AS p
WHERE p.type IN ('S', 'U') AND NOT EXISTS (SELECT 1 FROM sys.server_permissions AS sp
  WHERE sp.grantee_principal_id = p.principal_id AND sp.permission_name = 'CONNECT SQL')
-- expect: logins_without
-- 0
GO
-- DENY CONNECT SQL shows as DENY; REVOKE removes the row; GRANT gives it back
EXEC master.sys.sp_executesql N'DENY CONNECT SQL TO dp_Ben'
SELECT sp.permission_name, sp.state_desc FROM sys.server_permissions AS sp
WHERE sp.grantee_principal_id = SUSER_ID('dp_Ben') AND sp.permission_name = 'CONNECT SQL'
-- expect: permission_name | state_desc
-- CONNECT SQL | DENY
GO
EXECUTE AS LOGIN = 'dp_Ben'
SELECT HAS_PERMS_BY_NAME(NULL, NULL, 'CONNECT SQL') AS connect_sql, HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') AS server_state
REVERT
-- expect: connect_sql | server_state
-- 0 | 1
GO
EXEC master.sys.sp_executesql N'REVOKE CONNECT SQL FROM dp_Ben'
SELECT COUNT(*) AS n FROM sys.server_permissions WHERE grantee_principal_id = SUSER_ID('dp_Ben') AND permission_name = 'CONNECT SQL'
-- expect: n
-- 0
GO
EXEC master.sys.sp_executesql N'GRANT CONNECT SQL TO dp_Ben; REVOKE VIEW SERVER STATE FROM dp_Ben'
EXECUTE AS LOGIN = 'dp_Ben'
SELECT permission_name FROM fn_my_permissions(NULL, 'SERVER') ORDER BY permission_name
REVERT
-- expect: permission_name
-- CONNECT SQL
-- VIEW ANY DATABASE
GO
-- The database's owner after ALTER AUTHORIZATION: sys.databases.owner_sid,
-- SUSER_SNAME(owner_sid), sp_helpdb's owner
DECLARE @sql nvarchar(200) = N'ALTER AUTHORIZATION ON DATABASE::' + QUOTENAME(DB_NAME()) + N' TO dp_Owner'
EXEC (@sql)
SELECT SUSER_SNAME(owner_sid) AS owner, CASE WHEN owner_sid = SUSER_SID('dp_Owner') THEN 1 ELSE 0 END AS sid_ok
FROM sys.databases WHERE name = DB_NAME()
-- expect: owner | sid_ok
-- dp_Owner | 1
GO
CREATE TABLE #helpdb (name sysname, db_size nvarchar(13), owner sysname NULL, dbid smallint, created nvarchar(11), status nvarchar(600), compatibility_level tinyint)
INSERT #helpdb EXEC sp_helpdb
SELECT owner FROM #helpdb WHERE name = DB_NAME()
DROP TABLE #helpdb
-- expect: owner
-- dp_Owner
GO
SELECT USER_NAME() AS u, SUSER_SNAME((SELECT sid FROM sys.database_principals WHERE name = 'dbo')) AS dbo_login
-- expect: u | dbo_login
-- dbo | dp_Owner
GO
DECLARE @sql nvarchar(200) = N'ALTER AUTHORIZATION ON DATABASE::' + QUOTENAME(DB_NAME()) + N' TO sa'
EXEC (@sql)
SELECT SUSER_SNAME(owner_sid) AS owner FROM sys.databases WHERE name = DB_NAME()
-- expect: owner
-- sa
GO
REVOKE SELECT ON dp_Sales.Orders FROM dp_Managers CASCADE
REVOKE DELETE ON SCHEMA::dp_Sales FROM dp_Cal
DROP USER dp_Ann
DROP USER dp_Ben
DROP USER dp_Cal
DROP USER dp_Dee
DROP ROLE dp_Managers
DROP LOGIN dp_Ann
DROP LOGIN dp_Ben
DROP LOGIN dp_Owner
SELECT COUNT(*) AS n FROM sys.server_permissions AS sp WHERE NOT EXISTS (SELECT 1 FROM sys.server_principals AS p WHERE p.principal_id = sp.grantee_principal_id)
-- expect: n
-- 0
GO
