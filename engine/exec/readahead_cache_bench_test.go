package exec_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkScanReadAheadCache runs raBenchQueries over a 200,000-row table
// with scan read-ahead on and off, with the buffer pool (engine/storage/cache.go)
// on and off, interleaved when run with -count. It reports process CPU time
// per query (cpu-ms/op) beside wall time: on a shared two-core machine CPU
// time is the steadier figure, and read-ahead trades CPU for wall time.
func BenchmarkScanReadAheadCache(b *testing.B) {
	for _, pool := range []struct {
		name  string
		bytes int64
	}{{"pool=off", -1}, {"pool=on", 0}} {
		ctx := context.Background()
		inst, err := engine.Open(engine.Config{DataDir: b.TempDir(), ServerName: "rab", SAPassword: "Test!Passw0rd", Version: "test", BufferPoolBytes: pool.bytes})
		if err != nil {
			b.Fatal(err)
		}
		s, err := inst.NewSession("sa", "master", exec.SessionInfo{})
		if err != nil {
			b.Fatal(err)
		}
		for _, q := range []string{
			"CREATE DATABASE rab",
			"USE rab",
			"CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)",
			"SET NOCOUNT ON DECLARE @i int = 0 BEGIN TRAN WHILE @i < 1000 BEGIN INSERT dbo.d VALUES (@i) SET @i += 1 END COMMIT",
			"CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, grp int NOT NULL, val int NOT NULL, pad varchar(20) NOT NULL)",
			"INSERT dbo.t SELECT a.n*1000+c.n, (a.n*1000+c.n) % 100, (a.n*7919+c.n*31) % 1000, 'pad' + CAST(c.n AS varchar(5)) FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 200",
			// Warm: the first scans load the table into the buffer pool.
			"SELECT COUNT(*) FROM dbo.t",
		} {
			if err := s.ExecBatch(ctx, q, &collectOutput{}); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
		}
		time.Sleep(2 * time.Second) // the background load
		for _, q := range raBenchQueries {
			for _, ra := range []bool{true, false} {
				b.Run(fmt.Sprintf("%s/%s/readahead=%v", pool.name, q.name, ra), func(b *testing.B) {
					old := exec.SetScanReadAhead(ra)
					defer exec.SetScanReadAhead(old)
					cpu0 := cpuTime()
					for range b.N {
						out := &countOutput{}
						if err := s.ExecBatch(ctx, q.text, out); err != nil {
							b.Fatal(err)
						}
						if out.rows != q.rows {
							b.Fatalf("%d rows, want %d", out.rows, q.rows)
						}
					}
					b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
				})
			}
		}
		inst.Close()
	}
}

// cpuTime is the process's user + system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// raBenchQueries are BenchmarkScanReadAheadCache's statements and their
// result rows. "group" aggregates on the stored rows (rawagg.go) and never
// reads ahead; the others scan through a read-ahead when it is on.
var raBenchQueries = []struct {
	name, text string
	rows       int64
}{
	{"group", "SELECT grp, COUNT(*), SUM(val) FROM dbo.t GROUP BY grp", 100},
	{"groupwhere", "SELECT grp, COUNT(*), SUM(val) FROM dbo.t WHERE val >= 0 GROUP BY grp", 100},
	{"stream", "SELECT id, grp, val, pad FROM dbo.t", 200000},
	{"filter", "SELECT id FROM dbo.t WHERE val = 7", 200},
}
