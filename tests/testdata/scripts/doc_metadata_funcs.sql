-- Documented examples of the metadata functions (learn.microsoft.com/sql/t-sql/
-- functions/: object-id, object-name, object-schema-name, object-definition,
-- objectproperty, objectpropertyex, columnproperty, col-name, col-length,
-- type-name, type-id, typeproperty, indexproperty, index-col,
-- indexkey-property, db-id, db-name, schema-id, schema-name,
-- databasepropertyex, serverproperty, file-id, file-name, fileproperty,
-- app-name, host-name, suser-*, user-*, has-perms-by-name, is-member,
-- is-srvrolemember, and the @@ configuration functions). The AdventureWorks
-- objects are small ones of our own; values that depend on the instance
-- (ids, names of the server, versions) are checked by shape as 1/0 columns.
-- Out of scope: Azure-only properties (Edition/ServiceObjective of Azure SQL
-- Database), CLR and full-text properties.
CREATE SCHEMA Production
GO
CREATE SCHEMA Sales
GO
CREATE TABLE Production.UnitMeasure (UnitMeasureCode nchar(3) NOT NULL CONSTRAINT PK_UnitMeasure_UnitMeasureCode PRIMARY KEY,
  Name nvarchar(50) NOT NULL, ModifiedDate datetime NOT NULL CONSTRAINT DF_UnitMeasure_ModifiedDate DEFAULT (getdate()))
CREATE TABLE Production.Location (LocationID smallint IDENTITY(1,1) NOT NULL CONSTRAINT PK_Location_LocationID PRIMARY KEY CLUSTERED,
  Name nvarchar(50) NOT NULL, CostRate smallmoney NOT NULL, Availability decimal(8,2) NOT NULL)
CREATE TABLE Sales.SalesOrderHeader (SalesOrderID int NOT NULL CONSTRAINT PK_SalesOrderHeader PRIMARY KEY, OrderDate datetime NOT NULL)
CREATE TABLE Sales.SalesOrderDetail (SalesOrderID int NOT NULL CONSTRAINT FK_SOD_SOH REFERENCES Sales.SalesOrderHeader (SalesOrderID),
  SalesOrderDetailID int IDENTITY(1,1) NOT NULL, OrderQty smallint NOT NULL, UnitPrice money NOT NULL,
  LineTotal AS (isnull(UnitPrice * OrderQty, 0.0)),
  CONSTRAINT PK_SalesOrderDetail_SalesOrderID_SalesOrderDetailID PRIMARY KEY CLUSTERED (SalesOrderID, SalesOrderDetailID))
GO
CREATE TRIGGER Sales.uSalesOrderDetail ON Sales.SalesOrderDetail AFTER UPDATE AS SET NOCOUNT ON;
GO
CREATE VIEW Sales.vOrders AS SELECT SalesOrderID, OrderDate FROM Sales.SalesOrderHeader
GO
CREATE FUNCTION dbo.ufnGetStock (@ProductID int) RETURNS int AS
BEGIN
    DECLARE @ret int;
    SELECT @ret = SUM(OrderQty) FROM Sales.SalesOrderDetail WHERE SalesOrderID = @ProductID;
    IF (@ret IS NULL) SET @ret = 0;
    RETURN @ret;
END;
GO
CREATE FUNCTION dbo.ufnTwice (@v int) RETURNS int WITH SCHEMABINDING AS BEGIN RETURN @v * 2 END
GO
-- OBJECT_ID A: the id of a three-part name; B: IF OBJECT_ID(…, N'U') IS NOT NULL DROP TABLE
SELECT CASE WHEN OBJECT_ID(DB_NAME() + N'.Production.UnitMeasure') > 0 THEN 1 ELSE 0 END AS has_id,
  CASE WHEN OBJECT_ID(N'Production.UnitMeasure') = OBJECT_ID(N'Production.UnitMeasure', N'U') THEN 1 ELSE 0 END AS same_u,
  OBJECT_ID(N'Production.UnitMeasure', N'V') AS wrong_type, OBJECT_ID(N'dbo.UnitMeasure') AS wrong_schema
-- expect: has_id | same_u | wrong_type | wrong_schema
-- 1 | 1 | NULL | NULL
GO
CREATE TABLE dbo.AWBuildVersion (SystemInformationID tinyint NOT NULL)
GO
IF OBJECT_ID (N'dbo.AWBuildVersion', N'U') IS NOT NULL
DROP TABLE dbo.AWBuildVersion;
SELECT OBJECT_ID(N'dbo.AWBuildVersion') AS gone
-- expect: gone
-- NULL
GO
-- OBJECT_ID C: a temporary table is found through tempdb
CREATE TABLE #temptable (col1 INT);
INSERT INTO #temptable VALUES (10);
SELECT CASE WHEN OBJECT_ID(N'tempdb..#temptable') IS NOT NULL THEN 1 ELSE 0 END AS found,
  CASE WHEN OBJECT_ID(N'tempdb..#temptable', N'U') IS NOT NULL THEN 1 ELSE 0 END AS found_u
