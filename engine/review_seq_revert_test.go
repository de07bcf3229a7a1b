package engine

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewSequenceAllocatorSurvivesRevert (review of e4a07f0): the
// sequence allocator's cache (values reserved, not yet handed out) lives in
// memory, keyed by database, and nothing resets it when RevertTo undoes the
// reservation that backed it (a principal that served exposed or with SAFETY
// OFF, rejoining after a forced failover). Values then come from a
// reservation the log no longer holds: handed out on the surviving timeline
// and handed out again after a restart (here), or — in a real failback — the
// same values the other partner handed out from its own reservation of that
// range.
func TestReviewSequenceAllocatorSurvivesRevert(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE SEQUENCE dbo.s AS int START WITH 1; CREATE TABLE t (v int PRIMARY KEY)")
	seen := map[string]bool{}
	take := func(s *exec.Session, when string) {
		t.Helper()
		rows := mustExec(t, s, "USE d; DECLARE @v int = NEXT VALUE FOR dbo.s; INSERT t VALUES (@v); SELECT @v")
		if seen[rows[0]] {
			t.Fatalf("%s: value %s handed out twice on the surviving timeline", when, rows[0])
		}
		seen[rows[0]] = true
	}
	for range 50 { // 1..50: one reservation, before the fork
		take(s, "before the fork")
	}
	db := inst.Database("d")
	fork := db.RedoneLSN()
	mustExec(t, s, "USE d; SELECT NEXT VALUE FOR dbo.s") // 51: reserves 51..100 after the fork
	if err := db.RevertTo(context.Background(), fork); err != nil {
		t.Fatal(err)
	}
	if err := db.Log().TruncateAfter(fork); err != nil {
		t.Fatal(err)
	}
	take(s, "after the revert") // the surviving timeline's next value
	inst, s = restartTestInstance(t, inst, dir, "master", s)
	defer inst.Close()
	for range 5 {
		take(s, "after restart")
	}
}
