-- SNAPSHOT isolation and READ_COMMITTED_SNAPSHOT in one session: the
-- database options, sys.databases, 3952 without ALLOW_SNAPSHOT_ISOLATION,
-- and a snapshot transaction reading its own writes.
-- The two-session behaviour (repeatable reads, 3960 update conflicts,
-- readers beside writers) is in tests/snapshot_test.go.
CREATE TABLE dbo.t (id int PRIMARY KEY, v int NOT NULL);
INSERT dbo.t VALUES (1, 10), (2, 20);
SELECT snapshot_isolation_state, snapshot_isolation_state_desc, is_read_committed_snapshot_on
FROM sys.databases WHERE name = DB_NAME();
-- expect: snapshot_isolation_state | snapshot_isolation_state_desc | is_read_committed_snapshot_on
-- 0 | OFF | 0
GO
SET TRANSACTION ISOLATION LEVEL SNAPSHOT;
SELECT v FROM dbo.t WHERE id = 1;
-- error: 3952
GO
BEGIN TRAN;
UPDATE dbo.t SET v = 11 WHERE id = 1;
-- error: 3952
GO
-- 3952 ends the statement only: the transaction stays open.
SELECT @@TRANCOUNT AS trancount;
ROLLBACK;
-- expect: trancount
-- 1
GO
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;
SELECT snapshot_isolation_state, snapshot_isolation_state_desc
FROM sys.databases WHERE name = DB_NAME();
-- expect: snapshot_isolation_state | snapshot_isolation_state_desc
-- 1 | ON
GO
SET TRANSACTION ISOLATION LEVEL SNAPSHOT;
BEGIN TRAN;
SELECT SUM(v) AS total FROM dbo.t;
INSERT dbo.t VALUES (3, 30);
UPDATE dbo.t SET v = v + 1 WHERE id = 1;
DELETE dbo.t WHERE id = 2;
SELECT id, v FROM dbo.t ORDER BY id;
COMMIT;
SELECT SUM(v) AS total FROM dbo.t;
-- expect: total
-- 30
-- expect: id | v
-- 1 | 11
-- 3 | 30
-- expect: total
-- 41
GO
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;
SELECT is_read_committed_snapshot_on FROM sys.databases WHERE name = DB_NAME();
SELECT COUNT(*) AS n FROM dbo.t;
ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT OFF WITH NO_WAIT;
ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION OFF;
SELECT is_read_committed_snapshot_on, snapshot_isolation_state FROM sys.databases WHERE name = DB_NAME();
-- expect: is_read_committed_snapshot_on
-- 1
-- expect: n
-- 2
-- expect: is_read_committed_snapshot_on | snapshot_isolation_state
-- 0 | 0
GO
