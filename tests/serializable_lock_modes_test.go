package tests

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// The lock modes of writers under SERIALIZABLE and HOLDLOCK (issues #4,
// #5), as sys.dm_tran_locks shows them on SQL Server and as they block.

// TestSerializableWriteLocksShown: an UPDATE, DELETE or MERGE that changes
// a row of a clustered table under SERIALIZABLE (the session's level, or
// HOLDLOCK on the target) holds RangeX-X on its key — SQL Server's
// published output for `UPDATE c … WHERE c.Id = 138` under SERIALIZABLE
// is one KEY RangeX-X and the table's IX — where X was shown for a point
// UPDATE (and for a DELETE or MERGE under HOLDLOCK). A heap has no key
// ranges: X. A whole-table read in update mode held with the writes' IX
// is UIX (U and IX, compatible with IS only), where SIX was shown, and so
// is an application lock held in Update and IntentExclusive
// (APPLOCK_MODE's UpdateIntentExclusive).
func TestSerializableWriteLocksShown(t *testing.T) {
	db := harness.Start(t, harness.Options{}).DB("master")
	mustExec(t, db, `CREATE TABLE dbo.t (k int PRIMARY KEY, v int NOT NULL); INSERT dbo.t VALUES (1, 10), (2, 20), (3, 30);
CREATE TABLE dbo.h (k int NOT NULL, v int NOT NULL); INSERT dbo.h VALUES (1, 10), (2, 20)`)
	a, b := appConn(t, db), appConn(t, db)
	locks := sessionLocks(t, a, b, `SELECT resource_type + ' ' + request_mode FROM sys.dm_tran_locks
WHERE request_session_id = @p1 AND resource_type IN ('KEY', 'OBJECT', 'APPLICATION')`)
	const ser = "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; "
	for _, tc := range []struct {
		name, batch string
		want        []string
	}{
		{"serializable update by key", ser + "UPDATE dbo.t SET v = 0 WHERE k = 2", []string{"KEY RangeX-X", "OBJECT IX"}},
		{"serializable update by key through its alias", ser + "UPDATE x SET v = 0 FROM dbo.t AS x WHERE x.k = 2", []string{"KEY RangeX-X", "OBJECT IX"}},
		{"holdlock update by key", "BEGIN TRAN; UPDATE dbo.t WITH (HOLDLOCK) SET v = 0 WHERE k = 2", []string{"KEY RangeX-X", "OBJECT IX"}},
		{"serializable hint on the FROM alias", "BEGIN TRAN; UPDATE x SET v = 0 FROM dbo.t AS x WITH (SERIALIZABLE) WHERE x.k = 2", []string{"KEY RangeX-X", "OBJECT IX"}},
		{"holdlock delete by key", "BEGIN TRAN; DELETE dbo.t WITH (HOLDLOCK) WHERE k = 2", []string{"KEY RangeX-X", "OBJECT IX"}},
		{"holdlock merge of an existing key", "BEGIN TRAN; MERGE dbo.t WITH (HOLDLOCK) USING (VALUES (2)) AS s(k) ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = 0;",
			[]string{"KEY RangeX-X", "OBJECT IX"}},
		{"read committed hint under serializable", ser + "UPDATE dbo.t WITH (READCOMMITTED) SET v = 0 WHERE k = 2", []string{"KEY X", "OBJECT IX"}},
		{"repeatable read update by key", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; BEGIN TRAN; UPDATE dbo.t SET v = 0 WHERE k = 2", []string{"KEY X", "OBJECT IX"}},
		{"serializable heap update", ser + "UPDATE dbo.h SET v = 0 WHERE k = 2", []string{"KEY X", "OBJECT UIX"}},
		{"holdlock heap merge", "BEGIN TRAN; MERGE dbo.h WITH (HOLDLOCK) USING (VALUES (2)) AS s(k) ON h.k = s.k WHEN MATCHED THEN UPDATE SET v = 0;",
			[]string{"KEY X", "OBJECT UIX"}},
		{"serializable update of a clustered table read whole", ser + "UPDATE dbo.t SET v = 0 WHERE v = 20", []string{"KEY RangeX-X", "OBJECT UIX"}},
		{"application lock in update and intent exclusive", `BEGIN TRAN;
EXEC sp_getapplock @Resource = 'r', @LockMode = 'Update'; EXEC sp_getapplock @Resource = 'r', @LockMode = 'IntentExclusive';
IF APPLOCK_MODE('public', 'r', 'Transaction') <> 'UpdateIntentExclusive' RAISERROR('APPLOCK_MODE is %s', 16, 1, APPLOCK_MODE('public', 'r', 'Transaction'))`,
			[]string{"APPLICATION UIX"}},
	} {
		checkLocksHeld(t, a, tc.name, tc.batch, locks, tc.want)
	}
}

// TestSerializablePointUpdateLocksTheGapBefore: the RangeX-X of a
// SERIALIZABLE UPDATE of one row by its key covers the gap before the key,
// so an INSERT into it waits — its RangeI-N on the next key, the updated
// one, shown as WAIT meanwhile — and 1222 with a LOCK_TIMEOUT; an INSERT
// past the key goes ahead. Once the UPDATE commits the INSERT is done. The
// INSERT went ahead at once when the key was held X.
func TestSerializablePointUpdateLocksTheGapBefore(t *testing.T) {
	db := harness.Start(t, harness.Options{}).DB("master")
	mustExec(t, db, "CREATE TABLE dbo.t (k int PRIMARY KEY, v int NOT NULL); INSERT dbo.t VALUES (1, 10), (2, 20), (5, 50)")
	a, b, c := appConn(t, db), appConn(t, db), appConn(t, db)
	connExec(t, a, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; UPDATE dbo.t SET v = 0 WHERE k = 5")
	wantSQLError(t, connErr(b, "SET LOCK_TIMEOUT 200; INSERT dbo.t VALUES (4, 40)"), 1222, "Lock request time out period exceeded.")
	connExec(t, b, "INSERT dbo.t VALUES (6, 60)")

	waits := sessionLocks(t, b, c, `SELECT request_mode + ' ' + request_status FROM sys.dm_tran_locks
WHERE request_session_id = @p1 AND resource_type = 'KEY' AND request_status = 'WAIT'`)
	done := make(chan error, 1)
	go func() { done <- connErr(b, "SET LOCK_TIMEOUT -1; INSERT dbo.t VALUES (3, 30)") }()
	var got []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got = waits(); len(got) > 0 {
			break
		}
	}
	if want := "RangeI-N WAIT"; strings.Join(got, ",") != want {
		t.Errorf("the waiting INSERT's KEY requests: %v, want [%s]", got, want)
	}
	connExec(t, a, "COMMIT")
	if err := <-done; err != nil {
		t.Fatalf("INSERT after the UPDATE committed: %v", err)
	}
	var n int
	if err := c.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM dbo.t WHERE k IN (3, 6)").Scan(&n); err != nil || n != 2 {
		t.Errorf("rows 3 and 6: %d, %v; want 2", n, err)
	}
}

