-- Steps 2 and 3 on HOST_A: HOST_B is the partner, then high-performance
-- mode; the session as sys.database_mirroring shows it, and its
-- connection: certificate authentication, AES, HOST_B's certificate login.
--At HOST_A, set server instance on HOST_B as partner (mirror server).  
ALTER DATABASE AdventureWorks   
    SET PARTNER = 'TCP://127.0.0.1:$(HostBPort)';  
GO  
--Change to high-performance mode by turning off transacton safety.  
ALTER DATABASE AdventureWorks   
    SET PARTNER SAFETY OFF  
GO  
SELECT mirroring_role_desc, mirroring_safety_level_desc, mirroring_partner_name, mirroring_partner_instance, mirroring_witness_name
FROM sys.database_mirroring WHERE database_id = DB_ID(N'AdventureWorks');
GO
SELECT DISTINCT authentication_method, principal_name, encryption_algorithm_desc FROM sys.dm_db_mirroring_connections;
GO
-- FAILOVER needs SAFETY FULL (1477); witness-less high performance allows
-- only forced service, and only on the mirror (1455 here).
ALTER DATABASE AdventureWorks SET PARTNER FAILOVER;
GO
-- expect-output: (?m)^PRINCIPAL\s+OFF\s+TCP://127\.0\.0\.1:\d+\s+HOST_B\s+NULL\s*$
-- expect-output: (?m)^CERTIFICATE\s+HOST_B_login\s+AES\s*$
-- expect: Msg 1477, Level 16, State 1
