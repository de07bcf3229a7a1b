-- In a case-sensitive database dbo.Y and dbo.y are two tables with their
-- own permissions: a GRANT or DENY on one leaves the other's rows alone.
-- GRANT and DENY drop the rows a dropped object of the same name left
-- behind, and compared that name ignoring case, so DENY SELECT ON dbo.Y
-- deleted the GRANT on dbo.y and its user lost access to y.
CREATE DATABASE perm_cs COLLATE Latin1_General_CS_AS;
GO
USE perm_cs;
CREATE USER pu WITHOUT LOGIN;
CREATE TABLE dbo.Y (id int NULL);
CREATE TABLE dbo.y (id int NULL);
INSERT dbo.Y VALUES (1);
INSERT dbo.y VALUES (2);
GRANT SELECT ON dbo.y TO pu;
DENY SELECT ON dbo.Y TO pu;
-- message: Changed database context to 'perm_cs'.
GO
SELECT p.permission_name, p.state_desc, OBJECT_NAME(p.major_id) AS obj FROM sys.database_permissions AS p WHERE p.class = 1 ORDER BY obj;
-- expect: permission_name | state_desc | obj
-- SELECT | GRANT | y
-- SELECT | DENY | Y
GO
EXECUTE AS USER = 'pu';
SELECT id FROM dbo.y;
REVERT;
-- expect: id
-- 2
GO
EXECUTE AS USER = 'pu';
SELECT id FROM dbo.Y;
-- error: 229
GO
REVERT;
GO
USE master;
DROP DATABASE perm_cs;
-- message: Changed database context to 'master'.
GO
