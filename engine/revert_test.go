package engine

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// TestRevertTo checks that reverting to a fork LSN removes the effects of later
// commits, that the new fork's commits (reusing the same LSN numbers after the
// log is cut) win over the reverted versions, and that all of it survives a
// restart.
func TestRevertTo(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(10)); INSERT t VALUES (1,'a'),(2,'b')")
	db := inst.Database("d")
	fork := db.RedoneLSN() // the last commit before the divergent tail
	// The divergent tail: commits the partner never hardened.
	mustExec(t, s, "USE d; INSERT t VALUES (3,'c'); UPDATE t SET v = 'x' WHERE k = 1; DELETE t WHERE k = 2")
	if got := mustExec(t, s, "USE d; SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != "[1,x 3,c]" {
		t.Fatalf("before revert: %v", got)
	}
	if err := db.RevertTo(context.Background(), fork); err != nil {
		t.Fatal(err)
	}
	if err := db.Log().TruncateAfter(fork); err != nil {
		t.Fatal(err)
	}
	if got := mustExec(t, s, "USE d; SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != "[1,a 2,b]" {
		t.Fatalf("after revert: %v", got)
	}
	// The new fork writes again at the same LSN numbers.
	mustExec(t, s, "USE d; UPDATE t SET v = 'n' WHERE k = 2; INSERT t VALUES (4,'d')")
	want := "[1,a 2,n 4,d]"
	if got := mustExec(t, s, "USE d; SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != want {
		t.Fatalf("new fork: %v, want %s", got, want)
	}
	inst, s = restartTestInstance(t, inst, dir, "d", s)
	defer inst.Close()
	if got := mustExec(t, s, "SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != want {
		t.Fatalf("after restart: %v, want %s", got, want)
	}
}

// TestRevertToFailureMarksSuspect: when the revert fails (injected before it
// writes), the database is SUSPECT (clients refused), nothing of the store is
// changed, and a restart over the intact log serves the data the log holds;
// the revert can then be done again.
func TestRevertToFailureMarksSuspect(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY, v varchar(10)); INSERT t VALUES (1,'a')")
	db := inst.Database("d")
	fork := db.RedoneLSN()
	mustExec(t, s, "USE d; INSERT t VALUES (2,'b'); UPDATE t SET v = 'x' WHERE k = 1")
	end := db.Log().FlushedLSN()

	injected := errors.New("injected store failure")
	revertFault = func(string) error { return injected }
	err := db.RevertTo(context.Background(), fork)
	revertFault = nil
	if !errors.Is(err, injected) {
		t.Fatalf("RevertTo with a failing store: %v, want the injected error", err)
	}
	if got := db.State(); got != StateSuspect {
		t.Fatalf("state after the failed revert: %s, want %s", got, StateSuspect)
	}
	if err := db.CheckAccess(); err == nil {
		t.Fatal("a SUSPECT database accepts clients")
	}
	if got := db.Log().FlushedLSN(); got != end {
		t.Fatalf("the log changed: ends at %s, want %s", got, end)
	}
	inst.EndSession(s)
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}

	// Restart: recovery from the intact log, ONLINE again with the tail.
	inst = openTestInstance(t, dir)
	defer inst.Close()
	db = inst.Database("d")
	if got := db.State(); got != StateOnline {
		t.Fatalf("state after restart: %s, want %s", got, StateOnline)
	}
	s = newTestSession(t, inst, "d")
	defer inst.EndSession(s)
	if got := mustExec(t, s, "SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != "[1,x 2,b]" {
		t.Fatalf("after restart: %v, want the log's [1,x 2,b]", got)
	}
	// The revert done again succeeds.
	if err := db.RevertTo(context.Background(), fork); err != nil {
		t.Fatal(err)
	}
	if err := db.Log().TruncateAfter(fork); err != nil {
		t.Fatal(err)
	}
	if got := mustExec(t, s, "SELECT k, v FROM t ORDER BY k"); fmt.Sprint(got) != "[1,a]" {
		t.Fatalf("after the second revert: %v, want [1,a]", got)
	}
}
