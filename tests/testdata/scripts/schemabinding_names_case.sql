-- In a case-sensitive database T and t are two tables, so a view created
-- WITH SCHEMABINDING over T holds T alone (3729, 5074 for T); t may be
-- altered and dropped as if the view did not exist.
CREATE DATABASE bind_cs COLLATE Latin1_General_CS_AS;
GO
USE bind_cs;
CREATE TABLE dbo.T (id int NULL, v int NULL);
CREATE TABLE dbo.t (id int NULL, v int NULL);
-- message: Changed database context to 'bind_cs'.
GO
CREATE VIEW dbo.VB WITH SCHEMABINDING AS SELECT id FROM dbo.T;
GO
ALTER TABLE dbo.t DROP COLUMN id;
GO
DROP TABLE dbo.t;
GO
SELECT name FROM sys.tables ORDER BY name;
-- expect: name
-- T
GO
ALTER TABLE dbo.T DROP COLUMN id;
-- error: 5074 The object 'VB' is dependent on column 'id'.
-- error: 4922 ALTER TABLE DROP COLUMN id failed because one or more objects access this column.
GO
DROP TABLE dbo.T;
-- error: 3729 Cannot DROP TABLE 'dbo.T' because it is being referenced by object 'VB'.
GO
USE master;
DROP DATABASE bind_cs;
-- message: Changed database context to 'master'.
GO
