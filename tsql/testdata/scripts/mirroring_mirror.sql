-- Mirror (HOST_B) setup, then failover drills.
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '<1_Strong_Password!>';
CREATE CERTIFICATE HOST_B_cert WITH SUBJECT = 'HOST_B certificate';
CREATE ENDPOINT Endpoint_Mirroring
   STATE = STARTED
   AS TCP (LISTENER_PORT = 7024, LISTENER_IP = ALL)
   FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE HOST_B_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
BACKUP CERTIFICATE HOST_B_cert TO FILE = 'C:\HOST_B_cert.cer';
CREATE LOGIN HOST_A_login WITH PASSWORD = '=Sample#2_Strong_Password2', CHECK_POLICY = OFF;
CREATE USER HOST_A_user FOR LOGIN HOST_A_login;
CREATE CERTIFICATE HOST_A_cert AUTHORIZATION HOST_A_user FROM FILE = 'C:\HOST_A_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login];
GO
RESTORE DATABASE AdventureWorks
    FROM DISK = 'C:\AdventureWorks.bak'
    WITH NORECOVERY,
         MOVE 'AdventureWorks_Data' TO 'C:\Mirror\AdventureWorks_Data.mdf',
         MOVE 'AdventureWorks_Log' TO 'C:\Mirror\AdventureWorks_Log.ldf';
RESTORE LOG AdventureWorks FROM DISK = 'C:\AdventureWorks_log.bak' WITH FILE = 1, NORECOVERY;
GO
ALTER DATABASE AdventureWorks
    SET PARTNER = 'TCP://HOST_A.Mydomain.Corp.Adventure-Works.com:7024';
GO
-- Witness and failover drills (run on the principal)
ALTER DATABASE AdventureWorks SET WITNESS = 'TCP://WITNESSHOST4.COM:7022';
ALTER DATABASE AdventureWorks SET PARTNER TIMEOUT 20;
ALTER DATABASE AdventureWorks SET PARTNER FAILOVER;
GO
ALTER DATABASE AdventureWorks SET PARTNER SUSPEND;
ALTER DATABASE AdventureWorks SET PARTNER RESUME;
GO
-- Forced service on the mirror when the principal is lost
ALTER DATABASE AdventureWorks SET PARTNER FORCE_SERVICE_ALLOW_DATA_LOSS;
GO
ALTER DATABASE AdventureWorks SET WITNESS OFF;
ALTER DATABASE AdventureWorks SET PARTNER OFF;
RESTORE DATABASE AdventureWorks WITH RECOVERY;
GO
CREATE DATABASE AdventureWorks_snap ON (NAME = AdventureWorks_Data, FILENAME = 'C:\Snap\aw.ss') AS SNAPSHOT OF AdventureWorks;
GO
