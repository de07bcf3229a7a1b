//go:build linux

package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// BenchmarkInsertCommit is issue 4's "the same without TDS (engine API)": the
// single-row autocommit INSERT of tests/bench section 2 (sp_executesql with a
// bigint and a varchar parameter into dbo.ins) run by 1 and 16 engine sessions
// against a real on-disk instance (log fdatasync, badger files), no TDS.
//
// Besides ns/op it reports commits/s, the process CPU per commit
// (getrusage, user+system: all of it is the engine here, unlike through TDS
// where clients share the cores), the p50 commit latency, and how many
// commits one log flush and one store write carried (group commit, group
// apply), so the figures sit beside the TDS ones in docs/benchmarks-txlog.md.
//
// "apply=deferred" runs each session's requests as engine/session does for a
// TDS connection: under its DeferredApply, started once the request returns
// (where a connection starts it after its response), so the store writes are
// grouped and started after the commit as through TDS; without it every
// commit queues its store write with ApplyLater (the path of in-process
// callers), which at 1 session starts the applier, and one badger write,
// per commit.
func BenchmarkInsertCommit(b *testing.B) {
	for _, c := range []struct {
		sessions int
		deferred bool
	}{{1, false}, {16, false}, {1, true}, {16, true}} {
		sessions := c.sessions
		name := fmt.Sprintf("sessions=%d", sessions)
		if c.deferred {
			name += ",apply=deferred"
		}
		b.Run(name, func(b *testing.B) {
			inst := openTestInstance(b, b.TempDir())
			b.Cleanup(func() { _ = inst.Close() })
			admin, err := inst.NewSession("sa", "master", exec.SessionInfo{})
			if err != nil {
				b.Fatal(err)
			}
			benchExec(b, admin, "CREATE DATABASE bench")
			benchExec(b, admin, "CREATE TABLE bench.dbo.ins (id bigint NOT NULL PRIMARY KEY, v varchar(50) NOT NULL)")
			ss := make([]*Session, sessions)
			for i := range ss {
				if ss[i], err = inst.NewSession("sa", "bench", exec.SessionInfo{}); err != nil {
					b.Fatal(err)
				}
			}
			var (
				next  atomic.Int64
				mu    sync.Mutex
				lats  = make([]time.Duration, 0, b.N)
				wg    sync.WaitGroup
				errMu sync.Mutex
				first error
			)
			const stmt = "INSERT INTO dbo.ins (id, v) VALUES (@p1, @p2)"
			const decls = "@p1 bigint, @p2 varchar(50)"
			// Warm up (plan caches, first badger tables), then give the
			// background preparation of every new database's next log segment
			// (8 MiB of zeros each, txlog/segment.go) time to finish, so that
			// its CPU is not charged to the measured commits.
			for i, s := range ss {
				benchExec(b, s, fmt.Sprintf("INSERT INTO dbo.ins (id, v) VALUES (%d, 'warm')", -1-i))
			}
			time.Sleep(time.Second)
			sync50 := fdatasyncP50(b, b.TempDir())
			db := inst.Database("bench")
			stats0 := db.Log().Stats()
			flush0 := stats0.Flushes
			writes0, applied0 := db.store.LaterStats()
			cpu0 := cpuTime(b)
			b.ResetTimer()
			start := time.Now()
			for _, s := range ss {
				wg.Add(1)
				go func() {
					defer wg.Done()
					out := &collect{}
					ctx := context.Background()
					var deferred DeferredApply
					if c.deferred {
						ctx = WithDeferredApply(ctx, &deferred)
						defer deferred.Start()
					}
					local := make([]time.Duration, 0, b.N/sessions+1)
					for {
						id := next.Add(1)
						if id > int64(b.N) {
							break
						}
						args := []*exec.ProcArg{
							{Name: "@p1", Value: types.NewBigInt(id), Type: types.TypeBigInt},
							{Name: "@p2", Value: types.NewVarChar("bench row"), Type: types.VarCharType(50)},
						}
						t0 := time.Now()
						err := s.ExecuteSQL(ctx, stmt, decls, args, out)
						local = append(local, time.Since(t0))
						deferred.Start() // a no-op unless c.deferred
						if err == nil && len(out.errs) > 0 {
							err = out.errs[0]
						}
						if err != nil {
							errMu.Lock()
							first = err
							errMu.Unlock()
							return
						}
					}
					mu.Lock()
					lats = append(lats, local...)
					mu.Unlock()
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			if first != nil {
				b.Fatal(first)
			}
			cpu := cpuTime(b) - cpu0
			slices.Sort(lats)
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "commits/s")
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-us/commit")
			b.ReportMetric(float64(lats[len(lats)/2].Microseconds()), "p50-us")
			b.ReportMetric(float64(sync50.Microseconds()), "fdatasync-p50-us")
			if writes1, applied1 := db.store.LaterStats(); writes1 > writes0 {
				b.ReportMetric(float64(applied1-applied0)/float64(writes1-writes0), "commits/store-write")
			}
			if st := db.Log().Stats(); st.Flushes > flush0 {
				n := float64(st.Flushes - flush0)
				b.ReportMetric(float64(b.N)/n, "commits/flush")
				// How often a flush waited for the last cycle's committers
				// before sealing, and how often that wait reached its bound
				// (txlog gatherLocked).
				b.ReportMetric(float64(st.GatherWaits-stats0.GatherWaits)/n, "gathers/flush")
				b.ReportMetric(float64(st.GatherMisses-stats0.GatherMisses)/n, "gather-misses/flush")
			}
		})
	}
}

// fdatasyncP50 is the median of 200 rounds of a 4 KiB write plus fdatasync
// into a preallocated file in dir: the yardstick of issue 4's "1-session
// commit latency within 1.3x of one fdatasync", measured in the same run.
func fdatasyncP50(b *testing.B, dir string) time.Duration {
	b.Helper()
	f, err := os.Create(filepath.Join(dir, "fdatasync.probe"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	if _, err := f.WriteAt(make([]byte, 64*len(buf)), 0); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	lats := make([]time.Duration, 200)
	for i := range lats {
		t0 := time.Now()
		if _, err := f.WriteAt(buf, int64(i%64*len(buf))); err != nil {
			b.Fatal(err)
		}
		if err := syscall.Fdatasync(int(f.Fd())); err != nil {
			b.Fatal(err)
		}
		lats[i] = time.Since(t0)
	}
	slices.Sort(lats)
	return lats[len(lats)/2]
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchExec runs a setup batch and fails the benchmark on any error.
func benchExec(b *testing.B, s *Session, sql string) {
	b.Helper()
	out := &collect{}
	if err := s.ExecBatch(context.Background(), sql, out); err != nil {
		b.Fatalf("%s: %v", sql, err)
	}
	if len(out.errs) > 0 {
		b.Fatalf("%s: %v", sql, out.errs[0])
	}
}
