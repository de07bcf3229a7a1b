-- Step 3, on the witness (WITNESSHOST4).
CREATE ENDPOINT Endpoint_Mirroring  
    STATE=STARTED   
    AS TCP (LISTENER_PORT=$(WitnessPort))   
    FOR DATABASE_MIRRORING (ROLE=WITNESS)  
GO  
--Create a login for the partner server instances,  
--which are both running as Mydomain\dbousername:  
USE master ;  
GO  
CREATE LOGIN [Mydomain\dbousername] FROM WINDOWS ;  
GO  
--Grant connect permissions on endpoint to login account of partners.  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [Mydomain\dbousername];  
GO  
-- "Troubleshoot Database Mirroring Configuration", Endpoints: state, role
-- and who has CONNECT, on each instance.
SELECT state_desc FROM sys.database_mirroring_endpoints  
GO
SELECT role FROM sys.database_mirroring_endpoints;  
GO  
SELECT 'Metadata Check';  
SELECT EP.name, SP.STATE,   
   CONVERT(nvarchar(38), suser_name(SP.grantor_principal_id))   
      AS GRANTOR,   
   SP.TYPE AS PERMISSION,  
   CONVERT(nvarchar(46),suser_name(SP.grantee_principal_id))   
      AS GRANTEE   
   FROM sys.server_permissions SP , sys.endpoints EP  
   WHERE SP.major_id = EP.endpoint_id  
   ORDER BY Permission,grantor, grantee;   
GO  
-- expect-output: (?m)^STARTED\s*$
-- expect-output: (?m)^\s*2\s*$
-- expect-output: (?m)^Endpoint_Mirroring\s+G\s+sa\s+CO\s+Mydomain\\dbousername\s*$
