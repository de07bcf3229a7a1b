package main

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// loadResult is what one bounded load run measured.
type loadResult struct {
	ops     int64
	elapsed time.Duration
	lats    []time.Duration // per-operation latencies, all workers, unsorted
}

func (r loadResult) perSec() float64 { return float64(r.ops) / r.elapsed.Seconds() }

// quantile returns the q-quantile (0..1) of the recorded latencies, or 0 if none.
func (r loadResult) quantile(q float64) time.Duration {
	if len(r.lats) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), r.lats...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(q * float64(len(s)-1))
	return s[i]
}

// runLoad runs op on each of workers goroutines until dur has passed and
// returns the completed operations and their latencies. op receives the
// worker index and a global sequence number; the first error stops the run.
// Contract: the run is bounded by dur plus the slowest in-flight op.
func runLoad(ctx context.Context, workers int, dur time.Duration, op func(ctx context.Context, w int, seq int64) error) (loadResult, error) {
	var (
		seq   atomic.Int64
		mu    sync.Mutex
		lats  []time.Duration
		first error
		wg    sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	deadline := start.Add(dur)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			local := make([]time.Duration, 0, 4096)
			for ctx.Err() == nil && time.Now().Before(deadline) {
				t0 := time.Now()
				if err := op(ctx, w, seq.Add(1)); err != nil {
					mu.Lock()
					if first == nil && ctx.Err() == nil {
						first = fmt.Errorf("worker %d: %w", w, err)
					}
					mu.Unlock()
					cancel()
					break
				}
				local = append(local, time.Since(t0))
			}
			mu.Lock()
			lats = append(lats, local...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	return loadResult{ops: int64(len(lats)), elapsed: time.Since(start), lats: lats}, first
}

// median returns the median of xs (mean of the middle two for even counts).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
