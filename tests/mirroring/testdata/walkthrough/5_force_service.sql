-- Part 2, run with the principal down: on the mirror, which is
-- DISCONNECTED, FORCE_SERVICE_ALLOW_DATA_LOSS makes it the principal.
:on error exit
:setvar Database AdventureWorks

:CONNECT $(MirrorServer)
DECLARE @i int = 0;
WHILE @i < 300 AND NOT EXISTS (SELECT 1 FROM sys.database_mirroring
        WHERE database_id = DB_ID('$(Database)') AND mirroring_state_desc = 'DISCONNECTED')
BEGIN
    WAITFOR DELAY '00:00:00.100';
    SET @i += 1;
END
SELECT mirroring_role_desc, mirroring_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)');
GO
ALTER DATABASE $(Database) SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS;
GO
IF NOT EXISTS (SELECT 1 FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)') AND mirroring_role_desc = 'PRINCIPAL')
    RAISERROR('mirror: not the principal after FORCE_SERVICE_ALLOW_DATA_LOSS', 16, 1);
GO
INSERT $(Database).dbo.Orders (Customer, Amount) VALUES (N'Written after forced service', 3);
GO
