//go:build linux

package storage_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// BenchmarkApplyLaterLone is a 1-session commit's store apply: one
// single-row batch queued by ApplyLater, then read back (the Get waits for
// the applier), so every write finds the queue empty, as each commit did
// through TDS at 1 session. It reports the process CPU per write (getrusage:
// the caller, the applier and badger's writer goroutines together).
func BenchmarkApplyLaterLone(b *testing.B) {
	s := openBadgerB(b)
	ctx := context.Background()
	cpu0 := rusageCPU(b)
	b.ResetTimer()
	for i := range b.N {
		key := benchKey(i)
		if err := s.ApplyLater(putBatch(string(key), "bench row"), txlog.LSN(i+1)); err != nil {
			b.Fatal(err)
		}
		if _, ok, err := s.Get(ctx, laterObj, key, txlog.LSN(i+1)); err != nil || !ok {
			b.Fatalf("Get: %v %v", ok, err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(rusageCPU(b)-cpu0)/float64(time.Microsecond)/float64(b.N), "cpu-us/op")
}

// rusageCPU is the process's user + system CPU time so far.
func rusageCPU(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkGetCPU is BenchmarkGet (point reads of a 100,000-row object,
// badger and the buffer pool) with the process CPU per read, the figure to
// compare on a shared machine.
func BenchmarkGetCPU(b *testing.B) {
	const rows = 100_000
	for _, st := range benchStores {
		b.Run(st.name, func(b *testing.B) {
			s := loadedStore(b, rows, st.cached)
			ctx := b.Context()
			cpu0 := rusageCPU(b)
			b.ResetTimer()
			for i := range b.N {
				if _, ok, err := s.Get(ctx, 1, benchKey((i*7919)%rows), storage.Latest); err != nil || !ok {
					b.Fatal(ok, err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(rusageCPU(b)-cpu0)/float64(time.Microsecond)/float64(b.N), "cpu-us/op")
		})
	}
}