// TestSeekTurnedScanNoConversionDeadlock: UPDATEs under SERIALIZABLE whose
// planned seek becomes a scan only when it runs — a key compared with a
// value that does not convert exactly, an IN (subquery) with too many
// values to seek, a join that switches from point reads to a hash of the
// whole target — from several sessions at once queue behind each other,
// as on SQL Server, whose plan does not change under it. The scan locked
// the table U after the statement's IX, a conversion to UIX that waited
// for every other writer's IX: deadlock victims in most rounds. The scan
// now locks key ranges, as the seek would have: no victim, every change
// counted.
func TestSeekTurnedScanNoConversionDeadlock(t *testing.T) {
	const workers = 4
	rounds := 20
	if testing.Short() {
		rounds = 8
	}
	// 2,000 rows; the join's 1,500 outer rows are past the 1,024 after
	// which it starts hashing its inner table (adaptjoin.go).
	const seed = `CREATE TABLE dbo.c (k int PRIMARY KEY, n int NOT NULL, g int NOT NULL, INDEX cg (g));
CREATE TABLE dbo.ids (id int PRIMARY KEY);
WITH d(d) AS (SELECT d FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS v(d))
INSERT dbo.c SELECT k, 0, k % 7 FROM (SELECT a.d * 1000 + b.d * 100 + c.d * 10 + e.d AS k FROM d AS a, d AS b, d AS c, d AS e) AS x WHERE k < 2000;
INSERT dbo.ids SELECT k FROM dbo.c WHERE k < 1500`
	const ser = "SET XACT_ABORT ON; SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; "
	for _, tc := range []struct {
		name, batch string
		each        int // rows each run changes
	}{
		{"clustered key compared with a fraction", ser + "UPDATE dbo.c SET n = n + 1 WHERE k = @p1 + 0.5; COMMIT", 0},
		{"nonclustered key compared with a fraction", ser + "UPDATE dbo.c SET n = n + 1 WHERE g = @p1 + 0.5; COMMIT", 0},
		{"in subquery", ser + "UPDATE dbo.c SET n = n + 1 WHERE k IN (SELECT id FROM dbo.ids WHERE id >= @p1 * 0); COMMIT", 1500},
		{"join switching to a hash of the target", ser + "UPDATE c SET n = c.n + 1 FROM dbo.ids AS i JOIN dbo.c AS c ON c.k = i.id WHERE i.id >= @p1 * 0; COMMIT", 1500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := workersDB(t, workers+1, seed)
			victims := victimsOfWorkers(t, db, workers, rounds, 2, tc.batch)
			var total int
			if err := db.QueryRow("SELECT SUM(n) FROM dbo.c").Scan(&total); err != nil {
				t.Fatal(err)
			}
			if want := workers * rounds * tc.each; victims != 0 || total != want {
				t.Errorf("%d deadlock victims, SUM(n) = %d; want none and %d", victims, total, want)
			}
		})
	}
}

