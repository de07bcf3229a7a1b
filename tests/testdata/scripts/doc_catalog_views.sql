-- The example queries of Microsoft's catalog view pages
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/:
-- sys-objects, sys-tables, sys-columns, sys-indexes, sys-index-columns,
-- sys-foreign-keys, sys-foreign-key-columns, sys-key-constraints,
-- sys-check-constraints, sys-default-constraints, sys-sql-modules,
-- sys-parameters, sys-types, sys-schemas, sys-databases,
-- sys-database-files, sys-partitions, sys-allocation-units,
-- sys-dm-db-partition-stats, and the INFORMATION_SCHEMA views). The
-- AdventureWorks objects are small ones of our own; ids, dates and sizes are
-- checked by shape.
CREATE SCHEMA HumanResources
GO
CREATE SCHEMA Production
GO
CREATE TABLE HumanResources.Department (DepartmentID smallint IDENTITY(1,1) NOT NULL CONSTRAINT PK_Department_DepartmentID PRIMARY KEY,
  Name nvarchar(50) NOT NULL CONSTRAINT AK_Department_Name UNIQUE)
CREATE TABLE HumanResources.Employee (BusinessEntityID int NOT NULL CONSTRAINT PK_Employee_BusinessEntityID PRIMARY KEY CLUSTERED,
  NationalIDNumber nvarchar(15) NOT NULL, BirthDate date NOT NULL CONSTRAINT CK_Employee_BirthDate CHECK (BirthDate >= '1930-01-01'),
  VacationHours smallint NOT NULL CONSTRAINT DF_Employee_VacationHours DEFAULT ((0)),
  DepartmentID smallint NULL CONSTRAINT FK_Employee_Department_DepartmentID REFERENCES HumanResources.Department (DepartmentID) ON DELETE SET NULL,
  Notes varchar(max) NULL)
CREATE NONCLUSTERED INDEX IX_Employee_Dept ON HumanResources.Employee (DepartmentID DESC) INCLUDE (VacationHours)
INSERT HumanResources.Department (Name) VALUES (N'Engineering'), (N'Tool Design')
INSERT HumanResources.Employee VALUES (1, N'295847284', '1969-01-29', 99, 1, NULL), (2, N'245797967', '1971-08-01', 1, 1, NULL), (3, N'509647174', '1974-11-12', 2, 2, 'x')
GO
CREATE PROCEDURE HumanResources.uspUpdateVacation @BusinessEntityID int, @Hours smallint = 8, @NewTotal smallint OUTPUT AS
UPDATE HumanResources.Employee SET @NewTotal = VacationHours = VacationHours + @Hours WHERE BusinessEntityID = @BusinessEntityID
GO
CREATE FUNCTION HumanResources.ufnHours (@BusinessEntityID int, @Factor decimal(5,2)) RETURNS int AS
BEGIN RETURN (SELECT VacationHours FROM HumanResources.Employee WHERE BusinessEntityID = @BusinessEntityID) END
GO
-- sys.objects: the objects of a schema and their types
SELECT name, RTRIM(type) AS type, type_desc, CASE WHEN parent_object_id = OBJECT_ID(N'HumanResources.Employee') THEN 1 ELSE 0 END AS on_employee
FROM sys.objects WHERE schema_id = SCHEMA_ID(N'HumanResources') AND type IN ('U', 'PK', 'UQ', 'F', 'C', 'D', 'P', 'FN') ORDER BY type_desc, name
-- expect: name | type | type_desc | on_employee
-- CK_Employee_BirthDate | C | CHECK_CONSTRAINT | 1
-- DF_Employee_VacationHours | D | DEFAULT_CONSTRAINT | 1
-- FK_Employee_Department_DepartmentID | F | FOREIGN_KEY_CONSTRAINT | 1
-- PK_Department_DepartmentID | PK | PRIMARY_KEY_CONSTRAINT | 0
-- PK_Employee_BusinessEntityID | PK | PRIMARY_KEY_CONSTRAINT | 1
-- ufnHours | FN | SQL_SCALAR_FUNCTION | 0
-- uspUpdateVacation | P | SQL_STORED_PROCEDURE | 0
-- AK_Department_Name | UQ | UNIQUE_CONSTRAINT | 0
-- Department | U | USER_TABLE | 0
-- Employee | U | USER_TABLE | 0
GO
-- sys.objects B: the objects modified in the last 10 days
SELECT COUNT(*) AS recent FROM sys.objects WHERE modify_date > GETDATE() - 10 AND schema_id = SCHEMA_ID(N'HumanResources') AND type = 'U'
-- expect: recent
-- 2
GO
-- sys.objects C: the parameters of a procedure (sys.parameters)
SELECT SCHEMA_NAME(schema_id) AS schema_name, o.name AS object_name, o.type_desc, p.parameter_id, p.name AS parameter_name,
  TYPE_NAME(p.user_type_id) AS parameter_type, p.max_length, p.precision, p.scale, p.is_output
