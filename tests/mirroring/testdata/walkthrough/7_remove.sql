-- The rest of the docs' life cycle, with the session's principal now
-- PARTNERHOST1 (after the automatic failover) and PARTNERHOST5 back as its
-- mirror: "Pause or Resume a Database Mirroring Session", TIMEOUT, the
-- connections DMV, "Remove Database Mirroring (SQL Server)" and bringing
-- the former mirror online with RESTORE ... WITH RECOVERY, then the
-- monitor and the endpoints dropped.
:on error exit
:setvar Database AdventureWorks

:CONNECT $(PrincipalServer)
:setvar Until "mirroring_state_desc = 'SYNCHRONIZED'"
:r $(ScriptDir)/wait_until.sql
GO
ALTER DATABASE $(Database) SET PARTNER TIMEOUT 20;
GO
ALTER DATABASE $(Database) SET PARTNER SUSPEND;
GO
IF NOT EXISTS (SELECT 1 FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)')
        AND mirroring_state_desc = 'SUSPENDED' AND mirroring_connection_timeout = 20)
    RAISERROR('principal: not SUSPENDED with TIMEOUT 20', 16, 1);
GO
ALTER DATABASE $(Database) SET PARTNER RESUME;
GO
SELECT COUNT(*) AS connections FROM sys.dm_db_mirroring_connections;
GO
ALTER DATABASE $(Database) SET WITNESS OFF;
GO
ALTER DATABASE $(Database) SET PARTNER OFF;
GO
IF EXISTS (SELECT 1 FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)') AND mirroring_guid IS NOT NULL)
    RAISERROR('principal: still mirrored after SET PARTNER OFF', 16, 1);
GO
EXEC msdb.dbo.sp_dbmmonitordropmonitoring;
GO

:CONNECT $(MirrorServer)
-- The former mirror stays RESTORING until it is recovered.
:setvar Until "mirroring_guid IS NULL"
:r $(ScriptDir)/wait_until.sql
RESTORE DATABASE $(Database) WITH RECOVERY;
GO
SELECT COUNT(*) AS orders FROM $(Database).dbo.Orders;
GO
DROP ENDPOINT Endpoint_Mirroring;
GO

:CONNECT $(WitnessServer)
IF EXISTS (SELECT 1 FROM sys.database_mirroring_witnesses WHERE database_name = '$(Database)')
    RAISERROR('witness: still lists the session', 16, 1);
GO
ALTER ENDPOINT Endpoint_Mirroring STATE = STOPPED;
GO
DROP ENDPOINT Endpoint_Mirroring;
GO
