-- Microsoft's "Example: Setting Up Database Mirroring Using Windows
-- Authentication (Transact-SQL)", run in SQLCMD mode: one script, three
-- instances, switched with :CONNECT. Variables (sqlcmd -v): PrincipalServer,
-- MirrorServer, WitnessServer (host,port for clients); PrincipalName,
-- MirrorName (@@SERVERNAME); PrincipalEndpoint,
-- MirrorEndpoint, WitnessEndpoint (TCP://host:port); *Port (endpoint ports);
-- BackupDir; ScriptDir (this directory: the scripts include wait_until.sql).
-- The accounts are the docs'; mirrorsql has no Windows accounts,
-- so the logins are kept and the endpoints trust each other (README).
:on error exit

-- Step 1, on the principal (PARTNERHOST1).
:CONNECT $(PrincipalServer)
CREATE ENDPOINT Endpoint_Mirroring
    STATE=STARTED
    AS TCP (LISTENER_PORT=$(PrincipalPort))
    FOR DATABASE_MIRRORING (ROLE=PARTNER);
GO
-- Partner and witness service accounts.
USE master;
GO
CREATE LOGIN [Adomain\Otheruser] FROM WINDOWS;
GO
GRANT CONNECT on ENDPOINT::Endpoint_Mirroring TO [Adomain\Otheruser];
GO

-- Step 2, on the mirror (PARTNERHOST5).
:CONNECT $(MirrorServer)
CREATE ENDPOINT Endpoint_Mirroring
    STATE=STARTED
    AS TCP (LISTENER_PORT=$(MirrorPort))
    FOR DATABASE_MIRRORING (ROLE=ALL);
GO
USE master;
GO
CREATE LOGIN [Adomain\Otheruser] FROM WINDOWS;
GO
GRANT CONNECT on ENDPOINT::Endpoint_Mirroring TO [Adomain\Otheruser];
GO

-- Step 3, on the witness (WITNESSHOST4).
:CONNECT $(WitnessServer)
CREATE ENDPOINT Endpoint_Mirroring
    STATE=STARTED
    AS TCP (LISTENER_PORT=$(WitnessPort))
    FOR DATABASE_MIRRORING (ROLE=WITNESS);
GO
USE master;
GO
CREATE LOGIN [Adomain\Somedomainuser] FROM WINDOWS;
GO
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [Adomain\Somedomainuser];
GO
-- "Setting Up Database Mirroring": check the endpoints on every instance.
SELECT name, role_desc, state_desc FROM sys.database_mirroring_endpoints;
SELECT name, port FROM sys.tcp_endpoints WHERE type_desc = 'DATABASE_MIRRORING';
GO
