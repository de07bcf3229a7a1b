-- Documented examples of the system stored procedures DBAs run for metadata
-- (learn.microsoft.com/sql/relational-databases/system-stored-procedures/:
-- sp-help, sp-helptext, sp-helpindex, sp-helpconstraint, sp-helpdb,
-- sp-helpfile, sp-helpuser, sp-helprole, sp-helprolemember, sp-columns,
-- sp-tables, sp-stored-procedures, sp-sproc-columns, sp-spaceused, sp-who,
-- sp-depends, sp-databases, sp-server-info, sp-datatype-info, sp-configure).
-- The AdventureWorks objects are small ones of our own. Result sets whose
-- values depend on the instance (the database's name, sizes, dates) are
-- read through INSERT … EXEC and checked by shape. sp_pkeys, sp_fkeys,
-- sp_statistics and sp_special_columns are in compat_catalogprocs.sql,
-- sp_rename in doc_modules.sql.
CREATE SCHEMA Production
GO
CREATE SCHEMA Purchasing
GO
CREATE TABLE Production.Location (LocationID smallint IDENTITY(1,1) NOT NULL CONSTRAINT PK_Location_LocationID PRIMARY KEY CLUSTERED,
  Name nvarchar(50) NOT NULL CONSTRAINT AK_Location_Name UNIQUE NONCLUSTERED,
  CostRate smallmoney NOT NULL CONSTRAINT DF_Location_CostRate DEFAULT ((0.00)) CONSTRAINT CK_Location_CostRate CHECK (CostRate >= 0.00),
  Availability decimal(8,2) NOT NULL)
CREATE INDEX IX_Location_CostRate ON Production.Location (CostRate DESC, Availability)
CREATE TABLE Purchasing.Vendor (BusinessEntityID int NOT NULL CONSTRAINT PK_Vendor_BusinessEntityID PRIMARY KEY,
  AccountNumber nvarchar(15) NOT NULL, LocationID smallint NULL CONSTRAINT FK_Vendor_Location_LocationID REFERENCES Production.Location (LocationID))
INSERT Production.Location (Name, CostRate, Availability) VALUES (N'Tool Crib', 0.00, 0.00), (N'Sheet Metal Racks', 0.00, 0.00), (N'Paint Shop', 0.00, 0.00)
INSERT Purchasing.Vendor VALUES (1492, N'AUSTRALI0001', 1), (1494, N'ALLENSON0001', NULL)
GO
CREATE VIEW Purchasing.vVendor AS
SELECT v.BusinessEntityID, v.AccountNumber, l.Name AS LocationName
FROM Purchasing.Vendor AS v LEFT JOIN Production.Location AS l ON l.LocationID = v.LocationID
GO
CREATE PROCEDURE dbo.uspGetVendor @BusinessEntityID int, @AccountNumber nvarchar(15) OUTPUT AS
SELECT @AccountNumber = AccountNumber FROM Purchasing.Vendor WHERE BusinessEntityID = @BusinessEntityID
GO
-- sp_helptext A: the definition of a view, one row per line; a line ends
-- at CR LF, and the script's lines end in LF alone, so the view is one row
CREATE TABLE #sp_text (Text nvarchar(255))
INSERT INTO #sp_text EXEC sp_helptext N'Purchasing.vVendor'
SELECT COUNT(*) AS lines, MIN(CASE WHEN Text LIKE N'CREATE VIEW Purchasing.vVendor AS%' THEN 1 ELSE 0 END) AS first_ok FROM #sp_text WHERE Text LIKE N'CREATE%'
SELECT COUNT(*) AS all_lines FROM #sp_text
-- expect: lines | first_ok
-- 1 | 1
-- expect: all_lines
-- 1
GO
-- sp_helptext of a table: no text (15197)
EXEC sp_helptext N'Purchasing.Vendor'
-- error: 15197 There is no text for object 'Purchasing.Vendor'.
GO
-- (the message names the database, whose name differs between the runs)
EXEC sp_helptext N'dbo.NoSuchObject'
-- error: 15009
GO
-- sp_helptext B: the definition of a computed column
CREATE TABLE Production.Stock (Qty int NOT NULL, Price money NOT NULL, Total AS (isnull(Qty * Price, 0.0)))
GO
EXEC sp_helptext @objname = N'Production.Stock', @columnname = Total
-- expect: Text
-- (isnull([Qty]*[Price],(0.0)))
GO
EXEC sp_helptext N'Production.Stock', N'Qty'
-- error: 15646 Column 'Qty' is not a computed column.
GO
EXEC sp_helptext N'Production.Stock', N'Nope'
-- error: 15645 Column 'Nope' does not exist.
GO
-- sp_helpindex: the indexes of a table, DESC keys marked (-)
EXEC sp_helpindex N'Production.Location'
-- expect: index_name | index_description | index_keys
-- PK_Location_LocationID | clustered, unique, primary key located on PRIMARY | LocationID
-- AK_Location_Name | nonclustered, unique, unique key located on PRIMARY | Name
-- IX_Location_CostRate | nonclustered located on PRIMARY | CostRate(-), Availability
GO
-- sp_helpconstraint: the constraints of a table by name, without the object name (nomsg).
-- Vendor's foreign key is dropped meanwhile: its "referenced by" row names the
-- database, which differs between the two runs (sysprocs_helpconstraint.sql
-- covers that set in a database of its own)
ALTER TABLE Purchasing.Vendor DROP CONSTRAINT FK_Vendor_Location_LocationID
EXEC sp_helpconstraint N'Production.Location', 'nomsg'
ALTER TABLE Purchasing.Vendor ADD CONSTRAINT FK_Vendor_Location_LocationID FOREIGN KEY (LocationID) REFERENCES Production.Location (LocationID)
-- expect: constraint_type | constraint_name | delete_action | update_action | status_enabled | status_for_replication | constraint_keys
-- UNIQUE (non-clustered) | AK_Location_Name | (n/a) | (n/a) | (n/a) | (n/a) | Name
-- CHECK on column CostRate | CK_Location_CostRate | (n/a) | (n/a) | Enabled | Is_For_Replication | ([CostRate]>=(0.00))
-- DEFAULT on column CostRate | DF_Location_CostRate | (n/a) | (n/a) | (n/a) | (n/a) | ((0.00))
-- PRIMARY KEY (clustered) | PK_Location_LocationID | (n/a) | (n/a) | (n/a) | (n/a) | LocationID
-- message:
-- message: No foreign keys reference table 'Production.Location', or you do not have permissions on referencing tables.
GO
-- sp_helpdb without a name lists every database
CREATE TABLE #sp_db (name sysname, db_size nvarchar(13) NULL, owner sysname NULL, dbid smallint, created nvarchar(11), status nvarchar(600), compatibility_level tinyint)
INSERT INTO #sp_db EXEC sp_helpdb
SELECT name, dbid FROM #sp_db WHERE name IN (N'master', N'tempdb', N'model', N'msdb') ORDER BY dbid
SELECT COUNT(*) AS current_db FROM #sp_db WHERE name = DB_NAME() AND dbid = DB_ID()
-- expect: name | dbid
-- master | 1
-- tempdb | 2
-- model | 3
-- msdb | 4
-- expect: current_db
-- 1
GO
-- sp_helpfile: the files of the current database
CREATE TABLE #sp_files (name sysname, fileid smallint, filename nchar(260), filegroup sysname NULL, size nvarchar(18), maxsize nvarchar(18), growth nvarchar(18), usage varchar(9))
INSERT INTO #sp_files EXEC sp_helpfile
SELECT fileid, filegroup, usage, CASE WHEN name = FILE_NAME(fileid) THEN 1 ELSE 0 END AS name_ok FROM #sp_files ORDER BY fileid
-- expect: fileid | filegroup | usage | name_ok
-- 1 | PRIMARY | data only | 1
-- 2 | NULL | log only | 1
GO
-- sp_helpuser of dbo
EXEC sp_helpuser N'dbo'
-- expect: UserName | RoleName | LoginName | DefDBName | DefSchemaName | UserID | SID
-- dbo | db_owner | sa | master | dbo | 1 | 0x01
GO
-- sp_helprole: a fixed role; sp_helprolemember: its members
EXEC sp_helprole N'db_owner'
-- expect: RoleName | RoleId | IsAppRole
-- db_owner | 16384 | 0
GO
CREATE ROLE Auditors
CREATE USER AuditUser WITHOUT LOGIN
ALTER ROLE Auditors ADD MEMBER AuditUser
GO
EXEC sp_helprolemember N'db_owner'
-- expect: DbRole | MemberName | MemberSID
-- db_owner | dbo | 0x01
GO
CREATE TABLE #sp_members (DbRole sysname, MemberName sysname, MemberSID varbinary(85) NULL)
INSERT INTO #sp_members EXEC sp_helprolemember
SELECT DbRole, MemberName, CASE WHEN MemberSID IS NOT NULL THEN 1 ELSE 0 END AS has_sid FROM #sp_members
-- expect: DbRole | MemberName | has_sid
-- Auditors | AuditUser | 1
-- db_owner | dbo | 1
GO
EXEC sp_helprole N'NoSuchRole'
-- error: 15409 'NoSuchRole' is not a role.
GO
CREATE TABLE #sp_roles (RoleName sysname, RoleId smallint, IsAppRole int)
INSERT INTO #sp_roles EXEC sp_helprole
SELECT RoleName FROM #sp_roles WHERE RoleName IN (N'public', N'db_owner', N'db_datareader', N'Auditors') ORDER BY RoleId
-- expect: RoleName
-- public
-- Auditors
-- db_owner
-- db_datareader
GO
-- sp_columns: the columns of a table (owner given)
CREATE TABLE #sp_cols (TABLE_QUALIFIER sysname NULL, TABLE_OWNER sysname, TABLE_NAME sysname, COLUMN_NAME sysname, DATA_TYPE smallint, TYPE_NAME sysname,
  [PRECISION] int, LENGTH int, SCALE smallint NULL, RADIX smallint NULL, NULLABLE smallint, REMARKS varchar(254) NULL, COLUMN_DEF nvarchar(4000) NULL,
  SQL_DATA_TYPE smallint, SQL_DATETIME_SUB smallint NULL, CHAR_OCTET_LENGTH int NULL, ORDINAL_POSITION int, IS_NULLABLE varchar(254), SS_DATA_TYPE tinyint)
