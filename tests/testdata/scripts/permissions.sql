-- GRANT, DENY and REVOKE as a DBA's setup script writes them: the rows
-- sys.database_permissions shows (one per permission, securable and
-- grantee; a DENY replaces a GRANT), GRANT ALL's expansion, WITH GRANT
-- OPTION and CASCADE, and SQL Server's errors. Enforcement for real logins
-- is tests/perm_test.go (the corpus runs as sa, who skips every check).
CREATE LOGIN perm_app WITH PASSWORD = 'Perm!App#1'
CREATE USER perm_app FOR LOGIN perm_app
CREATE USER perm_report WITHOUT LOGIN
CREATE ROLE perm_readers
CREATE TABLE dbo.perm_t (id int PRIMARY KEY, v int)
GO
CREATE PROCEDURE dbo.perm_p AS SELECT 1 AS one
GO
GRANT SELECT, INSERT ON dbo.perm_t TO perm_app
GRANT EXECUTE ON OBJECT::dbo.perm_p TO perm_readers
GRANT SELECT ON SCHEMA::dbo TO perm_readers
GRANT CREATE TABLE TO perm_report
DENY DELETE ON dbo.perm_t TO perm_app
GO
SELECT p.class_desc, p.permission_name, p.state_desc, u.name AS grantee, OBJECT_NAME(p.major_id) AS obj
FROM sys.database_permissions AS p
JOIN sys.database_principals AS u ON u.principal_id = p.grantee_principal_id
WHERE u.name LIKE 'perm%'
ORDER BY u.name, p.class_desc, p.permission_name
-- expect: class_desc | permission_name | state_desc | grantee | obj
-- DATABASE | CONNECT | GRANT | perm_app | NULL
-- OBJECT_OR_COLUMN | DELETE | DENY | perm_app | perm_t
-- OBJECT_OR_COLUMN | INSERT | GRANT | perm_app | perm_t
-- OBJECT_OR_COLUMN | SELECT | GRANT | perm_app | perm_t
-- OBJECT_OR_COLUMN | EXECUTE | GRANT | perm_readers | perm_p
-- SCHEMA | SELECT | GRANT | perm_readers | NULL
-- DATABASE | CREATE TABLE | GRANT | perm_report | NULL
GO
-- A DENY replaces the GRANT of the same permission; REVOKE removes either.
DENY INSERT ON dbo.perm_t TO perm_app
REVOKE SELECT ON dbo.perm_t FROM perm_app
GO
SELECT p.permission_name, p.state_desc, p.type, p.state
FROM sys.database_permissions AS p
JOIN sys.database_principals AS u ON u.principal_id = p.grantee_principal_id
WHERE u.name = 'perm_app' AND p.class_desc = 'OBJECT_OR_COLUMN'
ORDER BY p.permission_name
-- expect: permission_name | state_desc | type | state
-- DELETE | DENY | DL | D
-- INSERT | DENY | IN | D
GO
-- GRANT ALL on a table is DELETE, INSERT, REFERENCES, SELECT, UPDATE.
GRANT ALL ON dbo.perm_t TO perm_report
GO
SELECT COUNT(*) AS n
FROM sys.database_permissions AS p
JOIN sys.database_principals AS u ON u.principal_id = p.grantee_principal_id
WHERE u.name = 'perm_report' AND p.class_desc = 'OBJECT_OR_COLUMN'
-- expect: n
-- 5
GO
-- A grantable permission is revoked (or denied) only with CASCADE.
GRANT UPDATE ON dbo.perm_t TO perm_readers WITH GRANT OPTION
GO
REVOKE UPDATE ON dbo.perm_t FROM perm_readers
-- error: 4611 To revoke or deny grantable privileges, specify the CASCADE option.
GO
REVOKE UPDATE ON dbo.perm_t FROM perm_readers CASCADE
GO
SELECT COUNT(*) AS n
FROM sys.database_permissions AS p
JOIN sys.database_principals AS u ON u.principal_id = p.grantee_principal_id
WHERE u.name = 'perm_readers' AND p.permission_name = 'UPDATE'
-- expect: n
-- 0
GO
GRANT SELECT ON dbo.perm_nope TO perm_app
-- error: 15151 Cannot find the object 'perm_nope', because it does not exist or you do not have permission.
GO
GRANT SELECT ON dbo.perm_t TO perm_nobody
-- error: 15151 Cannot find the user 'perm_nobody', because it does not exist or you do not have permission.
GO
GRANT SELECT ON SCHEMA::perm_noschema TO perm_app
-- error: 15151 Cannot find the schema 'perm_noschema', because it does not exist or you do not have permission.
GO
GRANT SELECT ON dbo.perm_t TO dbo
-- error: 15151 Cannot grant, deny, or revoke permissions to sa, dbo, entity owner, information_schema, sys, or yourself.
GO
-- Permissions on other securables are recorded (SQL Server's class).
CREATE TYPE dbo.perm_ty FROM int
GO
GRANT EXECUTE ON TYPE::dbo.perm_ty TO perm_app
GRANT IMPERSONATE ON USER::perm_report TO perm_app
GO
SELECT p.class_desc, p.permission_name, p.state_desc
FROM sys.database_permissions AS p
JOIN sys.database_principals AS u ON u.principal_id = p.grantee_principal_id
WHERE u.name = 'perm_app' AND p.class > 3
ORDER BY p.class
-- expect: class_desc | permission_name | state_desc
-- DATABASE_PRINCIPAL | IMPERSONATE | GRANT
-- TYPE | EXECUTE | GRANT
GO
-- Dropping a user drops its permissions.
DROP USER perm_report
GO
SELECT COUNT(*) AS n FROM sys.database_permissions WHERE permission_name = 'CREATE TABLE'
-- expect: n
-- 0
GO
