package mirroring_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestWitnessCost measures, end to end with real server processes, what a
// witness costs the principal's SAFETY FULL commits (issue 7: "nothing
// measurable"): single-row INSERTs through go-mssqldb from 1 and 16
// connections, in rounds that alternate between the session without a witness
// (SET WITNESS OFF) and with it (SET WITNESS = …), in ABBA order, each round a
// fixed time. It logs the medians of commits/s and the median of the per-round
// ratios witness / no witness; it asserts nothing about speed. Opt-in
// (MIRRORSQL_BENCH=1): it takes about a minute and a half.
func TestWitnessCost(t *testing.T) {
	if os.Getenv("MIRRORSQL_BENCH") != "1" {
		t.Skip("MIRRORSQL_BENCH=1 runs the witness cost measurement")
	}
	const rounds = 6
	const roundTime = 3 * time.Second
	c := newCluster(t, setupOptions{witness: true})
	p := c.principal
	witnessOn := true
	setWitness := func(on bool) {
		t.Helper()
		if on != witnessOn {
			clause := "SET WITNESS OFF"
			if on {
				c.waitState(p, "SYNCHRONIZED")
				clause = fmt.Sprintf("SET WITNESS = '%s'", c.address(c.witness))
			}
			c.mustAlter(p, clause)
			witnessOn = on
		}
		c.waitRow(p, "witness as set", func(r mirroringRow) bool {
			return r.State == "SYNCHRONIZED" && (r.WitnessState == "CONNECTED") == on
		})
	}
	db := p.DB(dbName)
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	var nextID atomic.Int64
	nextID.Store(10_000_000)
	c.waitFor("a first insert through the pool", 30*time.Second, func() (bool, error) {
		_, err := db.Exec("INSERT INTO dbo.events (id, written_on) VALUES (@p1, 'bench')", nextID.Add(1))
		return err == nil, nil
	})
	for _, conns := range []int{1, 16} {
		var rate [2][]float64
		var ratio []float64
		for r := 0; r < rounds; r++ {
			order := []int{0, 1}
			if r%2 == 1 {
				order = []int{1, 0}
			}
			var got [2]float64
			for _, mode := range order {
				setWitness(mode == 1)
				n, err := insertFor(db, conns, roundTime, &nextID)
				if err != nil {
					t.Fatalf("round %d: %v; %s", r+1, err, c.describe())
				}
				got[mode] = float64(n) / roundTime.Seconds()
				rate[mode] = append(rate[mode], got[mode])
			}
			ratio = append(ratio, got[1]/got[0])
			t.Logf("%d connections, round %d: no witness %.0f commits/s, witness %.0f commits/s, ratio %.3f", conns, r+1, got[0], got[1], got[1]/got[0])
		}
		t.Logf("%d connections: median no witness %.0f commits/s, witness %.0f commits/s; per-round ratio median %.3f (min %.3f, max %.3f) over %d rounds of %v",
			conns, medianOf(rate[0]), medianOf(rate[1]), medianOf(ratio), slices.Min(ratio), slices.Max(ratio), rounds, roundTime)
	}
}

// insertFor inserts single rows into dbo.events from conns goroutines for d
// and returns how many committed.
func insertFor(db *sql.DB, conns int, d time.Duration, nextID *atomic.Int64) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var n atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for g := 0; g < conns; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				_, err := db.ExecContext(ctx, "INSERT INTO dbo.events (id, written_on) VALUES (@p1, 'bench')", nextID.Add(1))
				if err != nil {
					if ctx.Err() == nil {
						mu.Lock()
						firstErr = err
						mu.Unlock()
					}
					return
				}
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(n.Load()), firstErr
}

// medianOf returns the median of xs (sorted in place).
func medianOf(xs []float64) float64 {
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}