// TestSerializableRereadBesideWaitingInsert: an INSERT into a range a
// SERIALIZABLE transaction has read waits for it holding nothing on its
// new key — sys.dm_tran_locks shows only its RangeI-N request, WAIT, on
// the next key, as SQL Server's INSERT tests the range before it writes —
// so the reader may read the range again, and the missing key, without
// waiting for the INSERT; once the reader commits the INSERT is done. The
// INSERT held its new key X while it waited: the reader's second read
// waited for it and one of the two was a deadlock victim (1205).
func TestSerializableRereadBesideWaitingInsert(t *testing.T) {
	db := harness.Start(t, harness.Options{}).DB("master")
	mustExec(t, db, "CREATE TABLE dbo.t (k int PRIMARY KEY, v int NOT NULL); INSERT dbo.t VALUES (1, 10), (2, 20), (3, 30), (5, 50)")
	a, b, c := appConn(t, db), appConn(t, db), appConn(t, db)
	const rangeRead = "SELECT COUNT(*) FROM dbo.t WHERE k BETWEEN 3 AND 5"
	connExec(t, a, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; SET LOCK_TIMEOUT 5000; BEGIN TRAN; "+rangeRead)
	done := make(chan error, 1)
	go func() { done <- connErr(b, "INSERT dbo.t VALUES (4, 40)") }()
	keys := sessionLocks(t, b, c, `SELECT request_mode + ' ' + request_status FROM sys.dm_tran_locks
WHERE request_session_id = @p1 AND resource_type = 'KEY'`)
	var got []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got = keys(); slices.Contains(got, "RangeI-N WAIT") {
			break
		}
	}
	if want := "RangeI-N WAIT"; strings.Join(got, ",") != want {
		t.Errorf("the waiting INSERT's KEY locks: %v, want [%s]", got, want)
	}
	var n, m int
	err := a.QueryRowContext(context.Background(), rangeRead).Scan(&n)
	if err == nil {
		err = a.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM dbo.t WHERE k = 4").Scan(&m)
	}
	if err != nil || n != 2 || m != 0 {
		t.Errorf("reading the range again beside the waiting INSERT: %d rows, key 4 %d times, %v; want 2, 0, no error", n, m, err)
	}
	connExec(t, a, "COMMIT")
	if err := <-done; err != nil {
		t.Fatalf("the INSERT after the reader committed: %v", err)
	}
}
