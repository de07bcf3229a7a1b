package engine

import (
	"context"
	"fmt"
	"testing"
)

// TestReviewRevertDropTable (review of revert.go, f43b517, 2c7248f): storage
// that a transaction in the divergent tail drops (DROP TABLE, TRUNCATE TABLE,
// DROP INDEX: DropObject = badger DropPrefix, every version removed) could not
// be reverted: RevertTo brought the catalog back but none of the rows. Drops
// are now performed only once no revert can reach them (drops.go), so the
// rows are still there when the catalog as of the fork names the objects
// again.
func TestReviewRevertDropTable(t *testing.T) {
	tests := []struct {
		name, tail, query, want string
	}{
		{"drop table", "DROP TABLE t", "SELECT k, v FROM t ORDER BY k", "[1,a 2,b]"},
		{"truncate table", "TRUNCATE TABLE t", "SELECT k, v FROM t ORDER BY k", "[1,a 2,b]"},
		{"drop index", "DROP INDEX ix_v ON t", "SELECT k FROM t WITH (INDEX(ix_v)) WHERE v = 'b'", "[2]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inst := openTestInstance(t, t.TempDir())
			defer inst.Close()
			s := newTestSession(t, inst, "master")
			mustExec(t, s, "CREATE DATABASE d")
			mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(10)); CREATE INDEX ix_v ON t (v); INSERT t VALUES (1,'a'),(2,'b')")
			if got := mustExec(t, s, "USE d; "+tc.query); fmt.Sprint(got) != tc.want {
				t.Fatalf("before the tail: %v, want %s", got, tc.want)
			}
			db := inst.Database("d")
			fork := db.RedoneLSN()
			mustExec(t, s, "USE d; "+tc.tail) // the divergent tail
			if err := db.RevertTo(context.Background(), fork); err != nil {
				t.Fatal(err)
			}
			if err := db.Log().TruncateAfter(fork); err != nil {
				t.Fatal(err)
			}
			if got := mustExec(t, s, "USE d; "+tc.query); fmt.Sprint(got) != tc.want {
				t.Fatalf("after reverting %q: %v, want the rows as of the fork %s", tc.tail, got, tc.want)
			}
		})
	}
}
