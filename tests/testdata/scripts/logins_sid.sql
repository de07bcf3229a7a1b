-- Logins as SQL Server keeps them, so that sp_help_revlogin's transfer
-- works: a SID per login (SUSER_SID, SUSER_SNAME, sys.server_principals),
-- the password as SQL Server 2012+ hashes it (0x0200, a 4-byte salt,
-- SHA2-512 of the UTF-16LE password and the salt), LOGINPROPERTY's
-- PasswordHash and CREATE LOGIN … WITH PASSWORD = 0x… HASHED, SID = 0x….
-- The hashes below are hashcat's published examples for SQL Server 2012
-- (mode 1731) and 2005 (mode 132), both of the password 'hashcat': hashes
-- SQL Server made, not ours.
CREATE LOGIN lg_app WITH PASSWORD = 'Lg!App#1', SID = 0x5A1D0000000000000000000000000001, CHECK_POLICY = OFF
GO
SELECT DATALENGTH(SUSER_SID('lg_app')) AS sid_len, SUSER_SID('lg_app') AS sid, SUSER_SNAME(0x5A1D0000000000000000000000000001) AS back,
	SUSER_SID('sa') AS sa_sid, SUSER_SNAME(0x01) AS sa_name, SUSER_SID('lg_nobody') AS nobody, SUSER_SNAME(0x03) AS role
-- expect: sid_len | sid | back | sa_sid | sa_name | nobody | role
-- 16 | 0x5A1D0000000000000000000000000001 | lg_app | 0x01 | sa | NULL | sysadmin
GO
SELECT p.name, p.type_desc, p.sid, l.is_policy_checked, l.is_expiration_checked, DATALENGTH(l.password_hash) AS hash_len,
	SUBSTRING(l.password_hash, 1, 2) AS version
FROM sys.server_principals AS p JOIN sys.sql_logins AS l ON l.principal_id = p.principal_id
WHERE p.name = 'lg_app'
-- expect: name | type_desc | sid | is_policy_checked | is_expiration_checked | hash_len | version
-- lg_app | SQL_LOGIN | 0x5A1D0000000000000000000000000001 | 0 | 0 | 70 | 0x0200
GO
SELECT PWDCOMPARE('Lg!App#1', CAST(LOGINPROPERTY('lg_app', 'PasswordHash') AS varbinary(256))) AS right_pw,
	PWDCOMPARE('lg!app#1', CAST(LOGINPROPERTY('lg_app', 'PasswordHash') AS varbinary(256))) AS wrong_case,
	LOGINPROPERTY('lg_app', 'PasswordHashAlgorithm') AS algorithm, LOGINPROPERTY('lg_app', 'DefaultDatabase') AS def_db,
	LOGINPROPERTY('lg_nobody', 'PasswordHash') AS nobody, LOGINPROPERTY('lg_app', 'NoSuchProperty') AS unknown
-- expect: right_pw | wrong_case | algorithm | def_db | nobody | unknown
-- 1 | 0 | 2 | master | NULL | NULL
GO
-- SUSER_ID and SUSER_NAME: a login's principal_id and back (NULL for
-- none), as the mirroring troubleshooting page's endpoint-permission query
-- names grantor and grantee; without an argument, the current login.
SELECT SUSER_NAME(SUSER_ID('lg_app')) AS back, SUSER_ID('sa') AS sa_id, SUSER_NAME(1) AS sa_name, SUSER_NAME(3) AS role,
	SUSER_NAME(0) AS none, SUSER_ID('lg_nobody') AS nobody, SUSER_NAME() AS me, SUSER_ID() AS my_id,
	CASE WHEN SUSER_ID('lg_app') = (SELECT principal_id FROM sys.server_principals WHERE name = 'lg_app') THEN 1 ELSE 0 END AS same_id
-- expect: back | sa_id | sa_name | role | none | nobody | me | my_id | same_id
-- lg_app | 1 | sa | sysadmin | NULL | NULL | sa | 1 | 1
GO
-- sp_help_revlogin's output, as a DBA runs it on the other instance.
CREATE LOGIN [lg_copy] WITH PASSWORD = 0x02000102030434EA1B17802FD95EA6316BD61D2C94622CA3812793E8FB1672487B5C904A45A31B2AB4A78890D563D2FCF5663E46FE797D71550494BE50CF4915D3F4D55EC375 HASHED,
	SID = 0x5A1D0000000000000000000000000002, DEFAULT_DATABASE = [master], CHECK_POLICY = OFF, CHECK_EXPIRATION = OFF
GO
SELECT CAST(LOGINPROPERTY('lg_copy', 'PasswordHash') AS varbinary(256)) AS hash, SUSER_SID('lg_copy') AS sid,
	PWDCOMPARE('hashcat', CAST(LOGINPROPERTY('lg_copy', 'PasswordHash') AS varbinary(256))) AS matches
