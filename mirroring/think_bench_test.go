package mirroring

import (
	"context"
	"math/rand/v2"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// BenchmarkCommitThink prices the flush gate's gathering (pace.go) where
// sessions commit now and then instead of back to back: 16 committers on a
// synchronized SAFETY FULL pair, each thinking a random 0–4 ms between its
// commits. There the last cycle's count of committers is not a promise, and a
// gathering wait may delay commits that would have gone at once. Reported:
// commit p50 and p99 (the wait's cost), commits/s, principal flushes per
// commit. Run
// against the code before a gathering change in the same run, -count ≥ 5.
func BenchmarkCommitThink(b *testing.B) {
	pr := newPair(b)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	d := pr.pdb
	ctx := context.Background()
	const conc = 16
	lat := make([]time.Duration, b.N)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	f0 := d.log.Stats()
	b.ResetTimer()
	start := time.Now()
	for g := 0; g < conc; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				time.Sleep(time.Duration(rand.Int64N(int64(4 * time.Millisecond))))
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
	f1 := d.log.Stats()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "commits/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	if n := f1.Flushes - f0.Flushes; n > 0 {
		b.ReportMetric(float64(n)/float64(b.N), "p-flush/commit")
	}
}