DROP TABLE #temptable
-- expect: found | found_u
-- 1 | 1
GO
-- OBJECT_ID D: a system function's id is negative
SELECT CASE WHEN OBJECT_ID(N'sys.objects') < 0 THEN 1 ELSE 0 END AS sys_neg
-- expect: sys_neg
-- 1
GO
-- OBJECT_NAME A: in a WHERE clause; B: with a database id; OBJECT_SCHEMA_NAME
SELECT name, type_desc FROM sys.objects WHERE name = OBJECT_NAME(OBJECT_ID(N'Production.Location'))
-- expect: name | type_desc
-- Location | USER_TABLE
GO
SELECT OBJECT_NAME(OBJECT_ID(N'Sales.SalesOrderDetail'), DB_ID()) AS object_name,
  OBJECT_SCHEMA_NAME(OBJECT_ID(N'Sales.SalesOrderDetail'), DB_ID()) AS schema_name,
  OBJECT_SCHEMA_NAME(OBJECT_ID(N'Sales.SalesOrderDetail')) AS schema_name1,
  OBJECT_NAME(0) AS no_object, OBJECT_SCHEMA_NAME(0) AS no_schema
-- expect: object_name | schema_name | schema_name1 | no_object | no_schema
-- SalesOrderDetail | Sales | Sales | NULL | NULL
GO
-- OBJECT_NAME of a constraint, as the sys.foreign_key_columns page's example uses it
SELECT OBJECT_NAME(constraint_object_id) AS fk, OBJECT_SCHEMA_NAME(constraint_object_id) AS s
FROM sys.foreign_key_columns WHERE parent_object_id = OBJECT_ID(N'Sales.SalesOrderDetail')
-- expect: fk | s
-- FK_SOD_SOH | Sales
GO
-- OBJECT_NAME C: the names of the objects of a schema
SELECT OBJECT_SCHEMA_NAME(object_id) AS s, OBJECT_NAME(object_id) AS n, RTRIM(type) AS type
FROM sys.objects WHERE schema_id = SCHEMA_ID(N'Sales') AND type IN ('U', 'V', 'TR') ORDER BY n
-- expect: s | n | type
-- Sales | SalesOrderDetail | U
-- Sales | SalesOrderHeader | U
-- Sales | uSalesOrderDetail | TR
-- Sales | vOrders | V
GO
-- OBJECT_DEFINITION A: a user-defined object's text; C: NULL for a table
SELECT RTRIM(REPLACE(REPLACE(OBJECT_DEFINITION(OBJECT_ID(N'Sales.vOrders')), CHAR(13), ''), CHAR(10), '')) AS [View Definition]
-- expect: View Definition
-- CREATE VIEW Sales.vOrders AS SELECT SalesOrderID, OrderDate FROM Sales.SalesOrderHeader
GO
SELECT OBJECT_DEFINITION(OBJECT_ID(N'Sales.SalesOrderHeader')) AS tbl, OBJECT_DEFINITION(NULL) AS nul, OBJECT_DEFINITION(-123456) AS bad
-- expect: tbl | nul | bad
-- NULL | NULL | NULL
GO
-- OBJECT_DEFINITION B: a system object's definition is not empty
SELECT CASE WHEN LEN(OBJECT_DEFINITION(OBJECT_ID(N'sys.sp_columns'))) > 0 THEN 1 ELSE 0 END AS has_text
-- expect: has_text
-- 1
GO
-- OBJECTPROPERTY A: IF OBJECTPROPERTY(…, 'ISTABLE') = 1
IF OBJECTPROPERTY (OBJECT_ID(N'Production.UnitMeasure'),'ISTABLE') = 1
   PRINT 'UnitMeasure is a table.'
ELSE IF OBJECTPROPERTY (OBJECT_ID(N'Production.UnitMeasure'),'ISTABLE') = 0
   PRINT 'UnitMeasure is not a table.'
ELSE IF OBJECTPROPERTY (OBJECT_ID(N'Production.UnitMeasure'),'ISTABLE') IS NULL
   PRINT 'ERROR: UnitMeasure is not a valid object.';
-- message: UnitMeasure is a table.
GO
-- OBJECTPROPERTY B: IsDeterministic of a function that reads data is 0; a
-- schema-bound function without data access is deterministic
SELECT OBJECTPROPERTY(OBJECT_ID(N'dbo.ufnGetStock'), 'IsDeterministic') AS stock,
  OBJECTPROPERTY(OBJECT_ID(N'dbo.ufnTwice'), 'IsDeterministic') AS twice,
  OBJECTPROPERTY(OBJECT_ID(N'Production.UnitMeasure'), 'IsDeterministic') AS tbl
