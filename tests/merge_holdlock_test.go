package tests

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// The HOLDLOCK upsert (issue #5):
//
//	MERGE t WITH (HOLDLOCK) USING (SELECT @k) s(k) ON t.k = s.k
//	  WHEN MATCHED THEN UPDATE … WHEN NOT MATCHED THEN INSERT …
//
// run by many sessions at once on the same missing keys. SQL Server's
// HOLDLOCK (SERIALIZABLE) locks the key — or, where no row has it, the
// range it would go into — in update mode until the transaction ends, so
// a second upsert of the key waits and then finds the row: never 2627,
// never a lost increment. Each shape below reaches the target a different
// way: a seek on the clustered key, on a prefix of it, on a unique
// nonclustered index of a heap or of a clustered table, or MERGE's scan of
// the whole target (FORCESCAN, WHEN NOT MATCHED BY SOURCE, an ON no index
// serves).

// holdlockShape is one table and its upsert of key @p1 (the source may
// hold more keys: keys lists them as offsets from @p1).
type holdlockShape struct {
	name, table, merge string
	keys               []int
}

var holdlockShapes = []holdlockShape{
	{name: "clustered seek",
		table: "k int PRIMARY KEY, n int NOT NULL",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK) AS t USING (SELECT @p1 AS k) AS s ON t.k = s.k WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, 1);"},
	{name: "serializable session",
		table: "k int PRIMARY KEY, n int NOT NULL",
		merge: "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; MERGE dbo.%[1]s AS t USING (VALUES (@p1)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET n += 1 WHEN NOT MATCHED THEN INSERT VALUES (s.k, 1); SET TRANSACTION ISOLATION LEVEL READ COMMITTED;"},
	{name: "extra ON condition",
		table: "k int PRIMARY KEY, n int NOT NULL",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK) AS t USING (SELECT @p1 AS k) AS s ON t.k = s.k AND t.n > 0 WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, 1);"},
	{name: "multi-row source",
		table: "k int PRIMARY KEY, n int NOT NULL",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK) AS t USING (VALUES (@p1), (@p1 + 1000)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, 1);",
		keys:  []int{0, 1000}},
	{name: "clustered key prefix",
		table: "k int NOT NULL, sub int NOT NULL, n int NOT NULL, PRIMARY KEY (k, sub)",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK) AS t USING (SELECT @p1 AS k) AS s ON t.k = s.k WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, sub, n) VALUES (s.k, 0, 1);"},
	{name: "heap unique index",
		table: "k int NOT NULL, n int NOT NULL, CONSTRAINT uq_%[1]s UNIQUE NONCLUSTERED (k)",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK) AS t USING (SELECT @p1 AS k) AS s ON t.k = s.k WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, 1);"},
	{name: "clustered table unique index",
		table: "id int IDENTITY PRIMARY KEY, k int NOT NULL UNIQUE, n int NOT NULL",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK) AS t USING (SELECT @p1 AS k) AS s ON t.k = s.k WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, 1);"},
	{name: "forcescan",
		table: "k int PRIMARY KEY, n int NOT NULL",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK, FORCESCAN) AS t USING (SELECT @p1 AS k) AS s ON t.k = s.k WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, 1);"},
	{name: "not matched by source",
		table: "k int PRIMARY KEY, n int NOT NULL",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK) AS t USING (SELECT @p1 AS k) AS s ON t.k = s.k WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, 1) WHEN NOT MATCHED BY SOURCE AND t.k < 0 THEN DELETE;"},
	{name: "no index serves ON",
		table: "k int PRIMARY KEY, n int NOT NULL",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK) AS t USING (SELECT @p1 AS k) AS s ON t.k + 0 = s.k WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, 1);"},
	{name: "heap scan",
		table: "k int NOT NULL, n int NOT NULL",
		merge: "MERGE dbo.%[1]s WITH (HOLDLOCK) AS t USING (SELECT @p1 AS k) AS s ON t.k = s.k WHEN MATCHED THEN UPDATE SET n = t.n + 1 WHEN NOT MATCHED THEN INSERT (k, n) VALUES (s.k, 1);"},
}

