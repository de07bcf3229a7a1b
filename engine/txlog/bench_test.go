package txlog

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkFdatasync4K is the yardstick: one 4 KiB pwrite plus fdatasync into a
// preallocated (zero-filled) file on the same disk, as the log does.
func BenchmarkFdatasync4K(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "raw"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	const span = 16 << 20
	if err := writeZeros(f, 0, span); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 4096)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.WriteAt(buf, int64(i*4096%span)); err != nil {
			b.Fatal(err)
		}
		if err := datasync(f); err != nil {
			b.Fatal(err)
		}
	}
}

// benchLog opens a log with real segments and waits until the first segment and the
// one prepared after it exist, so segment creation is not measured.
func benchLog(b *testing.B) *Log {
	b.Helper()
	l, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	mustCommit(b, l, Begin{Txn: 0})
	l.segs.wg.Wait()
	return l
}

// benchTxn is a small OLTP-like transaction: begin, a 100-byte row, commit.
func benchTxn(id uint64) []Record {
	return []Record{
		Begin{Txn: id},
		Insert{Txn: id, Object: 7, Key: []byte("key-0000000000"), After: make([]byte, 100)},
		Commit{Txn: id, Time: time.Unix(1700000000, 0)},
	}
}

// BenchmarkCommit measures commit latency and throughput with N concurrent
// committers, each appending a transaction and waiting until it is durable.
func BenchmarkCommit(b *testing.B) {
	for _, n := range []int{1, 16, 64} {
		b.Run(map[int]string{1: "committers=1", 16: "committers=16", 64: "committers=64"}[n], func(b *testing.B) {
			l := benchLog(b)
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for g := 0; g < n; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := next.Add(1)
						if i > int64(b.N) {
							return
						}
						lsn, err := l.Append(benchTxn(uint64(i))...)
						if err == nil {
							err = l.WaitDurable(context.Background(), lsn)
						}
						if err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			el := time.Since(start)
			b.ReportMetric(float64(b.N)/el.Seconds(), "commits/s")
		})
	}
}

// BenchmarkRecoveryScan measures reading the log back: Open (which verifies every
// block's checksum from the start, there being no checkpoint) and a full Scan that
// also decodes every record, in MB/s of log; "warm" with the log in the page
// cache, "cold" after evicting this log's files from it.
// The log size defaults to 256 MiB; TXLOG_BENCH_SCAN_MB overrides it.
func BenchmarkRecoveryScan(b *testing.B) {
	size := uint64(256 << 20)
	if mb, err := strconv.Atoi(os.Getenv("TXLOG_BENCH_SCAN_MB")); err == nil && mb > 0 {
		size = uint64(mb) << 20
	}
	dir := b.TempDir()
	l, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	row := make([]byte, 200)
	for id := uint64(1); l.EndOfLog().BlockOffset() < size; id++ {
		recs := []Record{Begin{Txn: id}}
		for k := 0; k < 20; k++ {
			recs = append(recs, Insert{Txn: id, Object: 3, Key: []byte("some-key-00000"), After: row})
		}
		recs = append(recs, Commit{Txn: id})
		if _, err := l.Append(recs...); err != nil {
			b.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		b.Fatal(err)
	}
	for _, cold := range []bool{false, true} {
		name := "warm"
		if cold {
			name = "cold"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for i := 0; i < b.N; i++ {
				if cold {
					b.StopTimer()
					if !dropCache(b, dir) {
						b.Skip("cannot drop the page cache here")
					}
					b.StartTimer()
				}
				openAndScan(b, dir)
			}
		})
	}
}

// openAndScan opens the log in dir and scans every record.
func openAndScan(b *testing.B, dir string) {
	l, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := l.Scan(0, func(LSN, Record) error { return nil }); err != nil {
		b.Fatal(err)
	}
	l.Close()
}

// BenchmarkCommitVsFdatasync interleaves one raw 4 KiB write + fdatasync (on a
// preallocated file) with one single-committer commit, so that both see the same
// disk and machine load, and reports the ratio of their mean latencies (target:
// commit within 1.3× of one fdatasync).
func BenchmarkCommitVsFdatasync(b *testing.B) {
	l := benchLog(b)
	f, err := os.Create(filepath.Join(b.TempDir(), "raw"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	const span = 16 << 20
	if err := writeZeros(f, 0, span); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 4096)
	var raw, commit time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := f.WriteAt(buf, int64(i*4096%span)); err != nil {
			b.Fatal(err)
		}
		if err := datasync(f); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		lsn, err := l.Append(benchTxn(uint64(i + 1))...)
		if err == nil {
			err = l.WaitDurable(context.Background(), lsn)
		}
		if err != nil {
			b.Fatal(err)
		}
		raw += t1.Sub(t0)
		commit += time.Since(t1)
	}
	b.ReportMetric(float64(raw.Nanoseconds())/float64(b.N), "fdatasync-ns")
	b.ReportMetric(float64(commit.Nanoseconds())/float64(b.N), "commit-ns")
	b.ReportMetric(float64(commit)/float64(raw), "ratio")
}

// BenchmarkCommitScaling alternates rounds of 1 committer and of 16 concurrent
// committers (200 commits per committer per round) on one log, so that both see
// the same load, and reports both rates and their ratio (target ≥ 8).
func BenchmarkCommitScaling(b *testing.B) {
	const perCommitter = 200
	l := benchLog(b)
	var id atomic.Uint64
	run := func(n int) time.Duration {
		start := time.Now()
		var wg sync.WaitGroup
		for g := 0; g < n; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < perCommitter; i++ {
					lsn, err := l.Append(benchTxn(id.Add(1))...)
					if err == nil {
						err = l.WaitDurable(context.Background(), lsn)
					}
					if err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		return time.Since(start)
	}
	var one, sixteen time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		one += run(1)
		sixteen += run(16)
	}
	r1 := float64(b.N*perCommitter) / one.Seconds()
	r16 := float64(b.N*perCommitter*16) / sixteen.Seconds()
	b.ReportMetric(r1, "commits/s-1")
	b.ReportMetric(r16, "commits/s-16")
	b.ReportMetric(r16/r1, "ratio")
}
