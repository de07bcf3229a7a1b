-- "Monitoring Database Mirroring": the catalog views and the sp_dbmmonitor
-- procedures on each instance, then "Manually Fail Over a Database
-- Mirroring Session (Transact-SQL)" and back. Each check raises an error
-- when the session is not as the docs say, so sqlcmd -b exits 1.
:on error exit
:setvar Database AdventureWorks

:CONNECT $(PrincipalServer)
-- The session becomes SYNCHRONIZED (the docs' idle database gets there at once).
:setvar Until "mirroring_state_desc = 'SYNCHRONIZED' AND mirroring_witness_state_desc = 'CONNECTED'"
:r $(ScriptDir)/wait_until.sql
IF NOT EXISTS (SELECT 1 FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)')
        AND mirroring_role_desc = 'PRINCIPAL' AND mirroring_state_desc = 'SYNCHRONIZED'
        AND mirroring_safety_level_desc = 'FULL' AND mirroring_witness_state_desc = 'CONNECTED')
    RAISERROR('principal: session not SYNCHRONIZED with its witness', 16, 1);
GO
SELECT mirroring_role_desc, mirroring_state_desc, mirroring_safety_level_desc, mirroring_witness_state_desc
FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)');
GO
-- Database Mirroring Monitor: the job, a status row, thresholds, an alert.
EXEC msdb.dbo.sp_dbmmonitoraddmonitoring;
GO
EXEC msdb.dbo.sp_dbmmonitorhelpmonitoring;
GO
EXEC msdb.dbo.sp_dbmmonitorchangemonitoring 1, 2;
GO
EXEC msdb.dbo.sp_dbmmonitorupdate $(Database);
GO
EXEC msdb.dbo.sp_dbmmonitorresults $(Database), 0, 0;
GO
EXEC msdb.dbo.sp_dbmmonitorchangealert $(Database), 1, 10, 1;
GO
EXEC msdb.dbo.sp_dbmmonitorhelpalert $(Database);
GO
EXEC msdb.dbo.sp_dbmmonitordropalert $(Database), 1;
GO

:CONNECT $(MirrorServer)
IF NOT EXISTS (SELECT 1 FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)')
        AND mirroring_role_desc = 'MIRROR' AND mirroring_partner_name = '$(PrincipalEndpoint)')
    RAISERROR('mirror: not the mirror of $(PrincipalEndpoint)', 16, 1);
GO
EXEC msdb.dbo.sp_dbmmonitorupdate $(Database);
GO

:CONNECT $(WitnessServer)
IF NOT EXISTS (SELECT 1 FROM sys.database_mirroring_witnesses WHERE database_name = '$(Database)'
        AND principal_server_name = '$(PrincipalName)' AND mirror_server_name = '$(MirrorName)'
        AND safety_level_desc = 'FULL')
    RAISERROR('witness: the session is not in sys.database_mirroring_witnesses', 16, 1);
GO

-- Manual failover, issued on the principal.
:CONNECT $(PrincipalServer)
USE master;
GO
ALTER DATABASE $(Database) SET PARTNER FAILOVER;
GO
IF NOT EXISTS (SELECT 1 FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)') AND mirroring_role_desc = 'MIRROR')
    RAISERROR('after FAILOVER the old principal is not the mirror', 16, 1);
GO

:CONNECT $(MirrorServer)
:setvar Until "DATABASEPROPERTYEX('$(Database)', 'Status') = 'ONLINE'"
:r $(ScriptDir)/wait_until.sql
GO
USE $(Database);
GO
INSERT dbo.Orders (Customer, Amount) VALUES (N'Written on the new principal', 1);
GO
USE master;
GO
-- And back, once the new mirror has caught up.
:setvar Until "mirroring_state_desc = 'SYNCHRONIZED'"
:r $(ScriptDir)/wait_until.sql
ALTER DATABASE $(Database) SET PARTNER FAILOVER;
GO

:CONNECT $(PrincipalServer)
-- The new principal brings the database online once it has the role.
:setvar Until "DATABASEPROPERTYEX('$(Database)', 'Status') = 'ONLINE'"
:r $(ScriptDir)/wait_until.sql
SELECT Customer FROM $(Database).dbo.Orders ORDER BY OrderID;
GO
