-- Configuring Inbound Connections, on HOST_B for HOST_A.
USE master;  
CREATE LOGIN HOST_A_login WITH PASSWORD = '=Sample#2_Strong_Password2';  
GO  
CREATE USER HOST_A_user FOR LOGIN HOST_A_login;  
GO  
CREATE CERTIFICATE HOST_A_cert  
   AUTHORIZATION HOST_A_user  
   FROM FILE = '$(CertDir)/HOST_A_cert.cer'  
GO  
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login];  
GO  
