package engine

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestReviewRevertFromBeforeRetainedLog: RevertTo scans the log from the fork
// and treats txlog.ErrTruncated (the fork lies before the retained log) as the
// end of the scan (revert.go: `!errors.Is(err, txlog.ErrTruncated)`). When the
// fork is the restore point of a mirror seeded WITH NORECOVERY, whose log
// starts after it, the scan stops before its first record: RevertTo reverts
// nothing, moves RedoneLSN back to the fork and reports success, so the cut
// tail's DROP TABLE stays applied while the principal still has the table.
// A revert that cannot read the tail must fail (the database goes SUSPECT)
// rather than succeed having undone nothing.
func TestReviewRevertFromBeforeRetainedLog(t *testing.T) {
	inst, d2, fork := seededMirrorAfterDrop(t)
	defer inst.Close()
	err := d2.RevertTo(context.Background(), fork)
	if err == nil && d2.Catalog().Table("dbo", "t") == nil {
		t.Fatalf("RevertTo(%s) succeeded but table t, dropped after the fork, is still gone (redone now %s)", fork, d2.RedoneLSN())
	}
}

// TestReviewSeededMirrorRedoHoldsUntilCut is the deterministic form of the
// race behind TestReviewRevertFromBeforeRetainedLog's rare failures: the fork
// of a mirror seeded WITH NORECOVERY lies before its retained log, so the
// revert's hold on the tail (revert_hold.go) named no block and the cut
// (txlog.Log.TruncateAfter) refused with ErrTruncated: a redo pass after the
// revert applied the whole tail again — DROP TABLE t included — and the tail
// stayed in the log for good. Now the hold is on the retained log's first
// block, the cut empties the log back to the restore point, and redo goes on
// from there.
func TestReviewSeededMirrorRedoHoldsUntilCut(t *testing.T) {
	ctx := context.Background()
	inst, d2, fork := seededMirrorAfterDrop(t)
	defer inst.Close()
	if err := d2.stopRedo(ctx); err != nil { // passes are run by hand below
		t.Fatal(err)
	}
	hasT := func() bool { return d2.Catalog().Table("dbo", "t") != nil }
	if err := d2.RevertTo(ctx, fork); err != nil {
		t.Fatal(err)
	}
	if !hasT() {
		t.Fatal("RevertTo did not bring table t back")
	}
	if err := d2.catchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if !hasT() {
		t.Fatal("a redo pass before the cut applied the reverted tail again: table t is gone")
	}
	if err := d2.Log().TruncateAfter(fork); err != nil {
		t.Fatalf("cutting the tail after the fork %s (before the retained log): %v", fork, err)
	}
	if err := d2.catchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if !hasT() || d2.RedoneLSN() != fork {
		t.Fatalf("after the cut: table t present %v, redone %s, want %s", hasT(), d2.RedoneLSN(), fork)
	}
	d2.redoMu.Lock()
	held := d2.rd.hold != nil
	d2.redoMu.Unlock()
	if held {
		t.Error("redo still held after the tail was cut")
	}
}

// seededMirrorAfterDrop makes d2, a mirror of d seeded WITH NORECOVERY from a
// full backup (the fork: the restore point, the principal's durable end then)
// and a log backup holding DROP TABLE t, redone. The caller closes inst.
func seededMirrorAfterDrop(t *testing.T) (inst *Instance, d2 *Database, fork txlog.LSN) {
	t.Helper()
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, dropsSetup)
	db := inst.Database("d")
	f := newFakeMirroring()
	mirrorAsPrincipal(inst, f, db, 0)
	full, logb := dir+"/full.bak", dir+"/log.bak"
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+full+"'")
	fork = db.RedoneLSN()
	mustExec(t, s, "USE d; DROP TABLE t")
	mustExec(t, s, "USE master; BACKUP LOG d TO DISK = '"+logb+"'")
	f.set("d2", 3, 0) // in transition: nothing is reclaimed (see TestReviewMirrorReclaimThenCut)
	mustExec(t, s, "USE master; RESTORE DATABASE d2 FROM DISK = '"+full+"' WITH NORECOVERY")
	restoreLogAsMirror(t, inst, "d2", logb)
	d2 = inst.Database("d2")
	if d2.Catalog().Table("dbo", "t") != nil {
		t.Fatal("table t still in the mirror's catalog after redoing DROP TABLE")
	}
	return inst, d2, fork
}
