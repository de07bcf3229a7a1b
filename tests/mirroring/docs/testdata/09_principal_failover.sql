-- ALTER DATABASE Database Mirroring, example B: check that this instance
-- is the principal, fail over manually, and check it is now the mirror
-- (AdventureWorks2012 there). First the endpoint query of the same page.
SELECT role_desc, state_desc FROM sys.database_mirroring_endpoints
GO
SELECT db.name, m.mirroring_role_desc
FROM sys.database_mirroring m
JOIN sys.databases db
ON db.database_id = m.database_id
WHERE db.name = N'AdventureWorks';
GO
ALTER DATABASE AdventureWorks SET PARTNER FAILOVER;
GO
SELECT db.name, m.mirroring_role_desc
FROM sys.database_mirroring m
JOIN sys.databases db
ON db.database_id = m.database_id
WHERE db.name = N'AdventureWorks';
GO
-- expect-output: (?m)^PARTNER\s+STARTED\s*$
-- expect-output: (?m)^AdventureWorks\s+PRINCIPAL\s*$
-- expect-output: (?m)^AdventureWorks\s+MIRROR\s*$
