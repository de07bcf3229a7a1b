package engine

import (
	"context"
	"fmt"
	"testing"
)

// TestReviewMirrorReclaimThenCut: a mirror reclaims a redone drop at once
// (dropSafety, role 2: "its log is a copy of the principal's, so no fork cuts
// it"), but a mirror's log CAN be cut on the same timeline: the principal
// ships log before its own fdatasync, so an OS crash of the principal loses a
// tail the mirror has hardened and redone, and the mirror cuts it at session
// start (mirroring/partner/log.go acceptSession → cutTail → RevertTo). If the
// cut tail dropped a table whose storage the mirror already reclaimed, the
// revert restores the catalog naming the table but its rows are gone: the
// mirror's store no longer equals the principal's (which never saw the drop
// durably), and a later failover serves an empty table. (The reclaim pass
// deleted the drop's catalog_before image too; the catalog comes back here
// only through the fallback read of an old store version, which compaction
// may already have discarded.) Role 3 (in transition: nothing is reclaimed)
// is the control: the same cut then restores table t with its rows.
func TestReviewMirrorReclaimThenCut(t *testing.T) {
	for _, role := range []int{3, 2} {
		t.Run(fmt.Sprintf("role=%d", role), func(t *testing.T) { reviewMirrorReclaimThenCut(t, role) })
	}
}

func reviewMirrorReclaimThenCut(t *testing.T, role int) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	defer inst.Close()
	mustExec(t, s, dropsSetup)
	db := inst.Database("d")
	ids := storeIDs(t, db)
	f := newFakeMirroring()
	mirrorAsPrincipal(inst, f, db, 0)
	full, logb := dir+"/full.bak", dir+"/log.bak"
	mustExec(t, s, "BACKUP DATABASE d TO DISK = '"+full+"'")
	// A commit after the full backup, so that the fork lies inside the
	// mirror's log.
	mustExec(t, s, "USE d; INSERT t VALUES (3,'c',30,300)")
	want := make([]int, len(ids))
	for i, obj := range ids {
		want[i] = objectKeys(t, db, obj)
	}
	fork := db.RedoneLSN() // the principal's durable end: the DROP below is lost there
	mustExec(t, s, "USE d; DROP TABLE t")
	mustExec(t, s, "USE master; BACKUP LOG d TO DISK = '"+logb+"'")

	// d2 is the mirror: it hardens and redoes the principal's tail.
	f.set("d2", role, 0)
	mustExec(t, s, "USE master; RESTORE DATABASE d2 FROM DISK = '"+full+"' WITH NORECOVERY")
	restoreLogAsMirror(t, inst, "d2", logb)
	d2 := inst.Database("d2")
	if d2.State() != StateRestoring {
		t.Fatalf("d2 is %s, want RESTORING", d2.State())
	}
	// The principal restarts without the tail; the session re-forms and the
	// mirror cuts its log after the principal's end (cutTail: undo, then
	// truncate; only the undo matters here).
	if err := d2.RevertTo(context.Background(), fork); err != nil {
		t.Fatal(err)
	}
	if d2.Catalog().Table("dbo", "t") == nil {
		t.Errorf("table t not in the mirror's catalog after the cut (tables: %d)", len(d2.Catalog().Tables))
	}
	for i, obj := range ids {
		if got := objectKeys(t, d2, obj); got != want[i] {
			t.Errorf("object %d of table t holds %d keys on the mirror after the cut, want %d (the principal's): "+
				"the mirror reclaimed a drop its log later lost", obj, got, want[i])
		}
	}
}
