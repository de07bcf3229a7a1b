-- sp_helpuser: the database's users with their roles and logins (one row
-- per role, public for a user in none), a user alone, a role's members, and
-- 15198 for a name that is neither. A user WITHOUT LOGIN has a SID as on
-- SQL Server (28 bytes, S-1-9-3-…), maps to no login, and is not an
-- orphaned user for sp_change_users_login 'Report'.
CREATE LOGIN hu_login WITH PASSWORD = 'Hu!Login#1', SID = 0x5A1E0000000000000000000000000001, DEFAULT_DATABASE = tempdb
GO
CREATE USER hu_user FOR LOGIN hu_login
CREATE USER hu_nologin WITHOUT LOGIN
CREATE ROLE hu_role
ALTER ROLE hu_role ADD MEMBER hu_user
ALTER ROLE db_datareader ADD MEMBER hu_user
ALTER ROLE hu_role ADD MEMBER hu_nologin
GO
SELECT name, type_desc, DATALENGTH(sid) AS sid_len, SUBSTRING(sid, 1, 12) AS sid_prefix
FROM sys.database_principals WHERE name = 'hu_nologin'
-- expect: name | type_desc | sid_len | sid_prefix
-- hu_nologin | SQL_USER | 28 | 0x010500000000000903000000
GO
-- Two users WITHOUT LOGIN do not share a SID.
CREATE USER hu_nologin2 WITHOUT LOGIN
GO
SELECT COUNT(DISTINCT sid) AS sids FROM sys.database_principals WHERE name IN ('hu_nologin', 'hu_nologin2')
-- expect: sids
-- 2
GO
DROP USER hu_nologin2
GO
EXEC sp_change_users_login 'Report'
-- expect: UserName | UserSID
GO
CREATE LOGIN hu_spare WITH PASSWORD = 'Hu!Spare#1'
GO
ALTER USER hu_nologin WITH LOGIN = hu_spare
-- error: 33016 The user cannot be remapped to a login. Remapping can only be done for users that were mapped to Windows or SQL logins.
GO
EXEC sp_change_users_login 'Update_One', 'hu_nologin', 'hu_spare'
-- error: 15291 Terminating this procedure. The User name 'hu_nologin' is absent or invalid.
GO
DROP LOGIN hu_spare
GO
CREATE TABLE #sids (UserName sysname, RoleName sysname, LoginName sysname NULL, DefDBName sysname NULL,
	DefSchemaName sysname NULL, UserID smallint, SID varbinary(85) NULL)
INSERT #sids EXEC sp_helpuser
SELECT UserName, RoleName, LoginName, DefDBName, DefSchemaName, UserID,
	CASE WHEN UserName = 'hu_nologin' THEN DATALENGTH(SID) ELSE NULL END AS nologin_sid_len,
	CASE WHEN UserName = 'hu_nologin' THEN NULL ELSE SID END AS SID
FROM #sids
-- expect: UserName | RoleName | LoginName | DefDBName | DefSchemaName | UserID | nologin_sid_len | SID
-- dbo | db_owner | sa | master | dbo | 1 | NULL | 0x01
-- guest | public | NULL | NULL | guest | 2 | NULL | 0x00
-- hu_nologin | hu_role | NULL | NULL | dbo | 6 | 28 | NULL
-- hu_user | db_datareader | hu_login | tempdb | dbo | 5 | NULL | 0x5A1E0000000000000000000000000001
-- hu_user | hu_role | hu_login | tempdb | dbo | 5 | NULL | 0x5A1E0000000000000000000000000001
-- INFORMATION_SCHEMA | public | NULL | NULL | NULL | 3 | NULL | NULL
-- sys | public | NULL | NULL | NULL | 4 | NULL | NULL
GO
DROP TABLE #sids
GO
EXEC sp_helpuser 'hu_user'
-- expect: UserName | RoleName | LoginName | DefDBName | DefSchemaName | UserID | SID
-- hu_user | db_datareader | hu_login | tempdb | dbo | 5 | 0x5A1E0000000000000000000000000001
-- hu_user | hu_role | hu_login | tempdb | dbo | 5 | 0x5A1E0000000000000000000000000001
GO
EXEC sp_helpuser @name_in_db = 'dbo'
-- expect: UserName | RoleName | LoginName | DefDBName | DefSchemaName | UserID | SID
-- dbo | db_owner | sa | master | dbo | 1 | 0x01
GO
EXEC sp_helpuser 'HU_ROLE'
-- expect: Role_name | Role_id | Users_in_role | Userid
-- hu_role | 7 | hu_nologin | 6
-- hu_role | 7 | hu_user | 5
GO
EXEC sp_helpuser 'db_owner'
-- expect: Role_name | Role_id | Users_in_role | Userid
-- db_owner | 16384 | dbo | 1
GO
EXEC sp_helpuser 'db_datawriter'
-- expect: Role_name | Role_id | Users_in_role | Userid
GO
EXEC sp_helpuser 'hu_nobody'
-- error: 15198 The name supplied (hu_nobody) is not a user, role, or aliased login.
GO
-- A login-mapped user whose login is dropped is orphaned and reported;
-- the user WITHOUT LOGIN still is not.
DROP LOGIN hu_login
GO
EXEC sp_change_users_login 'Report'
-- expect: UserName | UserSID
-- hu_user | 0x5A1E0000000000000000000000000001
GO
DROP USER hu_user
DROP USER hu_nologin
DROP ROLE hu_role
GO
