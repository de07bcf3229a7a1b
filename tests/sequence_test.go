package tests

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestSequenceConcurrent: sessions taking NEXT VALUE FOR at the same time
// never get the same value (each transaction's catalog copy is taken under
// the catalog lock, after the previous taker committed).
func TestSequenceConcurrent(t *testing.T) {
	inst, err := engine.Open(engine.Config{DataDir: t.TempDir(), ServerName: "seq", SAPassword: "Seq!Passw0rd1", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	ctx := context.Background()
	run := func(s *exec.Session, q string) []string {
		t.Helper()
		var c eventCollector
		if err := s.ExecBatch(ctx, q, &c); err != nil {
			t.Error(err)
		}
		for _, l := range c.lines {
			if strings.HasPrefix(l, dirError) {
				t.Errorf("%s: %s", q, l)
			}
		}
		return c.lines
	}
	admin, err := inst.NewSession("sa", "master", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	run(admin, "CREATE DATABASE seqdb")
	run(admin, "USE seqdb")
	run(admin, "CREATE SEQUENCE dbo.s AS int START WITH 1")
	inst.EndSession(admin)

	const sessions, takes = 4, 25
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for i := 0; i < sessions; i++ {
		s, err := inst.NewSession("sa", "seqdb", exec.SessionInfo{})
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer inst.EndSession(s)
			for j := 0; j < takes; j++ {
				lines := run(s, "SELECT NEXT VALUE FOR dbo.s AS v")
				mu.Lock()
				for _, l := range lines {
					if !strings.HasPrefix(l, "-- expect") {
						seen[l]++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != sessions*takes {
		t.Errorf("%d distinct values for %d takes", len(seen), sessions*takes)
	}
	for v, n := range seen {
		if n > 1 {
			t.Errorf("value %s handed out %d times", v, n)
		}
	}
}
