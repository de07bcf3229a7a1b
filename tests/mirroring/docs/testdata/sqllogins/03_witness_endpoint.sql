-- Step 3, on the witness; then "Specify a Server Network Address": the
-- endpoint's port as sys.tcp_endpoints gives it.
CREATE ENDPOINT Endpoint_Mirroring  
    STATE=STARTED   
    AS TCP (LISTENER_PORT=$(WitnessPort))   
    FOR DATABASE_MIRRORING (ROLE=WITNESS)  
GO  
USE master ;  
GO  
CREATE LOGIN dbousername WITH PASSWORD = 'Partner_Strong_Password1!' ;  
GO  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [dbousername];  
GO  
SELECT type_desc, port FROM sys.tcp_endpoints  
GO
SELECT EP.name, SP.STATE,
   CONVERT(nvarchar(38), suser_name(SP.grantor_principal_id)) AS GRANTOR,
   SP.TYPE AS PERMISSION,
   CONVERT(nvarchar(46),suser_name(SP.grantee_principal_id)) AS GRANTEE
   FROM sys.server_permissions SP , sys.endpoints EP
   WHERE SP.major_id = EP.endpoint_id
   ORDER BY Permission,grantor, grantee;
GO
-- expect-output: (?m)^DATABASE_MIRRORING\s+$(WitnessPort)\s*$
-- expect-output: (?m)^Endpoint_Mirroring\s+G\s+sa\s+CO\s+dbousername\s*$
