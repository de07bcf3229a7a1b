package tests

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDemo runs the README's first command (`mirrorsql demo`, shortened): three
// instances, mirroring set up with T-SQL, a writer through a failover partner
// connection string, kill -9 of the principal, automatic failover, the old
// principal rejoining as mirror, and every acknowledged row present.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo takes about 20 s")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, harness.Binary(t), "demo", "--data", t.TempDir(), "--before", "2s", "--after", "2s")
	out, err := cmd.CombinedOutput()
	text := string(out)
	if err != nil {
		t.Fatalf("demo failed: %v\n%s", err, text)
	}
	for _, want := range []string{
		"the session is SYNCHRONIZED",
		"is now PRINCIPAL",
		"the writer resumed on bravo",
		"returned as MIRROR",
		"0 acknowledged rows missing",
		"no acknowledged commit was lost.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("demo output lacks %q:\n%s", want, text)
		}
	}
}
