-- Configuring Inbound Connections, on HOST_A for HOST_B.
USE master;  
CREATE LOGIN HOST_B_login WITH PASSWORD = '1Sample_Strong_Password!@#';  
GO  
CREATE USER HOST_B_user FOR LOGIN HOST_B_login;  
GO  
CREATE CERTIFICATE HOST_B_cert  
   AUTHORIZATION HOST_B_user  
   FROM FILE = '$(CertDir)/HOST_B_cert.cer'  
GO  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_B_login];  
GO  
-- Who may connect: the troubleshooting page's permission query.
SELECT EP.name, SP.STATE,
   CONVERT(nvarchar(38), suser_name(SP.grantor_principal_id)) AS GRANTOR,
   SP.TYPE AS PERMISSION,
   CONVERT(nvarchar(46),suser_name(SP.grantee_principal_id)) AS GRANTEE
   FROM sys.server_permissions SP , sys.endpoints EP
   WHERE SP.major_id = EP.endpoint_id
   ORDER BY Permission,grantor, grantee;
GO
-- The certificate belongs to the user: sys.certificates in master.
SELECT c.name, USER_NAME(c.principal_id) AS owner, c.pvt_key_encryption_type_desc FROM sys.certificates AS c WHERE c.name = 'HOST_B_cert';
GO
-- expect-output: (?m)^Endpoint_Mirroring\s+G\s+sa\s+CO\s+HOST_B_login\s*$
-- expect-output: (?m)^HOST_B_cert\s+HOST_B_user\s+NO_PRIVATE_KEY\s*$
