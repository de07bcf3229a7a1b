-- Catalog procedures that DBA scripts and ODBC drivers call, with the result
-- shapes SQL Server gives them (docs: sp_columns; ODBC 3.x type codes).
CREATE TABLE dbo.cols (
  id int IDENTITY(1, 1) NOT NULL PRIMARY KEY,
  name nvarchar(40) NULL,
  code char(3) NOT NULL DEFAULT ('abc'),
  amount decimal(12, 2) NULL,
  price money NOT NULL,
  flag bit NULL,
  created datetime NOT NULL,
  born date NULL,
  ratio float NULL,
  big bigint NULL,
  body varchar(max) NULL,
  guid uniqueidentifier NULL)
GO
-- The qualifier (the database, named differently in each run) is checked
-- apart; the rest is read through INSERT … EXEC, as scripts often do.
CREATE TABLE #c (TABLE_QUALIFIER sysname NULL, TABLE_OWNER sysname NULL, TABLE_NAME sysname NULL, COLUMN_NAME sysname NULL,
  DATA_TYPE smallint NULL, TYPE_NAME sysname NULL, [PRECISION] int NULL, LENGTH int NULL, SCALE smallint NULL, RADIX smallint NULL,
  NULLABLE smallint NULL, REMARKS varchar(254) NULL, COLUMN_DEF nvarchar(4000) NULL, SQL_DATA_TYPE smallint NULL,
  SQL_DATETIME_SUB smallint NULL, CHAR_OCTET_LENGTH int NULL, ORDINAL_POSITION int NULL, IS_NULLABLE varchar(254) NULL, SS_DATA_TYPE tinyint NULL)
