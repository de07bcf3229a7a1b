package engine

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestReviewIdentityCounterCommitOrder: every inserting transaction writes
// the table's identity counter as it was at its INSERT (exec noteIdentity),
// without a lock, so a transaction that inserted first and commits last
// stores a counter below values already handed out and committed. After a
// restart the counter is loaded from the store and an identity value is
// handed out again.
func TestReviewIdentityCounterCommitOrder(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	defer func() { inst.Close() }()
	a := newTestSession(t, inst, "master")
	mustExec(t, a, "CREATE DATABASE d")
	mustExec(t, a, "USE d; CREATE TABLE t (id int IDENTITY PRIMARY KEY, g int NOT NULL)")
	b := newTestSession(t, inst, "d")
	mustExec(t, a, "BEGIN TRAN; INSERT t (g) VALUES (1)") // id 1, counter 1 in a's write set
	mustExec(t, b, "INSERT t (g) VALUES (2)")             // id 2, counter 2 committed
	mustExec(t, a, "COMMIT")                              // counter 1 committed last
	inst.EndSession(a)
	var s *exec.Session
	inst, s = restartTestInstance(t, inst, dir, "d", b)
	out := &collect{}
	if err := s.ExecBatch(t.Context(), "INSERT t (g) VALUES (3); SELECT MAX(id) FROM t", out); err != nil || len(out.errs) > 0 {
		t.Fatalf("insert after restart: %v %v", err, out.errs)
	}
}
