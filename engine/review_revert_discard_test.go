package engine

import (
	"context"
	"fmt"
	"testing"
)

// TestReviewRevertAfterHousekeeping (review of f43b517 / revert.go): RevertTo
// must not depend on the store keeping versions as of the fork: housekeeping
// (every minute by default) moves badger's discard point up to the applied
// LSN. It used to read every touched key as of the fork version, failed with
// ErrSnapshotTooOld and marked the database SUSPECT (a SAFETY OFF principal
// serving for over a minute, then rejoining as mirror after forced service);
// it now takes the rows' states at the fork from the log's before images.
func TestReviewRevertAfterHousekeeping(t *testing.T) {

	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	defer inst.Close()
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d")
	mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(10)); INSERT t VALUES (1,'a'),(2,'b')")
	db := inst.Database("d")
	fork := db.RedoneLSN()
	mustExec(t, s, "USE d; INSERT t VALUES (3,'c'); UPDATE t SET v = 'x' WHERE k = 1; DELETE t WHERE k = 2")
	// Keys touched again: the first record after the fork gives the state there.
	mustExec(t, s, "USE d; UPDATE t SET v = 'y' WHERE k = 1; INSERT t VALUES (2,'z'); DELETE t WHERE k = 3")
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