INSERT INTO #sp_cols EXEC sp_columns @table_name = N'Location', @table_owner = N'Production'
SELECT TABLE_OWNER, COLUMN_NAME, DATA_TYPE, TYPE_NAME, [PRECISION], LENGTH, SCALE, NULLABLE, COLUMN_DEF, ORDINAL_POSITION, IS_NULLABLE FROM #sp_cols ORDER BY ORDINAL_POSITION
-- expect: TABLE_OWNER | COLUMN_NAME | DATA_TYPE | TYPE_NAME | PRECISION | LENGTH | SCALE | NULLABLE | COLUMN_DEF | ORDINAL_POSITION | IS_NULLABLE
-- Production | LocationID | 5 | smallint identity | 5 | 2 | 0 | 0 | NULL | 1 | NO
-- Production | Name | -9 | nvarchar | 50 | 100 | NULL | 0 | NULL | 2 | NO
-- Production | CostRate | 3 | smallmoney | 10 | 12 | 4 | 0 | ((0.00)) | 3 | NO
-- Production | Availability | 3 | decimal | 8 | 10 | 2 | 0 | NULL | 4 | NO
GO
-- sp_tables: the tables and views of a schema
CREATE TABLE #sp_tables (TABLE_QUALIFIER sysname NULL, TABLE_OWNER sysname, TABLE_NAME sysname, TABLE_TYPE varchar(32), REMARKS varchar(254) NULL)
INSERT INTO #sp_tables EXEC sp_tables @table_name = '%', @table_owner = 'Purchasing', @table_qualifier = NULL
SELECT TABLE_OWNER, TABLE_NAME, TABLE_TYPE, REMARKS, CASE WHEN TABLE_QUALIFIER = DB_NAME() THEN 1 ELSE 0 END AS qualifier_ok FROM #sp_tables ORDER BY TABLE_NAME
-- expect: TABLE_OWNER | TABLE_NAME | TABLE_TYPE | REMARKS | qualifier_ok
-- Purchasing | Vendor | TABLE | NULL | 1
-- Purchasing | vVendor | VIEW | NULL | 1
GO
-- sp_stored_procedures: a procedure by name and owner; its name carries ;1
CREATE TABLE #sp_procs (PROCEDURE_QUALIFIER sysname NULL, PROCEDURE_OWNER sysname, PROCEDURE_NAME nvarchar(134), NUM_INPUT_PARAMS int NULL,
  NUM_OUTPUT_PARAMS int NULL, NUM_RESULT_SETS int NULL, REMARKS varchar(254) NULL, PROCEDURE_TYPE smallint)
