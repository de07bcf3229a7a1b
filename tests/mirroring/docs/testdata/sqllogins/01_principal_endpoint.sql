-- "Example: Set Up Database Mirroring Using Windows Authentication
-- (Transact-SQL)" with SQL Server logins where the page names Windows
-- accounts (the partners' Mydomain\dbousername is dbousername, the
-- witness's Somedomain\witnessuser is witnessuser): step 1 on the
-- principal.
CREATE ENDPOINT Endpoint_Mirroring  
    STATE=STARTED   
    AS TCP (LISTENER_PORT=$(PrincipalPort))   
    FOR DATABASE_MIRRORING (ROLE=PARTNER)  
GO  
--Partners under same login; login already exists in master.  
--Create a login for the witness server instance:  
USE master ;  
GO  
CREATE LOGIN witnessuser WITH PASSWORD = 'W1tness_Strong_Password!' ;  
GO  
-- Grant connect permissions on endpoint to login account of witness.  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [witnessuser];  
--Grant connect permissions on endpoint to login account of partners.  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [dbousername];  
GO  