// TestMergeHoldlockUpsertConcurrent: 8 sessions × many HOLDLOCK upserts of
// 20 keys, for every shape: no 2627, and the counters add up to the number
// of upserts. A deadlock victim (1205, possible where a source has two
// keys, as on SQL Server) is run again; anything else fails the test.
func TestMergeHoldlockUpsertConcurrent(t *testing.T) {
	const workers, keys = 8, 20
	each := 200
	if testing.Short() {
		each = 40
	}
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	db.SetMaxOpenConns(workers + 1)
	for i, sh := range holdlockShapes {
		t.Run(sh.name, func(t *testing.T) {
			table := fmt.Sprintf("ups%d", i)
			mustExec(t, db, fmt.Sprintf("CREATE TABLE dbo.%[1]s ("+sh.table+")", table))
			merge := fmt.Sprintf(sh.merge, table)
			offsets := sh.keys
			if offsets == nil {
				offsets = []int{0}
			}
			deadlocks := make([]int, workers)
			runWorkers(t, workers, func(w int) error {
				rnd := rand.New(rand.NewSource(int64(w)))
				for range each {
					k := rnd.Intn(keys)
					for {
						_, err := db.Exec(merge, k)
						var me mssql.Error
						if errors.As(err, &me) && me.Number == 1205 {
							deadlocks[w]++
							continue
						}
						if err != nil {
							return fmt.Errorf("upsert of %d: %w", k, err)
						}
						break
					}
				}
				return nil
			})
			var rows, total, perKey int
			q := fmt.Sprintf("SELECT COUNT(*), ISNULL(SUM(n), 0), COUNT(DISTINCT k) FROM dbo.%s", table)
			if err := db.QueryRow(q).Scan(&rows, &total, &perKey); err != nil {
				t.Fatal(err)
			}
			var victims int
			for _, d := range deadlocks {
				victims += d
			}
			t.Logf("%d rows, SUM(n) %d, %d deadlock victims run again", rows, total, victims)
			want := workers * each * len(offsets)
			if total != want || rows != perKey {
				t.Errorf("%d rows for %d keys, SUM(n) = %d; want one row per key and %d", rows, perKey, total, want)
			}
		})
	}
}

// TestMergeHoldlockBlocks: a HOLDLOCK MERGE of a missing key that
// matches nothing keeps an INSERT of that key out until its transaction
// ends (1222 with LOCK_TIMEOUT): SQL Server's key or key-range lock, or a
// table lock where the MERGE scans. And a HOLDLOCK upsert of a missing key
// in an open transaction makes a second one of the same key wait —
// sys.dm_exec_requests shows it blocked by the first — which, once the
// first commits, finds the row and updates it.
func TestMergeHoldlockBlocks(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	a, b := appConn(t, db), appConn(t, db)
	ctx := context.Background()
	for i, sh := range holdlockShapes {
		t.Run(sh.name, func(t *testing.T) {
			table := fmt.Sprintf("blk%d", i)
			connExec(t, a, fmt.Sprintf("CREATE TABLE dbo.%[1]s ("+sh.table+")", table))
			// Batches, not RPCs: a's transaction stays open after its batch.
			merge := func(k int) string {
				return strings.ReplaceAll(fmt.Sprintf(sh.merge, table), "@p1", strconv.Itoa(k))
			}
			for _, k := range []int{10, 30} { // rows around the upserted key 20
				connExec(t, b, merge(k))
			}
			defer connErr(a, "IF @@TRANCOUNT > 0 ROLLBACK") // a failed case frees b

			connExec(t, a, "BEGIN TRAN; "+matchOnly(merge(20)))
			connExec(t, b, "SET LOCK_TIMEOUT 300")
			insert := fmt.Sprintf("INSERT dbo.%s (k, n) SELECT 20, 100", table)
			if strings.Contains(sh.table, "sub") {
				insert = fmt.Sprintf("INSERT dbo.%s (k, sub, n) VALUES (20, 5, 100)", table)
			}
			if err := connErr(b, insert); err == nil {
				t.Errorf("beside a HOLDLOCK MERGE of the missing key 20, %s did not wait", insert)
				connExec(t, b, fmt.Sprintf("DELETE dbo.%s WHERE k = 20", table))
			} else {
				wantSQLError(t, err, 1222, "Lock request time out period exceeded.")
			}
			connExec(t, b, "SET LOCK_TIMEOUT -1")
			connExec(t, a, "ROLLBACK")

			connExec(t, a, "BEGIN TRAN; "+merge(20))
			done := make(chan error, 1)
			go func() { done <- connErr(b, merge(20)) }()
			waitFor(t, "the second upsert blocked by the first", func() bool { return blockedSessions(t, a) > 0 })
			connExec(t, a, "COMMIT")
			if err := <-done; err != nil {
				t.Fatalf("the second upsert: %v", err)
			}
			var rows, n int
			q := fmt.Sprintf("SELECT COUNT(*), MAX(n) FROM dbo.%s WHERE k = 20", table)
			if err := a.QueryRowContext(ctx, q).Scan(&rows, &n); err != nil {
				t.Fatal(err)
			}
			if rows != 1 || n != 2 {
				t.Errorf("key 20 after two upserts: %d rows, n = %d; want 1 row, n = 2", rows, n)
			}
		})
	}
}