-- expect: stock | twice | tbl
-- 0 | 1 | NULL
GO
-- OBJECTPROPERTY C: the objects of a schema found by their SchemaId property
SELECT name, type_desc FROM sys.objects
WHERE OBJECTPROPERTY(object_id, N'SchemaId') = SCHEMA_ID(N'Production') AND type IN ('U', 'PK')
ORDER BY type_desc, name
-- expect: name | type_desc
-- PK_Location_LocationID | PRIMARY_KEY_CONSTRAINT
-- PK_UnitMeasure_UnitMeasureCode | PRIMARY_KEY_CONSTRAINT
-- Location | USER_TABLE
-- UnitMeasure | USER_TABLE
GO
SELECT OBJECTPROPERTY(OBJECT_ID(N'Sales.vOrders'), 'IsView') AS is_view,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.vOrders'), 'IsUserTable') AS view_user_table,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.SalesOrderDetail'), 'TableHasPrimaryKey') AS has_pk,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.SalesOrderDetail'), 'TableHasForeignKey') AS has_fk,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.SalesOrderHeader'), 'TableHasForeignRef') AS has_fref,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.SalesOrderDetail'), 'TableHasIdentity') AS has_ident,
  OBJECTPROPERTY(OBJECT_ID(N'Production.UnitMeasure'), 'TableHasDefaultCnst') AS has_default,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.SalesOrderDetail'), 'HasUpdateTrigger') AS has_upd_trg,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.SalesOrderDetail'), 'HasInsertTrigger') AS has_ins_trg,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.uSalesOrderDetail'), 'ExecIsUpdateTrigger') AS is_upd_trg,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.uSalesOrderDetail'), 'ExecIsAfterTrigger') AS is_after,
  OBJECTPROPERTY(OBJECT_ID(N'dbo.ufnTwice'), 'IsScalarFunction') AS is_scalar,
  OBJECTPROPERTY(OBJECT_ID(N'dbo.ufnTwice'), 'IsSchemaBound') AS schemabound,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.SalesOrderDetail'), 'IsMSShipped') AS shipped,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.SalesOrderDetail'), 'NoSuchProperty') AS bad_prop
-- expect: is_view | view_user_table | has_pk | has_fk | has_fref | has_ident | has_default | has_upd_trg | has_ins_trg | is_upd_trg | is_after | is_scalar | schemabound | shipped | bad_prop
-- 1 | 0 | 1 | 1 | 1 | 1 | 1 | 1 | 0 | 1 | 1 | 1 | 1 | 0 | NULL
GO
SELECT OBJECTPROPERTY(OBJECT_ID(N'PK_SalesOrderHeader'), 'IsPrimaryKey') AS pk_bare,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.PK_SalesOrderHeader'), 'IsPrimaryKey') AS is_pk,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.FK_SOD_SOH'), 'IsForeignKey') AS is_fk,
  OBJECTPROPERTY(OBJECT_ID(N'Production.DF_UnitMeasure_ModifiedDate'), 'IsDefaultCnst') AS is_df,
  OBJECTPROPERTY(OBJECT_ID(N'Production.DF_UnitMeasure_ModifiedDate'), 'CnstIsColumn') AS df_col,
  OBJECTPROPERTY(OBJECT_ID(N'Sales.PK_SalesOrderHeader'), 'CnstIsClustKey') AS clust,
  CASE WHEN OBJECTPROPERTY(OBJECT_ID(N'Sales.FK_SOD_SOH'), 'OwnerId') = 1 THEN 1 ELSE 0 END AS owner_dbo
-- expect: pk_bare | is_pk | is_fk | is_df | df_col | clust | owner_dbo
-- NULL | 1 | 1 | 1 | 1 | 1 | 1
GO
-- OBJECTPROPERTYEX A: BaseType is a sql_variant
SELECT RTRIM(CONVERT(varchar(2), OBJECTPROPERTYEX(OBJECT_ID(DB_NAME() + N'.Sales.vOrders'), N'BaseType'))) AS [Base Type],
  CONVERT(sysname, SQL_VARIANT_PROPERTY(OBJECTPROPERTYEX(OBJECT_ID(N'Sales.vOrders'), N'BaseType'), 'BaseType')) AS variant_type
-- expect: Base Type | variant_type
-- V | char
GO
-- OBJECTPROPERTYEX B: TABLEUPDATETRIGGERCOUNT
SELECT OBJECTPROPERTYEX(OBJECT_ID(N'Sales.SalesOrderDetail'), N'TABLEUPDATETRIGGERCOUNT') AS upd_triggers,
  OBJECTPROPERTYEX(OBJECT_ID(N'Sales.SalesOrderDetail'), N'TableInsertTriggerCount') AS ins_triggers
