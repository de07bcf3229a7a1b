-- On HOST_B: the mirror database, then Configuring the Mirroring Partners
-- step 1 (TCP://HOST_A.Mydomain.Corp.Adventure-Works.com:7024 there).
RESTORE DATABASE AdventureWorks   
    FROM DISK = '$(BackupDir)/AdventureWorks.bak'   
    WITH NORECOVERY  
GO  
RESTORE LOG AdventureWorks   
    FROM DISK = '$(BackupDir)/AdventureWorks.bak'   
    WITH FILE=2, NORECOVERY  
GO  
--At HOST_B, set server instance on HOST_A as partner (principal server):  
ALTER DATABASE AdventureWorks   
    SET PARTNER = 'TCP://127.0.0.1:$(HostAPort)';  
GO  