FROM sys.objects AS o INNER JOIN sys.parameters AS p ON o.object_id = p.object_id
WHERE o.object_id = OBJECT_ID(N'HumanResources.uspUpdateVacation') ORDER BY schema_name, object_name, p.parameter_id
-- expect: schema_name | object_name | type_desc | parameter_id | parameter_name | parameter_type | max_length | precision | scale | is_output
-- HumanResources | uspUpdateVacation | SQL_STORED_PROCEDURE | 1 | @BusinessEntityID | int | 4 | 10 | 0 | 0
-- HumanResources | uspUpdateVacation | SQL_STORED_PROCEDURE | 2 | @Hours | smallint | 2 | 5 | 0 | 0
-- HumanResources | uspUpdateVacation | SQL_STORED_PROCEDURE | 3 | @NewTotal | smallint | 2 | 5 | 0 | 1
GO
-- sys.parameters of a scalar function: the return value is parameter 0 with no name
SELECT p.parameter_id, p.name AS parameter_name, TYPE_NAME(p.user_type_id) AS parameter_type, p.precision, p.scale, p.is_output
FROM sys.parameters AS p WHERE p.object_id = OBJECT_ID(N'HumanResources.ufnHours') ORDER BY p.parameter_id
-- expect: parameter_id | parameter_name | parameter_type | precision | scale | is_output
-- 0 | '' | int | 10 | 0 | 1
-- 1 | @BusinessEntityID | int | 10 | 0 | 0
-- 2 | @Factor | decimal | 5 | 2 | 0
GO
-- sys.objects D / sys.sql_modules: the definition of a procedure
SELECT CASE WHEN definition LIKE N'CREATE PROCEDURE HumanResources.uspUpdateVacation%' THEN 1 ELSE 0 END AS has_text, uses_ansi_nulls, uses_quoted_identifier, is_schema_bound
FROM sys.sql_modules WHERE object_id = OBJECT_ID(N'HumanResources.uspUpdateVacation')
-- expect: has_text | uses_ansi_nulls | uses_quoted_identifier | is_schema_bound
-- 1 | 1 | 1 | 0
GO
SELECT OBJECT_NAME(sm.object_id) AS object_name, RTRIM(o.type) AS type, o.type_desc, sm.execute_as_principal_id
FROM sys.sql_modules AS sm JOIN sys.objects AS o ON sm.object_id = o.object_id WHERE o.schema_id = SCHEMA_ID(N'HumanResources') ORDER BY o.type
-- expect: object_name | type | type_desc | execute_as_principal_id
-- ufnHours | FN | SQL_SCALAR_FUNCTION | NULL
-- uspUpdateVacation | P | SQL_STORED_PROCEDURE | NULL
GO
-- sys.tables: the tables of a schema
SELECT name, type_desc, CASE WHEN object_id = OBJECT_ID(SCHEMA_NAME(schema_id) + N'.' + name) THEN 1 ELSE 0 END AS id_ok, is_ms_shipped, lob_data_space_id
FROM sys.tables WHERE schema_id = SCHEMA_ID(N'HumanResources') ORDER BY name
-- expect: name | type_desc | id_ok | is_ms_shipped | lob_data_space_id
-- Department | USER_TABLE | 1 | 0 | 0
-- Employee | USER_TABLE | 1 | 0 | 1
GO
-- sys.columns: the columns of a table with their types
SELECT c.name AS column_name, c.column_id, TYPE_NAME(c.user_type_id) AS type_name, c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity
FROM sys.columns AS c WHERE c.object_id = OBJECT_ID(N'HumanResources.Employee') ORDER BY c.column_id
-- expect: column_name | column_id | type_name | max_length | precision | scale | is_nullable | is_identity
-- BusinessEntityID | 1 | int | 4 | 10 | 0 | 0 | 0
-- NationalIDNumber | 2 | nvarchar | 30 | 0 | 0 | 0 | 0
-- BirthDate | 3 | date | 3 | 10 | 0 | 0 | 0
-- VacationHours | 4 | smallint | 2 | 5 | 0 | 0 | 0
-- DepartmentID | 5 | smallint | 2 | 5 | 0 | 1 | 0
-- Notes | 6 | varchar | -1 | 0 | 0 | 1 | 0
GO
-- sys.indexes: the indexes of a table and their properties
SELECT i.name AS index_name, i.index_id, i.type_desc, i.is_unique, ds.type_desc AS filegroup_or_partition_scheme, ds.name AS filegroup_or_partition_scheme_name,
  i.ignore_dup_key, i.is_primary_key, i.is_unique_constraint, i.fill_factor, i.is_padded, i.is_disabled, i.allow_row_locks, i.allow_page_locks
