package engine

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestRejoiningPrincipalKeepsTailDrops is the deterministic form of
// tests/mirroring TestDropRevertedAfterForcedService's intermittent "dt on the
// old principal after failing back: 0, want 2": a principal whose divergent
// tail drops a table becomes mirror (it learned a newer role sequence), and a
// reclaim pass runs before the session start reverts and cuts the tail. The
// pass must not perform the tail's drop: the mirror's log is its own there,
// and its last block's synced field says nothing about what the new principal
// has. It reclaimed the table's storage, and the revert brought back a table
// without rows. Once the session is up (the tail cut), drops are performed as
// for any mirror.
func TestRejoiningPrincipalKeepsTailDrops(t *testing.T) {
	tests := []struct {
		name  string
		state int // the mirroring state reported while the tail is still there
	}{
		{"DISCONNECTED before the session starts", 1},
		{"SUSPENDED until RESUME", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			inst, s := openTestDatabase(t, t.TempDir())
			defer inst.Close()
			mustExec(t, s, dropsSetup)
			db := inst.Database("d")
			ids := storeIDs(t, db)
			want := make([]int, len(ids))
			for i, obj := range ids {
				want[i] = objectKeys(t, db, obj)
			}
			fork := db.RedoneLSN() // the new principal's log forks here
			f := newFakeMirroring()
			mirrorAsPrincipal(inst, f, db, fork)
			mustExec(t, s, "USE d; DROP TABLE t") // the divergent tail
			// A checkpoint (a reclaim pass that must not perform the drop:
			// the mirror hardened only up to the fork) puts later blocks
			// after the drop's, whose synced fields cover it.
			mustExec(t, s, "CHECKPOINT")
			if got := mustPendingDrops(t, db); len(got) == 0 {
				t.Fatal("the principal performed a drop its mirror had not hardened")
			}
			inst.EndSession(s)

			// The principal learns the new role sequence and becomes mirror;
			// the session with the new principal has not started yet.
			f.setState("d", 2, tc.state, 0)
			if err := db.MarkApplied(ctx, func() txlog.LSN { return 0 }); err != nil {
				t.Fatal(err)
			}
			if err := db.BecomeMirror(ctx); err != nil {
				t.Fatal(err)
			}
			if err := db.reclaimDrops(); err != nil {
				t.Fatal(err)
			}
			if got := mustPendingDrops(t, db); len(got) == 0 {
				t.Fatalf("the tail's drop was performed before the tail was cut")
			}
			// The session starts: the tail is reverted, then cut.
			if err := db.RevertTo(ctx, fork); err != nil {
				t.Fatal(err)
			}
			f.setState("d", 2, mirrorStateSynchronizing, 0)
			if err := db.reclaimDrops(); err != nil {
				t.Fatal(err)
			}
			for i, obj := range ids {
				if got := objectKeys(t, db, obj); got != want[i] {
					t.Errorf("object %d of table t holds %d keys after the revert, want %d", obj, got, want[i])
				}
			}
		})
	}
}
