package exec_test

import (
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
