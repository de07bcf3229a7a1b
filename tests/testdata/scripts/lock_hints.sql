-- Reads that lock: what one session holds after reading under REPEATABLE
-- READ, with UPDLOCK, XLOCK, TABLOCKX, and under READ COMMITTED (nothing
-- once the statement ends); hints that conflict fail with 1047.
CREATE TABLE dbo.t (k int PRIMARY KEY, v int NOT NULL);
INSERT INTO dbo.t VALUES (1, 10), (2, 20), (3, 30);
GO
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
BEGIN TRAN;
SELECT v FROM dbo.t WHERE k = 2;
SELECT resource_type, request_mode, request_status FROM sys.dm_tran_locks
WHERE request_session_id = @@SPID AND resource_type IN ('OBJECT', 'KEY') ORDER BY resource_type;
COMMIT;
-- expect: v
-- 20
-- expect: resource_type | request_mode | request_status
-- KEY | S | GRANT
-- OBJECT | IS | GRANT
GO
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
BEGIN TRAN;
SELECT SUM(v) AS s FROM dbo.t;
SELECT v FROM dbo.t WHERE k = 1;
SELECT COUNT(*) AS held FROM sys.dm_tran_locks
WHERE request_session_id = @@SPID AND resource_type IN ('OBJECT', 'KEY');
COMMIT;
-- expect: s
-- 60
-- expect: v
-- 10
-- expect: held
-- 0
GO
BEGIN TRAN;
SELECT v FROM dbo.t WITH (UPDLOCK) WHERE k = 3;
SELECT resource_type, request_mode FROM sys.dm_tran_locks
WHERE request_session_id = @@SPID AND resource_type IN ('OBJECT', 'KEY') ORDER BY resource_type;
COMMIT;
-- expect: v
-- 30
-- expect: resource_type | request_mode
-- KEY | U
-- OBJECT | IX
GO
BEGIN TRAN;
SELECT v FROM dbo.t WITH (XLOCK) WHERE k = 1;
SELECT resource_type, request_mode FROM sys.dm_tran_locks
WHERE request_session_id = @@SPID AND resource_type IN ('OBJECT', 'KEY') ORDER BY resource_type;
COMMIT;
-- expect: v
-- 10
-- expect: resource_type | request_mode
-- KEY | X
-- OBJECT | IX
GO
BEGIN TRAN;
SELECT COUNT(*) AS n FROM dbo.t WITH (TABLOCKX);
SELECT resource_type, request_mode FROM sys.dm_tran_locks
WHERE request_session_id = @@SPID AND resource_type IN ('OBJECT', 'KEY') ORDER BY resource_type;
COMMIT;
-- expect: n
-- 3
-- expect: resource_type | request_mode
-- OBJECT | X
GO
SELECT v FROM dbo.t WITH (NOLOCK, UPDLOCK) WHERE k = 1;
-- error: 1047 Conflicting locking hints specified.
GO
SELECT v FROM dbo.t WITH (TABLOCK, ROWLOCK);
-- error: 1047 Conflicting locking hints specified.
GO
SELECT v FROM dbo.t WITH (REPEATABLEREAD, SERIALIZABLE);
-- error: 1047 Conflicting locking hints specified.
GO
SELECT v FROM dbo.t WITH (UPDLOCK, XLOCK);
-- error: 1047 Conflicting locking hints specified.
GO
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT v FROM dbo.t WITH (READPAST) WHERE k = 1;
-- error: 650 You can only specify the READPAST lock in the READ COMMITTED or REPEATABLE READ isolation levels.
GO
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
SELECT v FROM dbo.t WITH (READPAST, ROWLOCK, UPDLOCK) WHERE k = 2;
-- expect: v
-- 20
GO
-- A REPEATABLE READ scan of more than 5,000 rows escalates to a table lock
-- and frees its row locks, as SQL Server does at about 5,000.
CREATE TABLE dbo.big (k int PRIMARY KEY, v int NOT NULL);
WITH d AS (SELECT n FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS v (n))
INSERT INTO dbo.big (k, v) SELECT a.n * 1000 + b.n * 100 + c.n * 10 + e.n, 1 FROM d AS a, d AS b, d AS c, d AS e WHERE a.n < 6;
GO
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
BEGIN TRAN;
SELECT SUM(v) AS s FROM dbo.big;
SELECT resource_type, request_mode, COUNT(*) AS n FROM sys.dm_tran_locks
WHERE request_session_id = @@SPID AND resource_type IN ('OBJECT', 'KEY') GROUP BY resource_type, request_mode;
COMMIT;
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
-- expect: s
-- 6000
-- expect: resource_type | request_mode | n
-- OBJECT | S | 1
GO
-- NOLOCK / READUNCOMMITTED on the table a statement writes: 1065, whether
-- on the target or on the FROM table the target names by its alias; on
-- another table of the FROM it is allowed.
UPDATE dbo.t WITH (NOLOCK) SET v = 0 WHERE k = 1;
-- error: 1065 The NOLOCK and READUNCOMMITTED lock hints are not allowed for target tables of INSERT, UPDATE, DELETE or MERGE statements.
GO
DELETE FROM dbo.t WITH (READUNCOMMITTED) WHERE k = 1;
-- error: 1065 The NOLOCK and READUNCOMMITTED lock hints are not allowed for target tables of INSERT, UPDATE, DELETE or MERGE statements.
GO
INSERT INTO dbo.t WITH (NOLOCK) VALUES (9, 90);
-- error: 1065 The NOLOCK and READUNCOMMITTED lock hints are not allowed for target tables of INSERT, UPDATE, DELETE or MERGE statements.
GO
UPDATE x SET v = 0 FROM dbo.t AS x WITH (NOLOCK) WHERE x.k = 1;
-- error: 1065 The NOLOCK and READUNCOMMITTED lock hints are not allowed for target tables of INSERT, UPDATE, DELETE or MERGE statements.
GO
MERGE dbo.t WITH (NOLOCK) AS d USING (SELECT 1 AS k) AS s ON d.k = s.k WHEN MATCHED THEN UPDATE SET v = 0;
-- error: 1065 The NOLOCK and READUNCOMMITTED lock hints are not allowed for target tables of INSERT, UPDATE, DELETE or MERGE statements.
GO
-- The usual upsert: MERGE's hints come before its alias.
MERGE dbo.t WITH (HOLDLOCK) AS d USING (SELECT 1 AS k) AS s ON d.k = s.k WHEN MATCHED THEN UPDATE SET v = d.v + 1;
MERGE INTO dbo.t WITH (HOLDLOCK) USING (SELECT 4 AS k) AS s ON dbo.t.k = s.k WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, 40);
UPDATE x SET v = x.v + 1 FROM dbo.t AS x JOIN dbo.t AS y WITH (NOLOCK) ON y.k = x.k WHERE x.k = 2;
SELECT k, v FROM dbo.t ORDER BY k;
-- expect: k | v
-- 1 | 11
-- 2 | 21
-- 3 | 30
-- 4 | 40
GO
