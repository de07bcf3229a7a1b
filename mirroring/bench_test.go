package mirroring

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime/metrics"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// BenchmarkCommit measures commit latency on one machine: an unmirrored log
// commit (Append + WaitDurable) against the same with the SAFETY FULL mirror wait
// (WaitDurable + the wait for the mirror's hardened ack over loopback TCP, the
// mirror fsyncing what it receives), with 1 and 16 concurrent committers. Figures
// are in docs/benchmarks-mirroring.md.
func BenchmarkCommit(b *testing.B) {
	for _, mirrored := range []bool{false, true} {
		for _, conc := range []int{1, 16} {
			name := "unmirrored"
			if mirrored {
				name = "safety_full"
			}
			b.Run(name+"/committers="+itoa(conc), func(b *testing.B) {
				var d *fakeDB
				if mirrored {
					pr := newPair(b)
					pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
					d = pr.pdb
					// Group commit on both sides: log flushes (write + fdatasync)
					// per commit on the principal, per principal flush on the mirror.
					p0, m0 := pr.pdb.log.Stats().Flushes, pr.mdb.log.Stats().Flushes
					defer func() {
						pf, mf := pr.pdb.log.Stats().Flushes-p0, pr.mdb.log.Stats().Flushes-m0
						if pf > 0 {
							b.ReportMetric(float64(pf)/float64(b.N), "p-flush/commit")
							b.ReportMetric(float64(mf)/float64(pf), "m-flush/p-flush")
						}
					}()
				} else {
					l, err := txlog.Open(filepath.Join(b.TempDir(), "log"), txlog.Options{})
					if err != nil {
						b.Fatal(err)
					}
					b.Cleanup(func() { l.Close() })
					d = &fakeDB{name: "bench", log: l, model: "FULL"}
				}
				benchCommits(b, d, conc)
			})
		}
	}
}