FROM sys.indexes AS i INNER JOIN sys.data_spaces AS ds ON i.data_space_id = ds.data_space_id
WHERE i.is_hypothetical = 0 AND i.index_id <> 0 AND i.object_id = OBJECT_ID(N'HumanResources.Employee') ORDER BY i.index_id
-- expect: index_name | index_id | type_desc | is_unique | filegroup_or_partition_scheme | filegroup_or_partition_scheme_name | ignore_dup_key | is_primary_key | is_unique_constraint | fill_factor | is_padded | is_disabled | allow_row_locks | allow_page_locks
-- PK_Employee_BusinessEntityID | 1 | CLUSTERED | 1 | ROWS_FILEGROUP | PRIMARY | 0 | 1 | 0 | 0 | 0 | 0 | 1 | 1
-- IX_Employee_Dept | 2 | NONCLUSTERED | 0 | ROWS_FILEGROUP | PRIMARY | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1
GO
-- sys.index_columns: the key and included columns of the indexes of a table
SELECT i.name AS index_name, COL_NAME(ic.object_id, ic.column_id) AS column_name, ic.index_column_id, ic.key_ordinal, ic.is_included_column, ic.is_descending_key
FROM sys.indexes AS i INNER JOIN sys.index_columns AS ic ON i.object_id = ic.object_id AND i.index_id = ic.index_id
WHERE i.object_id = OBJECT_ID(N'HumanResources.Employee') ORDER BY i.index_id, ic.index_column_id
-- expect: index_name | column_name | index_column_id | key_ordinal | is_included_column | is_descending_key
-- PK_Employee_BusinessEntityID | BusinessEntityID | 1 | 1 | 0 | 0
-- IX_Employee_Dept | DepartmentID | 1 | 1 | 0 | 1
-- IX_Employee_Dept | VacationHours | 2 | 0 | 1 | 0
GO
-- sys.foreign_keys / sys.foreign_key_columns: the foreign keys of a table
SELECT f.name AS foreign_key_name, OBJECT_NAME(f.parent_object_id) AS table_name, COL_NAME(fc.parent_object_id, fc.parent_column_id) AS constraint_column_name,
  OBJECT_NAME(f.referenced_object_id) AS referenced_object, COL_NAME(fc.referenced_object_id, fc.referenced_column_id) AS referenced_column_name,
  f.is_disabled, f.is_not_trusted, f.delete_referential_action_desc, f.update_referential_action_desc
FROM sys.foreign_keys AS f INNER JOIN sys.foreign_key_columns AS fc ON f.object_id = fc.constraint_object_id
WHERE f.parent_object_id = OBJECT_ID(N'HumanResources.Employee')
-- expect: foreign_key_name | table_name | constraint_column_name | referenced_object | referenced_column_name | is_disabled | is_not_trusted | delete_referential_action_desc | update_referential_action_desc
-- FK_Employee_Department_DepartmentID | Employee | DepartmentID | Department | DepartmentID | 0 | 0 | SET_NULL | NO_ACTION
GO
-- sys.key_constraints: PRIMARY KEY and UNIQUE constraints with their indexes
SELECT kc.name, SCHEMA_NAME(kc.schema_id) AS schema_name, OBJECT_NAME(kc.parent_object_id) AS table_name, RTRIM(kc.type) AS type, kc.type_desc,
  i.name AS index_name, kc.is_system_named
