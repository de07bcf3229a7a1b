package mirroring

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// BenchmarkHardenContention asks why a SAFETY FULL mirror's harden (one
// durable log write per principal flush) takes longer than the fdatasync
// floor that BenchmarkCommitBudget and tests/bench measure: in every test
// and benchmark here both partners' logs are on the same disk, and the
// principal's own write of a flush (shipped before it is written) reaches the
// device at nearly the same moment as the mirror's. It measures, interleaved
// in chunks of 64 so that machine load hits them alike, the p50 of
//
//   - probe: a 4 KiB pwrite + fdatasync at offset 0 (the floor quoted by the
//     1-session target),
//   - alone: one small commit made durable in a txlog (a partner's write of a
//     flush: one O_DIRECT|O_DSYNC write of its blocks),
//   - both: a commit started at the same moment in each of two logs in the
//     same directory, until both are durable — what a SAFETY FULL commit
//     waits for when the two partners share a disk,
//
// and both/alone: 1 when the device takes the two write+flush pairs in
// parallel, 2 when it serializes them. Read the ratio only when alone is near
// the probe: on a CPU-starved machine the commit path's goroutine wake-ups
// dominate both figures and the ratio falls towards 1 (session 11: 1.36–2.24
// in five runs with alone ≈ probe, 0.91 in one where alone was 431 µs against
// a 224 µs probe). Figures: docs/benchmarks-mirroring.md, session 11.
func BenchmarkHardenContention(b *testing.B) {
	dir := b.TempDir()
	open := func(name string) *txlog.Log {
		l, err := txlog.Open(filepath.Join(dir, name), txlog.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { l.Close() })
		return l
	}
	mirror, principal := open("mirror"), open("principal")
	f, err := os.OpenFile(filepath.Join(dir, "fdatasync.probe"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	ctx := context.Background()
	var ids atomic.Uint64
	commit := func(l *txlog.Log) time.Duration {
		id := ids.Add(1)
		recs := []txlog.Record{txlog.Begin{Txn: id},
			txlog.Insert{Txn: id, Object: 1, Key: []byte("key"), After: make([]byte, 100)},
			txlog.Commit{Txn: id}}
		t0 := time.Now()
		lsn, err := l.Append(recs...)
		if err == nil {
			err = l.WaitDurable(ctx, lsn)
		}
		if err != nil {
			b.Error(err)
		}
		return time.Since(t0)
	}
	// Both logs' first segments are prepared before the clock starts.
	commit(mirror)
	commit(principal)
	probes := make([]time.Duration, 0, b.N)
	alone := make([]time.Duration, 0, b.N)
	both := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for done, round := 0, 0; done < b.N; round++ {
		n := min(64, b.N-done)
		for k := range 3 {
			switch (k + round) % 3 {
			case 0:
				for i := 0; i < n; i++ {
					t0 := time.Now()
					block[0] = byte(i)
					if _, err := f.WriteAt(block, 0); err != nil {
						b.Fatal(err)
					}
					if err := syscall.Fdatasync(int(f.Fd())); err != nil {
						b.Fatal(err)
					}
					probes = append(probes, time.Since(t0))
				}
			case 1:
				for i := 0; i < n; i++ {
					alone = append(alone, commit(mirror))
				}
			case 2:
				for i := 0; i < n; i++ {
					var wg sync.WaitGroup
					wg.Add(1)
					t0 := time.Now()
					go func() {
						defer wg.Done()
						commit(principal)
					}()
					commit(mirror)
					wg.Wait()
					both = append(both, time.Since(t0))
				}
			}
		}
		done += n
	}
	b.StopTimer()
	pr, al, bo := p50(probes), p50(alone), p50(both)
	b.ReportMetric(pr, "probe-p50-µs")
	b.ReportMetric(al, "alone-p50-µs")
	b.ReportMetric(bo, "both-p50-µs")
	b.ReportMetric(bo/al, "both/alone")
}
