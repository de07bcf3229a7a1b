package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestSubqueryOnceInlinedParams: a subquery inside a function compiled into
// its caller's statement (an inline TVF under APPLY or in FROM of a
// subquery, a RETURN-only scalar function) reads the function's parameter,
// which takes a new value at each call within the one statement — so it
// is run per call, not once: each outer row gets its own answer, the
// row-by-row one. A subquery under no FROM reading the parameter too.
func TestSubqueryOnceInlinedParams(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "subqonceparams"))
	run := func(q string) string {
		out := &aggTrace{}
		if err := s.ExecBatch(ctx, q, out); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var rows []string
		for _, l := range out.lines {
			if l != "--" && !strings.HasPrefix(l, "msg ") {
				rows = append(rows, l)
			}
		}
		return strings.Join(rows, ";")
	}
	run(`CREATE TABLE dbo.o (k int PRIMARY KEY)`)
	run(`CREATE TABLE dbo.i (k int PRIMARY KEY)`)
	run(`INSERT dbo.o VALUES (1), (2), (3), (4)`)
	run(`INSERT dbo.i VALUES (1), (2), (3), (4)`)
	run(`CREATE FUNCTION dbo.cnt(@p int) RETURNS TABLE AS RETURN SELECT (SELECT COUNT(*) FROM dbo.i WHERE i.k <= @p) AS c`)
	run(`CREATE FUNCTION dbo.ex(@p int) RETURNS TABLE AS RETURN SELECT 1 AS c WHERE EXISTS (SELECT 1 FROM dbo.i WHERE i.k = @p + 2)`)
	run(`CREATE FUNCTION dbo.upto(@p int) RETURNS TABLE AS RETURN SELECT k FROM dbo.o WHERE o.k IN (SELECT k FROM dbo.i WHERE i.k <= @p)`)
	run(`CREATE FUNCTION dbo.g(@p int) RETURNS int AS BEGIN RETURN (SELECT COUNT(*) FROM dbo.i WHERE i.k <= @p) END`)
	run(`CREATE FUNCTION dbo.h(@p int) RETURNS int AS BEGIN DECLARE @r int = (SELECT COUNT(*) FROM dbo.i WHERE i.k <= @p); RETURN @r END`)
	for _, tc := range []struct{ name, q, want string }{
		{"inline TVF scalar", `SELECT o.k, f.c FROM dbo.o CROSS APPLY dbo.cnt(o.k) AS f ORDER BY o.k`, "1|1;2|2;3|3;4|4"},
		{"inline TVF EXISTS", `SELECT o.k, f.c FROM dbo.o OUTER APPLY dbo.ex(o.k) AS f ORDER BY o.k`, "1|1;2|1;3|NULL;4|NULL"},
		{"inline TVF IN", `SELECT o.k, (SELECT COUNT(*) FROM dbo.upto(o.k)) FROM dbo.o ORDER BY o.k`, "1|1;2|2;3|3;4|4"},
		{"RETURN-only function", `SELECT o.k, dbo.g(o.k) FROM dbo.o ORDER BY o.k`, "1|1;2|2;3|3;4|4"},
		{"function in WHERE", `SELECT o.k FROM dbo.o WHERE dbo.g(o.k) = 3`, "3"},
		{"multi-statement function", `SELECT o.k, dbo.h(o.k) FROM dbo.o ORDER BY o.k`, "1|1;2|2;3|3;4|4"},
	} {
		if got := run(tc.q); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
