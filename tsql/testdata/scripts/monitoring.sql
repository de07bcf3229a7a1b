EXEC sp_dbmmonitoraddmonitoring 1;
EXEC msdb..sp_dbmmonitorresults @database_name = N'AdventureWorks', @mode = 0, @update_table = 1;
EXEC msdb.dbo.sp_dbmmonitorupdate @database_name = N'AdventureWorks';
EXEC sp_dbmmonitorhelpmonitoring;
EXEC sp_dbmmonitorchangealert AdventureWorks, 1, 2, 1;
EXEC sp_dbmmonitorhelpalert @database_name = N'AdventureWorks', @alert_id = 1;
EXEC sp_dbmmonitordropalert N'AdventureWorks';
GO
SELECT name, role_desc, state_desc, is_encryption_enabled, connection_auth_desc, encryption_algorithm_desc
FROM sys.database_mirroring_endpoints;
SELECT type_desc, port FROM sys.tcp_endpoints WHERE type_desc = 'DATABASE_MIRRORING';
SELECT principal_name, witness_name, safety_level_desc, partner_sync_state_desc
FROM sys.database_mirroring_witnesses;
SELECT EP.name, SP.state, CONVERT(nvarchar(38), SUSER_NAME(SP.grantor_principal_id)) AS grantor,
       SP.type AS permission, CONVERT(nvarchar(46), SUSER_NAME(SP.grantee_principal_id)) AS grantee
FROM sys.server_permissions AS SP
INNER JOIN sys.endpoints AS EP ON SP.major_id = EP.endpoint_id
ORDER BY permission, grantor, grantee;
GO
DBCC SQLPERF(LOGSPACE);
SELECT name, recovery_model_desc, log_reuse_wait_desc, state_desc, user_access_desc FROM sys.databases;
GO
