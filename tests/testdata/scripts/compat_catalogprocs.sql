-- The ODBC catalog procedures (SQLPrimaryKeys, SQLForeignKeys,
-- SQLStatistics, SQLSpecialColumns, SQLProcedures, SQLProcedureColumns,
-- SQLGetTypeInfo, SQLTablePrivileges, SQLColumnPrivileges, SQLGetInfo) as
-- T-SQL calls. Their first column is the database, whose name differs
-- between runs, so most rows are read through INSERT … EXEC.
CREATE TABLE dbo.Parent (Id int NOT NULL, Code char(3) NOT NULL, Name nvarchar(40) NULL, CONSTRAINT PK_Parent PRIMARY KEY (Id, Code))
CREATE TABLE dbo.Child (Cid int IDENTITY NOT NULL CONSTRAINT PK_Child PRIMARY KEY NONCLUSTERED, Pid int NULL, PCode char(3) NULL,
    Amount decimal(9,2) NULL, Ver rowversion,
    CONSTRAINT FK_Child_Parent FOREIGN KEY (Pid, PCode) REFERENCES dbo.Parent (Id, Code) ON UPDATE CASCADE ON DELETE SET NULL,
    CONSTRAINT UX_Child_Amount UNIQUE CLUSTERED (Amount DESC, Cid))
CREATE INDEX IX_Child_Pid ON dbo.Child (Pid)
GO
CREATE PROCEDURE dbo.GetChild @Cid int, @Total decimal(9,2) OUTPUT, @Note nvarchar(50) = NULL AS SELECT 1
GO
CREATE FUNCTION dbo.Twice (@v bigint) RETURNS bigint AS BEGIN RETURN @v * 2 END
GO
CREATE TABLE #pk (q sysname NULL, o sysname, n sysname, c sysname, s smallint, pk sysname NULL)
INSERT INTO #pk EXEC sp_pkeys @table_name = N'Parent'
SELECT o, n, c, s, pk FROM #pk ORDER BY s
-- expect: o | n | c | s | pk
-- dbo | Parent | Id | 1 | PK_Parent
-- dbo | Parent | Code | 2 | PK_Parent
GO
-- sp_pkeys takes no patterns.
TRUNCATE TABLE #pk
INSERT INTO #pk EXEC sp_pkeys N'Par%'
SELECT COUNT(*) AS n FROM #pk
-- expect: n
-- 0
GO
EXEC sp_pkeys N'Parent', N'dbo', N'no_such_database'
-- error: 15250 The database name component of the object qualifier must be the name of the current database.
GO
CREATE TABLE #fk (pq sysname NULL, po sysname, pt sysname, pc sysname, fq sysname NULL, fo sysname, ft sysname, fc sysname,
    s smallint, ur smallint, dr smallint, fk sysname NULL, pk sysname NULL, d smallint)
INSERT INTO #fk EXEC sp_fkeys @pktable_name = N'Parent'
SELECT po, pt, pc, fo, ft, fc, s, ur, dr, fk, pk, d FROM #fk ORDER BY s
-- expect: po | pt | pc | fo | ft | fc | s | ur | dr | fk | pk | d
-- dbo | Parent | Id | dbo | Child | Pid | 1 | 0 | 2 | FK_Child_Parent | PK_Parent | 7
-- dbo | Parent | Code | dbo | Child | PCode | 2 | 0 | 2 | FK_Child_Parent | PK_Parent | 7
GO
TRUNCATE TABLE #fk
INSERT INTO #fk EXEC sp_fkeys @fktable_name = N'Child', @fktable_owner = N'dbo'
SELECT pt, ft, fc, s FROM #fk ORDER BY s
-- expect: pt | ft | fc | s
-- Parent | Child | Pid | 1
-- Parent | Child | PCode | 2
GO
TRUNCATE TABLE #fk
INSERT INTO #fk EXEC sp_fkeys @pktable_name = N'Child'
SELECT COUNT(*) AS n FROM #fk
-- expect: n
-- 0
GO
EXEC sp_fkeys
-- error: 15252 The primary key or foreign key table name must be given.
GO
CREATE TABLE #st (q sysname NULL, o sysname, n sysname, nu smallint NULL, iq sysname NULL, i sysname NULL, t smallint, s smallint NULL,
    c sysname NULL, coll char(1) NULL, card int NULL, pages int NULL, f varchar(128) NULL)