FROM sys.key_constraints AS kc JOIN sys.indexes AS i ON i.object_id = kc.parent_object_id AND i.index_id = kc.unique_index_id
WHERE kc.schema_id = SCHEMA_ID(N'HumanResources') ORDER BY kc.name
-- expect: name | schema_name | table_name | type | type_desc | index_name | is_system_named
-- AK_Department_Name | HumanResources | Department | UQ | UNIQUE_CONSTRAINT | AK_Department_Name | 0
-- PK_Department_DepartmentID | HumanResources | Department | PK | PRIMARY_KEY_CONSTRAINT | PK_Department_DepartmentID | 0
-- PK_Employee_BusinessEntityID | HumanResources | Employee | PK | PRIMARY_KEY_CONSTRAINT | PK_Employee_BusinessEntityID | 0
GO
-- sys.check_constraints: a constraint's definition, normalized
SELECT definition, uses_database_collation, is_disabled, is_not_trusted, COL_NAME(parent_object_id, parent_column_id) AS column_name
FROM sys.check_constraints WHERE name = 'CK_Employee_BirthDate'
-- expect: definition | uses_database_collation | is_disabled | is_not_trusted | column_name
-- ([BirthDate]>='1930-01-01') | 1 | 0 | 0 | BirthDate
GO
-- sys.default_constraints: the default of a column
SELECT d.name, d.definition FROM sys.default_constraints AS d
INNER JOIN sys.columns AS c ON d.parent_object_id = c.object_id AND d.parent_column_id = c.column_id
WHERE d.parent_object_id = OBJECT_ID(N'HumanResources.Employee', N'U') AND c.name = 'VacationHours'
-- expect: name | definition
-- DF_Employee_VacationHours | ((0))
GO
-- sys.types: the user-defined types
CREATE TYPE dbo.Flag FROM bit NOT NULL
CREATE TYPE dbo.Code FROM varchar(11) NULL
GO
SELECT name, system_type_id, TYPE_NAME(system_type_id) AS base, max_length, precision, scale, is_nullable, is_user_defined, SCHEMA_NAME(schema_id) AS schema_name
FROM sys.types WHERE is_user_defined = 1 ORDER BY name
-- expect: name | system_type_id | base | max_length | precision | scale | is_nullable | is_user_defined | schema_name
-- Code | 167 | varchar | 11 | 0 | 0 | 1 | 1 | dbo
-- Flag | 104 | bit | 1 | 1 | 0 | 0 | 1 | dbo
GO
-- sys.schemas: the schemas and their owners
SELECT s.name AS schema_name, u.name AS schema_owner
FROM sys.schemas AS s INNER JOIN sys.database_principals AS u ON u.principal_id = s.principal_id
WHERE s.name IN (N'dbo', N'HumanResources', N'sys', N'guest', N'INFORMATION_SCHEMA') ORDER BY s.schema_id
-- expect: schema_name | schema_owner
-- dbo | dbo
-- guest | guest
-- INFORMATION_SCHEMA | INFORMATION_SCHEMA
-- sys | sys
-- HumanResources | dbo
GO
-- sys.databases: the system databases' state and options
SELECT name, database_id, user_access_desc, is_read_only, state_desc, recovery_model_desc
FROM sys.databases WHERE name IN (N'master', N'tempdb', N'model') ORDER BY database_id
-- expect: name | database_id | user_access_desc | is_read_only | state_desc | recovery_model_desc
-- master | 1 | MULTI_USER | 0 | ONLINE | SIMPLE
-- tempdb | 2 | MULTI_USER | 0 | ONLINE | SIMPLE
-- model | 3 | MULTI_USER | 0 | ONLINE | FULL
GO
-- sys.database_files: the files' size and free space (FILEPROPERTY SpaceUsed)
SELECT file_id, type_desc, CASE WHEN size / 128.0 >= 0 THEN 1 ELSE 0 END AS size_ok,
  CASE WHEN size / 128.0 - CAST(FILEPROPERTY(name, 'SpaceUsed') AS int) / 128.0 IS NOT NULL THEN 1 ELSE 0 END AS empty_ok
