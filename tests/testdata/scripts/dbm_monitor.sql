-- The database mirroring monitor's procedures (reference §4.2–§4.4, §5.4):
-- their errors as a DBA's setup or monitoring script meets them, with SQL
-- Server's numbers and texts. No database here is mirrored; the status
-- rows themselves are checked with a mirrored session in
-- tests/mirroring (TestSetupAndViews/monitor_procs).
EXEC msdb.dbo.sp_dbmmonitoraddmonitoring 0;
-- error: 32032 Invalid value '0' for update period. Update period should be between 1 and 120 minutes.
GO
EXEC msdb.dbo.sp_dbmmonitoraddmonitoring 121;
-- error: 32032 Invalid value '121' for update period. Update period should be between 1 and 120 minutes.
GO
EXEC sp_dbmmonitorhelpmonitoring;
-- error: 32049 The database mirroring monitoring job does not exist. Run sp_dbmmonitoraddmonitoring to setup the job.
GO
EXEC sp_dbmmonitorchangemonitoring 1, 5;
-- error: 32049 The database mirroring monitoring job does not exist. Run sp_dbmmonitoraddmonitoring to setup the job.
GO
EXEC sp_dbmmonitoraddmonitoring;
EXEC sp_dbmmonitorhelpmonitoring;
-- expect: update_period
-- 1
GO
EXEC sp_dbmmonitoraddmonitoring 5;
-- error: 32033 The update job for the database mirroring monitor already exists. To change the update period, use sys.sp_dbmmonitorchangemonitoring
GO
EXEC sp_dbmmonitorchangemonitoring 2, 5;
-- error: 32036 Parameter(s) out of range.
GO
EXEC sp_dbmmonitorchangemonitoring 1, 200;
-- error: 32032 Invalid value '200' for update period. Update period should be between 1 and 120 minutes.
GO
EXEC sp_dbmmonitorchangemonitoring @parameter_id = 1, @value = 15;
EXEC sp_dbmmonitorhelpmonitoring;
-- expect: update_period
-- 15
GO
EXEC sp_dbmmonitordropmonitoring;
GO
-- sp_dbmmonitorupdate and sp_dbmmonitorresults work on msdb's status
-- table: only with msdb current (32045), as msdb..proc from anywhere.
EXEC sp_dbmmonitorupdate;
-- error: 32045 'sys.sp_dbmmonitorupdate' must be executed in msdb.
GO
EXEC sp_dbmmonitorresults N'master';
-- error: 32045 'sys.sp_dbmmonitorresults' must be executed in msdb.
GO
EXEC msdb..sp_dbmmonitorupdate N'nosuchdb';
-- error: 15010 The database 'nosuchdb' does not exist. Supply a valid database name. To see available databases, use sys.databases.
GO
EXEC msdb..sp_dbmmonitorupdate N'master';
-- error: 32039 The database 'master' is not being mirrored. No update of the base table was done.
GO
EXEC msdb..sp_dbmmonitorresults NULL;
-- error: 32052 Parameter '@database_name' cannot be null or empty. Specify a value for the named parameter and retry the operation.
GO
EXEC msdb..sp_dbmmonitorresults N'master', 0, 0;
-- expect: database_name | role | mirroring_state | witness_status | log_generation_rate | unsent_log | send_rate | unrestored_log | recovery_rate | transaction_delay | transactions_per_sec | average_delay | time_recorded | time_behind | local_time
GO
EXEC sp_dbmmonitorchangealert N'msdb', 1, 10, 1;
-- error: 32050 Alerts cannot be created on the system databases, master, msdb, model or tempdb.
GO
EXEC sp_dbmmonitorchangealert N'nosuchdb', 1, 10, 1;
-- error: 15010 The database 'nosuchdb' does not exist. Supply a valid database name. To see available databases, use sys.databases.
GO
DECLARE @db sysname = DB_NAME();
EXEC sp_dbmmonitorchangealert @db, 6, 10, 1;
-- error: 32036 Parameter(s) out of range.
GO
DECLARE @db sysname = DB_NAME();
EXEC sp_dbmmonitorchangealert @db, 2, 1000;
EXEC sp_dbmmonitorchangealert @database_name = @db, @alert_id = 5, @threshold = 48, @enabled = 1;
EXEC sp_dbmmonitorhelpalert @db;
EXEC sp_dbmmonitordropalert @db, 2;
EXEC sp_dbmmonitorhelpalert @db, 2;
EXEC sp_dbmmonitordropalert @db;
-- expect: alert_id | threshold | enabled
-- 1 | NULL | 0
-- 2 | 1000 | 1
-- 3 | NULL | 0
-- 4 | NULL | 0
-- 5 | 48 | 1
-- expect: alert_id | threshold | enabled
-- 2 | NULL | 0
GO
-- Only sysadmin runs the monitor procedures (21089); sp_dbmmonitorresults
-- also members of msdb's dbm_monitor role, anyone else gets 32046
-- (reference §4.1, §4.3). The logins are unique to this script, which
-- works from tempdb from here on so that the messages name fixed databases.
USE tempdb;
-- message: Changed database context to 'tempdb'.
GO
CREATE LOGIN dbmmon_plain WITH PASSWORD = N'Str0ng!Passw0rd', CHECK_POLICY = OFF
CREATE LOGIN dbmmon_reader WITH PASSWORD = N'Str0ng!Passw0rd', CHECK_POLICY = OFF
EXEC msdb..sp_dbmmonitorupdate;
EXEC (N'USE msdb; CREATE USER dbmmon_reader FOR LOGIN dbmmon_reader; EXEC sp_addrolemember N''dbm_monitor'', N''dbmmon_reader''');
-- message: Changed database context to 'msdb'.
-- message: Changed database context to 'tempdb'.
GO
EXECUTE AS LOGIN = N'dbmmon_plain'
EXEC msdb..sp_dbmmonitorresults N'master', 0, 0;
-- error: 32046 Only members of the sysadmin fixed server role or the 'dbm_monitor' role in msdb can perform this operation.
GO
EXEC msdb..sp_dbmmonitorupdate;
-- error: 21089 Only members of the sysadmin fixed server role can perform this operation.
GO
EXEC sp_dbmmonitorhelpmonitoring;
-- error: 21089 Only members of the sysadmin fixed server role can perform this operation.
GO
EXEC sp_dbmmonitorhelpalert N'master';
-- error: 21089 Only members of the sysadmin fixed server role can perform this operation.
GO
REVERT
EXECUTE AS LOGIN = N'dbmmon_reader'
EXEC msdb..sp_dbmmonitorresults N'master', 0, 0;
-- expect: database_name | role | mirroring_state | witness_status | log_generation_rate | unsent_log | send_rate | unrestored_log | recovery_rate | transaction_delay | transactions_per_sec | average_delay | time_recorded | time_behind | local_time
GO
EXEC msdb..sp_dbmmonitorupdate;
-- error: 21089 Only members of the sysadmin fixed server role can perform this operation.
GO
EXEC sp_dbmmonitoraddmonitoring 5;
-- error: 21089 Only members of the sysadmin fixed server role can perform this operation.
GO
REVERT
EXEC (N'USE msdb; DROP USER dbmmon_reader');
DROP LOGIN dbmmon_plain
DROP LOGIN dbmmon_reader
-- message: Changed database context to 'msdb'.
-- message: Changed database context to 'tempdb'.
GO
