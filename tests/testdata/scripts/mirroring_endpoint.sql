-- The database mirroring endpoint as setup scripts create and change it
-- (reference §2.4, §3.2): sys.database_mirroring_endpoints' codes for every
-- AUTHENTICATION and ENCRYPTION form, and the errors for a second endpoint
-- (7862) and an ALTER that changes nothing (7863). The endpoint stays
-- STOPPED: nothing listens.
-- SQL Server's five system endpoints (ids below 65536: the dedicated admin
-- connection's and one TSQL endpoint per protocol) are listed whatever the
-- instance's protocols; sys.tcp_endpoints shows the TCP ones, port 0 and
-- dynamic, and no mirroring endpoint exists yet
SELECT name, endpoint_id, principal_id, protocol, protocol_desc, type, type_desc, state, state_desc, is_admin_endpoint
FROM sys.endpoints ORDER BY endpoint_id;
SELECT name, endpoint_id, port, is_dynamic_port, ip_address FROM sys.tcp_endpoints ORDER BY endpoint_id;
SELECT COUNT(*) AS mirroring FROM sys.endpoints WHERE type_desc = 'DATABASE_MIRRORING';
-- expect: name | endpoint_id | principal_id | protocol | protocol_desc | type | type_desc | state | state_desc | is_admin_endpoint
-- Dedicated Admin Connection | 1 | 1 | 2 | TCP | 2 | TSQL | 0 | STARTED | 1
-- TSQL Local Machine | 2 | 1 | 4 | SHARED_MEMORY | 2 | TSQL | 0 | STARTED | 0
-- TSQL Named Pipes | 3 | 1 | 3 | NAMED_PIPES | 2 | TSQL | 0 | STARTED | 0
-- TSQL Default TCP | 4 | 1 | 2 | TCP | 2 | TSQL | 0 | STARTED | 0
-- TSQL Default VIA | 5 | 1 | 5 | VIA | 2 | TSQL | 0 | STARTED | 0
-- expect: name | endpoint_id | port | is_dynamic_port | ip_address
-- Dedicated Admin Connection | 1 | 0 | 1 | NULL
-- TSQL Default TCP | 4 | 0 | 1 | NULL
-- expect: mirroring
-- 0
GO
CREATE ENDPOINT corpus_mirroring STATE = STOPPED AS TCP (LISTENER_PORT = 5023) FOR DATABASE_MIRRORING (ROLE = PARTNER);
SELECT name, state_desc, role, role_desc, is_encryption_enabled, connection_auth, connection_auth_desc, certificate_id, encryption_algorithm, encryption_algorithm_desc
FROM sys.database_mirroring_endpoints;
-- expect: name | state_desc | role | role_desc | is_encryption_enabled | connection_auth | connection_auth_desc | certificate_id | encryption_algorithm | encryption_algorithm_desc
-- corpus_mirroring | STOPPED | 1 | PARTNER | 1 | 3 | NEGOTIATE | 0 | 2 | AES
GO
-- The mirroring endpoint is a user endpoint (id 65536 and up) beside them;
-- scripts pick it by type_desc
SELECT name, endpoint_id, protocol_desc, type, type_desc, state_desc FROM sys.endpoints WHERE endpoint_id >= 65536;
SELECT name, port, is_dynamic_port, ip_address FROM sys.tcp_endpoints WHERE type_desc = 'DATABASE_MIRRORING';
SELECT COUNT(*) AS system_endpoints FROM sys.endpoints WHERE endpoint_id < 65536;
SELECT e.name FROM sys.endpoints AS e JOIN sys.database_mirroring_endpoints AS m ON m.endpoint_id = e.endpoint_id;
-- expect: name | endpoint_id | protocol_desc | type | type_desc | state_desc
-- corpus_mirroring | 65536 | TCP | 4 | DATABASE_MIRRORING | STOPPED
-- expect: name | port | is_dynamic_port | ip_address
-- corpus_mirroring | 5023 | 0 | NULL
-- expect: system_endpoints
-- 5
-- expect: name
-- corpus_mirroring
GO
CREATE ENDPOINT corpus_mirroring2 STATE = STOPPED AS TCP (LISTENER_PORT = 5024) FOR DATABASE_MIRRORING (ROLE = ALL);
-- error: 7862 An endpoint of the requested type already exists.  Only one endpoint of this type is supported.  Use ALTER ENDPOINT or DROP the existing endpoint and execute the CREATE ENDPOINT statement.
GO
ALTER ENDPOINT corpus_mirroring;
-- error: 7863 The endpoint was not changed. The ALTER ENDPOINT statement did not contain any values to modify or update.
GO
ALTER ENDPOINT corpus_mirroring FOR TSQL ();
-- error: 7860 An endpoint's transport or content cannot be changed through the ALTER ENDPOINT statement. Use DROP ENDPOINT and execute the CREATE ENDPOINT statement to make these changes.
GO
ALTER ENDPOINT corpus_mirroring AS HTTP (PATH = '/sql', AUTHENTICATION = (INTEGRATED), PORTS = (CLEAR));
-- error: 7860 An endpoint's transport or content cannot be changed through the ALTER ENDPOINT statement. Use DROP ENDPOINT and execute the CREATE ENDPOINT statement to make these changes.
GO
ALTER ENDPOINT corpus_mirroring FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NTLM, ENCRYPTION = SUPPORTED, ROLE = ALL);
SELECT role_desc, connection_auth, connection_auth_desc, encryption_algorithm, encryption_algorithm_desc FROM sys.database_mirroring_endpoints;
-- expect: role_desc | connection_auth | connection_auth_desc | encryption_algorithm | encryption_algorithm_desc
-- ALL | 1 | NTLM | 4 | NONE, AES
GO
ALTER ENDPOINT corpus_mirroring FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS KERBEROS, ENCRYPTION = REQUIRED ALGORITHM RC4 AES, ROLE = ALL);
SELECT connection_auth, connection_auth_desc, encryption_algorithm, encryption_algorithm_desc FROM sys.database_mirroring_endpoints;
-- expect: connection_auth | connection_auth_desc | encryption_algorithm | encryption_algorithm_desc
-- 2 | KERBEROS | 5 | RC4, AES
GO
ALTER ENDPOINT corpus_mirroring FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS, ENCRYPTION = SUPPORTED ALGORITHM AES RC4, ROLE = ALL);
SELECT connection_auth, connection_auth_desc, is_encryption_enabled, encryption_algorithm, encryption_algorithm_desc FROM sys.database_mirroring_endpoints;
-- expect: connection_auth | connection_auth_desc | is_encryption_enabled | encryption_algorithm | encryption_algorithm_desc
-- 3 | NEGOTIATE | 1 | 8 | NONE, AES, RC4
GO
ALTER ENDPOINT corpus_mirroring FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED, ROLE = WITNESS);
SELECT role, role_desc, is_encryption_enabled, encryption_algorithm, encryption_algorithm_desc FROM sys.database_mirroring_endpoints;
-- expect: role | role_desc | is_encryption_enabled | encryption_algorithm | encryption_algorithm_desc
-- 2 | WITNESS | 0 | 0 | NONE
GO
-- Endpoint DDL is refused inside a user transaction (CREATE ENDPOINT's
-- remarks): a DROP ENDPOINT that ran there would stay dropped after ROLLBACK.
BEGIN TRANSACTION;
DROP ENDPOINT corpus_mirroring;
-- error: 574 DROP ENDPOINT statement cannot be used inside a user transaction.
GO
ALTER ENDPOINT corpus_mirroring STATE = DISABLED;
-- error: 574 ALTER ENDPOINT statement cannot be used inside a user transaction.
GO
CREATE ENDPOINT corpus_mirroring3 STATE = STOPPED AS TCP (LISTENER_PORT = 5025) FOR DATABASE_MIRRORING (ROLE = ALL);
-- error: 574 CREATE ENDPOINT statement cannot be used inside a user transaction.
GO
ROLLBACK;
SELECT name, state_desc FROM sys.database_mirroring_endpoints;
-- expect: name | state_desc
-- corpus_mirroring | STOPPED
GO
-- CONNECT on an endpoint is a server permission: granted, denied or revoked
-- in master only (4621), whether the endpoint exists or not
CREATE LOGIN corpus_ep_peer WITH PASSWORD = 'Peer-Pass-1234';
GRANT CONNECT ON ENDPOINT::corpus_mirroring TO corpus_ep_peer;
-- error: 4621 Permissions at the server scope can only be granted when the current database is master
GO
REVOKE CONNECT ON ENDPOINT::corpus_mirroring FROM corpus_ep_peer;
-- error: 4621 Permissions at the server scope can only be granted when the current database is master
GO
GRANT CONNECT ON ENDPOINT::no_such_endpoint TO corpus_ep_peer;
-- error: 4621 Permissions at the server scope can only be granted when the current database is master
GO
EXEC master.sys.sp_executesql N'GRANT CONNECT ON ENDPOINT::corpus_mirroring TO corpus_ep_peer';
SELECT sp.class_desc, sp.permission_name, sp.state_desc FROM sys.server_permissions AS sp
WHERE sp.grantee_principal_id = SUSER_ID('corpus_ep_peer') AND sp.class = 105;
-- expect: class_desc | permission_name | state_desc
-- ENDPOINT | CONNECT | GRANT
GO
EXEC master.sys.sp_executesql N'REVOKE CONNECT ON ENDPOINT::corpus_mirroring FROM corpus_ep_peer';
SELECT COUNT(*) AS grants FROM sys.server_permissions AS sp
WHERE sp.grantee_principal_id = SUSER_ID('corpus_ep_peer') AND sp.class = 105;
DROP LOGIN corpus_ep_peer;
-- expect: grants
-- 0
GO
DROP ENDPOINT corpus_mirroring;
SELECT COUNT(*) AS endpoints FROM sys.database_mirroring_endpoints;
-- expect: endpoints
-- 0
GO
