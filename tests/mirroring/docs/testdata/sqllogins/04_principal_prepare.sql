-- Step 4 ("Prepare a Mirror Database"), on the principal.
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
