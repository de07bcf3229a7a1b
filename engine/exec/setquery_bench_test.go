package exec_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkSetQuery measures the executor's CPU per input row for the three
// set-oriented queries of tests/bench (issue #5): a filtered scan, a GROUP BY
// and an indexed join, in process (no TDS), over tables served from the
// buffer pool, so that what is measured is decoding, predicates, grouping,
// aggregates and joins rather than storage. It reports cpu-ns/row (process
// user+system CPU: steadier than wall time on a shared machine) and
// allocs/row beside the usual figures. Read-ahead runs off and on: off, the
// whole cost is on one goroutine and cpu-ns/row is the executor's per-row
// price; on, wall time may fall while CPU rises. The big table has
// MIRRORSQL_SQ_ROWS rows (default 200,000); j1 and j2 have 100,000.
//
//	go test ./engine/exec -run '^$' -bench SetQuery -benchtime 20x
func BenchmarkSetQuery(b *testing.B) {
	s, rows := setQuerySession(b)
	ctx := context.Background()
	for _, q := range setQueries(rows) {
		for _, ra := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/readahead=%v", q.name, ra), func(b *testing.B) {
				old := exec.SetScanReadAhead(ra)
				defer exec.SetScanReadAhead(old)
				var ms0, ms1 runtime.MemStats
				runtime.ReadMemStats(&ms0)
				b.ResetTimer()
				cpu0 := cpuTime()
				for range b.N {
					out := &countOutput{}
					if err := s.ExecBatch(ctx, q.sql, out); err != nil {
						b.Fatal(err)
					}
					if out.rows != q.want {
						b.Fatalf("%s: %d rows, want %d", q.sql, out.rows, q.want)
					}
				}
				b.StopTimer()
				cpu := cpuTime() - cpu0
				runtime.ReadMemStats(&ms1)
				n := float64(b.N) * float64(q.in)
				b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/row")
				b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/n, "allocs/row")
				b.ReportMetric(n/b.Elapsed().Seconds(), "inrows/s")
			})
		}
	}
}

// setQuery is one benchmarked statement: in input rows, want result rows.
type setQuery struct {
	name, sql string
	in        int
	want      int64
}

func setQueries(rows int) []setQuery {
	return []setQuery{
		{"scan", "SELECT id FROM dbo.big WHERE val = 7", rows, int64(rows / 1000)},
		{"groupby", "SELECT grp, COUNT(*), SUM(val) FROM dbo.big GROUP BY grp", rows, 100},
		{"join", "SELECT COUNT(*), SUM(j2.v) FROM dbo.j1 JOIN dbo.j2 ON j2.id = j1.k", 100_000, 1},
	}
}

// countOutput drops result rows, counting them.
type countOutput struct{ rows int64 }

func (c *countOutput) Columns([]exec.ResultColumn) error            { return nil }
func (c *countOutput) Row(exec.Row) error                           { c.rows++; return nil }
func (c *countOutput) Done(exec.Cmd, int64, bool, bool, bool) error { return nil }
func (c *countOutput) Message(*exec.Error) error                    { return nil }
func (c *countOutput) Error(err error) error                        { return err }
func (c *countOutput) Transaction(exec.TranEvent, uint64) error     { return nil }
func (c *countOutput) DatabaseChanged(string, string) error         { return nil }
func (c *countOutput) ReturnStatus(int32) error                     { return nil }

var setQueryData struct {
	once sync.Once
	s    *exec.Session
	rows int
	err  error
}

// setQuerySession opens one instance per test binary (left open: the
// process ends after the benchmarks) with tests/bench's tables, and warms
// the buffer pool with each query.
func setQuerySession(b *testing.B) (*exec.Session, int) {
	b.Helper()
	d := &setQueryData
	d.once.Do(func() {
		d.rows = 200_000
		if n, err := strconv.Atoi(os.Getenv("MIRRORSQL_SQ_ROWS")); err == nil && n >= 100_000 && n%1000 == 0 {
			d.rows = n
		}
		dir, err := os.MkdirTemp("", "setquery")
		if err != nil {
			d.err = err
			return
		}
		inst, err := engine.Open(engine.Config{DataDir: dir, ServerName: "sq", SAPassword: "Test!Passw0rd", Version: "bench"})
		if err != nil {
			d.err = err
			return
		}
		s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
		if err != nil {
			d.err = err
			return
		}
		ctx := context.Background()
		script := []string{
			"CREATE DATABASE sq",
			"USE sq",
			"CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)",
			"SET NOCOUNT ON DECLARE @i int = 0 BEGIN TRAN WHILE @i < 1000 BEGIN INSERT dbo.d VALUES (@i) SET @i += 1 END COMMIT",
			"CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, grp int NOT NULL, val int NOT NULL, pad varchar(20) NOT NULL)",
			"CREATE TABLE dbo.j1 (id int NOT NULL PRIMARY KEY, k int NOT NULL, v int NOT NULL)",
			"CREATE TABLE dbo.j2 (id int NOT NULL PRIMARY KEY, v int NOT NULL)",
		}
		for lo := 0; lo < d.rows/1000; lo += 100 {
			script = append(script, fmt.Sprintf("INSERT INTO dbo.big (id, grp, val, pad) SELECT a.n*1000+c.n, (a.n*1000+c.n) %% 100, (a.n*7919 + c.n*31) %% 1000, 'row' FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n >= %d AND a.n < %d", lo, min(lo+100, d.rows/1000)))
		}
		script = append(script,
			"INSERT INTO dbo.j1 (id, k, v) SELECT a.n*1000+c.n, ((a.n*1000+c.n)*7) % 100000, c.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100",
			"INSERT INTO dbo.j2 (id, v) SELECT a.n*1000+c.n, a.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100")
		for _, q := range script {
			if d.err = s.ExecBatch(ctx, q, &countOutput{}); d.err != nil {
				d.err = fmt.Errorf("%s: %w", q, d.err)
				return
			}
		}
		// Warm: the first scans make the tables worth loading into the
		// buffer pool, which loads them in the background.
		for range 3 {
			for _, q := range setQueries(d.rows) {
				if d.err = s.ExecBatch(ctx, q.sql, &countOutput{}); d.err != nil {
					return
				}
			}
			time.Sleep(time.Second)
		}
		d.s = s
	})
	if d.err != nil {
		b.Fatal(d.err)
	}
	return d.s, d.rows
}
