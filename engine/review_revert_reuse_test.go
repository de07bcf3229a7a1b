package engine

import (
	"context"
	"fmt"
	"testing"
)

// TestReviewRevertStoreIDReuse: RevertTo restores the catalog as of the fork,
// whose NextStore is below the ids the reverted tail allocated, so the new
// fork hands those ids out again. The tail's objects must then hold nothing
// (their rows are undone by the log's Insert records, their pending drops
// forgotten): a table created after the revert must start empty, and a
// reclaim pass must not remove the new table's rows.
func TestReviewRevertStoreIDReuse(t *testing.T) {
	tails := []struct{ name, tail string }{
		{"create+insert", "CREATE TABLE x (k int PRIMARY KEY, v int); CREATE INDEX ix ON x (v); INSERT x VALUES (1,1),(2,2)"},
		{"create+insert+drop", "CREATE TABLE x (k int PRIMARY KEY, v int); CREATE INDEX ix ON x (v); INSERT x VALUES (1,1),(2,2); DROP TABLE x"},
		{"truncate", "INSERT t VALUES (3,'c',30,300); TRUNCATE TABLE t; INSERT t VALUES (4,'d',40,400)"},
	}
	for _, tc := range tails {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			inst, s := openTestDatabase(t, dir)
			defer inst.Close()
			mustExec(t, s, dropsSetup)
			db := inst.Database("d")
			fork := db.RedoneLSN()
			f := newFakeMirroring()
			mirrorAsPrincipal(inst, f, db, fork)
			mustExec(t, s, "USE d; "+tc.tail)
			if err := db.RevertTo(context.Background(), fork); err != nil {
				t.Fatal(err)
			}
			if err := db.Log().TruncateAfter(fork); err != nil {
				t.Fatal(err)
			}
			// The new fork reuses the tail's store ids.
			mustExec(t, s, "USE d; CREATE TABLE y (a int PRIMARY KEY, b int); CREATE INDEX iy ON y (b); CREATE TABLE z (a int PRIMARY KEY)")
			for _, q := range []string{"SELECT COUNT(*) FROM y", "SELECT COUNT(*) FROM z", "SELECT COUNT(*) FROM y WITH (INDEX(iy))"} {
				if got := mustExec(t, s, "USE d; "+q); fmt.Sprint(got) != "[0]" {
					t.Errorf("%s on the new fork: %v, want [0] (a reused store id kept the tail's rows)", q, got)
				}
			}
			mustExec(t, s, "USE d; INSERT y VALUES (7,7); INSERT z VALUES (8)")
			f.set("d", 1, 1<<62)
			if err := db.Checkpoint(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := mustExec(t, s, "USE d; SELECT (SELECT COUNT(*) FROM y) + (SELECT COUNT(*) FROM z) + (SELECT COUNT(*) FROM t)"); fmt.Sprint(got) != "[4]" {
				t.Errorf("rows of y, z and t after a reclaim pass on the new fork: %v, want [4]", got)
			}
		})
	}
}
