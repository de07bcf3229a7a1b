-- "Example: Setting Up Database Mirroring Using Windows Authentication
-- (Transact-SQL)", step 1, on the principal (PARTNERHOST1); the port is
-- $(PrincipalPort) instead of 7022 (three instances on one host).
CREATE ENDPOINT Endpoint_Mirroring  
    STATE=STARTED   
    AS TCP (LISTENER_PORT=$(PrincipalPort))   
    FOR DATABASE_MIRRORING (ROLE=PARTNER)  
GO  
--Partners under same domain user; login already exists in master.  
--Create a login for the witness server instance,  
--which is running as Somedomain\witnessuser:  
USE master ;  
GO  
CREATE LOGIN [Somedomain\witnessuser] FROM WINDOWS ;  
GO  
-- Grant connect permissions on endpoint to login account of witness.  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [Somedomain\witnessuser];  
--Grant connect permissions on endpoint to login account of partners.  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [Mydomain\dbousername];  
GO  