INSERT INTO #st EXEC sp_statistics N'Child'
SELECT nu, iq, i, t, s, c, coll, card FROM #st
-- expect: nu | iq | i | t | s | c | coll | card
-- NULL | NULL | NULL | 0 | NULL | NULL | NULL | 0
-- 0 | Child | UX_Child_Amount | 1 | 1 | Amount | D | 0
-- 0 | Child | UX_Child_Amount | 1 | 2 | Cid | A | 0
-- 0 | Child | PK_Child | 3 | 1 | Cid | A | 0
-- 1 | Child | IX_Child_Pid | 3 | 1 | Pid | A | 0
GO
TRUNCATE TABLE #st
INSERT INTO #st EXEC sp_statistics @table_name = N'Child', @is_unique = 'Y', @index_name = N'PK%'
SELECT nu, i, t, c FROM #st
-- expect: nu | i | t | c
-- NULL | NULL | 0 | NULL
-- 0 | PK_Child | 3 | Cid
GO
EXEC sp_special_columns N'Child', @scope = 'C'
-- expect: SCOPE | COLUMN_NAME | DATA_TYPE | TYPE_NAME | PRECISION | LENGTH | SCALE | PSEUDO_COLUMN
-- 0 | Cid | 4 | int | 10 | 4 | 0 | 1
GO
EXEC sp_special_columns @table_name = N'Child', @col_type = 'V'
-- expect: SCOPE | COLUMN_NAME | DATA_TYPE | TYPE_NAME | PRECISION | LENGTH | SCALE | PSEUDO_COLUMN
-- NULL | Ver | -2 | timestamp | 8 | 8 | NULL | 1
GO
EXEC sp_special_columns N'Parent', N'dbo', @nullable = 'O', @ODBCVer = 3
-- expect: SCOPE | COLUMN_NAME | DATA_TYPE | TYPE_NAME | PRECISION | LENGTH | SCALE | PSEUDO_COLUMN
-- 1 | Id | 4 | int | 10 | 4 | 0 | 1
-- 1 | Code | 1 | char | 3 | 3 | NULL | 1
GO
CREATE TABLE #sp (q sysname NULL, o sysname, n nvarchar(134), ni int, no int, nr int, r varchar(254) NULL, t smallint)
INSERT INTO #sp EXEC sp_stored_procedures
SELECT o, n, ni, no, nr, r, t FROM #sp ORDER BY n
-- expect: o | n | ni | no | nr | r | t
-- dbo | GetChild;1 | -1 | -1 | -1 | NULL | 2
-- dbo | Twice;0 | -1 | -1 | -1 | NULL | 2
GO
TRUNCATE TABLE #sp
INSERT INTO #sp EXEC sp_stored_procedures @sp_name = N'Get%'
SELECT n FROM #sp
-- expect: n
-- GetChild;1
GO
TRUNCATE TABLE #sp
INSERT INTO #sp EXEC sp_stored_procedures @sp_name = N'Get%', @fUsePattern = 0
SELECT COUNT(*) AS n FROM #sp
-- expect: n
-- 0
GO
CREATE TABLE #pc (q sysname NULL, o sysname, n nvarchar(134), c sysname, ct smallint, dt smallint, tn sysname, p int, l int, sc smallint NULL,
    rx smallint NULL, nl smallint, r varchar(254) NULL, def nvarchar(4000) NULL, sdt smallint, sub smallint NULL, ol int NULL, op int,
    isn varchar(254), ss tinyint NULL)
