-- sys.database_mirroring_witnesses on the witness: the session it serves.
SELECT database_name, principal_server_name, mirror_server_name, safety_level_desc, role_sequence_number, is_suspended
FROM sys.database_mirroring_witnesses;
GO
-- expect-output: (?m)^AdventureWorks\s+PARTNERHOST1\s+PARTNERHOST5\s+FULL\s+1\s+0\s*$
