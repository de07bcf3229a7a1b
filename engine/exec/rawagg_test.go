package exec_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// aggTrace records a batch's result sets, messages and error as text, so
// that two runs can be compared whole (rows in order, warnings, errors).
type aggTrace struct{ lines []string }

func (o *aggTrace) Columns([]exec.ResultColumn) error { o.lines = append(o.lines, "--"); return nil }
func (o *aggTrace) Row(r exec.Row) error {
	parts := make([]string, len(r))
	for i, v := range r {
		parts[i] = v.String()
	}
	o.lines = append(o.lines, strings.Join(parts, "|"))
	return nil
}
func (o *aggTrace) Done(exec.Cmd, int64, bool, bool, bool) error { return nil }
func (o *aggTrace) Message(m *exec.Error) error {
	o.lines = append(o.lines, fmt.Sprintf("msg %d: %s", m.Number, m.Message))
	return nil
}
func (o *aggTrace) Error(err error) error {
	var e *exec.Error
	if errors.As(err, &e) {
		o.lines = append(o.lines, fmt.Sprintf("error %d/%d: %s", e.Number, e.Severity, e.Message))
		return nil
	}
	return err
}
func (o *aggTrace) Transaction(exec.TranEvent, uint64) error { return nil }
func (o *aggTrace) DatabaseChanged(string, string) error     { return nil }
func (o *aggTrace) ReturnStatus(int32) error                 { return nil }

// rawAggSetup creates dbo.ra (6,000 rows: nullable tinyint/smallint/int/
// bigint columns, negative and sparse keys, sums that overflow int and
// bigint, a column added half way, so that older rows lack it) and an empty
// dbo.empty.
func rawAggSetup(r *rand.Rand) []string {
	out := []string{
		"CREATE DATABASE rawagg",
		"USE rawagg",
		`CREATE TABLE dbo.ra (id int NOT NULL PRIMARY KEY, g smallint NULL, t tinyint NULL, v int NULL, b bigint NULL,
			sparse int NOT NULL, huge int NOT NULL, hg int NOT NULL, hb bigint NOT NULL, s varchar(10) NULL, d decimal(9,2) NOT NULL)`,
		"CREATE TABLE dbo.empty (id int NOT NULL PRIMARY KEY, v int NULL)",
	}
	nullOr := func(p int, x int64) string {
		if r.IntN(p) == 0 {
			return "NULL"
		}
		return fmt.Sprint(x)
	}
	var sb strings.Builder
	for i := range 6000 {
		if i == 3000 {
			out = append(out, "ALTER TABLE dbo.ra ADD c int NULL")
		}
		if sb.Len() == 0 {
			sb.WriteString("INSERT dbo.ra (id, g, t, v, b, sparse, huge, hg, hb, s, d")
			if i >= 3000 {
				sb.WriteString(", c")
			}
			sb.WriteString(") VALUES ")
		} else {
			sb.WriteString(", ")
		}
		hg := i % 3
		huge, hb := int64(math.MaxInt32-r.IntN(1000)), int64(math.MaxInt64/4-r.IntN(1000))
		if hg == 1 { // this group's sums fit
			huge, hb = int64(r.IntN(1000)-500), int64(r.IntN(1000)-500)
		}
		s := "NULL"
		if r.IntN(4) != 0 {
			s = "'" + []string{"abc", "ABC", "xyz"}[r.IntN(3)] + "'"
		}
		fmt.Fprintf(&sb, "(%d, %s, %s, %s, %s, %d, %d, %d, %d, %s, %d.%02d", i*3-9000,
			nullOr(6, int64(r.IntN(40)-20)), nullOr(5, int64(r.IntN(256))), nullOr(5, int64(r.IntN(2001)-1000)),
			nullOr(5, r.Int64N(1<<50)-1<<49), r.IntN(5000)*7-9000, huge, hg, hb, s, r.IntN(2000)-1000, r.IntN(100))
		if i >= 3000 {
			fmt.Fprintf(&sb, ", %s", nullOr(3, int64(r.IntN(10))))
		}
		sb.WriteString(")")
		if (i+1)%500 == 0 {
			out = append(out, sb.String())
			sb.Reset()
		}
	}
	return out
}

