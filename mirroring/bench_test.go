package mirroring

import (
	"context"
	"path/filepath"
	"sort"
	"sync"
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

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func benchCommits(b *testing.B, d *fakeDB, conc int) {
	ctx := context.Background()
	lat := make([]time.Duration, b.N)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for g := 0; g < conc; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
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
	elapsed := time.Since(start)
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "commits/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
