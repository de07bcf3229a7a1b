package exec_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// openExecTestInstance opens an engine instance named name in a test
// directory; it closes when the test ends.
func openExecTestInstance(t testing.TB, name string) *engine.Instance {
	t.Helper()
	inst, err := engine.Open(engine.Config{DataDir: t.TempDir(), ServerName: name, SAPassword: "Test!Passw0rd", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.Close() })
	return inst
}

// newSASession opens an sa session in master on inst.
func newSASession(t testing.TB, inst *engine.Instance) *exec.Session {
	t.Helper()
	s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newSessions opens n sa sessions in database db on inst, the workers of a
// concurrency test.
func newSessions(t testing.TB, inst *engine.Instance, db string, n int) []*exec.Session {
	t.Helper()
	sessions := make([]*exec.Session, n)
	for i := range sessions {
		s, err := inst.NewSession("sa", db, exec.SessionInfo{})
		if err != nil {
			t.Fatal(err)
		}
		sessions[i] = s
	}
	return sessions
}

// mustTrace runs sql on s and gives what a client saw of it (dmlTrace),
// failing the test when the batch fails or its last line is an error.
func mustTrace(ctx context.Context, t testing.TB, s *exec.Session, sql string) []string {
	t.Helper()
	o := &dmlTrace{}
	if err := s.ExecBatch(ctx, sql, o); err != nil || len(o.lines) > 0 && strings.HasPrefix(o.lines[len(o.lines)-1], "error") {
		t.Fatalf("%s: %v %v", sql, err, o.lines)
	}
	return o.lines
}
