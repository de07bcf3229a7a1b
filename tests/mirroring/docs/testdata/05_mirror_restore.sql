-- The same page on the mirror: restore the full backup WITH NORECOVERY
-- ("if the paths are identical"), then the page's step 6, which restores
-- the log WITH FILE=1: backup set 1 is the full backup, so SQL Server
-- refuses it (3135, 3013); the log is set 2 (step 7's FILE=2).
RESTORE DATABASE AdventureWorks   
    FROM DISK = '$(BackupDir)/AdventureWorks.bak'   
    WITH NORECOVERY  
GO  
RESTORE LOG AdventureWorks   
    FROM DISK = '$(BackupDir)/AdventureWorks.bak'   
    WITH FILE=1, NORECOVERY  
GO  
RESTORE LOG AdventureWorks   
    FROM DISK = '$(BackupDir)/AdventureWorks.bak'   
    WITH FILE=2, NORECOVERY  
GO  
-- expect: Msg 3135, Level 16, State 2
-- expect: Msg 3013, Level 16, State 1
-- expect-output: was created by BACKUP DATABASE and cannot be used for this restore operation\.
-- Windows-authentication example step 5, on the mirror: the principal is
-- its partner.
ALTER DATABASE AdventureWorks   
    SET PARTNER =   
    'TCP://$(PrincipalHost):$(PrincipalPort)'  
GO  
