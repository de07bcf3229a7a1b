package exec_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestViewDMLHiddenColumns: UPDATE and DELETE through a view, with or
// without their own FROM, and INSERT into one, see only the view's
// columns. A base column the view hides (or shows under another name),
// named qualified by the view, as a SET target, in OUTPUT inserted./
// deleted., or bare in a statement without FROM, is 207 as in SQL Server —
// it reached the base table's column: DELETE v WHERE v.val = 300 deleted by
// a column the view renames, UPDATE v SET secret = 1 wrote a hidden one.
func TestViewDMLHiddenColumns(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := newSASession(t, openExecTestInstance(t, "viewhidden"))
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
	run(`CREATE TABLE dbo.b (k int PRIMARY KEY, val int, secret int)`)
	run(`CREATE TABLE dbo.u (k int PRIMARY KEY, x int)`)
	run(`INSERT dbo.b VALUES (1, 10, 100), (2, 20, 200), (3, 30, 300)`)
	run(`INSERT dbo.u VALUES (1, 5), (2, 6)`)
	run(`CREATE VIEW dbo.v AS SELECT k, val AS vv FROM dbo.b WHERE k < 3`)
	const e207 = "error 207/16: Invalid column name '%s'."
	for _, tc := range []struct{ q, col string }{
		{`UPDATE v SET vv = 1 FROM v WHERE v.secret = 100`, "secret"},
		{`UPDATE v SET secret = 1 FROM v JOIN u ON u.k = v.k`, "secret"},
		{`UPDATE v SET vv = v.val FROM v JOIN u ON u.k = v.k`, "val"},
		{`UPDATE v SET vv = 9 FROM u WHERE u.k = v.k AND v.secret = 100`, "secret"},
		{`DELETE v FROM v JOIN u ON u.k = v.k WHERE v.val = 10`, "val"},
		{`UPDATE v SET vv = 7 OUTPUT inserted.secret FROM v JOIN u ON u.k = v.k`, "secret"},
		{`UPDATE v SET secret = 2 WHERE k = 1`, "secret"},
		{`UPDATE v SET vv = 2 WHERE secret = 100`, "secret"},
		{`UPDATE v SET vv = 2 WHERE v.secret = 100`, "secret"},
		{`DELETE v WHERE val = 10`, "val"},
		{`DELETE v OUTPUT deleted.secret WHERE k = 1`, "secret"},
		{`INSERT v (k, secret) VALUES (9, 9)`, "secret"},
	} {
		if got, want := run(tc.q), strings.Replace(e207, "%s", tc.col, 1); got != want {
			t.Errorf("%s: %q, want %q", tc.q, got, want)
		}
	}
	if got := run(`SELECT k, val, secret FROM dbo.b ORDER BY k`); got != "1|10|100;2|20|200;3|30|300" {
		t.Errorf("base table changed: %q", got)
	}
	// The view's own columns still work, with and without FROM.
	run(`UPDATE v SET vv = u.x FROM v JOIN u ON u.k = v.k WHERE v.vv = 10`)
	run(`DELETE v WHERE vv = 20`)
	if got := run(`SELECT k, val, secret FROM dbo.b ORDER BY k`); got != "1|5|100;3|30|300" {
		t.Errorf("through the view's columns: %q, want 1|5|100;3|30|300", got)
	}
}