-- expect: upd_triggers | ins_triggers
-- 1 | 0
GO
-- OBJECTPROPERTYEX C: the tables that have a FOREIGN KEY constraint
SELECT name, type_desc FROM sys.objects WHERE OBJECTPROPERTYEX(object_id, N'TableHasForeignKey') = 1 ORDER BY name
-- expect: name | type_desc
-- SalesOrderDetail | USER_TABLE
GO
SELECT OBJECTPROPERTYEX(OBJECT_ID(N'Sales.SalesOrderDetail'), N'Cardinality') AS card_empty
-- expect: card_empty
-- 0
GO
-- COLUMNPROPERTY A: the length of a column (PRECISION)
SELECT COLUMNPROPERTY(OBJECT_ID(N'Production.Location'), N'Name', 'PRECISION') AS [Column Length],
  COLUMNPROPERTY(OBJECT_ID(N'Production.Location'), N'Availability', 'Precision') AS dec_prec,
  COLUMNPROPERTY(OBJECT_ID(N'Production.Location'), N'Availability', 'Scale') AS dec_scale,
  COLUMNPROPERTY(OBJECT_ID(N'Production.Location'), N'LocationID', 'IsIdentity') AS ident,
  COLUMNPROPERTY(OBJECT_ID(N'Production.Location'), N'LocationID', 'ColumnId') AS col_id,
  COLUMNPROPERTY(OBJECT_ID(N'Production.Location'), N'Name', 'AllowsNull') AS nullable,
  COLUMNPROPERTY(OBJECT_ID(N'Sales.SalesOrderDetail'), N'LineTotal', 'IsComputed') AS computed,
  COLUMNPROPERTY(OBJECT_ID(N'Sales.SalesOrderDetail'), N'LineTotal', 'IsDeterministic') AS determ,
  COLUMNPROPERTY(OBJECT_ID(N'Production.Location'), N'NoSuchColumn', 'ColumnId') AS no_col
-- expect: Column Length | dec_prec | dec_scale | ident | col_id | nullable | computed | determ | no_col
-- 50 | 8 | 2 | 1 | 1 | 0 | 1 | 1 | NULL
GO
-- COLUMNPROPERTY of a procedure parameter
CREATE PROCEDURE dbo.uspGetQty @OrderID int, @Qty smallint OUTPUT AS SELECT @Qty = 1
GO
SELECT COLUMNPROPERTY(OBJECT_ID(N'dbo.uspGetQty'), N'@Qty', 'IsOutParam') AS is_out,
  COLUMNPROPERTY(OBJECT_ID(N'dbo.uspGetQty'), N'@OrderID', 'IsOutParam') AS not_out,
  COLUMNPROPERTY(OBJECT_ID(N'dbo.uspGetQty'), N'@Qty', 'Precision') AS qty_prec
-- expect: is_out | not_out | qty_prec
-- 1 | 0 | 5
GO
-- COL_NAME A: the first two columns of a table
SELECT COL_NAME(OBJECT_ID(N'Sales.SalesOrderDetail'), 1) AS FirstColumnName,
  COL_NAME(OBJECT_ID(N'Sales.SalesOrderDetail'), 2) AS SecondColumnName,
  COL_NAME(OBJECT_ID(N'Sales.SalesOrderDetail'), 99) AS NoColumn
-- expect: FirstColumnName | SecondColumnName | NoColumn
-- SalesOrderID | SalesOrderDetailID | NULL
GO
-- COL_LENGTH: a varchar(40) column is 40 bytes, an nvarchar(40) 80; (max) is -1
CREATE TABLE t1 (c1 VARCHAR(40), c2 NVARCHAR(40), c3 varchar(max), c4 int);
SELECT COL_LENGTH('t1','c1') AS 'VarChar', COL_LENGTH('t1','c2') AS 'NVarChar', COL_LENGTH('t1','c3') AS 'Max',
  COL_LENGTH('t1','c4') AS 'Int', COL_LENGTH('t1','nope') AS 'NoCol', COL_LENGTH('nope','c1') AS 'NoTable'
DROP TABLE t1;
-- expect: VarChar | NVarChar | Max | Int | NoCol | NoTable
-- 40 | 80 | -1 | 4 | NULL | NULL
GO
-- TYPE_NAME A: the type names of a table's columns
SELECT o.name AS obj_name, c.name AS col_name, TYPE_NAME(c.user_type_id) AS type_name
FROM sys.objects AS o JOIN sys.columns AS c ON o.object_id = c.object_id
WHERE o.name = 'UnitMeasure' ORDER BY col_name
-- expect: obj_name | col_name | type_name
-- UnitMeasure | ModifiedDate | datetime
-- UnitMeasure | Name | nvarchar
-- UnitMeasure | UnitMeasureCode | nchar
GO
-- TYPE_NAME B: two type ids
SELECT TYPE_NAME(36) AS Type36, TYPE_NAME(239) AS Type239, TYPE_NAME(256) AS Type256, TYPE_NAME(-1) AS TypeBad
-- expect: Type36 | Type239 | Type256 | TypeBad
-- uniqueidentifier | nchar | sysname | NULL
GO
-- TYPE_ID A: an alias type; B: a system type
CREATE TYPE NewType FROM int;
GO
SELECT TYPE_NAME(TYPE_ID('NewType')) AS [Type Name], CASE WHEN TYPE_ID('NewType') > 256 THEN 1 ELSE 0 END AS user_id_range,
  TYPE_NAME(TYPE_ID('dbo.NewType')) AS qualified
