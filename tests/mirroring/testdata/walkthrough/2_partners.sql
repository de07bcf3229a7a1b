-- Steps 4 to 7 of the Windows-authentication example, and "Setting Up
-- Database Mirroring (SQL Server)": prepare the mirror database by backup
-- and RESTORE ... WITH NORECOVERY, then SET PARTNER on the mirror, SET
-- PARTNER and SET WITNESS on the principal.
:on error exit
:setvar Database AdventureWorks

-- The database the DBA mirrors (AdventureWorks in the docs).
:CONNECT $(PrincipalServer)
CREATE DATABASE $(Database);
GO
USE $(Database);
GO
CREATE TABLE dbo.Orders (OrderID int IDENTITY PRIMARY KEY, Customer nvarchar(40) NOT NULL, Amount money NOT NULL);
INSERT dbo.Orders (Customer, Amount) VALUES (N'Contoso', 10.50), (N'Fabrikam', 99.00);
GO
USE master;
GO
ALTER DATABASE $(Database) SET RECOVERY FULL;
GO
BACKUP DATABASE $(Database)
    TO DISK = '$(BackupDir)/$(Database).bak'
    WITH FORMAT;
GO
BACKUP LOG $(Database)
    TO DISK = '$(BackupDir)/$(Database)Log.bak';
GO

-- Step 4 on the mirror: restore both backups WITH NORECOVERY.
:CONNECT $(MirrorServer)
RESTORE DATABASE $(Database)
    FROM DISK = '$(BackupDir)/$(Database).bak'
    WITH NORECOVERY;
GO
RESTORE LOG $(Database)
    FROM DISK = '$(BackupDir)/$(Database)Log.bak'
    WITH FILE=1, NORECOVERY;
GO
SELECT name, state_desc FROM sys.databases WHERE name = '$(Database)';
GO

-- Step 5, on the mirror: its partner is the principal.
ALTER DATABASE $(Database)
    SET PARTNER = '$(PrincipalEndpoint)';
GO

-- Step 6, on the principal: the session starts (SAFETY FULL).
:CONNECT $(PrincipalServer)
ALTER DATABASE $(Database)
    SET PARTNER = '$(MirrorEndpoint)';
GO
-- Step 7: the witness.
ALTER DATABASE $(Database)
    SET WITNESS = '$(WitnessEndpoint)';
GO
