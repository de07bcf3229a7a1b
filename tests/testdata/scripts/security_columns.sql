-- Column-level permissions (issue #5): GRANT, DENY and REVOKE of SELECT,
-- UPDATE and REFERENCES on columns, in both of SQL Server's spellings,
-- the rows sys.database_permissions shows (minor_id = column_id), and the
-- checks made for low-privileged users through EXECUTE AS USER: a column
-- GRANT reads those columns only (230 names the first other column), a
-- column DENY beats a table GRANT, a table DENY does not beat a column
-- GRANT (SQL Server's documented exception), SELECT * is every column,
-- WHERE / ORDER BY / GROUP BY / JOIN columns count, UPDATE needs UPDATE on
-- the SET columns and SELECT on the columns it reads. 230's message names
-- the database, so the errors are matched by number (tests/perm_columns_test.go
-- checks the exact text over TDS).
CREATE USER cp_clerk WITHOUT LOGIN
CREATE USER cp_analyst WITHOUT LOGIN
CREATE USER cp_writer WITHOUT LOGIN
CREATE ROLE cp_role
ALTER ROLE cp_role ADD MEMBER cp_analyst
CREATE TABLE dbo.cp_emp (id int PRIMARY KEY, name varchar(20), dept int, salary int)
INSERT dbo.cp_emp VALUES (1, 'ann', 10, 100), (2, 'bob', 20, 200), (3, 'cy', 10, 300)
CREATE TABLE dbo.cp_dept (dept int PRIMARY KEY, title varchar(20))
INSERT dbo.cp_dept VALUES (10, 'ops'), (20, 'dev')
GO
GRANT SELECT (id, name) ON dbo.cp_emp TO cp_clerk
GRANT SELECT ON dbo.cp_emp (dept) TO cp_clerk
GRANT SELECT ON dbo.cp_emp TO cp_role
DENY SELECT (salary) ON dbo.cp_emp TO cp_analyst
GRANT UPDATE (name), SELECT (id) ON dbo.cp_emp TO cp_writer
GRANT SELECT ON dbo.cp_dept TO cp_clerk
GO
SELECT u.name AS grantee, p.permission_name, p.state_desc, OBJECT_NAME(p.major_id) AS obj, COL_NAME(p.major_id, p.minor_id) AS col, p.minor_id
FROM sys.database_permissions AS p
JOIN sys.database_principals AS u ON u.principal_id = p.grantee_principal_id
WHERE u.name LIKE 'cp[_]%' AND p.class = 1
ORDER BY u.name, p.permission_name, p.minor_id
-- expect: grantee | permission_name | state_desc | obj | col | minor_id
-- cp_analyst | SELECT | DENY | cp_emp | salary | 4
-- cp_clerk | SELECT | GRANT | cp_dept | NULL | 0
-- cp_clerk | SELECT | GRANT | cp_emp | id | 1
-- cp_clerk | SELECT | GRANT | cp_emp | name | 2
-- cp_clerk | SELECT | GRANT | cp_emp | dept | 3
-- cp_role | SELECT | GRANT | cp_emp | NULL | 0
-- cp_writer | SELECT | GRANT | cp_emp | id | 1
-- cp_writer | UPDATE | GRANT | cp_emp | name | 2
GO
-- The clerk reads the granted columns, in every clause.
EXECUTE AS USER = 'cp_clerk'
SELECT id, name FROM dbo.cp_emp WHERE dept = 10 ORDER BY name DESC
-- expect: id | name
-- 3 | cy
-- 1 | ann
GO
SELECT e.dept, COUNT(*) AS n, d.title FROM dbo.cp_emp AS e JOIN dbo.cp_dept AS d ON d.dept = e.dept GROUP BY e.dept, d.title ORDER BY e.dept
-- expect: dept | n | title
-- 10 | 2 | ops
-- 20 | 1 | dev
GO
SELECT COUNT(*) AS n FROM dbo.cp_emp
-- expect: n
-- 3
GO
SELECT id, salary FROM dbo.cp_emp
-- error: 230
GO
SELECT * FROM dbo.cp_emp
-- error: 230
GO
SELECT id FROM dbo.cp_emp WHERE salary > 150
-- error: 230
GO
SELECT id FROM dbo.cp_emp ORDER BY salary
-- error: 230
GO
SELECT d.title FROM dbo.cp_dept AS d WHERE EXISTS (SELECT 1 FROM dbo.cp_emp AS e WHERE e.dept = d.dept AND e.salary > 250)
-- error: 230
GO
UPDATE dbo.cp_emp SET name = 'x' WHERE id = 1
-- error: 229
GO
REVERT
GO
-- The role's table GRANT reads everything but the analyst's denied column.
EXECUTE AS USER = 'cp_analyst'
SELECT id, name, dept FROM dbo.cp_emp WHERE id = 2
-- expect: id | name | dept
-- 2 | bob | 20
GO
SELECT name FROM dbo.cp_emp WHERE salary = 100
-- error: 230
GO
SELECT * FROM dbo.cp_emp
-- error: 230
GO
SELECT HAS_PERMS_BY_NAME('dbo.cp_emp', 'OBJECT', 'SELECT') AS t,
       HAS_PERMS_BY_NAME('dbo.cp_emp', 'OBJECT', 'SELECT', 'name', 'COLUMN') AS c_name,
       HAS_PERMS_BY_NAME('dbo.cp_emp', 'OBJECT', 'SELECT', 'salary', 'COLUMN') AS c_salary,
       HAS_PERMS_BY_NAME('dbo.cp_emp', 'OBJECT', 'SELECT', 'nope', 'COLUMN') AS c_nope
-- expect: t | c_name | c_salary | c_nope
-- 1 | 1 | 0 | NULL
GO
REVERT
GO
-- UPDATE needs UPDATE on the SET columns and SELECT on those it reads.
EXECUTE AS USER = 'cp_writer'
UPDATE dbo.cp_emp SET name = 'ann2' WHERE id = 1
GO
UPDATE dbo.cp_emp SET name = 'x' WHERE dept = 10
-- error: 230
GO
UPDATE dbo.cp_emp SET salary = 0 WHERE id = 1
-- error: 230
GO
UPDATE dbo.cp_emp SET name = name + '!' WHERE id = 1
-- error: 230
GO
INSERT dbo.cp_emp (id, name) VALUES (9, 'z')
-- error: 229
GO
SELECT entity_name, subentity_name, permission_name FROM sys.fn_my_permissions(N'dbo.cp_emp', N'OBJECT') ORDER BY permission_name, subentity_name
-- expect: entity_name | subentity_name | permission_name
-- dbo.cp_emp | id | SELECT
-- dbo.cp_emp | name | UPDATE
GO
REVERT
GO
SELECT name FROM dbo.cp_emp WHERE id = 1
-- expect: name
-- ann2
GO
-- SQL Server's documented exception: a table-level DENY does not take
-- precedence over a column-level GRANT. A statement on the whole table
-- replaces what was said about the grantee's columns for that permission,
-- so the column GRANT comes after the DENY.
DENY SELECT ON dbo.cp_emp TO cp_clerk
GRANT SELECT (name) ON dbo.cp_emp TO cp_clerk WITH GRANT OPTION
GO
SELECT p.state_desc, COL_NAME(p.major_id, p.minor_id) AS col FROM sys.database_permissions AS p
WHERE p.grantee_principal_id = USER_ID('cp_clerk') AND p.major_id = OBJECT_ID('dbo.cp_emp')
ORDER BY p.minor_id
-- expect: state_desc | col
-- DENY | NULL
-- GRANT_WITH_GRANT_OPTION | name
GO
EXECUTE AS USER = 'cp_clerk'
SELECT name FROM dbo.cp_emp ORDER BY name
-- expect: name
-- ann2
-- bob
-- cy
GO
SELECT id FROM dbo.cp_emp
-- error: 230
GO
REVERT
GO
REVOKE SELECT (name) ON dbo.cp_emp FROM cp_clerk
-- error: 4611 To revoke or deny grantable privileges, specify the CASCADE option.
GO
SELECT GRANTEE, TABLE_NAME, COLUMN_NAME, PRIVILEGE_TYPE, IS_GRANTABLE FROM INFORMATION_SCHEMA.COLUMN_PRIVILEGES
WHERE TABLE_NAME = 'cp_emp' AND GRANTEE IN ('cp_clerk', 'cp_writer') ORDER BY GRANTEE, COLUMN_NAME, PRIVILEGE_TYPE
-- expect: GRANTEE | TABLE_NAME | COLUMN_NAME | PRIVILEGE_TYPE | IS_GRANTABLE
-- cp_clerk | cp_emp | name | SELECT | YES
-- cp_writer | cp_emp | id | SELECT | NO
-- cp_writer | cp_emp | name | UPDATE | NO
GO
CREATE TABLE #cp (q sysname, o sysname, t sysname, c sysname, grantor sysname, grantee sysname, priv varchar(32), g varchar(3))
INSERT #cp EXEC sp_column_privileges @table_name = 'cp_emp', @column_name = 'name'
SELECT c, grantor, grantee, priv, g FROM #cp
-- expect: c | grantor | grantee | priv | g
-- name | dbo | dbo | INSERT | YES
-- name | dbo | dbo | REFERENCES | YES
-- name | dbo | cp_clerk | SELECT | YES
-- name | dbo | cp_role | SELECT | NO
-- name | dbo | dbo | SELECT | YES
-- name | dbo | cp_writer | UPDATE | NO
-- name | dbo | dbo | UPDATE | YES
GO
DROP TABLE #cp
GO
-- A column's grant option lets its holder grant that column and no other;
-- CASCADE takes back what it granted.
EXECUTE AS USER = 'cp_clerk'
GRANT SELECT (name) ON dbo.cp_emp TO cp_writer
GO
GRANT SELECT (dept) ON dbo.cp_emp TO cp_writer
-- error: 4613 Grantor does not have GRANT permission.
GO
REVERT
GO
SELECT USER_NAME(p.grantor_principal_id) AS grantor, p.state_desc FROM sys.database_permissions AS p
WHERE p.grantee_principal_id = USER_ID('cp_writer') AND p.major_id = OBJECT_ID('dbo.cp_emp') AND p.permission_name = 'SELECT' AND p.minor_id = COLUMNPROPERTY(p.major_id, 'name', 'ColumnId')
-- expect: grantor | state_desc
-- cp_clerk | GRANT
GO
-- REVOKE on the whole table clears the grantee's column rows too.
REVOKE SELECT ON dbo.cp_emp FROM cp_clerk CASCADE
GO
SELECT COUNT(*) AS n FROM sys.database_permissions AS p
WHERE p.grantee_principal_id = USER_ID('cp_writer') AND p.major_id = OBJECT_ID('dbo.cp_emp') AND p.permission_name = 'SELECT'
-- expect: n
-- 1
GO
SELECT COUNT(*) AS n FROM sys.database_permissions AS p
WHERE p.grantee_principal_id = USER_ID('cp_clerk') AND p.major_id = OBJECT_ID('dbo.cp_emp')
-- expect: n
-- 0
GO
-- Errors of the statements themselves.
GRANT INSERT (name) ON dbo.cp_emp TO cp_clerk
-- error: 4606 Granted or revoked privilege INSERT is not compatible with object.
GO
GRANT SELECT (nope) ON dbo.cp_emp TO cp_clerk
-- error: 207 Invalid column name 'nope'.
GO
-- A dropped column's permissions go with it.
ALTER TABLE dbo.cp_emp DROP COLUMN salary
GO
SELECT COUNT(*) AS n FROM sys.database_permissions AS p
WHERE p.grantee_principal_id = USER_ID('cp_analyst') AND p.major_id = OBJECT_ID('dbo.cp_emp')
-- expect: n
-- 0
GO