GO
-- sp_columns: ODBC's SQLColumns, 19 columns read by position.
INSERT #c EXEC sp_columns @table_name = 'cols'
SELECT COUNT(*) AS n FROM #c WHERE TABLE_QUALIFIER = DB_NAME()
SELECT TABLE_OWNER, TABLE_NAME, COLUMN_NAME, DATA_TYPE, TYPE_NAME, [PRECISION], LENGTH, SCALE, RADIX, NULLABLE, REMARKS, COLUMN_DEF, SQL_DATA_TYPE, SQL_DATETIME_SUB, CHAR_OCTET_LENGTH, ORDINAL_POSITION, IS_NULLABLE, SS_DATA_TYPE FROM #c ORDER BY ORDINAL_POSITION
-- expect: n
-- 12
-- expect: TABLE_OWNER | TABLE_NAME | COLUMN_NAME | DATA_TYPE | TYPE_NAME | PRECISION | LENGTH | SCALE | RADIX | NULLABLE | REMARKS | COLUMN_DEF | SQL_DATA_TYPE | SQL_DATETIME_SUB | CHAR_OCTET_LENGTH | ORDINAL_POSITION | IS_NULLABLE | SS_DATA_TYPE
-- dbo | cols | id | 4 | int identity | 10 | 4 | 0 | 10 | 0 | NULL | NULL | 4 | NULL | NULL | 1 | NO | 56
-- dbo | cols | name | -9 | nvarchar | 40 | 80 | NULL | NULL | 1 | NULL | NULL | -9 | NULL | 80 | 2 | YES | 39
-- dbo | cols | code | 1 | char | 3 | 3 | NULL | NULL | 0 | NULL | ('abc') | 1 | NULL | 3 | 3 | NO | 47
-- dbo | cols | amount | 3 | decimal | 12 | 14 | 2 | 10 | 1 | NULL | NULL | 3 | NULL | NULL | 4 | YES | 106
-- dbo | cols | price | 3 | money | 19 | 21 | 4 | 10 | 0 | NULL | NULL | 3 | NULL | NULL | 5 | NO | 60
-- dbo | cols | flag | -7 | bit | 1 | 1 | NULL | NULL | 1 | NULL | NULL | -7 | NULL | NULL | 6 | YES | 104
-- dbo | cols | created | 11 | datetime | 23 | 16 | 3 | NULL | 0 | NULL | NULL | 9 | 3 | NULL | 7 | NO | 61
-- dbo | cols | born | -9 | date | 10 | 20 | NULL | NULL | 1 | NULL | NULL | -9 | NULL | 20 | 8 | YES | NULL
-- dbo | cols | ratio | 6 | float | 15 | 8 | NULL | 10 | 1 | NULL | NULL | 6 | NULL | NULL | 9 | YES | 109
-- dbo | cols | big | -5 | bigint | 19 | 8 | 0 | 10 | 1 | NULL | NULL | -5 | NULL | NULL | 10 | YES | 38
-- dbo | cols | body | 12 | varchar | 0 | 0 | NULL | NULL | 1 | NULL | NULL | 12 | NULL | 0 | 11 | YES | NULL
-- dbo | cols | guid | -11 | uniqueidentifier | 36 | 16 | NULL | NULL | 1 | NULL | NULL | -11 | NULL | NULL | 12 | YES | NULL
GO
-- @ODBCVer = 3 reports datetime as SQL_TYPE_TIMESTAMP (93); patterns in
-- @column_name and @table_name select columns.
TRUNCATE TABLE #c
INSERT #c EXEC sp_columns 'co%', 'dbo', NULL, 'cr%', 3
SELECT TABLE_OWNER, TABLE_NAME, COLUMN_NAME, DATA_TYPE, TYPE_NAME, [PRECISION], LENGTH, SCALE, RADIX, NULLABLE, REMARKS, COLUMN_DEF, SQL_DATA_TYPE, SQL_DATETIME_SUB, CHAR_OCTET_LENGTH, ORDINAL_POSITION, IS_NULLABLE, SS_DATA_TYPE FROM #c ORDER BY ORDINAL_POSITION
-- expect: TABLE_OWNER | TABLE_NAME | COLUMN_NAME | DATA_TYPE | TYPE_NAME | PRECISION | LENGTH | SCALE | RADIX | NULLABLE | REMARKS | COLUMN_DEF | SQL_DATA_TYPE | SQL_DATETIME_SUB | CHAR_OCTET_LENGTH | ORDINAL_POSITION | IS_NULLABLE | SS_DATA_TYPE
-- dbo | cols | created | 93 | datetime | 23 | 16 | 3 | NULL | 0 | NULL | NULL | 9 | 3 | NULL | 7 | NO | 61
GO
-- No match: an empty result, not an error.
TRUNCATE TABLE #c
INSERT #c EXEC sp_columns 'nope'
SELECT TABLE_OWNER, TABLE_NAME, COLUMN_NAME, DATA_TYPE, TYPE_NAME, [PRECISION], LENGTH, SCALE, RADIX, NULLABLE, REMARKS, COLUMN_DEF, SQL_DATA_TYPE, SQL_DATETIME_SUB, CHAR_OCTET_LENGTH, ORDINAL_POSITION, IS_NULLABLE, SS_DATA_TYPE FROM #c ORDER BY ORDINAL_POSITION
-- expect: TABLE_OWNER | TABLE_NAME | COLUMN_NAME | DATA_TYPE | TYPE_NAME | PRECISION | LENGTH | SCALE | RADIX | NULLABLE | REMARKS | COLUMN_DEF | SQL_DATA_TYPE | SQL_DATETIME_SUB | CHAR_OCTET_LENGTH | ORDINAL_POSITION | IS_NULLABLE | SS_DATA_TYPE
GO
EXEC sp_columns 'cols', NULL, 'otherdb'
-- error: 15250 The database name component of the object qualifier must be the name of the current database.
GO
-- Defaults as SQL Server stores their definition: the user's parentheses
-- dropped, numeric constants in parentheses, the whole in one more pair.
CREATE TABLE dbo.defs (a int DEFAULT 0, b int DEFAULT ((7)), c int DEFAULT -1, d varchar(3) DEFAULT 'x', e varchar(3) DEFAULT ('y'), f datetime DEFAULT (getdate()), g int NULL,
  h datetime DEFAULT GETDATE(), i int DEFAULT (2 + 3) * 4, j datetime DEFAULT DATEADD(day, 1, SYSDATETIME()))
