package tests

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// In-process benchmarks of the set-oriented queries of tests/bench (issue #5,
// Performance): the engine runs the statements of the local suite against the
// same data, without TDS, so the executor's cost is measured alone. Rows are
// counted and dropped. The big table has MIRRORSQL_BENCH_ROWS rows (default
// 1,000,000), loaded once per test binary into a temp directory:
//
//	go test ./tests -run '^$' -bench 'Query' -benchtime 3x
//
// Results and method: docs/benchmarks-tsql.md.

type queryBench struct {
	once sync.Once
	inst *engine.Instance
	s    *exec.Session
	rows int
	err  error
	dir  string
}

var qb queryBench

// close shuts the shared instance and removes its data directory.
func (q *queryBench) close() {
	if q.inst != nil {
		_ = q.inst.Close()
	}
	if q.dir != "" {
		_ = os.RemoveAll(q.dir)
	}
}

// countingOutput drops result rows, counting them.
type countingOutput struct{ rows int64 }

func (c *countingOutput) Columns([]exec.ResultColumn) error            { return nil }
func (c *countingOutput) Row(exec.Row) error                           { c.rows++; return nil }
func (c *countingOutput) Done(exec.Cmd, int64, bool, bool, bool) error { return nil }
func (c *countingOutput) Message(*exec.Error) error                    { return nil }
func (c *countingOutput) Error(err error) error                        { return err }
func (c *countingOutput) Transaction(exec.TranEvent, uint64) error     { return nil }
func (c *countingOutput) DatabaseChanged(string, string) error         { return nil }
func (c *countingOutput) ReturnStatus(int32) error                     { return nil }

// benchSession opens the shared instance and loads the data set once.
func benchSession(b *testing.B) (*exec.Session, int) {
	b.Helper()
	qb.once.Do(func() {
		qb.rows = 1_000_000
		if v := os.Getenv("MIRRORSQL_BENCH_ROWS"); v != "" {
			if n, err := strconv.Atoi(v); err == nil && n >= 1000 && n%1000 == 0 {
				qb.rows = n
			}
		}
		qb.dir, qb.err = os.MkdirTemp("", "queryperf")
		if qb.err != nil {
			return
		}
		qb.inst, qb.err = engine.Open(engine.Config{DataDir: qb.dir, ServerName: "qp", SAPassword: "Bench!Passw0rd", Version: "bench"})
		if qb.err != nil {
			return
		}
		ctx := context.Background()
		m, err := qb.inst.NewSession("sa", "master", exec.SessionInfo{})
		if err != nil {
			qb.err = err
			return
		}
		if qb.err = m.ExecBatch(ctx, "CREATE DATABASE bench", &countingOutput{}); qb.err != nil {
			return
		}
		if qb.s, qb.err = qb.inst.NewSession("sa", "bench", exec.SessionInfo{}); qb.err != nil {
			return
		}
		if qb.err = loadBench(ctx, qb.s, qb.rows); qb.err == nil {
			settle()
		}
	})
	if qb.err != nil {
		b.Fatal(qb.err)
	}
	return qb.s, qb.rows
}

