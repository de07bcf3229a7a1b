package exec_test

import (
	"context"
	"strings"
	"testing"
)

// TestTopFractionalPercent: TOP (n) PERCENT takes n as a float ("Fractional
// values are rounded up to the next integer value" is about the row count,
// TOP's page): 50.5 PERCENT of 10 rows is 5.05 rows, so 6; a percent past
// 100 by a fraction is 1031, as 101 is. The SELECT path truncated n to an
// integer first: 50.5 PERCENT gave 5 rows and 100.5 PERCENT every row.
// (The DML path, dml_limit.go, converted to float already.)
func TestTopFractionalPercent(t *testing.T) {
	ctx := context.Background()
	inst := openExecTestInstance(t, "toppercent")
	s := newSASession(t, inst)
	mustTrace(ctx, t, s, "CREATE DATABASE tp")
	mustTrace(ctx, t, s, "USE tp")
	mustTrace(ctx, t, s, "CREATE TABLE t (k int PRIMARY KEY); INSERT t VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)")
	for _, c := range []struct{ sql, want string }{
		{"SELECT COUNT(*) FROM (SELECT TOP (50.5) PERCENT k FROM t ORDER BY k) AS x", "6"},
		{"SELECT COUNT(*) FROM (SELECT TOP (50) PERCENT k FROM t ORDER BY k) AS x", "5"},
		{"DECLARE @p float = 0.5; SELECT COUNT(*) FROM (SELECT TOP (@p) PERCENT k FROM t ORDER BY k) AS x", "1"},
		{"SELECT TOP (100.5) PERCENT k FROM t ORDER BY k", "error 1031/15/1: Percent values must be between 0 and 100."},
	} {
		o := &dmlTrace{}
		if err := s.ExecBatch(ctx, c.sql, o); err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, l := range o.lines {
			if !strings.HasPrefix(l, "-- ") && !strings.HasPrefix(l, "done") {
				got = l
				break
			}
		}
		if got != c.want {
			t.Errorf("%s: got %q (%v), want %q", c.sql, got, o.lines, c.want)
		}
	}
}
