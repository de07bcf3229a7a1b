-- Step 2, on the mirror.
CREATE ENDPOINT Endpoint_Mirroring  
    STATE=STARTED   
    AS TCP (LISTENER_PORT=$(MirrorPort))   
    FOR DATABASE_MIRRORING (ROLE=ALL)  
GO  
USE master ;  
GO  
CREATE LOGIN witnessuser WITH PASSWORD = 'W1tness_Strong_Password!' ;  
GO  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [witnessuser];  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [dbousername];  
GO  