SELECT COLUMN_NAME, COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'defs' ORDER BY ORDINAL_POSITION
-- expect: COLUMN_NAME | COLUMN_DEFAULT
-- a | ((0))
-- b | ((7))
-- c | ((-1))
-- d | ('x')
-- e | ('y')
-- f | (getdate())
-- g | NULL
-- h | (getdate())
-- i | (((2)+(3))*(4))
-- j | (dateadd(day,(1),sysdatetime()))
GO
-- The database's two files: rows (file 1) and log (file 2), sizes in pages.
SELECT file_id, type, type_desc, CASE name WHEN DB_NAME() THEN 'db' WHEN DB_NAME() + '_log' THEN 'db_log' END AS name,
  state_desc, CASE WHEN size > 0 THEN 1 ELSE 0 END AS has_size, max_size FROM sys.database_files ORDER BY file_id
SELECT COUNT(*) AS files, SUM(CASE WHEN physical_name <> '' THEN 1 ELSE 0 END) AS named FROM sys.master_files WHERE database_id = DB_ID()
-- expect: file_id | type | type_desc | name | state_desc | has_size | max_size
-- 1 | 0 | ROWS | db | ONLINE | 1 | -1
-- 2 | 1 | LOG | db_log | ONLINE | 1 | -1
-- expect: files | named
-- 2 | 2
GO
-- sp_spaceused: a table's rows (char(20)) and sizes as "N KB" text.
INSERT dbo.cols (name, code, amount, price, created) VALUES (N'a', 'x', 1, 2, '2024-01-01'), (N'b', 'y', 1, 2, '2024-01-01'), (NULL, 'z', NULL, 3, '2024-01-02')
CREATE TABLE #su (name sysname, rows char(20), reserved varchar(18), data varchar(18), index_size varchar(18), unused varchar(18))
INSERT #su EXEC sp_spaceused 'dbo.cols'
SELECT name, RTRIM(rows) AS rows, CASE WHEN reserved LIKE '% KB' AND data LIKE '% KB' AND index_size LIKE '% KB' AND unused LIKE '% KB' THEN 1 ELSE 0 END AS kb,
  CASE WHEN CAST(REPLACE(data, ' KB', '') AS int) > 0 THEN 1 ELSE 0 END AS has_data FROM #su
-- expect: name | rows | kb | has_data
-- cols | 3 | 1 | 1
GO
EXEC sp_spaceused 'dbo.nope'
-- error: 15009
GO
-- Nightly maintenance jobs run unchanged: index rebuilds and reorganizes,
-- statistics updates.
CREATE INDEX ix_cols_name ON dbo.cols (name)
ALTER INDEX ix_cols_name ON dbo.cols REBUILD WITH (ONLINE = ON, FILLFACTOR = 90)
ALTER INDEX ALL ON dbo.cols REBUILD PARTITION = ALL
ALTER INDEX ALL ON dbo.cols REORGANIZE WITH (LOB_COMPACTION = ON)
ALTER INDEX ix_cols_name ON dbo.cols SET (ALLOW_PAGE_LOCKS = ON)
UPDATE STATISTICS dbo.cols
UPDATE STATISTICS dbo.cols (ix_cols_name) WITH FULLSCAN
GO
ALTER INDEX nope ON dbo.cols REBUILD
-- error: 1088 Cannot find the object "cols.nope" because it does not exist or you do not have permissions.
GO
UPDATE STATISTICS dbo.nope
-- error: 1088 Cannot find the object "nope" because it does not exist or you do not have permissions.
GO
-- OBJECTPROPERTY, as older deployment scripts test objects.
CREATE PROCEDURE dbo.objprop_p AS SELECT 1 AS one
GO
SELECT OBJECTPROPERTY(OBJECT_ID('dbo.cols'), 'IsUserTable') AS t, OBJECTPROPERTY(OBJECT_ID('dbo.cols'), 'IsProcedure') AS not_p,
  OBJECTPROPERTY(OBJECT_ID('dbo.objprop_p'), 'IsProcedure') AS p, OBJECTPROPERTY(OBJECT_ID('dbo.cols'), 'TableHasPrimaryKey') AS pk,
  OBJECTPROPERTY(OBJECT_ID('dbo.cols'), 'TableHasIdentity') AS ident, OBJECTPROPERTY(OBJECT_ID('dbo.defs'), 'TableHasPrimaryKey') AS no_pk,
  OBJECTPROPERTY(OBJECT_ID('dbo.nope'), 'IsUserTable') AS no_object, OBJECTPROPERTY(OBJECT_ID('dbo.cols'), 'NoSuchProperty') AS no_property
