-- On HOST_B once the session is SYNCHRONIZED: the mirror's row, the
-- database RESTORING, and USE refused with 954.
SELECT mirroring_role_desc, mirroring_safety_level_desc, mirroring_partner_instance
FROM sys.database_mirroring WHERE database_id = DB_ID(N'AdventureWorks');
GO
SELECT name, state_desc FROM sys.databases WHERE name = N'AdventureWorks';
GO
USE AdventureWorks;
GO
-- expect-output: (?m)^MIRROR\s+OFF\s+HOST_A\s*$
-- expect-output: (?m)^AdventureWorks\s+RESTORING\s*$
-- expect: Msg 954, Level 14, State 1