INSERT INTO #pc EXEC sp_sproc_columns @procedure_name = N'GetChild', @ODBCVer = 3
SELECT c, ct, dt, tn, p, l, sc, rx, nl, sdt, sub, ol, op, isn, ss FROM #pc ORDER BY op
-- expect: c | ct | dt | tn | p | l | sc | rx | nl | sdt | sub | ol | op | isn | ss
-- @RETURN_VALUE | 5 | 4 | int | 10 | 4 | 0 | 10 | 0 | 4 | NULL | NULL | 0 | NO | 56
-- @Cid | 1 | 4 | int | 10 | 4 | 0 | 10 | 1 | 4 | NULL | NULL | 1 | YES | 38
-- @Total | 2 | 3 | decimal | 9 | 11 | 2 | 10 | 1 | 3 | NULL | NULL | 2 | YES | 106
-- @Note | 1 | -9 | nvarchar | 50 | 100 | NULL | NULL | 1 | -9 | NULL | 100 | 3 | YES | 39
GO
TRUNCATE TABLE #pc
INSERT INTO #pc EXEC sp_sproc_columns N'Twice'
SELECT n, c, ct, tn, op FROM #pc ORDER BY op
-- expect: n | c | ct | tn | op
-- Twice;0 | @RETURN_VALUE | 5 | bigint | 0
-- Twice;0 | @v | 1 | bigint | 1
GO
EXEC sp_datatype_info 4
-- expect: TYPE_NAME | DATA_TYPE | PRECISION | LITERAL_PREFIX | LITERAL_SUFFIX | CREATE_PARAMS | NULLABLE | CASE_SENSITIVE | SEARCHABLE | UNSIGNED_ATTRIBUTE | MONEY | AUTO_INCREMENT | LOCAL_TYPE_NAME | MINIMUM_SCALE | MAXIMUM_SCALE | SQL_DATA_TYPE | SQL_DATETIME_SUB | NUM_PREC_RADIX | INTERVAL_PRECISION | USERTYPE
-- int | 4 | 10 | NULL | NULL | NULL | 1 | 0 | 2 | 0 | 0 | 0 | int | 0 | 0 | 4 | NULL | 10 | NULL | 7
-- int identity | 4 | 10 | NULL | NULL | NULL | 0 | 0 | 2 | 0 | 0 | 1 | int identity | 0 | 0 | 4 | NULL | 10 | NULL | 7
GO
EXEC sp_datatype_info_100 @data_type = 93, @ODBCVer = 3
-- expect: TYPE_NAME | DATA_TYPE | PRECISION | LITERAL_PREFIX | LITERAL_SUFFIX | CREATE_PARAMS | NULLABLE | CASE_SENSITIVE | SEARCHABLE | UNSIGNED_ATTRIBUTE | MONEY | AUTO_INCREMENT | LOCAL_TYPE_NAME | MINIMUM_SCALE | MAXIMUM_SCALE | SQL_DATA_TYPE | SQL_DATETIME_SUB | NUM_PREC_RADIX | INTERVAL_PRECISION | USERTYPE
-- datetime2 | 93 | 27 | ' | ' | scale | 1 | 0 | 3 | NULL | 0 | NULL | datetime2 | 0 | 7 | 9 | 3 | NULL | NULL | 0
-- datetime | 93 | 23 | ' | ' | NULL | 1 | 0 | 3 | NULL | 0 | NULL | datetime | 3 | 3 | 9 | 3 | NULL | NULL | 12
-- smalldatetime | 93 | 16 | ' | ' | NULL | 1 | 0 | 3 | NULL | 0 | NULL | smalldatetime | 0 | 0 | 9 | 3 | NULL | NULL | 22
GO
EXEC sp_datatype_info @data_type = -9
-- expect: TYPE_NAME | DATA_TYPE | PRECISION | LITERAL_PREFIX | LITERAL_SUFFIX | CREATE_PARAMS | NULLABLE | CASE_SENSITIVE | SEARCHABLE | UNSIGNED_ATTRIBUTE | MONEY | AUTO_INCREMENT | LOCAL_TYPE_NAME | MINIMUM_SCALE | MAXIMUM_SCALE | SQL_DATA_TYPE | SQL_DATETIME_SUB | NUM_PREC_RADIX | INTERVAL_PRECISION | USERTYPE
-- nvarchar | -9 | 4000 | N' | ' | max length | 1 | 0 | 3 | NULL | 0 | NULL | nvarchar | NULL | NULL | -9 | NULL | NULL | NULL | 0
-- sysname | -9 | 128 | N' | ' | NULL | 0 | 0 | 3 | NULL | 0 | NULL | sysname | NULL | NULL | -9 | NULL | NULL | NULL | 18
-- datetimeoffset | -9 | 34 | ' | ' | NULL | 1 | 0 | 3 | NULL | 0 | NULL | datetimeoffset | NULL | NULL | -9 | NULL | NULL | NULL | 0
-- time | -9 | 16 | ' | ' | NULL | 1 | 0 | 3 | NULL | 0 | NULL | time | NULL | NULL | -9 | NULL | NULL | NULL | 0
-- date | -9 | 10 | ' | ' | NULL | 1 | 0 | 3 | NULL | 0 | NULL | date | NULL | NULL | -9 | NULL | NULL | NULL | 0
-- datetime2 | -9 | 27 | ' | ' | NULL | 1 | 0 | 3 | NULL | 0 | NULL | datetime2 | NULL | NULL | -9 | NULL | NULL | NULL | 0
GO
CREATE TABLE #ti (tn sysname, dt smallint, p int, lp varchar(32) NULL, ls varchar(32) NULL, cp varchar(32) NULL, nl smallint, cs smallint,
    se smallint, us smallint NULL, m smallint, ai smallint NULL, ltn sysname, mins smallint NULL, maxs smallint NULL, sdt smallint,
    sub smallint NULL, rx int NULL, ip smallint NULL, ut smallint NULL)
