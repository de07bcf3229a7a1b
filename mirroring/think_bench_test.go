package mirroring

import (
	"math/rand/v2"
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
	f0 := d.log.Stats()
	b.ResetTimer()
	lat, elapsed := runCommitters(b, d, 16, func() {
		time.Sleep(time.Duration(rand.Int64N(int64(4 * time.Millisecond))))
	})
	b.StopTimer()
	f1 := d.log.Stats()
	reportCommitRates(b, lat, elapsed)
	if n := f1.Flushes - f0.Flushes; n > 0 {
		b.ReportMetric(float64(n)/float64(b.N), "p-flush/commit")
	}
}