-- expect: Type Name | user_id_range | qualified
-- NewType | 1 | NewType
GO
SELECT TYPE_NAME(TYPE_ID('datetime')) AS [TYPE_NAME], TYPE_ID('datetime') AS [TYPE_ID], TYPE_ID('nosuchtype') AS [NONE]
-- expect: TYPE_NAME | TYPE_ID | NONE
-- datetime | 61 | NULL
GO
-- TYPEPROPERTY A: the owner of the types; B: the precision of tinyint
SELECT TYPEPROPERTY(SCHEMA_NAME(schema_id) + '.' + name, 'OwnerId') AS owner_id, name, system_type_id, user_type_id
FROM sys.types WHERE name IN (N'NewType', N'int') ORDER BY name
-- expect: owner_id | name | system_type_id | user_type_id
-- 4 | int | 56 | 56
-- 1 | NewType | 56 | 257
GO
SELECT TYPEPROPERTY('tinyint', 'PRECISION') AS tinyint_prec, TYPEPROPERTY('decimal', 'Precision') AS dec_prec,
  TYPEPROPERTY('NewType', 'AllowsNull') AS allows_null, TYPEPROPERTY('int', 'UsesAnsiTrim') AS ansi_trim,
  TYPEPROPERTY('nvarchar', 'Precision') AS nv_prec, TYPEPROPERTY('nosuchtype', 'Precision') AS bad
-- expect: tinyint_prec | dec_prec | allows_null | ansi_trim | nv_prec | bad
-- 3 | 38 | 1 | NULL | 4000 | NULL
GO
-- INDEXPROPERTY: IsClustered, IndexDepth, IndexFillFactor of a primary key
SELECT INDEXPROPERTY(OBJECT_ID(N'Production.Location'), 'PK_Location_LocationID', 'IsClustered') AS [Is Clustered],
  CASE WHEN INDEXPROPERTY(OBJECT_ID(N'Production.Location'), 'PK_Location_LocationID', 'IndexDepth') >= 0 THEN 1 ELSE 0 END AS [Index Depth],
  INDEXPROPERTY(OBJECT_ID(N'Production.Location'), 'PK_Location_LocationID', 'IndexFillFactor') AS [Fill Factor],
  INDEXPROPERTY(OBJECT_ID(N'Production.Location'), 'PK_Location_LocationID', 'IsUnique') AS [Is Unique],
  INDEXPROPERTY(OBJECT_ID(N'Production.Location'), 'nope', 'IsClustered') AS [No Index]
-- expect: Is Clustered | Index Depth | Fill Factor | Is Unique | No Index
-- 1 | 1 | 0 | 1 | NULL
GO
-- INDEX_COL: the key columns of the first index of a table (a three-part name)
SELECT INDEX_COL(DB_NAME() + N'.Sales.SalesOrderDetail', 1, 1) AS [Index Column 1],
  INDEX_COL(N'Sales.SalesOrderDetail', 1, 2) AS [Index Column 2],
  INDEX_COL(N'Sales.SalesOrderDetail', 1, 3) AS [Index Column 3]
-- expect: Index Column 1 | Index Column 2 | Index Column 3
-- SalesOrderID | SalesOrderDetailID | NULL
GO
-- INDEXKEY_PROPERTY: ColumnId and IsDescending of the first key column
CREATE INDEX IX_Location_Name ON Production.Location (Name DESC, CostRate)
GO
SELECT INDEXKEY_PROPERTY(OBJECT_ID(N'Production.Location', 'U'), 1, 1, 'ColumnId') AS [Column ID],
  INDEXKEY_PROPERTY(OBJECT_ID(N'Production.Location', 'U'), 1, 1, 'IsDescending') AS [Asc or Desc order],
  INDEXKEY_PROPERTY(OBJECT_ID(N'Production.Location', 'U'), INDEXPROPERTY(OBJECT_ID(N'Production.Location'), 'IX_Location_Name', 'IndexID'), 1, 'IsDescending') AS name_desc,
  INDEXKEY_PROPERTY(OBJECT_ID(N'Production.Location', 'U'), INDEXPROPERTY(OBJECT_ID(N'Production.Location'), 'IX_Location_Name', 'IndexID'), 2, 'ColumnId') AS second_col,
  INDEXKEY_PROPERTY(OBJECT_ID(N'Production.Location', 'U'), 1, 9, 'ColumnId') AS no_key
-- expect: Column ID | Asc or Desc order | name_desc | second_col | no_key
-- 1 | 0 | 1 | 3 | NULL
GO
-- DB_ID and DB_NAME: the current database, a named one, master and model
SELECT CASE WHEN DB_ID() = DB_ID(DB_NAME()) THEN 1 ELSE 0 END AS same_db, DB_ID(N'master') AS master_id,
  DB_NAME(1) AS db1, DB_NAME(3) AS db3, DB_ID(N'no_such_database') AS no_db, DB_NAME(32000) AS no_name