INSERT INTO #sp_procs EXEC sp_stored_procedures N'uspGetVendor', N'dbo'
SELECT PROCEDURE_OWNER, PROCEDURE_NAME, PROCEDURE_TYPE FROM #sp_procs
-- expect: PROCEDURE_OWNER | PROCEDURE_NAME | PROCEDURE_TYPE
-- dbo | uspGetVendor;1 | 2
GO
-- sp_sproc_columns: the return value and the parameters of a procedure
CREATE TABLE #sp_pcols (PROCEDURE_QUALIFIER sysname NULL, PROCEDURE_OWNER sysname, PROCEDURE_NAME nvarchar(134), COLUMN_NAME sysname, COLUMN_TYPE smallint,
  DATA_TYPE smallint, TYPE_NAME sysname, [PRECISION] int, LENGTH int, SCALE smallint NULL, RADIX smallint NULL, NULLABLE smallint, REMARKS varchar(254) NULL,
  COLUMN_DEF nvarchar(4000) NULL, SQL_DATA_TYPE smallint, SQL_DATETIME_SUB smallint NULL, CHAR_OCTET_LENGTH int NULL, ORDINAL_POSITION int,
  IS_NULLABLE varchar(254), SS_DATA_TYPE tinyint)
INSERT INTO #sp_pcols EXEC sp_sproc_columns @procedure_name = N'uspGetVendor', @procedure_owner = N'dbo'
SELECT PROCEDURE_NAME, COLUMN_NAME, COLUMN_TYPE, TYPE_NAME, ORDINAL_POSITION FROM #sp_pcols ORDER BY ORDINAL_POSITION
-- expect: PROCEDURE_NAME | COLUMN_NAME | COLUMN_TYPE | TYPE_NAME | ORDINAL_POSITION
-- uspGetVendor;1 | @RETURN_VALUE | 5 | int | 0
-- uspGetVendor;1 | @BusinessEntityID | 1 | int | 1
-- uspGetVendor;1 | @AccountNumber | 2 | nvarchar | 2
GO
-- sp_spaceused A: a table's rows and space; B: the database's
CREATE TABLE #sp_space (name sysname, rows varchar(20), reserved varchar(18), data varchar(18), index_size varchar(18), unused varchar(18))
INSERT INTO #sp_space EXEC sp_spaceused N'Purchasing.Vendor'
SELECT name, RTRIM(rows) AS rows, CASE WHEN reserved LIKE N'% KB' AND data LIKE N'% KB' AND index_size LIKE N'% KB' AND unused LIKE N'% KB' THEN 1 ELSE 0 END AS kb
FROM #sp_space
-- expect: name | rows | kb
-- Vendor | 2 | 1
GO
-- sp_who: the caller's own session is listed
CREATE TABLE #sp_who (spid smallint, ecid smallint, status nchar(30), loginame nchar(128), hostname nchar(128), blk char(5), dbname nchar(128), cmd nchar(16), request_id int)
INSERT INTO #sp_who EXEC sp_who
SELECT COUNT(*) AS mine, MIN(RTRIM(loginame)) AS login, MIN(LTRIM(RTRIM(blk))) AS blk FROM #sp_who WHERE spid = @@SPID
-- expect: mine | login | blk
-- 1 | sa | 0
GO
TRUNCATE TABLE #sp_who
INSERT INTO #sp_who EXEC sp_who 'sa'
SELECT CASE WHEN COUNT(*) >= 1 THEN 1 ELSE 0 END AS found, SUM(CASE WHEN RTRIM(loginame) <> N'sa' THEN 1 ELSE 0 END) AS others FROM #sp_who
-- expect: found | others
-- 1 | 0
GO
-- sp_depends: the objects a view depends on
EXEC sp_depends @objname = N'Purchasing.vVendor'
-- message: In the current database, the specified object references the following:
-- expect: name | type | updated | selected | column
-- Production.Location | user table | no | yes | LocationID
-- Production.Location | user table | no | yes | Name
-- Purchasing.Vendor | user table | no | yes | AccountNumber
-- Purchasing.Vendor | user table | no | yes | BusinessEntityID
-- Purchasing.Vendor | user table | no | yes | LocationID
GO
-- sp_databases: the databases and their sizes
CREATE TABLE #sp_dbs (DATABASE_NAME sysname, DATABASE_SIZE int, REMARKS varchar(254) NULL)
INSERT INTO #sp_dbs EXEC sp_databases
SELECT DATABASE_NAME, CASE WHEN DATABASE_SIZE > 0 THEN 1 ELSE 0 END AS sized, REMARKS FROM #sp_dbs WHERE DATABASE_NAME IN (N'master', N'model') ORDER BY DATABASE_NAME
-- expect: DATABASE_NAME | sized | REMARKS
-- master | 1 | NULL
-- model | 1 | NULL
GO
-- sp_server_info: one attribute
EXEC sp_server_info @attribute_id = 1
-- expect: ATTRIBUTE_ID | ATTRIBUTE_NAME | ATTRIBUTE_VALUE
-- 1 | DBMS_NAME | Microsoft SQL Server
GO
-- sp_datatype_info: the types of an ODBC data type (-9, SQL_WVARCHAR)
CREATE TABLE #sp_dt (TYPE_NAME sysname, DATA_TYPE smallint, [PRECISION] int, LITERAL_PREFIX varchar(32) NULL, LITERAL_SUFFIX varchar(32) NULL,
  CREATE_PARAMS varchar(32) NULL, NULLABLE smallint, CASE_SENSITIVE smallint, SEARCHABLE smallint, UNSIGNED_ATTRIBUTE smallint NULL, MONEY smallint,
  AUTO_INCREMENT smallint NULL, LOCAL_TYPE_NAME sysname NULL, MINIMUM_SCALE smallint NULL, MAXIMUM_SCALE smallint NULL, SQL_DATA_TYPE smallint,
  SQL_DATETIME_SUB smallint NULL, NUM_PREC_RADIX int NULL, INTERVAL_PRECISION smallint NULL, USERTYPE smallint NULL)
INSERT INTO #sp_dt EXEC sp_datatype_info -9
SELECT TYPE_NAME, DATA_TYPE, [PRECISION], LITERAL_PREFIX, CREATE_PARAMS FROM #sp_dt WHERE TYPE_NAME IN (N'nvarchar', N'sysname') ORDER BY TYPE_NAME
-- expect: TYPE_NAME | DATA_TYPE | PRECISION | LITERAL_PREFIX | CREATE_PARAMS
-- nvarchar | -9 | 4000 | N' | max length
-- sysname | -9 | 128 | N' | NULL
GO
-- sp_configure: read one option
EXEC sp_configure 'show advanced options'
-- expect: name | minimum | maximum | config_value | run_value
-- show advanced options | 0 | 1 | 0 | 0
GO
EXEC sp_configure 'no such option'
-- error: 15123 The configuration option 'no such option' does not exist, or it may be an advanced option.
GO
