-- On the new principal (PARTNERHOST5): "Pause or Resume a Database
-- Mirroring Session", "Change Transaction Safety in a Database Mirroring
-- Session", the partner TIMEOUT of the ALTER DATABASE page (0-4 become 5,
-- above 32767 is 1476), FAILOVER refused without SAFETY FULL (1477),
-- "Remove the Witness" and "Remove Database Mirroring".
ALTER DATABASE AdventureWorks SET PARTNER SUSPEND;  
GO
SELECT mirroring_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID(N'AdventureWorks');
GO
ALTER DATABASE AdventureWorks SET PARTNER RESUME;  
GO
ALTER DATABASE AdventureWorks SET PARTNER SAFETY OFF;
GO
ALTER DATABASE AdventureWorks SET PARTNER FAILOVER;
GO
ALTER DATABASE AdventureWorks SET PARTNER SAFETY FULL;
GO
ALTER DATABASE AdventureWorks SET PARTNER TIMEOUT 3;
GO
ALTER DATABASE AdventureWorks SET PARTNER TIMEOUT 40000;
GO
SELECT mirroring_safety_level_desc, mirroring_connection_timeout FROM sys.database_mirroring WHERE database_id = DB_ID(N'AdventureWorks');
GO
ALTER DATABASE AdventureWorks SET WITNESS OFF ;
GO
SELECT mirroring_witness_name, mirroring_witness_state_desc FROM sys.database_mirroring WHERE database_id = DB_ID(N'AdventureWorks');
GO
ALTER DATABASE AdventureWorks SET PARTNER OFF;
GO
SELECT mirroring_guid FROM sys.database_mirroring WHERE database_id = DB_ID(N'AdventureWorks');
GO
-- expect-output: (?m)^SUSPENDED\s*$
-- expect: Msg 1477, Level 16, State 1
-- expect-output: The database mirroring safety level must be FULL to manually failover database "AdventureWorks"\. Set safety level to FULL and retry\.
-- expect: Msg 1476, Level 16, State 1
-- expect-output: Database mirroring timeout value 40000 exceeds the maximum value 32767\.
-- expect-output: (?m)^FULL\s+5\s*$
-- expect-output: (?m)^NULL\s+NULL\s*$
-- expect-output: (?m)^NULL\s*$