FROM sys.database_files ORDER BY file_id
-- expect: file_id | type_desc | size_ok | empty_ok
-- 1 | ROWS | 1 | 1
-- 2 | LOG | 1 | 1
GO
-- sys.partitions: the number of rows of a table
SELECT SUM(rows) AS total_rows FROM sys.partitions WHERE object_id = OBJECT_ID(N'HumanResources.Employee') AND index_id IN (0, 1)
-- expect: total_rows
-- 3
GO
SELECT p.index_id, p.partition_number, p.rows, p.data_compression_desc FROM sys.partitions AS p
INNER JOIN sys.tables AS t ON p.object_id = t.object_id WHERE p.partition_id IS NOT NULL AND t.name = N'Employee' ORDER BY p.index_id
-- expect: index_id | partition_number | rows | data_compression_desc
-- 1 | 1 | 3 | NONE
-- 2 | 1 | 3 | NONE
GO
-- sys.allocation_units: the allocation units of a table's partitions
SELECT o.name AS table_name, p.index_id, i.name AS index_name, au.type_desc AS allocation_type, p.partition_number
FROM sys.allocation_units AS au JOIN sys.partitions AS p ON au.container_id = p.partition_id
JOIN sys.objects AS o ON p.object_id = o.object_id JOIN sys.indexes AS i ON p.index_id = i.index_id AND i.object_id = p.object_id
WHERE o.name = N'Department' AND au.type_desc = N'IN_ROW_DATA' ORDER BY p.index_id
-- expect: table_name | index_id | index_name | allocation_type | partition_number
-- Department | 1 | PK_Department_DepartmentID | IN_ROW_DATA | 1
-- Department | 2 | AK_Department_Name | IN_ROW_DATA | 1
GO
-- sys.dm_db_partition_stats: the row count of every user table
SELECT o.name, ddps.row_count FROM sys.indexes AS i INNER JOIN sys.objects AS o ON i.object_id = o.object_id
INNER JOIN sys.dm_db_partition_stats AS ddps ON i.object_id = ddps.object_id AND i.index_id = ddps.index_id
WHERE i.index_id < 2 AND o.is_ms_shipped = 0 AND o.schema_id = SCHEMA_ID(N'HumanResources') ORDER BY o.name
-- expect: name | row_count
-- Department | 2
-- Employee | 3
GO
SELECT CASE WHEN SUM(used_page_count) * 8 > 0 THEN 1 ELSE 0 END AS IndexSizeKB_positive
FROM sys.dm_db_partition_stats WHERE object_id = OBJECT_ID(N'HumanResources.Employee')
-- expect: IndexSizeKB_positive
-- 1
GO
-- INFORMATION_SCHEMA.TABLES, COLUMNS
SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, CASE WHEN TABLE_CATALOG = DB_NAME() THEN 1 ELSE 0 END AS catalog_ok
FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = N'HumanResources' ORDER BY TABLE_NAME
-- expect: TABLE_SCHEMA | TABLE_NAME | TABLE_TYPE | catalog_ok
-- HumanResources | Department | BASE TABLE | 1
-- HumanResources | Employee | BASE TABLE | 1
GO
SELECT COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION
FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = N'HumanResources' AND TABLE_NAME = N'Employee' ORDER BY ORDINAL_POSITION
-- expect: COLUMN_NAME | ORDINAL_POSITION | COLUMN_DEFAULT | IS_NULLABLE | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | CHARACTER_OCTET_LENGTH | NUMERIC_PRECISION | NUMERIC_SCALE | DATETIME_PRECISION
-- BusinessEntityID | 1 | NULL | NO | int | NULL | NULL | 10 | 0 | NULL
-- NationalIDNumber | 2 | NULL | NO | nvarchar | 15 | 30 | NULL | NULL | NULL
-- BirthDate | 3 | NULL | NO | date | NULL | NULL | NULL | NULL | 0
-- VacationHours | 4 | ((0)) | NO | smallint | NULL | NULL | 5 | 0 | NULL
-- DepartmentID | 5 | NULL | YES | smallint | NULL | NULL | 5 | 0 | NULL
-- Notes | 6 | NULL | YES | varchar | -1 | -1 | NULL | NULL | NULL
GO
-- INFORMATION_SCHEMA.TABLE_CONSTRAINTS, KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, CHECK_CONSTRAINTS
SELECT CONSTRAINT_NAME, TABLE_NAME, CONSTRAINT_TYPE, IS_DEFERRABLE, INITIALLY_DEFERRED
FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = N'HumanResources' ORDER BY TABLE_NAME, CONSTRAINT_NAME
-- expect: CONSTRAINT_NAME | TABLE_NAME | CONSTRAINT_TYPE | IS_DEFERRABLE | INITIALLY_DEFERRED
-- AK_Department_Name | Department | UNIQUE | NO | NO
-- PK_Department_DepartmentID | Department | PRIMARY KEY | NO | NO
-- CK_Employee_BirthDate | Employee | CHECK | NO | NO
-- FK_Employee_Department_DepartmentID | Employee | FOREIGN KEY | NO | NO
-- PK_Employee_BusinessEntityID | Employee | PRIMARY KEY | NO | NO
GO
SELECT CONSTRAINT_NAME, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = N'HumanResources' ORDER BY TABLE_NAME, CONSTRAINT_NAME
-- expect: CONSTRAINT_NAME | TABLE_NAME | COLUMN_NAME | ORDINAL_POSITION
-- AK_Department_Name | Department | Name | 1
-- PK_Department_DepartmentID | Department | DepartmentID | 1
-- FK_Employee_Department_DepartmentID | Employee | DepartmentID | 1
-- PK_Employee_BusinessEntityID | Employee | BusinessEntityID | 1
GO
SELECT CONSTRAINT_NAME, UNIQUE_CONSTRAINT_NAME, MATCH_OPTION, UPDATE_RULE, DELETE_RULE FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = N'HumanResources'
-- expect: CONSTRAINT_NAME | UNIQUE_CONSTRAINT_NAME | MATCH_OPTION | UPDATE_RULE | DELETE_RULE
-- FK_Employee_Department_DepartmentID | PK_Department_DepartmentID | SIMPLE | NO ACTION | SET NULL
GO
SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = N'HumanResources'
-- expect: CONSTRAINT_NAME | CHECK_CLAUSE
-- CK_Employee_BirthDate | ([BirthDate]>='1930-01-01')
GO
-- INFORMATION_SCHEMA.ROUTINES and PARAMETERS
SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DATA_TYPE FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_SCHEMA = N'HumanResources' ORDER BY ROUTINE_NAME
-- expect: ROUTINE_SCHEMA | ROUTINE_NAME | ROUTINE_TYPE | DATA_TYPE
-- HumanResources | ufnHours | FUNCTION | int
-- HumanResources | uspUpdateVacation | PROCEDURE | NULL
GO
SELECT SPECIFIC_NAME, ORDINAL_POSITION, PARAMETER_MODE, IS_RESULT, PARAMETER_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.PARAMETERS
WHERE SPECIFIC_SCHEMA = N'HumanResources' ORDER BY SPECIFIC_NAME, ORDINAL_POSITION
-- expect: SPECIFIC_NAME | ORDINAL_POSITION | PARAMETER_MODE | IS_RESULT | PARAMETER_NAME | DATA_TYPE
-- ufnHours | 0 | OUT | YES | '' | int
-- ufnHours | 1 | IN | NO | @BusinessEntityID | int
-- ufnHours | 2 | IN | NO | @Factor | decimal
-- uspUpdateVacation | 1 | IN | NO | @BusinessEntityID | int
-- uspUpdateVacation | 2 | IN | NO | @Hours | smallint
-- uspUpdateVacation | 3 | INOUT | NO | @NewTotal | smallint
GO
-- INFORMATION_SCHEMA.SCHEMATA
SELECT SCHEMA_NAME, SCHEMA_OWNER FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME IN (N'dbo', N'HumanResources') ORDER BY SCHEMA_NAME
-- expect: SCHEMA_NAME | SCHEMA_OWNER
-- dbo | dbo
-- HumanResources | dbo
GO
