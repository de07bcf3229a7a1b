-- "Example: Set Up Database Mirroring Using Certificates (Transact-SQL)",
-- Configuring Outbound Connections, on HOST_A, as the page writes it; the
-- port is $(HostAPort) instead of 7024 (two instances on one host) and the
-- certificate file is in $(CertDir) instead of C:\.
USE master;  
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '<1_Strong_Password!>';  
GO  
USE master;  
CREATE CERTIFICATE HOST_A_cert   
   WITH SUBJECT = 'HOST_A certificate';  
GO  
CREATE ENDPOINT Endpoint_Mirroring  
   STATE = STARTED  
   AS TCP (  
      LISTENER_PORT=$(HostAPort)  
      , LISTENER_IP = ALL  
   )   
   FOR DATABASE_MIRRORING (   
      AUTHENTICATION = CERTIFICATE HOST_A_cert  
      , ENCRYPTION = REQUIRED ALGORITHM AES  
      , ROLE = ALL  
   );  
GO  
BACKUP CERTIFICATE HOST_A_cert TO FILE = '$(CertDir)/HOST_A_cert.cer';  
GO  
-- The endpoint as sys.database_mirroring_endpoints shows it, and the
-- certificate: without EXPIRY_DATE it expires a year after it was made.
SELECT e.name, e.state_desc, e.role_desc, e.is_encryption_enabled, e.connection_auth_desc, e.encryption_algorithm_desc,
       c.name AS certificate
FROM sys.database_mirroring_endpoints AS e JOIN sys.certificates AS c ON c.certificate_id = e.certificate_id;
GO
SELECT name, subject, pvt_key_encryption_type_desc, DATEDIFF(day, GETDATE(), expiry_date) / 360 AS years
FROM sys.certificates WHERE name = 'HOST_A_cert';
GO
-- expect-output: (?m)^Endpoint_Mirroring\s+STARTED\s+ALL\s+1\s+CERTIFICATE\s+AES\s+HOST_A_cert\s*$
-- expect-output: (?m)^HOST_A_cert\s+HOST_A certificate\s+ENCRYPTED_BY_MASTER_KEY\s+1\s*$