-- expect: same_db | master_id | db1 | db3 | no_db | no_name
-- 1 | 1 | master | model | NULL | NULL
GO
SELECT name, CASE WHEN database_id = DB_ID(name) THEN 1 ELSE 0 END AS matches FROM sys.databases WHERE name IN (N'master', N'tempdb', N'model', N'msdb') ORDER BY name
-- expect: name | matches
-- master | 1
-- model | 1
-- msdb | 1
-- tempdb | 1
GO
-- SCHEMA_ID and SCHEMA_NAME: of the caller, of a name, of an id
SELECT SCHEMA_ID() AS default_schema, SCHEMA_ID('dbo') AS dbo_id, SCHEMA_NAME() AS default_name, SCHEMA_NAME(1) AS name1,
  SCHEMA_NAME(SCHEMA_ID('Sales')) AS sales, SCHEMA_ID('nope') AS no_schema, SCHEMA_NAME(4) AS sys_name, SCHEMA_NAME(-5) AS bad
-- expect: default_schema | dbo_id | default_name | name1 | sales | no_schema | sys_name | bad
-- 1 | 1 | dbo | dbo | Sales | NULL | sys | NULL
GO
-- DATABASEPROPERTYEX A: a property of a database; B: several
SELECT DATABASEPROPERTYEX(DB_NAME(), N'IsAutoShrink') AS autoshrink
-- expect: autoshrink
-- 0
GO
SELECT DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS Collation, DATABASEPROPERTYEX(DB_NAME(), 'Status') AS Status,
  DATABASEPROPERTYEX(DB_NAME(), 'Updateability') AS Updateability, DATABASEPROPERTYEX(DB_NAME(), 'UserAccess') AS UserAccess,
  DATABASEPROPERTYEX(DB_NAME(), 'Recovery') AS Recovery, DATABASEPROPERTYEX(DB_NAME(), 'IsAnsiNullDefault') AS ansi_null_default,
  DATABASEPROPERTYEX(DB_NAME(), 'NoSuchProperty') AS bad, DATABASEPROPERTYEX(N'no_such_database', 'Status') AS no_db
-- expect: Collation | Status | Updateability | UserAccess | Recovery | ansi_null_default | bad | no_db
-- SQL_Latin1_General_CP1_CI_AS | ONLINE | READ_WRITE | MULTI_USER | FULL | 0 | NULL | NULL
GO
-- SERVERPROPERTY: the server's names, edition and version
SELECT CASE WHEN CONVERT(sysname, SERVERPROPERTY('servername')) = @@SERVERNAME THEN 1 ELSE 0 END AS servername,
  CASE WHEN SERVERPROPERTY('MachineName') IS NOT NULL THEN 1 ELSE 0 END AS machine,
  CASE WHEN SERVERPROPERTY('Edition') IS NOT NULL THEN 1 ELSE 0 END AS edition,
  CASE WHEN CONVERT(nvarchar(128), SERVERPROPERTY('ProductVersion')) LIKE N'1[0-9].%' THEN 1 ELSE 0 END AS version,
  CASE WHEN CONVERT(nvarchar(128), SERVERPROPERTY('ProductLevel')) LIKE N'RTM%' OR CONVERT(nvarchar(128), SERVERPROPERTY('ProductLevel')) LIKE N'SP%' OR CONVERT(nvarchar(128), SERVERPROPERTY('ProductLevel')) LIKE N'CTP%' THEN 1 ELSE 0 END AS level,
  SERVERPROPERTY('Collation') AS collation, SERVERPROPERTY('IsSingleUser') AS single_user,
  SERVERPROPERTY('NoSuchProperty') AS bad
-- expect: servername | machine | edition | version | level | collation | single_user | bad
-- 1 | 1 | 1 | 1 | 1 | SQL_Latin1_General_CP1_CI_AS | 0 | NULL
GO
-- FILE_ID, FILE_IDEX, FILE_NAME, FILEPROPERTY: the data file is 1, the log 2
SELECT FILE_ID(FILE_NAME(1)) AS data_id, FILE_IDEX(FILE_NAME(2)) AS log_id,
  CASE WHEN FILE_NAME(1) = (SELECT name FROM sys.database_files WHERE file_id = 1) THEN 1 ELSE 0 END AS data_name,
  FILE_NAME(99) AS no_file, FILE_ID(N'no_such_file') AS no_id,
  FILEPROPERTY(FILE_NAME(1), 'IsPrimaryFile') AS [Primary File], FILEPROPERTY(FILE_NAME(2), 'IsLogFile') AS [Log File],
  FILEPROPERTY(FILE_NAME(1), 'IsReadOnly') AS [Read Only],
  CASE WHEN FILEPROPERTY(FILE_NAME(1), 'SpaceUsed') > 0 THEN 1 ELSE 0 END AS space_used,
  FILEPROPERTY(N'no_such_file', 'IsPrimaryFile') AS no_prop