// TestRawAggregatesMatchOrdinary runs aggregations with aggregation on
// stored rows (rawagg.go) off and on and requires the same output: rows in
// the same order, the same warnings (8153) and errors (8115 for int and
// bigint SUM), and checks that the raw path ran exactly where it applies —
// never with WHERE, string or expression keys, several keys, DISTINCT, a
// non-integer or expression argument. In a transaction the raw path reads
// the transaction's own writes; another session's uncommitted rows stay
// invisible.
func TestRawAggregatesMatchOrdinary(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "rawagg")
	s := newSASession(t, inst)
	for _, q := range rawAggSetup(rand.New(rand.NewPCG(3, 4))) {
		if err := s.ExecBatch(ctx, q, &aggTrace{}); err != nil {
			t.Fatalf("%.80s: %v", q, err)
		}
	}
	all := "COUNT(*), COUNT(v), COUNT_BIG(*), COUNT_BIG(b), SUM(v), AVG(v), MIN(v), MAX(v), SUM(t), AVG(t), MIN(t), MAX(b), SUM(g), MIN(c), COUNT(c)"
	tests := []struct {
		name string
		sql  string
		raw  int // raw aggregations the batch runs
	}{
		{"smallint key", "SELECT g, " + all + " FROM dbo.ra GROUP BY g", 1},
		{"tinyint key", "SELECT t, " + all + " FROM dbo.ra GROUP BY t", 1},
		{"int key, negative", "SELECT v, " + all + " FROM dbo.ra GROUP BY v", 1},
		{"bigint key", "SELECT b, COUNT(*), SUM(v) FROM dbo.ra GROUP BY b", 1},
		{"sparse keys", "SELECT sparse, COUNT(*), MIN(v), MAX(v) FROM dbo.ra GROUP BY sparse", 1},
		{"added column as key", "SELECT c, COUNT(*), SUM(v), COUNT(c) FROM dbo.ra GROUP BY c", 1},
		{"no group by", "SELECT " + all + " FROM dbo.ra", 1},
		{"key not selected", "SELECT COUNT(*), SUM(v) FROM dbo.ra GROUP BY t", 1},
		{"empty, no group by", "SELECT COUNT(*), SUM(v), MIN(v), COUNT_BIG(v) FROM dbo.empty", 1},
		{"no rows: empty, group by", "SELECT v, COUNT(*) FROM dbo.empty GROUP BY v", 1},
		{"having and expressions", "SELECT g, SUM(v) * 2, COUNT(*) + 1 FROM dbo.ra GROUP BY g HAVING COUNT(*) > 100", 1},
		{"order by", "SELECT sparse, COUNT(*) FROM dbo.ra GROUP BY sparse ORDER BY sparse DESC", 1},
		{"int sum overflows", "SELECT SUM(huge) FROM dbo.ra", 1},
		{"int sum overflows in a group", "SELECT hg, SUM(huge) FROM dbo.ra GROUP BY hg", 1},
		{"int avg overflows", "SELECT hg, AVG(huge) FROM dbo.ra GROUP BY hg", 1},
		{"bigint sum overflows", "SELECT hg, SUM(hb) FROM dbo.ra GROUP BY hg", 1},
		{"sums that fit", "SELECT hg, SUM(huge), SUM(hb) FROM dbo.ra WHERE hg = 1 GROUP BY hg", 0},
		{"where", "SELECT g, COUNT(*), SUM(v) FROM dbo.ra WHERE v > 0 GROUP BY g", 0},
		{"string key (CI)", "SELECT COUNT(*), SUM(v) FROM dbo.ra GROUP BY s", 0},
		{"two keys", "SELECT g, t, COUNT(*) FROM dbo.ra GROUP BY g, t", 0},
		{"expression key", "SELECT g + 1, COUNT(*) FROM dbo.ra GROUP BY g + 1", 0},
		{"distinct", "SELECT g, COUNT(DISTINCT v) FROM dbo.ra GROUP BY g", 0},
		{"expression argument", "SELECT g, SUM(v + 1) FROM dbo.ra GROUP BY g", 0},
		{"decimal argument", "SELECT g, SUM(d) FROM dbo.ra GROUP BY g", 0},
		{"string argument", "SELECT g, MAX(s) FROM dbo.ra GROUP BY g", 0},
		{"rollup", "SELECT g, COUNT(*) FROM dbo.ra GROUP BY ROLLUP(g)", 0},
		{"no rows: join", "SELECT a.g, COUNT(*) FROM dbo.ra a JOIN dbo.empty e ON e.id = a.id GROUP BY a.g", 0},
		{"own uncommitted writes", `BEGIN TRAN
			UPDATE dbo.ra SET v = v + 1000, g = 99 WHERE id < 0
			DELETE dbo.ra WHERE id > 6000
			INSERT dbo.ra (id, g, sparse, huge, hg, hb, d) VALUES (100000, 98, 1, 1, 1, 1, 0)
			SELECT g, COUNT(*), SUM(v), MAX(v) FROM dbo.ra GROUP BY g
			ROLLBACK`, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			run := func(raw bool) ([]string, int64) {
				defer exec.SetRawAggregates(exec.SetRawAggregates(raw))
				before := exec.RawGroupRuns()
				out := &aggTrace{}
				if err := s.ExecBatch(ctx, tc.sql, out); err != nil {
					t.Fatalf("raw=%v: %v", raw, err)
				}
				return out.lines, exec.RawGroupRuns() - before
			}
			want, n := run(false)
			if n != 0 {
				t.Fatalf("raw path ran %d times while off", n)
			}
			got, n := run(true)
			if n != int64(tc.raw) {
				t.Errorf("raw path ran %d times, want %d", n, tc.raw)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("output differs\nraw      %.600q\nordinary %.600q", got, want)
			}
			if len(want) < 2 && !strings.HasPrefix(tc.name, "no rows") {
				t.Fatalf("suspiciously little output: %q", want)
			}
		})
	}

	// Another session's uncommitted rows are not read: NOLOCK reads the
	// committed rows (they live in its write set until it commits), and a
	// locking READ COMMITTED read waits for them (1222 with LOCK_TIMEOUT 0).
	other, err := inst.NewSession("sa", "rawagg", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	q := "SELECT COUNT(*), SUM(v), MAX(g) FROM dbo.ra"
	before := &aggTrace{}
	if err := s.ExecBatch(ctx, q, before); err != nil {
		t.Fatal(err)
	}
	if err := other.ExecBatch(ctx, "BEGIN TRAN INSERT dbo.ra (id, g, v, sparse, huge, hg, hb, d) VALUES (200000, 500, 12345, 1, 1, 1, 1, 0)", &aggTrace{}); err != nil {
		t.Fatal(err)
	}
	waited := &aggTrace{}
	if err := s.ExecBatch(ctx, "SET LOCK_TIMEOUT 0 "+q, waited); err != nil || !strings.Contains(strings.Join(waited.lines, "\n"), "error 1222/") {
		t.Errorf("READ COMMITTED read of a table with another session's uncommitted insert: %q, %v; want 1222", waited.lines, err)
	}
	if err := s.ExecBatch(ctx, "SET LOCK_TIMEOUT -1", &aggTrace{}); err != nil {
		t.Fatal(err)
	}
	during := &aggTrace{}
	if err := s.ExecBatch(ctx, strings.Replace(q, "dbo.ra", "dbo.ra WITH (NOLOCK)", 1), during); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(during.lines, before.lines) {
		t.Errorf("another session's uncommitted insert is visible: %q, before %q", during.lines, before.lines)
	}
	if err := other.ExecBatch(ctx, "COMMIT", &aggTrace{}); err != nil {
		t.Fatal(err)
	}
	after := &aggTrace{}
	if err := s.ExecBatch(ctx, q, after); err != nil {
		t.Fatal(err)
	}
	if slices.Equal(after.lines, before.lines) || !strings.Contains(strings.Join(after.lines, ";"), "|500") {
		t.Errorf("the committed insert is not visible: %q", after.lines)
	}
}
