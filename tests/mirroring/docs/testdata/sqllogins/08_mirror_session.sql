-- On the mirror: its partner by the system name it was given.
SELECT mirroring_role_desc, mirroring_partner_name, mirroring_partner_instance, mirroring_witness_state_desc
FROM sys.database_mirroring WHERE database_id = DB_ID(N'AdventureWorks');
GO
-- expect-output: (?mi)^MIRROR\s+tcp://localhost:$(PrincipalPort)\s+PARTNERHOST1\s+CONNECTED\s*$