// matchOnly is upsert MERGE m without its WHEN NOT MATCHED [BY TARGET]
// clause: it changes nothing when its key is missing.
func matchOnly(m string) string {
	i := strings.Index(m, " WHEN NOT MATCHED THEN INSERT")
	if i < 0 {
		return m
	}
	rest := m[i+1:]
	j := strings.Index(rest, " WHEN ")
	if k := strings.Index(rest, ";"); j < 0 || k < j {
		j = k
	}
	return m[:i] + rest[j:]
}

// TestMergeLocksShown: sys.dm_tran_locks shows the KEY locks a MERGE and
// a point read hold as SQL Server's do. MERGE reads its target in update
// mode: under REPEATABLE READ U on every row its scan read, under
// SERIALIZABLE RangeS-U on every key and on the end of the index (the row
// it updates RangeX-X), under HOLDLOCK RangeS-U on the key after the
// missing key it sought (here the end of the index). A point read of a
// missing key under REPEATABLE READ, or with UPDLOCK, holds nothing —
// there is no row — while SERIALIZABLE locks the gap the key would go in:
// RangeS-S on the next key (the locking guide's "Singleton fetch of
// nonexistent value"), not the missing key by value as it did.
func TestMergeLocksShown(t *testing.T) {
	a, b := lockTestConns(t) // dbo.t (k int PRIMARY KEY, v int NOT NULL): (1,10) (2,20) (3,30)
	locks := sessionLocks(t, a, b, `SELECT request_mode + CASE resource_description WHEN '(ffffffffffff)' THEN ' end' ELSE '' END
FROM sys.dm_tran_locks WHERE request_session_id = @p1 AND resource_type = 'KEY'`)
	const (
		rr    = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; BEGIN TRAN; "
		ser   = "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; "
		scan  = "MERGE dbo.t USING (VALUES (2)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = 0 WHEN NOT MATCHED BY SOURCE AND t.k < 0 THEN DELETE;"
		seek5 = "MERGE dbo.t %sUSING (VALUES (5)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = 0;"
	)
	for _, tc := range []struct {
		name, batch string
		want        []string
	}{
		{"repeatable read scan", rr + scan, []string{"U", "U", "X"}},
		{"serializable scan", ser + scan, []string{"RangeS-U", "RangeS-U", "RangeS-U end", "RangeX-X"}},
		{"holdlock seek of a missing key", "BEGIN TRAN; " + fmt.Sprintf(seek5, "WITH (HOLDLOCK) "), []string{"RangeS-U end"}},
		{"holdlock seek of a missing key before the last", "BEGIN TRAN; " + strings.Replace(fmt.Sprintf(seek5, "WITH (HOLDLOCK) "), "(5)", "(0)", 1), []string{"RangeS-U"}},
		{"repeatable read seek of a missing key", rr + fmt.Sprintf(seek5, ""), nil},
		{"repeatable read point reads", rr + "SELECT v FROM dbo.t WHERE k = 5; SELECT v FROM dbo.t WHERE k = 2", []string{"S"}},
		{"updlock point read of a missing key", "BEGIN TRAN; SELECT v FROM dbo.t WITH (UPDLOCK) WHERE k = 5", nil},
		{"serializable point read of a missing key", ser + "SELECT v FROM dbo.t WHERE k = 5", []string{"RangeS-S end"}},
		{"serializable point read of an existing key", ser + "SELECT v FROM dbo.t WHERE k = 2", []string{"S"}},
	} {
		checkLocksHeld(t, a, tc.name, tc.batch, locks, tc.want)
	}
}

// TestMergeHoldlockDeadlockDetected: two transactions that each upserted
// one key WITH (HOLDLOCK) and then upsert the other's wait for each other;
// one is chosen as the deadlock victim (1205) instead of both hanging.
// The keys are in different gaps of dbo.t (1, 2, 3): 0 before 1, 5 after
// 3; two missing keys of one gap queue at its next key's RangeS-U.
func TestMergeHoldlockDeadlockDetected(t *testing.T) {
	a, b := lockTestConns(t)
	upsert := func(k int) string {
		return fmt.Sprintf("MERGE dbo.t WITH (HOLDLOCK) USING (VALUES (%d)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = t.v + 1 WHEN NOT MATCHED THEN INSERT VALUES (s.k, 1);", k)
	}
	connExec(t, a, "BEGIN TRAN; "+upsert(0))
	connExec(t, b, "BEGIN TRAN; "+upsert(5))
	errs := make(chan error, 2)
	for i, c := range []*sql.Conn{a, b} {
		go func() {
			err := connErr(c, upsert(5-5*i))
			if err == nil {
				err = connErr(c, "COMMIT")
			}
			errs <- err
		}()
	}
	if victims := deadlockVictims(t, errs, 2); victims != 1 {
		t.Fatalf("%d deadlock victims, want 1", victims)
	}
}
