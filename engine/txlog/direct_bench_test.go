package txlog

import (
	"context"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"
)

// BenchmarkCommitDirectVsBuffered compares the two ways a flush makes blocks
// durable (direct.go): one O_DIRECT|O_DSYNC write, or pwrite + fdatasync
// (Options.BufferedWrites), with 1 and 16 committers. Both logs are open at
// once and measured in alternating chunks (the order flips every round), so
// both see the same machine load; it reports, per mode, the process CPU per
// commit (getrusage: user + system, all goroutines), the p50 commit latency
// (1 committer) or commits per flush (16), and the ratios direct ÷ buffered.
func BenchmarkCommitDirectVsBuffered(b *testing.B) {
	for _, n := range []int{1, 16} {
		b.Run(map[int]string{1: "committers=1", 16: "committers=16"}[n], func(b *testing.B) {
			open := func(buffered bool) *Log {
				l, err := Open(filepath.Join(b.TempDir(), "log"), Options{BufferedWrites: buffered})
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { l.Close() })
				mustCommit(b, l, Begin{Txn: 0})
				l.segs.wg.Wait()
				return l
			}
			logs := [2]*Log{open(false), open(true)}
			if logs[0].segs.direct.off.Load() {
				b.Skip("direct writes not available here")
			}
			var cpu [2]time.Duration
			var commits, flushes [2]uint64
			var lat [2][]time.Duration
			chunk := 200
			id := uint64(1)
			for done, round := 0, 0; done < b.N; round++ {
				for k := range 2 {
					m := (k + round) % 2
					l := logs[m]
					c := min(chunk, b.N-done)
					f0 := l.Stats().Flushes
					c0 := procCPU()
					var mu sync.Mutex
					var wg sync.WaitGroup
					per := (c + n - 1) / n
					for g := 0; g < n; g++ {
						wg.Add(1)
						base := id
						id += uint64(per)
						go func() {
							defer wg.Done()
							var mine []time.Duration
							for i := 0; i < per; i++ {
								t0 := time.Now()
								lsn, err := l.Append(benchTxn(base + uint64(i))...)
								if err == nil {
									err = l.WaitDurable(context.Background(), lsn)
								}
								if err != nil {
									b.Error(err)
									return
								}
								mine = append(mine, time.Since(t0))
							}
							mu.Lock()
							lat[m] = append(lat[m], mine...)
							mu.Unlock()
						}()
					}
					wg.Wait()
					cpu[m] += procCPU() - c0
					commits[m] += uint64(per * n)
					flushes[m] += l.Stats().Flushes - f0
				}
				done += chunk
			}
			name := [2]string{"direct", "buffered"}
			var cpc, p50 [2]float64
			for m := range 2 {
				cpc[m] = float64(cpu[m].Microseconds()) / float64(commits[m])
				s := lat[m]
				sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
				p50[m] = float64(s[len(s)/2].Microseconds())
				b.ReportMetric(cpc[m], "cpu-µs/commit-"+name[m])
				if n == 1 {
					b.ReportMetric(p50[m], "p50-µs-"+name[m])
				} else {
					b.ReportMetric(float64(commits[m])/float64(max(flushes[m], 1)), "commits/flush-"+name[m])
				}
			}
			b.ReportMetric(cpc[0]/cpc[1], "cpu-ratio")
			b.ReportMetric(p50[0]/p50[1], "p50-ratio")
		})
	}
}

// procCPU is the process's user + system CPU time so far.
func procCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkAppendBlocksDirectVsBuffered is the mirror's side: the blocks of
// lone commits (one ~0.5 KiB block per principal flush) hardened one
// AppendBlocks call each, into a log with direct writes and one with
// BufferedWrites, in alternating chunks; it reports CPU and p50 per call and
// the ratios direct ÷ buffered.
func BenchmarkAppendBlocksDirectVsBuffered(b *testing.B) {
	src, err := Open(filepath.Join(b.TempDir(), "src"), Options{BufferedWrites: true})
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	var blocks [][]byte
	for i := 0; i < b.N; i++ {
		mustCommit(b, src, benchTxn(uint64(i+1))...)
	}
	r, err := src.NewReader(0)
	if err != nil {
		b.Fatal(err)
	}
	for {
		blk, ok, err := r.TryNext()
		if err != nil {
			b.Fatal(err)
		}
		if !ok {
			break
		}
		blocks = append(blocks, append([]byte(nil), blk.Raw...))
	}
	open := func(buffered bool) *Log {
		l, err := Open(filepath.Join(b.TempDir(), "log"), Options{BufferedWrites: buffered})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { l.Close() })
		return l
	}
	logs := [2]*Log{open(false), open(true)}
	var cpu [2]time.Duration
	var lat [2][]time.Duration
	b.ResetTimer()
	for i, round := 0, 0; i < len(blocks); round++ {
		c := min(100, len(blocks)-i)
		for k := range 2 {
			m := (k + round) % 2
			c0 := procCPU()
			for _, raw := range blocks[i : i+c] {
				t0 := time.Now()
				if err := logs[m].AppendBlocks(raw); err != nil {
					b.Fatal(err)
				}
				lat[m] = append(lat[m], time.Since(t0))
			}
			cpu[m] += procCPU() - c0
		}
		i += c
	}
	name := [2]string{"direct", "buffered"}
	var cpc, p50 [2]float64
	for m := range 2 {
		cpc[m] = float64(cpu[m].Microseconds()) / float64(len(lat[m]))
		s := lat[m]
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		p50[m] = float64(s[len(s)/2].Microseconds())
		b.ReportMetric(cpc[m], "cpu-µs/call-"+name[m])
		b.ReportMetric(p50[m], "p50-µs-"+name[m])
	}
	b.ReportMetric(cpc[0]/cpc[1], "cpu-ratio")
	b.ReportMetric(p50[0]/p50[1], "p50-ratio")
}
