-- On the mirror: the mirror database, then step 5 with the principal's
-- address as "Specify a Server Network Address" example A writes one — a
-- system name, in lower case (tcp://SYSTEM46:7022 there).
RESTORE DATABASE AdventureWorks   
    FROM DISK = '$(BackupDir)/AdventureWorks.bak'   
    WITH NORECOVERY  
GO  
RESTORE LOG AdventureWorks   
    FROM DISK = '$(BackupDir)/AdventureWorks.bak'   
    WITH FILE=2, NORECOVERY  
GO  
ALTER DATABASE AdventureWorks SET PARTNER ='tcp://localhost:$(PrincipalPort)';  
GO