// loadBench creates tests/bench's tables: big (rows rows: grp = id % 100,
// val in 0..999, pad 'row'), j1 and j2 (100,000 rows each, j1.k → j2.id).
func loadBench(ctx context.Context, s *exec.Session, rows int) error {
	script := []string{`CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, grp int NOT NULL, val int NOT NULL, pad varchar(20) NOT NULL)
CREATE TABLE dbo.j1 (id int NOT NULL PRIMARY KEY, k int NOT NULL, v int NOT NULL)
CREATE TABLE dbo.j2 (id int NOT NULL PRIMARY KEY, v int NOT NULL)`,
		`SET NOCOUNT ON
DECLARE @i int = 0
BEGIN TRAN
WHILE @i < 1000
BEGIN
	INSERT dbo.d VALUES (@i)
	SET @i += 1
END
COMMIT`}
	// 100,000 rows per statement; ids past 999,999 continue in blocks of a
	// million (the numbers table has 1,000 rows).
	for k := 0; k < rows/1000; k += 100 {
		blk, lo := k/1000*1_000_000, k%1000
		hi := min(lo+100, rows/1000-k+lo)
		script = append(script, fmt.Sprintf("INSERT INTO dbo.big (id, grp, val, pad) SELECT %[1]d+a.n*1000+c.n, (%[1]d+a.n*1000+c.n) %% 100, (a.n*7919 + c.n*31) %% 1000, 'row' FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n >= %[2]d AND a.n < %[3]d", blk, lo, hi))
	}
	script = append(script,
		"INSERT INTO dbo.j1 (id, k, v) SELECT a.n*1000+c.n, ((a.n*1000+c.n)*7) % 100000, c.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100",
		"INSERT INTO dbo.j2 (id, v) SELECT a.n*1000+c.n, a.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100")
	for _, sql := range script {
		if err := s.ExecBatch(ctx, sql, &countingOutput{}); err != nil {
			return fmt.Errorf("load: %w", err)
		}
	}
	return nil
}

// settle waits (at most a minute) until badger's background compaction of
// the freshly loaded data has finished — the process uses under 10% of a core
// over half a second — so that the queries measured next do not share the
// CPU with it, and cpu-ms/op is the query's own.
func settle() {
	const window = 500 * time.Millisecond
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		c0 := cpuTime()
		time.Sleep(window)
		if cpuTime()-c0 < window/10 {
			return
		}
	}
}

// runQuery runs sql b.N times and reports input rows per second (perRow rows
// of input per execution), the rows returned and the process's CPU time per
// execution (user+system: steadier than wall time on a shared machine).
func runQuery(b *testing.B, sql string, wantRows int64, perRow int) {
	b.Helper()
	s, _ := benchSession(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		out := &countingOutput{}
		if err := s.ExecBatch(ctx, sql, out); err != nil {
			b.Fatal(err)
		}
		if wantRows >= 0 && out.rows != wantRows {
			b.Fatalf("%s: %d rows, want %d", sql, out.rows, wantRows)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(perRow)*float64(b.N)/b.Elapsed().Seconds(), "inrows/s")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

func BenchmarkQueryScanFilter(b *testing.B) {
	_, rows := benchSession(b)
	runQuery(b, "SELECT id FROM dbo.big WHERE val = 7", int64(rows/1000), rows)
}

func BenchmarkQueryGroupBy(b *testing.B) {
	_, rows := benchSession(b)
	runQuery(b, "SELECT grp, COUNT(*), SUM(val) FROM dbo.big GROUP BY grp", 100, rows)
}

func BenchmarkQueryJoin(b *testing.B) {
	runQuery(b, "SELECT COUNT(*), SUM(j2.v) FROM dbo.j1 JOIN dbo.j2 ON j2.id = j1.k", 1, 100_000)
}

func BenchmarkQueryPointLookup(b *testing.B) {
	s, rows := benchSession(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		out := &countingOutput{}
		if err := s.ExecBatch(ctx, "SELECT pad FROM dbo.big WHERE id = "+strconv.Itoa(i*7919%rows), out); err != nil {
			b.Fatal(err)
		}
		if out.rows != 1 {
			b.Fatalf("%d rows", out.rows)
		}
	}
	// Process CPU is steadier than ns/op on a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// BenchmarkQueryOrderBy sorts the whole big table and reports the peak live
// heap seen while the query ran (sampled every 5 ms), so a spilling sort can
// be told from one that holds every row.
func BenchmarkQueryOrderBy(b *testing.B) {
	_, rows := benchSession(b)
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak.Load() {
					peak.Store(ms.HeapAlloc)
				}
			}
		}
	}()
	runQuery(b, "SELECT id, val, pad FROM dbo.big ORDER BY val DESC, pad, id", int64(rows), rows)
	close(stop)
	<-done
	b.ReportMetric(float64(peak.Load())/(1<<20), "peakheapMB")
	b.ReportMetric(float64(base.HeapAlloc)/(1<<20), "baseheapMB")
}