-- expect: t | not_p | p | pk | ident | no_pk | no_object | no_property
-- 1 | 0 | 1 | 1 | 1 | 0 | NULL | NULL
GO
-- sp_configure, RECONFIGURE and sys.configurations, as setup scripts use them.
EXEC sp_configure 'show advanced options', 1
RECONFIGURE
EXEC sp_configure 'max server memory (MB)', 4096
EXEC sp_configure 'backup compression', 1
RECONFIGURE WITH OVERRIDE
SELECT name, CAST(value AS int) AS value, CAST(value_in_use AS int) AS value_in_use FROM sys.configurations WHERE name IN ('max server memory (MB)', 'backup compression default', 'show advanced options') ORDER BY name
-- message: Configuration option 'show advanced options' changed from 0 to 1. Run the RECONFIGURE statement to install.
-- message: Configuration option 'max server memory (MB)' changed from 2147483647 to 4096. Run the RECONFIGURE statement to install.
-- message: Configuration option 'backup compression default' changed from 0 to 1. Run the RECONFIGURE statement to install.
-- expect: name | value | value_in_use
-- backup compression default | 1 | 1
-- max server memory (MB) | 4096 | 4096
-- show advanced options | 1 | 1
GO
EXEC sp_configure 'max server memory (MB)', 5
-- error: 15129 '5' is not a valid value for configuration option 'max server memory (MB)'.
GO
EXEC sp_configure 'no such option'
-- error: 15123 The configuration option 'no such option' does not exist, or it may be an advanced option.
GO
-- Put back what this script changed (the options are server-wide).
EXEC sp_configure 'max server memory (MB)', 2147483647
EXEC sp_configure 'backup compression default', 0
EXEC sp_configure 'show advanced options', 0
RECONFIGURE
-- message: Configuration option 'max server memory (MB)' changed from 4096 to 2147483647. Run the RECONFIGURE statement to install.
-- message: Configuration option 'backup compression default' changed from 1 to 0. Run the RECONFIGURE statement to install.
-- message: Configuration option 'show advanced options' changed from 1 to 0. Run the RECONFIGURE statement to install.
GO
-- sys.dm_os_sys_info: uptime, CPUs and memory as monitoring scripts read them.
SELECT CASE WHEN cpu_count > 0 THEN 1 ELSE 0 END AS cpus, CASE WHEN physical_memory_kb > 0 THEN 1 ELSE 0 END AS memory,
  CASE WHEN sqlserver_start_time <= GETDATE() AND DATEDIFF(day, sqlserver_start_time, GETDATE()) < 2 THEN 1 ELSE 0 END AS started,
  CASE WHEN ms_ticks >= sqlserver_start_time_ms_ticks THEN 1 ELSE 0 END AS ticks
