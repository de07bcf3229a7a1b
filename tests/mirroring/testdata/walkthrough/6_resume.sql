-- Part 3, with the old principal back: it is the mirror now and the
-- session is SUSPENDED; the DBA resumes it ("Pause or Resume a Database
-- Mirroring Session"), returns to high safety and adds the witness again,
-- for automatic failover.
:on error exit
:setvar Database AdventureWorks

:CONNECT $(MirrorServer)
:setvar Until "mirroring_state_desc = 'SUSPENDED'"
:r $(ScriptDir)/wait_until.sql
SELECT mirroring_role_desc, mirroring_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)');
GO
ALTER DATABASE $(Database) SET PARTNER RESUME;
GO
ALTER DATABASE $(Database) SET PARTNER SAFETY FULL;
GO
ALTER DATABASE $(Database) SET WITNESS = '$(WitnessEndpoint)';
GO
:setvar Until "mirroring_state_desc = 'SYNCHRONIZED' AND mirroring_witness_state_desc = 'CONNECTED'"
:r $(ScriptDir)/wait_until.sql
IF NOT EXISTS (SELECT 1 FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)')
        AND mirroring_role_desc = 'PRINCIPAL' AND mirroring_state_desc = 'SYNCHRONIZED'
        AND mirroring_safety_level_desc = 'FULL' AND mirroring_witness_state_desc = 'CONNECTED')
    RAISERROR('new principal: session not SYNCHRONIZED with its witness after RESUME', 16, 1);
GO
