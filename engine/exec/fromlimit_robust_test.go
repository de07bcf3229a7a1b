package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestTableSourceLimitRobust: a FROM clause with more than 1,024 table
// sources is SQL Server's 8623 before any plan is built. Compiling joins
// costs memory quadratic in their number (3,000 joins took 1.2 GB), so a
// generated batch of 100,000 JOINs used to eat the machine's memory and
// would have killed the server. Up to the limit, joins still compile and
// run; the session answers afterwards. The table is empty: the cost under
// test is compilation, not rows.
func TestTableSourceLimitRobust(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "fromlimit"))
	for _, q := range []string{"CREATE DATABASE fromlimit", "USE fromlimit", "CREATE TABLE dbo.tc (id int)"} {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	joins := func(n int) string { return strings.Repeat(" JOIN dbo.tc ON 1=1", n) }
	commas := func(n int) string { return strings.Repeat(", dbo.tc", n) }
	for _, c := range []struct {
		name, q, want string
	}{
		{"100 joins compile", "SELECT COUNT(*) FROM dbo.tc" + joins(99), "0"},
		{"1,024 comma-joined sources", "SELECT COUNT(*) FROM dbo.tc" + commas(1023), "0"},
		{"1,025 comma-joined sources", "SELECT COUNT(*) FROM dbo.tc" + commas(1024), "error 8623/16: The query processor ran out of internal resources"},
		{"100,000 joins", "SELECT 1 FROM dbo.tc" + joins(100000), "error 8623/16"},
		{"parenthesised joins", "SELECT 1 FROM (dbo.tc" + joins(600) + ")" + joins(600), "error 8623/16"},
		{"joins in a subquery", "SELECT (SELECT COUNT(*) FROM dbo.tc" + joins(2000) + ")", "error 8623/16"},
		{"UPDATE … FROM joins", "UPDATE dbo.tc SET id = 1 FROM dbo.tc" + joins(2000), "error 8623/16"},
		{"DELETE … FROM joins", "DELETE dbo.tc FROM dbo.tc" + joins(2000), "error 8623/16"},
		{"still answers", "SELECT 1", "1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := &aggTrace{}
			if err := s.ExecBatch(ctx, c.q, out); err != nil {
				t.Fatalf("ExecBatch: %v", err)
			}
			got := strings.Join(out.lines, "\n")
			if !strings.Contains(got, c.want) {
				if len(got) > 300 {
					got = got[:300]
				}
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}
