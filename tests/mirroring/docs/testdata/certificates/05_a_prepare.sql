-- Creating the Mirror Database ("Prepare a Mirror Database for Mirroring"),
-- on HOST_A: full recovery, a full and a log backup.
USE master;  
GO  
ALTER DATABASE AdventureWorks   
SET RECOVERY FULL;  
GO  
BACKUP DATABASE AdventureWorks   
    TO DISK = '$(BackupDir)/AdventureWorks.bak'   
    WITH FORMAT  
GO  
BACKUP LOG AdventureWorks   
    TO DISK = '$(BackupDir)/AdventureWorks.bak'   
GO  
