package exec_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkReadCommittedScanUnderInserts measures a locking READ COMMITTED
// full scan of a 1M-row table (issues #4 #5) alone ("quiet") and while
// four sessions insert into the same table, one row per transaction
// ("writers"): with a writer holding IX on the table when it opens, the
// scan must find the rows writers hold, which it did by probing the lock
// manager (one mutex) for every row. scan-cpu-ns/row is
// the scanning goroutine's own CPU (its OS thread is locked, RUSAGE_THREAD),
// so the inserters' work is not counted; ns/row is wall time.
//
//	go test ./engine/exec -run '^$' -bench ReadCommittedScanUnderInserts -benchtime 5x -count 3
func BenchmarkReadCommittedScanUnderInserts(b *testing.B) {
	const rows = 1 << 20
	inst := openExecTestInstance(b, "rcscan")
	ctx := context.Background()
	session := func() *exec.Session { return newSASession(b, inst) }
	run := func(s *exec.Session, q string) {
		if err := s.ExecBatch(ctx, q, &countOutput{}); err != nil {
			b.Fatalf("%.60s: %v", q, err)
		}
	}
	s := session()
	run(s, "CREATE TABLE dbo.big (k int NOT NULL PRIMARY KEY, v int NOT NULL)")
	run(s, "INSERT dbo.big VALUES (0, 0)")
	for n := 1; n < rows; n *= 2 {
		run(s, fmt.Sprintf("INSERT dbo.big SELECT k + %d, v FROM dbo.big", n))
	}
	const scan = "SELECT k FROM dbo.big WHERE v < 0" // every row read, none returned
	run(s, scan)                                     // warm
	var next atomic.Int64                            // the inserters' keys, unique across runs
	next.Store(4 * rows)
	for _, mode := range []string{"quiet", "writers"} {
		b.Run(mode, func(b *testing.B) {
			stop := make(chan struct{})
			var wg sync.WaitGroup
			if mode == "writers" {
				for range 4 {
					ws := session()
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							select {
							case <-stop:
								return
							default:
							}
							if err := ws.ExecBatch(ctx, fmt.Sprintf("INSERT dbo.big VALUES (%d, 1)", next.Add(1)), &countOutput{}); err != nil {
								b.Error(err)
								return
							}
						}
					}()
				}
				time.Sleep(50 * time.Millisecond) // the inserters are running
			}
			runtime.LockOSThread()
			cpu0, start := threadCPU(), time.Now()
			for range b.N {
				run(s, scan)
			}
			cpu, wall := threadCPU()-cpu0, time.Since(start)
			runtime.UnlockOSThread()
			close(stop)
			wg.Wait()
			n := float64(b.N) * rows
			b.ReportMetric(float64(cpu.Nanoseconds())/n, "scan-cpu-ns/row")
			b.ReportMetric(float64(wall.Nanoseconds())/n, "ns/row")
		})
	}
}

// threadCPU is the calling OS thread's CPU time.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
