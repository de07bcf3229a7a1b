package mirroring

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// BenchmarkCommitWitness measures what a witness costs the principal's SAFETY
// FULL commit path (issue 7: "nothing measurable"). One principal/mirror pair
// and one witness instance live for the whole benchmark; rounds alternate
// between the session without a witness (SET WITNESS OFF) and with it (SET
// WITNESS = …, CONNECTED on both partners), in ABBA order so that drift on the
// shared machine falls on both alike. Each round commits b.N small
// transactions per mode (×4 at 16 committers, so rounds last about as long); the reported figures are medians over the rounds and
// the median of the per-round ratios witness / no witness (1.00 = no cost).
// Commits never wait for the witness; it only adds pings (every testPing,
// 2.5× the server's rate) to both partners' managers.
//
// Run with a fixed count, e.g.
//
//	go test -run '^$' -bench BenchmarkCommitWitness -benchtime 2000x ./mirroring/
func BenchmarkCommitWitness(b *testing.B) {
	const rounds = 10
	for _, conc := range []int{1, 16} {
		b.Run("committers="+itoa(conc), func(b *testing.B) {
			if b.N == 1 {
				return // the framework's probe run; -benchtime Nx sets the real N
			}
			pr := newPair(b)
			pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
			w := newInstance(b, "HOSTW", "WITNESS")
			if _, _, _, err := commitRound(pr.pdb, conc, max(b.N/4, 100)); err != nil { // warm-up
				b.Fatal(err)
			}
			n := b.N * max(1, conc/4) // rounds of similar length at both concurrencies
			var rate [2][]float64     // by mode: 0 no witness, 1 witness
			var p50 [2][]float64
			var ratio []float64
			b.ResetTimer()
			for r := 0; r < rounds; r++ {
				order := []int{0, 1}
				if r%2 == 1 {
					order = []int{1, 0}
				}
				var got [2]float64
				var worstOf [2]time.Duration
				for _, mode := range order {
					b.StopTimer()
					setWitness(b, pr, w, mode == 1)
					b.StartTimer()
					cps, med, worst, err := commitRound(pr.pdb, conc, n)
					if err != nil {
						b.Fatal(err)
					}
					got[mode] = cps
					worstOf[mode] = worst
					rate[mode] = append(rate[mode], cps)
					p50[mode] = append(p50[mode], float64(med.Microseconds()))
				}
				ratio = append(ratio, got[1]/got[0])
				b.Logf("round %d: no witness %.0f commits/s (slowest %v), witness %.0f commits/s (slowest %v), ratio %.3f",
					r+1, got[0], worstOf[0].Round(time.Millisecond), got[1], worstOf[1].Round(time.Millisecond), got[1]/got[0])
			}
			b.StopTimer()
			b.ReportMetric(median(rate[0]), "no-witness-commits/s")
			b.ReportMetric(median(rate[1]), "witness-commits/s")
			b.ReportMetric(median(p50[0]), "no-witness-p50-µs")
			b.ReportMetric(median(p50[1]), "witness-p50-µs")
			b.ReportMetric(median(ratio), "ratio")
			b.ReportMetric(slices.Min(ratio), "ratio-min")
			b.ReportMetric(slices.Max(ratio), "ratio-max")
		})
	}
}

// setWitness sets the session's witness to w (on) or removes it (off) and waits
// until the principal's view matches: SYNCHRONIZED, and with the witness
// CONNECTED so that its pings flow for the whole round.
func setWitness(b *testing.B, pr *pair, w *instance, on bool) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	st := pr.p.status(pr.dbName)
	switch {
	case on && st.WitnessName == "":
		if err := pr.p.mgr.SetWitness(ctx, pr.dbName, w.addr()); err != nil {
			b.Fatalf("SET WITNESS: %v", err)
		}
	case !on && st.WitnessName != "":
		if err := pr.p.mgr.SetWitness(ctx, pr.dbName, ""); err != nil {
			b.Fatalf("SET WITNESS OFF: %v", err)
		}
	}
	eventually(b, "witness state on both partners", 20*time.Second, func() bool {
		for _, in := range []*instance{pr.p, pr.m} {
			st := in.status(pr.dbName)
			if (st.WitnessName != "") != on || (on && st.WitnessState != 1) {
				return false
			}
		}
		return true
	})
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
}

// commitRound runs n commits on d from conc goroutines and returns the
// throughput, the median and the slowest commit latency.
func commitRound(d *fakeDB, conc, n int) (float64, time.Duration, time.Duration, error) {
	ctx := context.Background()
	lat := make([]time.Duration, n)
	var mu sync.Mutex
	var next int
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for g := 0; g < conc; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := firstErr != nil
				mu.Unlock()
				if i >= n || stop {
					return
				}
				t0 := time.Now()
				if _, err := d.commit(ctx); err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					return
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return 0, 0, 0, firstErr
	}
	slices.Sort(lat)
	return float64(n) / elapsed.Seconds(), lat[n/2], lat[n-1], nil
}

// median of xs (xs is sorted in place).
func median(xs []float64) float64 {
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}
