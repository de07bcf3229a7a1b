package engine

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestReviewRedoHoldsUntilTailCut (review, session 10): after RevertTo, a
// redo pass that runs before the reverted tail is cut from the log must not
// apply the tail again (revert_hold.go). It did: RevertTo moves redo back to
// the fork, and the redo loop — woken by a notification, or waiting for the
// redo lock during the revert — redid the tail's DROP TABLE before the
// mirroring manager's TruncateAfter, so the table was gone for good (the
// intermittent failures of TestReviewRevertFromBeforeRetainedLog and
// TestRejoiningPrincipalKeepsTailDrops under -race). Here the pass is run by
// hand between the revert and the cut; once the tail is cut, redo goes on.
func TestReviewRedoHoldsUntilTailCut(t *testing.T) {
	ctx := context.Background()
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, dropsSetup)
	db := inst.Database("d")
	fork := db.RedoneLSN()
	f := newFakeMirroring()
	mirrorAsPrincipal(inst, f, db, fork)
	mustExec(t, s, "USE d; DROP TABLE t") // the divergent tail
	inst.EndSession(s)
	f.setState("d", 2, 1, 0) // mirror, DISCONNECTED: nothing is reclaimed
	if err := db.MarkApplied(ctx, func() txlog.LSN { return 0 }); err != nil {
		t.Fatal(err)
	}
	if err := db.BecomeMirror(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.stopRedo(ctx); err != nil { // passes are run by hand below
		t.Fatal(err)
	}
	hasT := func() bool { return db.Catalog().Table("dbo", "t") != nil }
	if err := db.RevertTo(ctx, fork); err != nil {
		t.Fatal(err)
	}
	if !hasT() {
		t.Fatal("RevertTo did not bring table t back")
	}
	if err := db.catchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if !hasT() {
		t.Fatal("a redo pass before the cut applied the reverted tail again: table t is gone")
	}
	if err := db.Log().TruncateAfter(fork); err != nil {
		t.Fatal(err)
	}
	if err := db.catchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if !hasT() || db.RedoneLSN() != fork {
		t.Fatalf("after the cut: table t present %v, redone %s, want %s", hasT(), db.RedoneLSN(), fork)
	}
	db.redoMu.Lock()
	held := db.rd.hold != nil
	db.redoMu.Unlock()
	if held {
		t.Error("redo still held after the tail was cut")
	}
}
