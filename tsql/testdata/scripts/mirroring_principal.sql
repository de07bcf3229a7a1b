-- Principal (HOST_A) setup for database mirroring with certificates,
-- following the mirroring reference §7.2 and §2.6.
USE master;
GO
IF NOT EXISTS (SELECT * FROM sys.symmetric_keys WHERE name = '##MS_DatabaseMasterKey##')
    CREATE MASTER KEY ENCRYPTION BY PASSWORD = '<1_Strong_Password!>';
GO
CREATE CERTIFICATE HOST_A_cert
   WITH SUBJECT = 'HOST_A certificate for database mirroring',
   EXPIRY_DATE = '11/30/2030';
GO
CREATE ENDPOINT Endpoint_Mirroring
   STATE = STARTED
   AS TCP (LISTENER_PORT = 7024, LISTENER_IP = ALL)
   FOR DATABASE_MIRRORING
   (
      AUTHENTICATION = CERTIFICATE HOST_A_cert,
      ENCRYPTION = REQUIRED ALGORITHM AES,
      ROLE = ALL
   );
GO
BACKUP CERTIFICATE HOST_A_cert TO FILE = 'C:\HOST_A_cert.cer';
GO
CREATE LOGIN HOST_B_login WITH PASSWORD = '1Sample_Strong_Password!@#';
GO
CREATE USER HOST_B_user FOR LOGIN HOST_B_login;
GO
CREATE CERTIFICATE HOST_B_cert
   AUTHORIZATION HOST_B_user
   FROM FILE = 'C:\HOST_B_cert.cer'
GO
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_B_login];
GO
ALTER DATABASE AdventureWorks SET RECOVERY FULL;
GO
BACKUP DATABASE AdventureWorks TO DISK = 'C:\AdventureWorks.bak' WITH FORMAT, INIT, CHECKSUM, STATS = 10;
BACKUP LOG AdventureWorks TO DISK = 'C:\AdventureWorks_log.bak' WITH INIT;
GO
/* After the mirror has run SET PARTNER (see mirroring_mirror.sql): */
ALTER DATABASE AdventureWorks
    SET PARTNER = 'TCP://HOST_B.Mydomain.Corp.Adventure-Works.com:7024';
GO
ALTER DATABASE AdventureWorks SET PARTNER SAFETY OFF;
GO
SELECT d.name, m.mirroring_state_desc, m.mirroring_role_desc,
       m.mirroring_safety_level_desc, m.mirroring_partner_name,
       m.mirroring_partner_instance, m.mirroring_witness_name,
       m.mirroring_witness_state_desc, m.mirroring_connection_timeout
FROM sys.databases AS d
JOIN sys.database_mirroring AS m ON m.database_id = d.database_id
WHERE m.mirroring_guid IS NOT NULL
ORDER BY d.name;
GO