FROM sys.dm_os_sys_info
-- expect: cpus | memory | started | ticks
-- 1 | 1 | 1 | 1
GO
-- sys.dm_os_performance_counters: the database's log counters, names padded
-- to nchar(128) (compared without the trailing spaces), "/sec" counters
-- cumulative (272696576), sizes current values (65792).
CREATE TABLE dbo.pc (id int PRIMARY KEY)
INSERT dbo.pc VALUES (1)
SELECT RTRIM(counter_name) AS counter_name, cntr_type, CASE WHEN cntr_value > 0 THEN 1 ELSE 0 END AS positive, DATALENGTH(object_name) AS object_bytes
FROM sys.dm_os_performance_counters
WHERE object_name = 'SQLServer:Databases' AND instance_name = DB_NAME() AND counter_name IN ('Log Flushes/sec', 'Log Bytes Flushed/sec', 'Log File(s) Size (KB)')
ORDER BY counter_name
-- expect: counter_name | cntr_type | positive | object_bytes
-- Log Bytes Flushed/sec | 272696576 | 1 | 256
-- Log File(s) Size (KB) | 65792 | 1 | 256
-- Log Flushes/sec | 272696576 | 1 | 256
GO
-- "Transactions/sec" (the input of sp_dbmmonitorupdate's transactions_per_sec)
-- grows with each committed write transaction, per database and in _Total.
DECLARE @before bigint = (SELECT cntr_value FROM sys.dm_os_performance_counters
  WHERE object_name = 'SQLServer:Databases' AND counter_name = 'Transactions/sec' AND instance_name = DB_NAME())
INSERT dbo.pc VALUES (2)
INSERT dbo.pc VALUES (3)
SELECT CASE WHEN instance_name = DB_NAME() THEN 'this database' ELSE RTRIM(instance_name) END AS instance, cntr_type, CASE WHEN instance_name = DB_NAME() THEN cntr_value - @before ELSE CASE WHEN cntr_value >= @before + 2 THEN 2 ELSE 0 END END AS grew
FROM sys.dm_os_performance_counters
WHERE object_name = 'SQLServer:Databases' AND counter_name = 'Transactions/sec' AND instance_name IN (DB_NAME(), '_Total')
ORDER BY CASE WHEN instance_name = '_Total' THEN 1 ELSE 0 END
-- expect: instance | cntr_type | grew
-- this database | 272696576 | 2
-- _Total | 272696576 | 2
GO
-- SQLServer:Locks (lock waits and deadlock victims, cumulative, in _Total)
-- and SQLServer:General Statistics "User Connections" (this session at
-- least, in the object's one unnamed instance).
SELECT RTRIM(object_name) AS object_name, RTRIM(counter_name) AS counter_name, ISNULL(NULLIF(RTRIM(instance_name), ''), '-') AS instance_name, cntr_type,
  CASE WHEN cntr_value >= CASE WHEN counter_name = 'User Connections' THEN 1 ELSE 0 END THEN 1 ELSE 0 END AS ok
FROM sys.dm_os_performance_counters
WHERE object_name IN ('SQLServer:Locks', 'SQLServer:General Statistics')
ORDER BY object_name, counter_name
-- expect: object_name | counter_name | instance_name | cntr_type | ok
-- SQLServer:General Statistics | User Connections | - | 65792 | 1
-- SQLServer:Locks | Lock Wait Time (ms) | _Total | 272696576 | 1
-- SQLServer:Locks | Lock Waits/sec | _Total | 272696576 | 1
-- SQLServer:Locks | Number of Deadlocks/sec | _Total | 272696576 | 1
GO
-- ALTER DATABASE … SET options are recorded and shown by sys.databases;
-- new databases take model's.
ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON
ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON
ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 150
ALTER DATABASE CURRENT SET PAGE_VERIFY TORN_PAGE_DETECTION
SELECT is_read_committed_snapshot_on AS rcsi, snapshot_isolation_state AS si, snapshot_isolation_state_desc AS si_desc, compatibility_level AS level,
  page_verify_option_desc AS verify, is_auto_close_on AS auto_close FROM sys.databases WHERE name = DB_NAME()
-- expect: rcsi | si | si_desc | level | verify | auto_close
-- 1 | 1 | ON | 150 | TORN_PAGE_DETECTION | 0
GO
ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 95
-- error: 15048 Valid values of the database compatibility level are 100, 110, 120, 130, 140, 150, or 160.
GO
