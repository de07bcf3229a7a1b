package exec_test

import (
	"context"
	"regexp"
	"testing"
	"time"
)

// TestStatisticsTime: under SET STATISTICS TIME ON (also spelled SET
// STATISTICS IO, TIME ON) each batch starts with message 3613 and each
// statement, inside procedures too, ends with message 3612 in SQL Server's
// format; OFF stops them. Timings are not asserted (machines are noisy),
// only the messages' shape and where they come.
func TestStatisticsTime(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "statstime"))
	run := func(q string) []string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return out.lines
	}
	run("CREATE PROCEDURE dbo.two AS BEGIN SELECT 1 AS a; SELECT 2 AS b END")
	if got := run("SELECT 1 AS x"); len(got) != 2 {
		t.Fatalf("before ON: %q, want the result only", got)
	}
	run("SET STATISTICS IO, TIME ON")
	compile := regexp.MustCompile(`^msg 3613: SQL Server parse and compile time: \n   CPU time = \d+ ms, elapsed time = \d+ ms\.$`)
	exec := regexp.MustCompile(`^msg 3612: \n SQL Server Execution Times:\n   CPU time = \d+ ms,  elapsed time = \d+ ms\.$`)
	got := run("SELECT 1 AS x; EXEC dbo.two")
	// 3613; SELECT's result and 3612; the procedure's two results with a
	// 3612 each, then the EXEC's own.
	shape := []*regexp.Regexp{compile, nil, nil, exec, nil, nil, exec, nil, nil, exec, exec}
	if len(got) != len(shape) {
		t.Fatalf("under STATISTICS TIME: %q", got)
	}
	for i, re := range shape {
		if re != nil && !re.MatchString(got[i]) {
			t.Errorf("line %d: %q does not match %s", i, got[i], re)
		}
		if re == nil && regexp.MustCompile(`^msg `).MatchString(got[i]) {
			t.Errorf("line %d: %q, want a result line", i, got[i])
		}
	}
	run("SET STATISTICS TIME OFF")
	if got := run("SELECT 1 AS x"); len(got) != 2 {
		t.Errorf("after OFF: %q, want the result only", got)
	}
}
