package engine

import (
	"strconv"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestReadPointPinnedUntilSessionEnds: a SNAPSHOT transaction's read point
// holds badger's discard point below it while the transaction is open,
// also when its connection is abandoned mid-transaction, until the session
// ends (Session.Close rolls it back); then housekeeping moves on. An
// autocommit SNAPSHOT or RCSI statement holds its point only while it runs.
func TestReadPointPinnedUntilSessionEnds(t *testing.T) {
	inst, admin := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, admin, "ALTER DATABASE d SET ALLOW_SNAPSHOT_ISOLATION ON")
	mustExec(t, admin, "ALTER DATABASE d SET READ_COMMITTED_SNAPSHOT ON")
	w := newTestSession(t, inst, "d")
	mustExec(t, w, "CREATE TABLE dbo.t (id int PRIMARY KEY, v int NOT NULL); INSERT dbo.t VALUES (1, 0)")
	db := inst.Database("d")
	discard := func() txlog.LSN {
		t.Helper()
		// Deferred applies may still be queued (ApplyDeferred batches lone
		// commits): apply them first, so AppliedLSN is where the log is.
		if err := db.store.Sync(); err != nil {
			t.Fatal(err)
		}
		if err := db.store.CollectGarbage(); err != nil {
			t.Fatal(err)
		}
		return db.store.DiscardLSN()
	}

	// Statements alone pin nothing once they end.
	rc := newTestSession(t, inst, "d")
	mustExec(t, rc, "SELECT v FROM dbo.t")
	mustExec(t, rc, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT; SELECT v FROM dbo.t")
	mustExec(t, w, "UPDATE dbo.t SET v = v + 1")
	if d, applied := discard(), db.store.AppliedLSN(); d != applied {
		t.Fatalf("after statements: discard point %d, want the applied LSN %d (no pin left)", d, applied)
	}

	s := newTestSession(t, inst, "d")
	rows := mustExec(t, s, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT; BEGIN TRAN; SELECT v FROM dbo.t; SELECT first_snapshot_sequence_num FROM sys.dm_tran_current_transaction")
	point, err := strconv.ParseUint(rows[len(rows)-1], 10, 64)
	if err != nil || point == 0 {
		t.Fatalf("read point %q: %v", rows[len(rows)-1], err)
	}
	for range 3 {
		mustExec(t, w, "UPDATE dbo.t SET v = v + 1")
	}
	if d := discard(); uint64(d) > point {
		t.Fatalf("discard point %d passed the open snapshot's %d", d, point)
	}
	if got := mustExec(t, s, "SELECT v FROM dbo.t"); got[0] != "1" {
		t.Fatalf("snapshot read after housekeeping = %v, want [1]", got)
	}
	s.Close() // the connection went away mid-transaction
	mustExec(t, w, "UPDATE dbo.t SET v = v + 1")
	if d := discard(); uint64(d) <= point {
		t.Fatalf("discard point %d still at or below the ended snapshot's %d", d, point)
	}
}
