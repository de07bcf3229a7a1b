-- On the witness: the session it serves.
SELECT database_name, principal_server_name, mirror_server_name, safety_level_desc, is_suspended, partner_sync_state_desc
FROM sys.database_mirroring_witnesses;
GO
-- expect-output: (?m)^AdventureWorks\s+PARTNERHOST1\s+PARTNERHOST5\s+FULL\s+0\s+SYNCHRONIZED\s*$