// BenchmarkCommitWaits compares, in one run, the two ways a SAFETY FULL commit
// can wait (16 committers, a real mirror over loopback): parked once for local
// durability and the mirror's ack together (waits=once, parker.go, what the
// engine does) and the two waits in turn (waits=twice, before parker.go).
// Run it with -count: the sub-benchmarks alternate, so load falls on both.
func BenchmarkCommitWaits(b *testing.B) {
	for _, twice := range []bool{false, true} {
		name := map[bool]string{false: "waits=once", true: "waits=twice"}[twice]
		b.Run(name, func(b *testing.B) {
			pr := newPair(b)
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			pr.pdb.twoWaits = twice
			benchCommits(b, pr.pdb, 16)
		})
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func benchCommits(b *testing.B, d *fakeDB, conc int) {
	b.ResetTimer()
	cpu0 := processCPU(b)
	sched0 := schedulings()
	lat, elapsed := runCommitters(b, d, conc, nil)
	cpu := processCPU(b) - cpu0
	sched := schedulings() - sched0
	b.StopTimer()
	// Goroutine schedulings (runnable → running: wake-ups, mostly) of the
	// whole process per commit, as the runtime samples them (about 1 in 8:
	// multiply by 8): what a saved park/wake shows as, where the CPU figure
	// is too noisy on a loaded machine.
	b.ReportMetric(float64(sched)/float64(b.N), "sampled-sched/commit")
	// CPU time of the whole process (committers, both managers, both logs) per
	// commit: on a shared machine far steadier than commits/s.
	b.ReportMetric(float64(cpu.Nanoseconds())/1e3/float64(b.N), "cpu-µs/commit")
	reportCommitRates(b, lat, elapsed)
}

// runCommitters commits b.N times from conc goroutines on d, each calling
// think (when set) before each commit, and returns every commit's latency
// and the wall time of the whole run.
func runCommitters(b *testing.B, d *fakeDB, conc int, think func()) ([]time.Duration, time.Duration) {
	ctx := context.Background()
	lat := make([]time.Duration, b.N)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for g := 0; g < conc; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if think != nil {
					think()
				}
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= b.N {
					return
				}
				t0 := time.Now()
				if _, err := d.commit(ctx); err != nil {
					b.Error(err)
					return
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	return lat, time.Since(start)
}

// reportCommitRates reports commits/s and the commit latency's p50 and p99.
func reportCommitRates(b *testing.B, lat []time.Duration, elapsed time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "commits/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkCommitBudget measures in one run the three figures of the issue's
// 1-session latency target, "SAFETY FULL commit p50 <= 1.3 x (fdatasync +
// loopback round trip)": the p50 of a 4 KiB write + fdatasync in the test's
// data directory (the file system of both logs), of a 1-byte TCP ping-pong on
// 127.0.0.1, and of a single committer's SAFETY FULL commit (a real txlog on
// each side, the mirror hardening with its own fdatasync, real TCP between two
// Managers). The three are interleaved in chunks of 64 so that load from other
// processes hits them alike; b.N is the number of samples of each. Reported:
// the three p50s, budget-µs = 1.3 x (fdatasync + RTT) and x-budget = commit
// p50 / budget (the target is <= 1).
//
// The budget counts one durable write; here both partners' logs share one
// disk, which takes their two writes of a flush one after the other
// (BenchmarkHardenContention: 1.4–2.2 x one write, session 11), so in process
// x-budget stays above 1 even when the commit is at that shared-disk floor.
func BenchmarkCommitBudget(b *testing.B) {
	pr := newPair(b)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	f, err := os.OpenFile(filepath.Join(b.TempDir(), "fdatasync.probe"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	conn, stop := echoConn(b)
	defer stop()
	one := []byte{1}
	ctx := context.Background()
	syncs := make([]time.Duration, 0, b.N)
	rtts := make([]time.Duration, 0, b.N)
	commits := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for done := 0; done < b.N; {
		n := min(64, b.N-done)
		for i := 0; i < n; i++ {
			t0 := time.Now()
			block[0] = byte(i)
			if _, err := f.WriteAt(block, 0); err != nil {
				b.Fatal(err)
			}
			if err := syscall.Fdatasync(int(f.Fd())); err != nil {
				b.Fatal(err)
			}
			syncs = append(syncs, time.Since(t0))
		}
		for i := 0; i < n; i++ {
			t0 := time.Now()
			if _, err := conn.Write(one); err != nil {
				b.Fatal(err)
			}
			if _, err := io.ReadFull(conn, one); err != nil {
				b.Fatal(err)
			}
			rtts = append(rtts, time.Since(t0))
		}
		for i := 0; i < n; i++ {
			t0 := time.Now()
			if _, err := pr.pdb.commit(ctx); err != nil {
				b.Fatal(err)
			}
			commits = append(commits, time.Since(t0))
		}
		done += n
	}
	b.StopTimer()
	fs, rtt, full := p50(syncs), p50(rtts), p50(commits)
	budget := 1.3 * (fs + rtt)
	b.ReportMetric(fs, "fdatasync-p50-µs")
	b.ReportMetric(rtt, "rtt-p50-µs")
	b.ReportMetric(full, "full-p50-µs")
	b.ReportMetric(budget, "budget-µs")
	b.ReportMetric(full/budget, "x-budget")
}

// p50 returns the median of d in microseconds (d is reordered).
func p50(d []time.Duration) float64 {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return float64(d[len(d)/2].Nanoseconds()) / 1e3
}

// echoConn returns a TCP connection on 127.0.0.1 whose peer echoes every byte.
func echoConn(b *testing.B) (net.Conn, func()) {
	b.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_, _ = io.Copy(c, c)
	}()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		l.Close()
		b.Fatal(err)
	}
	return c, func() { c.Close(); l.Close() }
}

// processCPU is the process's user + system CPU time so far.
// schedulings is how many times the runtime has scheduled a runnable
// goroutine (the count of /sched/latencies:seconds).
func schedulings() uint64 {
	s := []metrics.Sample{{Name: "/sched/latencies:seconds"}}
	metrics.Read(s)
	var n uint64
	for _, c := range s[0].Value.Float64Histogram().Counts {
		n += c
	}
	return n
}

func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
