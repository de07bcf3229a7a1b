package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// Helpers shared by the engine package's tests: an instance on a test
// directory, sessions on it, batches run for their rows, and the restart
// (clean close, reopen) that recovery tests repeat.

// collect is an exec.Output that keeps rows as text and fails on errors.
type collect struct {
	exec.Output
	rows []string
	errs []error
}

func (c *collect) Columns([]exec.ResultColumn) error { return nil }
func (c *collect) Row(r exec.Row) error {
	parts := make([]string, len(r))
	for i, v := range r {
		parts[i] = v.String()
	}
	c.rows = append(c.rows, strings.Join(parts, ","))
	return nil
}
func (c *collect) Done(exec.Cmd, int64, bool, bool, bool) error { return nil }
func (c *collect) Message(*exec.Error) error                    { return nil }
func (c *collect) Error(err error) error                        { c.errs = append(c.errs, err); return nil }
func (c *collect) Transaction(exec.TranEvent, uint64) error     { return nil }
func (c *collect) DatabaseChanged(string, string) error         { return nil }
func (c *collect) ReturnStatus(int32) error                     { return nil }

func mustExec(t *testing.T, s *exec.Session, sql string) []string {
	t.Helper()
	out := &collect{}
	if err := s.ExecBatch(context.Background(), sql, out); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if len(out.errs) > 0 {
		t.Fatalf("%s: %v", sql, out.errs[0])
	}
	return out.rows
}

func openTestInstance(t testing.TB, dir string) *Instance {
	t.Helper()
	inst, err := Open(Config{DataDir: dir, ServerName: "t", SAPassword: "pw", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// openTestDatabase opens an instance in dir and creates database d from an sa
// session in master, which it returns for the test's statements.
func openTestDatabase(t *testing.T, dir string) (*Instance, *exec.Session) {
	t.Helper()
	inst := openTestInstance(t, dir)
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d")
	return inst, s
}

// newTestSession opens an sa session on inst with db as its current database.
func newTestSession(t testing.TB, inst *Instance, db string) *exec.Session {
	t.Helper()
	return newLoginSession(t, inst, "sa", db)
}

// newLoginSession opens a session of login on inst in database db.
func newLoginSession(t testing.TB, inst *Instance, login, db string) *exec.Session {
	t.Helper()
	s, err := inst.NewSession(login, db, exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// restartTestInstance ends sessions, closes inst cleanly and opens the
// instance in dir again (recovery runs), returning it and a new sa session
// on db. The caller closes the new instance.
func restartTestInstance(t *testing.T, inst *Instance, dir, db string, sessions ...*exec.Session) (*Instance, *exec.Session) {
	t.Helper()
	for _, s := range sessions {
		inst.EndSession(s)
	}
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	inst = openTestInstance(t, dir)
	return inst, newTestSession(t, inst, db)
}
