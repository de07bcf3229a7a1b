-- "Force Service in a Database Mirroring Session (Transact-SQL)", part 1:
-- a high-performance session (no witness, SAFETY OFF), where losing the
-- principal leaves the DBA to force service on the mirror. The test kills
-- the principal after this script.
:on error exit
:setvar Database AdventureWorks

:CONNECT $(PrincipalServer)
-- "Remove the Witness from a Database Mirroring Session"
ALTER DATABASE $(Database) SET WITNESS OFF;
GO
-- "Change Transaction Safety in a Database Mirroring Session"
ALTER DATABASE $(Database) SET PARTNER SAFETY OFF;
GO
INSERT $(Database).dbo.Orders (Customer, Amount) VALUES (N'Before the principal is lost', 2);
GO
IF NOT EXISTS (SELECT 1 FROM sys.database_mirroring WHERE database_id = DB_ID('$(Database)')
        AND mirroring_safety_level_desc = 'OFF' AND mirroring_witness_name IS NULL)
    RAISERROR('principal: not a high-performance session without a witness', 16, 1);
GO
