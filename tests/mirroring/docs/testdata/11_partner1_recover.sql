-- "Remove Database Mirroring": the former mirror (PARTNERHOST1) is left
-- RESTORING; recover it.
RESTORE DATABASE AdventureWorks WITH RECOVERY;
GO
SELECT name, state_desc FROM sys.databases WHERE name = N'AdventureWorks';
GO
-- expect-output: (?m)^RESTORE DATABASE successfully processed 0 pages in \d+\.\d{3} seconds \(0\.000 MB/sec\)\.$
-- expect-output: (?m)^AdventureWorks\s+ONLINE\s*$
