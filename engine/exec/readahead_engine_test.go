package exec_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// collectOutput keeps every result row as text, one result set after another.
type collectOutput struct{ rows []string }

func (c *collectOutput) Columns([]exec.ResultColumn) error { c.rows = append(c.rows, "--"); return nil }
func (c *collectOutput) Row(r exec.Row) error {
	var b strings.Builder
	for i, v := range r {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(v.String())
	}
	c.rows = append(c.rows, b.String())
	return nil
}
func (c *collectOutput) Done(exec.Cmd, int64, bool, bool, bool) error { return nil }
func (c *collectOutput) Message(*exec.Error) error                    { return nil }
func (c *collectOutput) Error(err error) error                        { return err }
func (c *collectOutput) Transaction(exec.TranEvent, uint64) error     { return nil }
func (c *collectOutput) DatabaseChanged(string, string) error         { return nil }
func (c *collectOutput) ReturnStatus(int32) error                     { return nil }

// TestScanReadAheadSameResults runs queries whose scans are long enough to
// read ahead (20,000 rows, read-ahead starts after 4,096) with read-ahead on
// and off, over badger, and requires identical results in identical order —
// also inside a transaction that has changed the table (such scans read the
// write set and must not read ahead, but must still see the changes).
func TestScanReadAheadSameResults(t *testing.T) {
	ctx := context.Background()
	s := newSASession(t, openExecTestInstance(t, "ra"))
	setup := []string{
		"CREATE DATABASE ra",
		"USE ra",
		"CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)",
		"SET NOCOUNT ON DECLARE @i int = 0 BEGIN TRAN WHILE @i < 200 BEGIN INSERT dbo.d VALUES (@i) SET @i += 1 END COMMIT",
		"CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, grp int NULL, val int NOT NULL, pad varchar(20) NOT NULL)",
		"INSERT dbo.t SELECT a.n*100+c.n, CASE WHEN c.n % 7 = 0 THEN NULL ELSE c.n % 13 END, (a.n*7919+c.n*31) % 1000, 'p' + CAST(c.n % 17 AS varchar(5)) FROM dbo.d a CROSS JOIN dbo.d c WHERE c.n < 100",
		"CREATE TABLE dbo.u (id int NOT NULL PRIMARY KEY, k int NOT NULL)",
		"INSERT dbo.u SELECT a.n*100+c.n, (a.n*100+c.n)*7 % 20000 FROM dbo.d a CROSS JOIN dbo.d c WHERE c.n < 100",
	}
	for _, q := range setup {
		if err := s.ExecBatch(ctx, q, &collectOutput{}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	queries := []struct {
		name  string
		batch string
		rows  int // result rows expected (header lines excluded)
		ahead int // scans that read ahead when on (-1: not checked)
	}{
		{"filter", "SELECT id, pad FROM dbo.t WHERE val = 7", 21, 1},
		{"all rows in key order", "SELECT id, grp, val, pad FROM dbo.t", 20000, 1},
		{"group by", "SELECT grp, COUNT(*), SUM(val), MIN(pad) FROM dbo.t GROUP BY grp ORDER BY grp", 14, 1},
		{"join", "SELECT COUNT(*), SUM(t.val) FROM dbo.u JOIN dbo.t ON t.id = u.k", 1, -1},
		{"order by", "SELECT id, val FROM dbo.t ORDER BY val DESC, id", 20000, 1},
		{"top stops early", "SELECT TOP 5000 id FROM dbo.t", 5000, 1},
		{"exists", "SELECT CASE WHEN EXISTS (SELECT 1 FROM dbo.t WHERE id = 19999 AND val >= 0) THEN 1 ELSE 0 END", 1, 0},
		{"insert select from itself", "BEGIN TRAN INSERT dbo.t SELECT id + 100000, grp, val, pad FROM dbo.t WHERE id >= 10000 SELECT COUNT(*), SUM(CAST(id AS bigint)) FROM dbo.t ROLLBACK", 1, -1},
		{"scan after own writes", "BEGIN TRAN UPDATE dbo.t SET val = 7 WHERE id % 1000 = 1 SELECT id FROM dbo.t WHERE val = 7 ROLLBACK", 41, 0},
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			var outs [2]*collectOutput
			for i, on := range []bool{false, true} {
				old, starts := exec.SetScanReadAhead(on), exec.ReadAheadStarts()
				outs[i] = &collectOutput{}
				err := s.ExecBatch(ctx, q.batch, outs[i])
				exec.SetScanReadAhead(old)
				if err != nil {
					t.Fatalf("read-ahead %v: %v", on, err)
				}
				if n := exec.ReadAheadStarts() - starts; (!on && n != 0) || (on && q.ahead >= 0 && n != int64(q.ahead)) {
					t.Errorf("read-ahead %v: %d scans read ahead, want %d", on, n, q.ahead)
				}
			}
			off, on := outs[0].rows, outs[1].rows
			if n := len(off) - strings.Count(strings.Join(off, "\n"), "--"); n != q.rows {
				t.Errorf("%d rows without read-ahead, want %d", n, q.rows)
			}
			if len(off) != len(on) {
				t.Fatalf("%d lines with read-ahead, %d without", len(on), len(off))
			}
			for i := range off {
				if off[i] != on[i] {
					t.Fatalf("line %d: %q with read-ahead, %q without", i, on[i], off[i])
				}
			}
		})
	}
	// Cancelling the statement's context stops a scan that reads ahead.
	t.Run("cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		out := &cancelAfter{n: 6000, cancel: cancel}
		err := s.ExecBatch(cctx, "SELECT id FROM dbo.t", out)
		if err == nil || out.rows >= 20000 {
			t.Fatalf("error %v after %d rows; want the scan cancelled", err, out.rows)
		}
	})
}

// cancelAfter cancels the statement's context after n rows.
type cancelAfter struct {
	collectOutput
	n, rows int
	cancel  func()
}

func (c *cancelAfter) Row(exec.Row) error {
	if c.rows++; c.rows == c.n {
		c.cancel()
	}
	return nil
}
