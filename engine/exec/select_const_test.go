package exec_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// traceOutput records everything a batch sends, as text. With scribble set
// it overwrites every row it is given after recording it, as an Output that
// reuses the values it receives may.
type traceOutput struct {
	lines    []string
	scribble bool
}

func (o *traceOutput) add(format string, args ...any) {
	o.lines = append(o.lines, fmt.Sprintf(format, args...))
}

func (o *traceOutput) Columns(cols []exec.ResultColumn) error {
	var b strings.Builder
	for _, c := range cols {
		fmt.Fprintf(&b, "%s %s null=%v notnull=%v; ", c.Name, c.Type, c.Nullable, c.NotNull)
	}
	o.add("columns %s", b.String())
	return nil
}

func (o *traceOutput) Row(r exec.Row) error {
	var b strings.Builder
	for _, v := range r {
		fmt.Fprintf(&b, "%s|", v.String())
	}
	o.add("row %s", b.String())
	if o.scribble {
		for i := range r {
			r[i] = types.NewInt(-99)
		}
	}
	return nil
}

func (o *traceOutput) Done(cmd exec.Cmd, n int64, hasCount, inProc, failed bool) error {
	o.add("done cmd=%#x n=%d count=%v inproc=%v failed=%v", uint16(cmd), n, hasCount, inProc, failed)
	return nil
}
func (o *traceOutput) Message(m *exec.Error) error {
	o.add("message %d %s", m.Number, m.Message)
	return nil
}
func (o *traceOutput) Error(err error) error { o.add("error %v", err); return nil }
func (o *traceOutput) Transaction(k exec.TranEvent, _ uint64) error {
	o.add("transaction %d", k)
	return nil
}
func (o *traceOutput) DatabaseChanged(n, old string) error { o.add("use %s", n); return nil }
func (o *traceOutput) ReturnStatus(st int32) error         { o.add("return %d", st); return nil }

// TestConstResultSameAsFirstRun runs constant queries again and again in one
// session, where they are answered from the kept result (select_const.go),
// and requires every run's output to equal that of the same query made
// non-constant (run through its plan) after the same setup.
// The batches cover what happens around the rows (DONE counts, NOCOUNT,
// @@ROWCOUNT, ROWCOUNT, transactions, errors) and options that change a
// constant's value between identical batches.
func TestConstResultSameAsFirstRun(t *testing.T) {
	ctx := context.Background()
	inst := openExecTestInstance(t, "cr")
	newSession := func(t *testing.T) *exec.Session {
		t.Helper()
		s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { inst.EndSession(s) })
		return s
	}
	run := func(t *testing.T, s *exec.Session, batch string, scribble bool) []string {
		t.Helper()
		o := &traceOutput{scribble: scribble}
		if err := s.ExecBatch(ctx, batch, o); err != nil {
			o.add("batch error %v", err)
		}
		return o.lines
	}
	// ref is the batch with OPTION (MAXRECURSION 0) on each constant SELECT:
	// the same query, but not a constant one (constantQuery), so it always
	// runs through the plan — the reference output.
	const opt = " OPTION (MAXRECURSION 0)"
	tests := []struct {
		name  string
		setup string // run once before, in both sessions
		batch string
		ref   string
	}{
		{"select 1", "", "SELECT 1", "SELECT 1" + opt},
		{"several columns", "", "SELECT 1 AS a, 'x' AS b, N'y' AS c, -2.5 AS d, (3 + 4) * 2 AS e, NULL AS f, 0x0A AS g",
			"SELECT 1 AS a, 'x' AS b, N'y' AS c, -2.5 AS d, (3 + 4) * 2 AS e, NULL AS f, 0x0A AS g" + opt},
		{"rowcount after", "", "SELECT 1 SELECT @@ROWCOUNT AS rc", "SELECT 1" + opt + " SELECT @@ROWCOUNT AS rc"},
		{"nocount", "SET NOCOUNT ON", "SELECT 1 AS a", "SELECT 1 AS a" + opt},
		{"set rowcount", "SET ROWCOUNT 1", "SELECT 7 AS a", "SELECT 7 AS a" + opt},
		{"in a transaction", "", "BEGIN TRAN SELECT 1 AS a SELECT @@TRANCOUNT AS tc COMMIT",
			"BEGIN TRAN SELECT 1 AS a" + opt + " SELECT @@TRANCOUNT AS tc COMMIT"},
		{"divide by zero", "", "SELECT 1 / 0 AS q", "SELECT 1 / 0 AS q" + opt},
		{"overflow", "", "SELECT 2147483647 + 1 AS big", "SELECT 2147483647 + 1 AS big" + opt},
		{"concat null off", "SET CONCAT_NULL_YIELDS_NULL OFF", "SELECT 'a' + NULL AS cat", "SELECT 'a' + NULL AS cat" + opt},
		{"after an error in the batch", "", "SELECT 1 / 0 SELECT 2 AS two", "SELECT 1 / 0" + opt + " SELECT 2 AS two" + opt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref := newSession(t)
			if tc.setup != "" {
				run(t, ref, tc.setup, false)
			}
			want := run(t, ref, tc.ref, false)
			if len(want) == 0 {
				t.Fatal("the reference batch sent nothing")
			}
			s := newSession(t)
			if tc.setup != "" {
				run(t, s, tc.setup, false)
			}
			for i := 0; i < 4; i++ {
				got := run(t, s, tc.batch, i == 1) // run 2's output scribbles over its rows
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Fatalf("run %d:\n%s\nreference (not a constant query):\n%s", i+1, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
		})
	}
	// An option that changes a constant's value flips between identical
	// batches: each run must follow the option in force.
	t.Run("option flips", func(t *testing.T) {
		s := newSession(t)
		for i, want := range []string{"a", "NULL", "a", "NULL"} {
			opt := "OFF"
			if want == "NULL" {
				opt = "ON"
			}
			run(t, s, "SET CONCAT_NULL_YIELDS_NULL "+opt, false)
			got := run(t, s, "SELECT 'a' + NULL AS cat", false)
			if len(got) != 3 || got[1] != "row "+want+"|" {
				t.Fatalf("run %d with CONCAT_NULL_YIELDS_NULL %s: %q, want the row %q", i+1, opt, got, want)
			}
		}
	})
}