-- expect: data_id | log_id | data_name | no_file | no_id | Primary File | Log File | Read Only | space_used | no_prop
-- 1 | 2 | 1 | NULL | NULL | 1 | 1 | 0 | 1 | NULL
GO
-- APP_NAME and HOST_NAME are the client's; their type is nvarchar(128)
SELECT CASE WHEN APP_NAME() IS NOT NULL THEN 1 ELSE 0 END AS app,
  CASE WHEN HOST_NAME() IS NOT NULL THEN 1 ELSE 0 END AS host,
  CONVERT(sysname, SQL_VARIANT_PROPERTY(CONVERT(sql_variant, HOST_NAME()), 'BaseType')) AS host_type,
  CONVERT(sysname, SQL_VARIANT_PROPERTY(CONVERT(sql_variant, APP_NAME()), 'BaseType')) AS app_type
-- expect: app | host | host_type | app_type
-- 1 | 1 | nvarchar | nvarchar
GO
-- SUSER_NAME / SUSER_SNAME / SUSER_ID / SUSER_SID; USER_NAME / USER_ID;
-- the corpus runs as sa, the owner (dbo) of its database
SELECT SUSER_NAME(1) AS suser1, SUSER_SNAME(0x01) AS sid1, SUSER_ID('sa') AS sa_id, SUSER_SID('sa') AS sa_sid,
  CASE WHEN SUSER_SNAME() = SUSER_NAME() THEN 1 ELSE 0 END AS same_login, CASE WHEN SYSTEM_USER = SUSER_SNAME() THEN 1 ELSE 0 END AS sys_user,
  SUSER_SNAME(0x0102030405) AS no_login, SUSER_ID('no_such_login') AS no_login_id
-- expect: suser1 | sid1 | sa_id | sa_sid | same_login | sys_user | no_login | no_login_id
-- sa | sa | 1 | 0x01 | 1 | 1 | NULL | NULL
GO
SELECT USER_NAME() AS [user], USER_NAME(1) AS user1, USER_ID() AS uid, USER_ID('dbo') AS dbo_id, USER_ID('guest') AS guest_id,
  CURRENT_USER AS cu, SESSION_USER AS su, USER AS u, USER_NAME(999) AS no_user, USER_ID('no_such_user') AS no_uid,
  DATABASE_PRINCIPAL_ID() AS dpid, DATABASE_PRINCIPAL_ID('public') AS public_id
-- expect: user | user1 | uid | dbo_id | guest_id | cu | su | u | no_user | no_uid | dpid | public_id
-- dbo | dbo | 1 | 1 | 2 | dbo | dbo | dbo | NULL | NULL | 1 | 0
GO
-- USER_NAME D: in a WHERE clause against sys.database_principals
SELECT name FROM sys.database_principals WHERE name = USER_NAME(1)
-- expect: name
-- dbo
GO
-- HAS_PERMS_BY_NAME: server, database, object and column permissions of sa
SELECT HAS_PERMS_BY_NAME(null, null, 'VIEW SERVER STATE') AS server_state,
  HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'ANY') AS any_db,
  HAS_PERMS_BY_NAME(N'Sales.SalesOrderHeader', 'OBJECT', 'INSERT') AS can_insert,
  HAS_PERMS_BY_NAME(N'Sales.SalesOrderHeader', 'OBJECT', 'SELECT', 'OrderDate', 'COLUMN') AS col_select,
  HAS_PERMS_BY_NAME(N'Sales.NoSuchTable', 'OBJECT', 'SELECT') AS no_object
-- expect: server_state | any_db | can_insert | col_select | no_object
-- 1 | 1 | 1 | 1 | NULL
GO
-- HAS_PERMS_BY_NAME C: the tables the caller may SELECT from
SELECT HAS_PERMS_BY_NAME(QUOTENAME(SCHEMA_NAME(schema_id)) + '.' + QUOTENAME(name), 'OBJECT', 'SELECT') AS have_select, name
FROM sys.tables WHERE schema_id = SCHEMA_ID(N'Sales') ORDER BY name
-- expect: have_select | name
-- 1 | SalesOrderDetail
-- 1 | SalesOrderHeader
GO
-- IS_MEMBER, IS_SRVROLEMEMBER, IS_ROLEMEMBER
SELECT IS_MEMBER('db_owner') AS db_owner, IS_MEMBER('public') AS [public], IS_MEMBER('no_such_role') AS no_role,
  IS_SRVROLEMEMBER('sysadmin') AS sysadmin, IS_SRVROLEMEMBER('sysadmin', 'sa') AS sa_sysadmin,
  IS_SRVROLEMEMBER('no_such_role') AS no_srvrole, IS_ROLEMEMBER('db_owner') AS rolemember
-- expect: db_owner | public | no_role | sysadmin | sa_sysadmin | no_srvrole | rolemember
-- 1 | 1 | NULL | 1 | 1 | NULL | 1
GO
-- IS_MEMBER example: branch on role membership
IF IS_MEMBER ('db_owner') = 0
   PRINT 'User is not a member of the db_owner role'