-- expect: hash | sid | matches
-- 0x02000102030434EA1B17802FD95EA6316BD61D2C94622CA3812793E8FB1672487B5C904A45A31B2AB4A78890D563D2FCF5663E46FE797D71550494BE50CF4915D3F4D55EC375 | 0x5A1D0000000000000000000000000002 | 1
GO
-- A SQL Server 2005 hash (SHA-1) is taken as it is and still verifies.
CREATE LOGIN lg_old WITH PASSWORD = 0x010018102152F8F28C8499D8EF263C53F8BE369D799F931B2FBE HASHED
GO
SELECT LOGINPROPERTY('lg_old', 'PasswordHashAlgorithm') AS algorithm,
	PWDCOMPARE('hashcat', 0x010018102152F8F28C8499D8EF263C53F8BE369D799F931B2FBE) AS matches,
	PWDCOMPARE('hashcat', 0x0200) AS not_a_hash
-- expect: algorithm | matches | not_a_hash
-- 1 | 1 | 0
GO
CREATE LOGIN lg_short WITH PASSWORD = 'Lg!Short#1', SID = 0x0102
-- error: 15419 Supplied parameter sid should be binary(16).
GO
CREATE LOGIN lg_dup WITH PASSWORD = 'Lg!Dup#1', SID = 0x5A1D0000000000000000000000000001
-- error: 15433 Supplied parameter sid is in use.
GO
CREATE LOGIN lg_bad WITH PASSWORD = 0x0200ABCD HASHED
-- error: 15021 Invalid value given for parameter PASSWORD. Specify a valid parameter value.
GO
CREATE LOGIN lg_text WITH PASSWORD = '0x0200ABCD' HASHED
-- error: 15021 Invalid value given for parameter PASSWORD. Specify a valid parameter value.
GO
CREATE LOGIN lg_app WITH PASSWORD = 'Lg!App#1'
-- error: 15025 The server principal 'lg_app' already exists.
GO
-- A database user records its login's SID, and maps by it.
CREATE USER lg_app FOR LOGIN lg_app
GO
SELECT name, type_desc, sid FROM sys.database_principals WHERE name = 'lg_app'
-- expect: name | type_desc | sid
-- lg_app | SQL_USER | 0x5A1D0000000000000000000000000001
GO
CREATE USER lg_second FOR LOGIN lg_app
-- error: 15063 The login already has an account with the user name 'lg_app'.
GO
CREATE USER lg_none FOR LOGIN lg_nobody
-- error: 15007 'lg_nobody' is not a valid login or you do not have permission.
GO
CREATE USER lg_nobody
-- error: 15007 'lg_nobody' is not a valid login or you do not have permission.
GO
-- The login dropped and made again by name has another SID: the user is
-- orphaned (sp_change_users_login 'Report' lists it) until it is mapped
-- to the login again.
DROP LOGIN lg_app
CREATE LOGIN lg_app WITH PASSWORD = 'Lg!App#2'
GO
EXEC sp_change_users_login 'Report'
-- expect: UserName | UserSID
-- lg_app | 0x5A1D0000000000000000000000000001
GO
EXEC sp_change_users_login 'Update_One', 'lg_app', 'lg_app'
GO
SELECT CASE WHEN sid = SUSER_SID('lg_app') THEN 'mapped' ELSE 'orphaned' END AS state FROM sys.database_principals WHERE name = 'lg_app'
-- expect: state
-- mapped
GO
EXEC sp_change_users_login 'Report'
-- expect: UserName | UserSID
GO
EXEC sp_change_users_login 'Update_One', 'lg_app', 'lg_nobody'
-- error: 15291 Terminating this procedure. The Login name 'lg_nobody' is absent or invalid.
GO
EXEC sp_change_users_login 'Update_One', 'lg_nobody', 'lg_app'
-- error: 15291 Terminating this procedure. The User name 'lg_nobody' is absent or invalid.
GO
EXEC sp_change_users_login 'Fix_All'
-- error: 15600 An invalid parameter or option was specified for procedure 'sys.sp_change_users_login'.
GO
-- ALTER USER … WITH LOGIN maps an orphaned user as well.
DROP LOGIN lg_app
CREATE LOGIN lg_app WITH PASSWORD = 'Lg!App#3'
GO
ALTER USER lg_app WITH LOGIN = lg_app
GO
SELECT CASE WHEN sid = SUSER_SID('lg_app') THEN 'mapped' ELSE 'orphaned' END AS state FROM sys.database_principals WHERE name = 'lg_app'
-- expect: state
-- mapped
GO
ALTER USER lg_app WITH LOGIN = lg_nobody
-- error: 15007 'lg_nobody' is not a valid login or you do not have permission.
GO
ALTER USER lg_nobody WITH LOGIN = lg_app
-- error: 15151 Cannot alter the user 'lg_nobody', because it does not exist or you do not have permission.
GO
-- Auto_Fix maps the user to the login of its name, or makes that login
-- (with the user's SID) when it is given a password.
DROP LOGIN lg_app
CREATE LOGIN lg_app WITH PASSWORD = 'Lg!App#4'
GO
EXEC sp_change_users_login 'Auto_Fix', 'lg_app'
-- message: The row for user 'lg_app' will be fixed by updating its login link to a login already in existence.
-- message: The number of orphaned users fixed by updating users was 1.
-- message: The number of orphaned users fixed by adding new logins and then updating users was 0.
GO
DROP LOGIN lg_app
GO
EXEC sp_change_users_login 'Auto_Fix', 'lg_app'
-- error: 15291 Terminating this procedure. The Login name 'lg_app' is absent or invalid.
GO
EXEC sp_change_users_login 'Auto_Fix', 'lg_app', NULL, 'Lg!App#5'
-- message: The number of orphaned users fixed by updating users was 0.
-- message: The number of orphaned users fixed by adding new logins and then updating users was 1.
GO
SELECT CASE WHEN sid = SUSER_SID('lg_app') THEN 'mapped' ELSE 'orphaned' END AS state,
	PWDCOMPARE('Lg!App#5', CAST(LOGINPROPERTY('lg_app', 'PasswordHash') AS varbinary(256))) AS password_set
FROM sys.database_principals WHERE name = 'lg_app'
-- expect: state | password_set
-- mapped | 1
GO
DROP USER lg_app
DROP LOGIN lg_app
DROP LOGIN lg_copy
DROP LOGIN lg_old
GO
-- ALTER LOGIN … WITH NAME renames a login: its SID stays, so the user
-- made for it stays mapped; 15025 when another login has the name.
CREATE LOGIN lg_rename WITH PASSWORD = 'Lg!Rename#1', SID = 0x5A1D0000000000000000000000000002, DEFAULT_LANGUAGE = us_english
CREATE LOGIN lg_taken WITH PASSWORD = 'Lg!Taken#1'
GO
CREATE USER lg_rename_user FOR LOGIN lg_rename
GO
ALTER LOGIN lg_rename WITH NAME = lg_taken
-- error: 15025 The server principal 'lg_taken' already exists.
GO
ALTER LOGIN lg_rename WITH NAME = lg_renamed
GO
SELECT SUSER_SNAME(0x5A1D0000000000000000000000000002) AS name, SUSER_SID('lg_rename') AS old_name_sid,
	CASE WHEN u.sid = SUSER_SID('lg_renamed') THEN 'mapped' ELSE 'orphaned' END AS state
FROM sys.database_principals AS u WHERE u.name = 'lg_rename_user'
-- expect: name | old_name_sid | state
-- lg_renamed | NULL | mapped
GO
-- A login without ALTER ANY LOGIN changes its own password only with the
-- old one: 15151 without OLD_PASSWORD, and with a wrong one.
EXECUTE AS LOGIN = 'lg_renamed'
GO
ALTER LOGIN lg_renamed WITH PASSWORD = 'Lg!Renamed#2'
-- error: 15151 Cannot alter the login 'lg_renamed', because it does not exist or you do not have permission.
GO
ALTER LOGIN lg_renamed WITH PASSWORD = 'Lg!Renamed#2' OLD_PASSWORD = 'Lg!Wrong#1'
-- error: 15151 Cannot alter the login 'lg_renamed', because it does not exist or you do not have permission.
GO
ALTER LOGIN lg_renamed WITH PASSWORD = 'Lg!Renamed#2' OLD_PASSWORD = 'Lg!Rename#1'
GO
ALTER LOGIN lg_taken WITH PASSWORD = 'Lg!Taken#2' OLD_PASSWORD = 'Lg!Taken#1'
-- error: 15151 Cannot alter the login 'lg_taken', because it does not exist or you do not have permission.
GO
REVERT
GO
-- sa has ALTER ANY LOGIN and needs no OLD_PASSWORD.
SELECT PWDCOMPARE('Lg!Renamed#2', CAST(LOGINPROPERTY('lg_renamed', 'PasswordHash') AS varbinary(256))) AS changed
-- expect: changed
-- 1
GO
ALTER LOGIN lg_renamed WITH PASSWORD = 'Lg!Renamed#3'
GO
DROP USER lg_rename_user
DROP LOGIN lg_renamed
DROP LOGIN lg_taken
GO
