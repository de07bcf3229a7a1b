package exec_test

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// benchSession opens an instance named server in a fresh directory (closed
// when the benchmark function returns) and gives an sa session of it in
// master after running setup, one batch a string: the in-process setup the
// engine/exec benchmarks share.
func benchSession(b *testing.B, server string, setup ...string) *exec.Session {
	b.Helper()
	inst, err := engine.Open(engine.Config{DataDir: b.TempDir(), ServerName: server, SAPassword: "Test!Passw0rd", Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { inst.Close() })
	s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range setup {
		if err := s.ExecBatch(context.Background(), q, &countOutput{}); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	return s
}