ELSE IF IS_MEMBER ('db_owner') = 1
   PRINT 'User is a member of the db_owner role'
ELSE IF IS_MEMBER ('db_owner') IS NULL
   PRINT 'ERROR: Invalid group / role specified';
-- message: User is a member of the db_owner role
GO
-- @@PROCID: a procedure's name through OBJECT_NAME(@@PROCID)
CREATE PROCEDURE dbo.usp_FindName @lastname varchar(40) = '%' AS
SET NOCOUNT ON;
SELECT OBJECT_NAME(@@PROCID) AS 'ProcName', CASE WHEN @@PROCID = OBJECT_ID(N'dbo.usp_FindName') THEN 1 ELSE 0 END AS same_id;
GO
EXEC dbo.usp_FindName
SELECT @@PROCID AS batch_procid
-- expect: ProcName | same_id
-- usp_FindName | 1
-- expect: batch_procid
-- 0
GO
-- @@PROCID in a trigger, a scalar function (one RETURN, or a body) and a
-- multi-statement table function is that module's object id: the audit
-- trigger's OBJECT_NAME(@@PROCID) idiom
CREATE TABLE dbo.ProcIdAudit (who sysname, same_id int)
CREATE TABLE dbo.ProcIdTarget (id int)
GO
CREATE TRIGGER dbo.trProcIdTarget ON dbo.ProcIdTarget AFTER INSERT AS
INSERT dbo.ProcIdAudit VALUES (OBJECT_NAME(@@PROCID), CASE WHEN @@PROCID = OBJECT_ID(N'dbo.trProcIdTarget') THEN 1 ELSE 0 END)
GO
CREATE FUNCTION dbo.ufnProcIdReturn () RETURNS int AS BEGIN RETURN @@PROCID END
GO
CREATE FUNCTION dbo.ufnProcIdBody () RETURNS int AS
BEGIN
  DECLARE @id int = @@PROCID;
  RETURN @id;
END
GO
CREATE FUNCTION dbo.ufnProcIdTable () RETURNS @t TABLE (id int) AS
BEGIN
  INSERT @t VALUES (@@PROCID);
  RETURN;
END
GO
INSERT dbo.ProcIdTarget VALUES (1)
SELECT who, same_id FROM dbo.ProcIdAudit
SELECT OBJECT_NAME(dbo.ufnProcIdReturn()) AS ret, OBJECT_NAME(dbo.ufnProcIdBody()) AS body,
  (SELECT OBJECT_NAME(id) FROM dbo.ufnProcIdTable()) AS tvf, @@PROCID AS batch
-- expect: who | same_id
-- trProcIdTarget | 1
-- expect: ret | body | tvf | batch
-- ufnProcIdReturn | ufnProcIdBody | ufnProcIdTable | 0
GO
-- @@DBTS grows with each rowversion written
CREATE TABLE dbo.VersionTest (id int, rv rowversion)
GO
DECLARE @before binary(8) = @@DBTS;
INSERT dbo.VersionTest (id) VALUES (1);
SELECT CASE WHEN @@DBTS > @before THEN 1 ELSE 0 END AS grew, CASE WHEN (SELECT rv FROM dbo.VersionTest) = @@DBTS THEN 1 ELSE 0 END AS last_used,
  CONVERT(sysname, SQL_VARIANT_PROPERTY(CONVERT(sql_variant, @@DBTS), 'BaseType')) AS dbts_type
-- expect: grew | last_used | dbts_type
-- 1 | 1 | varbinary
GO
-- The configuration functions' documented values for a default instance
SELECT @@MAX_PRECISION AS max_precision, @@DATEFIRST AS datefirst, @@LANGUAGE AS language, @@LANGID AS langid,
  @@TEXTSIZE AS text_size, @@LOCK_TIMEOUT AS lock_timeout, @@MAX_CONNECTIONS AS max_connections, @@NESTLEVEL AS nestlevel,
  @@SERVICENAME AS servicename, @@REMSERVER AS remserver,
  CASE WHEN @@VERSION LIKE N'Microsoft SQL Server%' THEN 1 ELSE 0 END AS version, CASE WHEN @@SPID > 0 THEN 1 ELSE 0 END AS spid
-- expect: max_precision | datefirst | language | langid | text_size | lock_timeout | max_connections | nestlevel | servicename | remserver | version | spid
-- 38 | 7 | us_english | 0 | 2147483647 | -1 | 32767 | 0 | MSSQLSERVER | NULL | 1 | 1
GO
-- @@OPTIONS: bit 512 is NOCOUNT
SET NOCOUNT ON
SELECT CASE WHEN @@OPTIONS & 512 > 0 THEN 1 ELSE 0 END AS nocount_on
SET NOCOUNT OFF
SELECT CASE WHEN @@OPTIONS & 512 > 0 THEN 1 ELSE 0 END AS nocount_off
-- expect: nocount_on
-- 1
-- expect: nocount_off
-- 0
GO
