-- A constraint is an object (sys.objects), so in a case-sensitive database
-- its name compares in its own case, as table and view names do: CK_a and
-- ck_A are two constraints, and ALTER TABLE … DROP | NOCHECK CONSTRAINT,
-- sp_rename and extended properties name one of them exactly or fail as
-- for a name that does not exist (3728, 4917, 15248). sp_rename to a name
-- that differs from another object's only in case is that object's name
-- (15335), not a rename over it.
CREATE DATABASE cons_cs COLLATE Latin1_General_CS_AS;
GO
USE cons_cs;
CREATE TABLE dbo.T (id int NOT NULL CONSTRAINT PK_T PRIMARY KEY, v int NULL, CONSTRAINT CK_a CHECK (v >= 0), CONSTRAINT ck_A CHECK (v < 100));
CREATE TABLE dbo.P (id int NOT NULL CONSTRAINT PK_P PRIMARY KEY);
CREATE TABLE dbo.C (pid int NULL CONSTRAINT FK_C FOREIGN KEY REFERENCES dbo.P (id), d int NULL CONSTRAINT DF_C DEFAULT 5);
-- message: Changed database context to 'cons_cs'.
GO
ALTER TABLE dbo.T DROP CONSTRAINT ck_A;
SELECT name, definition FROM sys.check_constraints ORDER BY name;
-- expect: name | definition
-- CK_a | ([v]>=(0))
GO
ALTER TABLE dbo.T NOCHECK CONSTRAINT ck_a;
-- error: 4917 Constraint 'ck_a' does not exist.
GO
ALTER TABLE dbo.T DROP CONSTRAINT pk_t;
-- error: 3728 'pk_t' is not a constraint.
-- error: 3727 Could not drop constraint. See previous errors.
GO
ALTER TABLE dbo.C DROP CONSTRAINT fk_c;
-- error: 3728 'fk_c' is not a constraint.
-- error: 3727 Could not drop constraint. See previous errors.
GO
ALTER TABLE dbo.C DROP CONSTRAINT df_c;
-- error: 3728 'df_c' is not a constraint.
-- error: 3727 Could not drop constraint. See previous errors.
GO
EXEC sp_rename 'dbo.ck_a', 'CK_b', 'OBJECT';
-- error: 15248 Either the parameter @objname is ambiguous or the claimed @objtype (object) is wrong.
GO
EXEC sp_rename 'dbo.CK_a', 'CK_b', 'OBJECT';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT o.name, OBJECT_NAME(o.parent_object_id) AS parent FROM sys.objects AS o WHERE o.type IN ('C', 'F', 'PK', 'D') ORDER BY o.name;
-- expect: name | parent
-- CK_b | T
-- DF_C | C
-- FK_C | C
-- PK_P | P
-- PK_T | T
GO
CREATE VIEW dbo.V AS SELECT 1 AS a;
GO
CREATE VIEW dbo.v AS SELECT 2 AS a;
GO
EXEC sp_rename 'dbo.V', 'v';
-- error: 15335 Error: The new name 'v' is already in use as a object name and would cause a duplicate that is not permitted.
GO
SELECT (SELECT a FROM dbo.V) AS upper_v, (SELECT a FROM dbo.v) AS lower_v;
-- expect: upper_v | lower_v
-- 1 | 2
GO
USE master;
DROP DATABASE cons_cs;
-- message: Changed database context to 'master'.
GO
