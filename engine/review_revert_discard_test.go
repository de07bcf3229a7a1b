package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewRevertAfterHousekeeping (review of f43b517 / revert.go): RevertTo
// reads every touched key as of the fork version, but nothing pins that
// version: store housekeeping (every minute by default) moves badger's discard
// point up to the applied LSN, so once it has run after the divergent tail
// was applied, the read fails with ErrSnapshotTooOld and the database goes
// SUSPECT. A SAFETY OFF principal that kept serving for more than a minute
// after the mirror last hardened its log, then rejoined as mirror after a
// forced failover, hits this every time.
func TestReviewRevertAfterHousekeeping(t *testing.T) {
	t.Skip("known bug: nothing pins the fork version; after housekeeping RevertTo fails with ErrSnapshotTooOld and the database goes SUSPECT (engine/revert.go revertTo store.Get as of forkVersion; storage advanceDiscard)")
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	defer inst.Close()
	s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, s, "CREATE DATABASE d")
	mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(10)); INSERT t VALUES (1,'a'),(2,'b')")
	db := inst.Database("d")
	fork := db.RedoneLSN()
	mustExec(t, s, "USE d; INSERT t VALUES (3,'c'); UPDATE t SET v = 'x' WHERE k = 1; DELETE t WHERE k = 2")
	// What the housekeeping goroutine does once a minute.
	if err := db.store.CollectGarbage(); err != nil {
		t.Fatal(err)
	}
	if err := db.RevertTo(context.Background(), fork); err != nil {
		t.Fatalf("RevertTo after housekeeping: %v (state %s)", err, db.State())
	}
	if got := mustExec(t, s, "USE d; SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != "[1,a 2,b]" {
		t.Fatalf("after revert: %v", got)
	}
}
