-- On the principal once the session is SYNCHRONIZED with its witness:
-- the partners and the witness as sys.database_mirroring names them.
SELECT mirroring_role_desc, mirroring_state_desc, mirroring_partner_name, mirroring_partner_instance,
       mirroring_witness_name, mirroring_witness_state_desc
FROM sys.database_mirroring WHERE database_id = DB_ID(N'AdventureWorks');
GO
-- expect-output: (?mi)^PRINCIPAL\s+SYNCHRONIZED\s+tcp://\[::1\]:$(MirrorPort)\s+PARTNERHOST5\s+TCP://127\.0\.0\.1:$(WitnessPort)\s+CONNECTED\s*$
