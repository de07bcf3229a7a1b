package tests

import "testing"

// TestDMLFromTargetLocksShown: an UPDATE or DELETE whose target is named
// through its FROM clause (`UPDATE x … FROM dbo.t AS x`, `DELETE x FROM
// dbo.t x`, the target's table under an alias, or joined) reads the target
// in update mode, as one without FROM does: U on a row it reads and does
// not change, RangeS-U on the key past a SERIALIZABLE read. It read in S
// mode (S, RangeS-S). Rows it reads but does not change keep the read's
// lock (v = 99 matches no row), so the mode shows in sys.dm_tran_locks.
func TestDMLFromTargetLocksShown(t *testing.T) {
	a, b := lockTestConns(t) // dbo.t (k int PRIMARY KEY, v int NOT NULL): (1,10) (2,20) (3,30)
	keys := sessionLocks(t, a, b, `SELECT request_mode + CASE resource_description WHEN '(ffffffffffff)' THEN ' end' ELSE '' END
FROM sys.dm_tran_locks WHERE request_session_id = @p1 AND resource_type = 'KEY'`)
	const ser = "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; "
	const rr = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; BEGIN TRAN; "
	for _, tc := range []struct {
		name, batch string
		want        []string
	}{
		{"update through its alias, holdlock", "BEGIN TRAN; UPDATE x SET v = 0 FROM dbo.t AS x WITH (HOLDLOCK) WHERE x.k = 2 AND x.v = 99", []string{"U"}},
		{"delete through its alias, repeatable read", rr + "DELETE x FROM dbo.t x WHERE x.k = 2 AND x.v = 99", []string{"U"}},
		{"update through its alias, repeatable read scan", rr + "UPDATE x SET v = 0 FROM dbo.t AS x WHERE x.v = 99", []string{"U", "U", "U"}},
		{"delete through its alias, serializable, missing key", ser + "DELETE x FROM dbo.t x WHERE x.k = 5", []string{"RangeS-U end"}},
		{"update through its alias, holdlock, missing key", "BEGIN TRAN; UPDATE x SET v = 0 FROM dbo.t AS x WITH (HOLDLOCK) WHERE x.k = 0", []string{"RangeS-U"}},
		{"update through its alias, holdlock range", "BEGIN TRAN; UPDATE x SET v = 0 FROM dbo.t AS x WITH (HOLDLOCK) WHERE x.k >= 1 AND x.k < 3", []string{"RangeS-U", "RangeX-X", "RangeX-X"}},
		{"update of the table under an alias", "BEGIN TRAN; UPDATE dbo.t SET v = 0 FROM dbo.t AS x WITH (HOLDLOCK) WHERE x.k = 2 AND x.v = 99", []string{"U"}},
		{"update of the table named in FROM", rr + "UPDATE dbo.t SET v = 0 FROM dbo.t WHERE dbo.t.k = 2 AND dbo.t.v = 99", []string{"U"}},
		{"update joined to VALUES", "BEGIN TRAN; UPDATE o SET v = s.v FROM (VALUES (2, 0)) AS s(k, v) JOIN dbo.t AS o WITH (HOLDLOCK) ON o.k = s.k WHERE o.v = 99", []string{"U"}},
		{"update joined, hash", rr + "UPDATE o SET v = s.v FROM (VALUES (1, 0), (2, 0), (3, 0)) AS s(k, v) JOIN dbo.t AS o ON o.v = s.k", []string{"U", "U", "U"}},
		{"update with a subquery on the same table", "BEGIN TRAN; UPDATE x SET v = 0 FROM dbo.t AS x WITH (HOLDLOCK) WHERE x.k = 2 AND EXISTS (SELECT 1 FROM dbo.t y WITH (HOLDLOCK) WHERE y.k = 3 AND y.v = 99)", []string{"S", "U"}},
	} {
		checkLocksHeld(t, a, tc.name, tc.batch, keys, tc.want)
	}
}

// TestDMLFromTargetNoConversionDeadlock: sessions updating or deleting the
// same rows through the FROM alias form under HOLDLOCK, REPEATABLE READ or
// SERIALIZABLE queue on the target's U lock, as on SQL Server, and every
// change is counted. They read the target in S mode: two of them held S on
// one row and deadlocked converting it to X (1205).
func TestDMLFromTargetNoConversionDeadlock(t *testing.T) {
	const workers, keys = 4, 2
	rounds := 60
	if testing.Short() {
		rounds = 25
	}
	for _, tc := range []struct{ name, batch string }{
		{"update holdlock", `SET XACT_ABORT ON; BEGIN TRAN;
UPDATE o SET n = o.n + 1 FROM dbo.c AS o WITH (HOLDLOCK) WHERE o.k = @p1;
COMMIT`},
		{"update repeatable read, joined", `SET XACT_ABORT ON; SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; BEGIN TRAN;
UPDATE o SET n = o.n + s.d FROM (VALUES (@p1, 1)) AS s(k, d) JOIN dbo.c AS o ON o.k = s.k;
COMMIT`},
		{"delete through its alias, then insert", `SET XACT_ABORT ON; SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; BEGIN TRAN;
DECLARE @d TABLE (n int);
DELETE o OUTPUT deleted.n INTO @d FROM dbo.c AS o WHERE o.k = @p1;
INSERT dbo.c SELECT @p1, n + 1 FROM @d;
COMMIT`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := workersDB(t, workers+1, "CREATE TABLE dbo.c (k int PRIMARY KEY, n int NOT NULL); INSERT dbo.c VALUES (0, 0), (1, 0)")
			victims := victimsOfWorkers(t, db, workers, rounds, keys, tc.batch)
			var rows, total int
			if err := db.QueryRow("SELECT COUNT(*), SUM(n) FROM dbo.c").Scan(&rows, &total); err != nil {
				t.Fatal(err)
			}
			if victims != 0 || rows != keys || total != workers*rounds {
				t.Errorf("%d deadlock victims, %d rows, SUM(n) = %d; want none, %d rows, %d", victims, rows, total, keys, workers*rounds)
			}
		})
	}
}