INSERT INTO #ti EXEC sp_datatype_info_100 0, 3
SELECT COUNT(*) AS n, MIN(dt) AS lo, MAX(dt) AS hi FROM #ti
-- expect: n | lo | hi
-- 37 | -155 | 93
GO
EXEC sp_server_info @attribute_id = 16
-- expect: ATTRIBUTE_ID | ATTRIBUTE_NAME | ATTRIBUTE_VALUE
-- 16 | IDENTIFIER_CASE | MIXED
GO
CREATE LOGIN CatalogApp WITH PASSWORD = 'Catalog#Passw0rd'
CREATE USER CatalogApp FOR LOGIN CatalogApp
GRANT SELECT ON dbo.Child TO CatalogApp WITH GRANT OPTION
GO
CREATE TABLE #tp (q sysname NULL, o sysname, n sysname, gr sysname NULL, ge sysname, p varchar(32), g varchar(3) NULL)
INSERT INTO #tp EXEC sp_table_privileges N'Child'
SELECT o, n, gr, ge, p, g FROM #tp
-- expect: o | n | gr | ge | p | g
-- dbo | Child | dbo | dbo | DELETE | YES
-- dbo | Child | dbo | dbo | INSERT | YES
-- dbo | Child | dbo | dbo | REFERENCES | YES
-- dbo | Child | dbo | CatalogApp | SELECT | YES
-- dbo | Child | dbo | dbo | SELECT | YES
-- dbo | Child | dbo | dbo | UPDATE | YES
GO
CREATE TABLE #cp (q sysname NULL, o sysname, n sysname, c sysname, gr sysname NULL, ge sysname, p varchar(32), g varchar(3) NULL)
INSERT INTO #cp EXEC sp_column_privileges N'Child', @column_name = N'Amount'
SELECT c, gr, ge, p, g FROM #cp
-- expect: c | gr | ge | p | g
-- Amount | dbo | dbo | INSERT | YES
-- Amount | dbo | dbo | REFERENCES | YES
-- Amount | dbo | CatalogApp | SELECT | YES
-- Amount | dbo | dbo | SELECT | YES
-- Amount | dbo | dbo | UPDATE | YES
GO
DROP USER CatalogApp
DROP LOGIN CatalogApp
GO
-- A rowversion column is type 189, timestamp, in the catalog views.
SELECT c.name, c.system_type_id, c.user_type_id, t.name AS type_name, c.max_length, c.is_nullable
FROM sys.columns AS c JOIN sys.types AS t ON t.user_type_id = c.user_type_id
WHERE c.object_id = OBJECT_ID(N'dbo.Child') AND c.name = N'Ver'
-- expect: name | system_type_id | user_type_id | type_name | max_length | is_nullable
-- Ver | 189 | 189 | timestamp | 8 | 0
GO
SELECT name, system_type_id, user_type_id, max_length, is_nullable FROM sys.types WHERE name IN (N'timestamp', N'binary') ORDER BY name
-- expect: name | system_type_id | user_type_id | max_length | is_nullable
-- binary | 173 | 173 | 8000 | 1
-- timestamp | 189 | 189 | 8 | 0
GO
SELECT DATA_TYPE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = N'Child' AND COLUMN_NAME = N'Ver'
-- expect: DATA_TYPE | IS_NULLABLE
-- timestamp | NO
GO
CREATE TABLE #col (q sysname NULL, o sysname, n sysname, c sysname, dt smallint, tn sysname, p int, l int, sc smallint NULL, rx smallint NULL,
    nl smallint, r varchar(254) NULL, def nvarchar(4000) NULL, sdt smallint, sub smallint NULL, ol int NULL, op int, isn varchar(254), ss tinyint NULL)
INSERT INTO #col EXEC sp_columns N'Child', @column_name = N'Ver'
SELECT c, dt, tn, p, l, nl, ss FROM #col
-- expect: c | dt | tn | p | l | nl | ss
-- Ver | -2 | timestamp | 8 | 8 | 0 | 45
GO
