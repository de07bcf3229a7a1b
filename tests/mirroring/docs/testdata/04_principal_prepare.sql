-- "Prepare a Mirror Database for Mirroring (SQL Server)", the Transact-SQL
-- example, on the principal: full recovery, a full backup WITH FORMAT and
-- a log backup to the same file (C:\AdventureWorks.bak there).
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
