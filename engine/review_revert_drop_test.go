package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewRevertDropTable (review of revert.go, f43b517): a DROP TABLE in
// the divergent tail is applied with DropObject (badger DropPrefix, every
// version of the table's rows removed). RevertTo reverts the catalog — the
// table is back — but can read none of its rows as of the fork any more, so
// the former principal's copy of the table is empty while its partner's (and
// its own log up to the fork) has the rows.
func TestReviewRevertDropTable(t *testing.T) {
	t.Skip("known bug: a DROP TABLE (DropObject = DropPrefix of every version) in the divergent tail cannot be reverted: the catalog comes back, the rows do not (engine/revert.go, redo.go applyCommitted)")
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
	mustExec(t, s, "USE d; DROP TABLE t") // the divergent tail
	if err := db.RevertTo(context.Background(), fork); err != nil {
		t.Fatal(err)
	}
	if err := db.Log().TruncateAfter(fork); err != nil {
		t.Fatal(err)
	}
	if got := mustExec(t, s, "USE d; SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != "[1,a 2,b]" {
		t.Fatalf("after reverting a DROP TABLE: %v, want the rows as of the fork [1,a 2,b]", got)
	}
}
