package engine

import (
	"fmt"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReadPointsFromPool: READ_COMMITTED_SNAPSHOT statements and a SNAPSHOT
// transaction read a table the buffer pool holds while another session
// commits transfers between rows and moves rows to new keys (an insert and a
// delete in one transaction) — every read sees the same total and row count,
// as of its read point — and the reads come from the pool (OldReads), not
// badger. Then, deterministically inside one SNAPSHOT transaction: a row
// updated, a row deleted and a row inserted by another session's commits
// after its read point show as they were.
func TestReadPointsFromPool(t *testing.T) {
	const rows, initial = 20_000, 100
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	defer inst.Close()
	mustExec(t, s, "ALTER DATABASE d SET ALLOW_SNAPSHOT_ISOLATION ON; ALTER DATABASE d SET READ_COMMITTED_SNAPSHOT ON")
	mustExec(t, s, "USE d; CREATE TABLE acct (id int PRIMARY KEY, bal int NOT NULL)")
	mustExec(t, s, fmt.Sprintf("USE d; INSERT acct SELECT value, %d FROM GENERATE_SERIES(1, %d)", initial, rows))
	store := inst.Database("d").store
	want := fmt.Sprintf("%d,%d", rows, rows*initial)
	sum := func(s *exec.Session, q string) {
		t.Helper()
		if got := mustExec(t, s, q); len(got) != 1 || got[0] != want {
			t.Fatalf("%s = %v, want %s", q, got, want)
		}
	}
	// Loads run in the background once enough rows were read.
	for deadline := time.Now().Add(time.Minute); store.CacheStats().Loads == 0; {
		sum(s, "SELECT COUNT(*), SUM(bal) FROM acct")
		if time.Now().After(deadline) {
			t.Fatal("acct not loaded into the buffer pool after a minute")
		}
	}

	stopWriter := startWriter(t, inst, "d", func(i int) string {
		a, b := 1+i*7919%rows, 1+(i*7919+1)%rows
		if i%2 == 0 {
			return fmt.Sprintf("BEGIN TRAN; UPDATE acct SET bal = bal - 7 WHERE id = %d; UPDATE acct SET bal = bal + 7 WHERE id = %d; COMMIT", a, b)
		}
		// Move the row of the smallest id to a new, largest one.
		return "BEGIN TRAN; DECLARE @id int = (SELECT MIN(id) FROM acct); INSERT acct SELECT (SELECT MAX(id) FROM acct) + 1, bal FROM acct WHERE id = @id; DELETE acct WHERE id = @id; COMMIT"
	})
	defer stopWriter()
	snap := newTestSession(t, inst, "d")
	mustExec(t, snap, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT")
	before := store.CacheStats()
	for range 30 {
		sum(s, "SELECT COUNT(*), SUM(bal) FROM acct")
		sum(s, "SELECT COUNT(*), SUM(a.bal + b.bal) / 2 FROM acct AS a JOIN acct AS b ON b.id = a.id")
		mustExec(t, snap, "BEGIN TRAN")
		sum(snap, "SELECT COUNT(*), SUM(bal) FROM acct")
		sum(snap, "SELECT COUNT(*), SUM(bal) FROM acct WHERE id > 0")
		mustExec(t, snap, "COMMIT")
	}
	if err := stopWriter(); err != nil {
		t.Fatal(err)
	}
	after := store.CacheStats()
	if after.HitScans == before.HitScans {
		t.Errorf("no read came from the buffer pool: before %+v, after %+v", before, after)
	}
	t.Logf("with commits going on: %d scans from the pool, %d reads below its floor", after.HitScans-before.HitScans, after.OldReads-before.OldReads)

	// One SNAPSHOT transaction, another session's commits after its read point.
	first := mustExec(t, s, "SELECT MIN(id), MAX(id) FROM acct")[0]
	var lo, hi int
	fmt.Sscanf(first, "%d,%d", &lo, &hi)
	mustExec(t, snap, "BEGIN TRAN")
	old := mustExec(t, snap, fmt.Sprintf("SELECT id, bal FROM acct WHERE id IN (%d, %d, %d) ORDER BY id", lo, lo+1, hi+1))
	w := newTestSession(t, inst, "d")
	mustExec(t, w, fmt.Sprintf("UPDATE acct SET bal = bal + 1000 WHERE id = %d; DELETE acct WHERE id = %d; INSERT acct VALUES (%d, 5)", lo, lo+1, hi+1))
	before = store.CacheStats()
	for _, q := range []string{
		fmt.Sprintf("SELECT id, bal FROM acct WHERE id IN (%d, %d, %d) ORDER BY id", lo, lo+1, hi+1),
		fmt.Sprintf("SELECT id, bal FROM acct WHERE id >= %d AND id <= %d AND id IN (%d, %d, %d) ORDER BY id", lo, hi+1, lo, lo+1, hi+1),
	} {
		if got := mustExec(t, snap, q); fmt.Sprint(got) != fmt.Sprint(old) {
			t.Errorf("after the other session's commit: %s = %v, want %v", q, got, old)
		}
	}
	mustExec(t, snap, "COMMIT")
	if after := store.CacheStats(); after.OldReads != before.OldReads {
		t.Errorf("%d reads of the SNAPSHOT transaction read badger", after.OldReads-before.OldReads)
	}
	if got := mustExec(t, snap, fmt.Sprintf("SELECT COUNT(*) FROM acct WHERE id IN (%d, %d, %d)", lo, lo+1, hi+1)); got[0] != "2" {
		t.Errorf("after COMMIT the transaction's next read sees %v rows of 3, want 2 (the new ones)", got)
	}
	inst.EndSession(w)
	inst.EndSession(snap)
}
