package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql"
)

// FuzzExecBatch runs arbitrary batches against one instance: whatever the text,
// executing it returns (results or SQL Server errors) and never panics. Seeds
// are the batches of the end-to-end script corpus.
func FuzzExecBatch(f *testing.F) {
	files, _ := filepath.Glob("../tests/testdata/scripts/*.sql")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		for _, batch := range tsql.SplitScript(string(b)) {
			f.Add(batch.Text)
		}
	}
	f.Add("SELECT 1")
	inst := openTestInstance(f, f.TempDir())
	f.Cleanup(func() { inst.Close() })
	setup, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		f.Fatal(err)
	}
	if err := setup.ExecBatch(context.Background(), "CREATE DATABASE fz", &collect{}); err != nil {
		f.Fatal(err)
	}
	inst.EndSession(setup)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 || strings.Contains(strings.ToUpper(text), "WAITFOR") || strings.Contains(strings.ToUpper(text), "SHUTDOWN") {
			return
		}
		s, err := inst.NewSession("sa", "fz", exec.SessionInfo{})
		if err != nil {
			t.Fatal(err)
		}
		defer inst.EndSession(s)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = s.ExecBatch(ctx, text, &collect{})
	})
}
