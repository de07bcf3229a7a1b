-- Part 2, run with the principal down: on the mirror, which is
-- DISCONNECTED, FORCE_SERVICE_ALLOW_DATA_LOSS makes it the principal.
:on error exit
:setvar Database AdventureWorks

:CONNECT $(MirrorServer)
:setvar Until "mirroring_state_desc = 'DISCONNECTED'"
:r $(ScriptDir)/wait_until.sql
SELECT mirroring_role_desc, mirroring_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)');
GO
ALTER DATABASE $(Database) SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS;
GO
IF NOT EXISTS (SELECT 1 FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)') AND mirroring_role_desc = 'PRINCIPAL')
    RAISERROR('mirror: not the principal after FORCE_SERVICE_ALLOW_DATA_LOSS', 16, 1);
GO
INSERT $(Database).dbo.Orders (Customer, Amount) VALUES (N'Written after forced service', 3);
GO
