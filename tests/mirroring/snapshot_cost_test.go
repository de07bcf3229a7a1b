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

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestSnapshotCost measures database snapshots of a mirror end to end
// (docs/benchmarks-mirroring.md): the time CREATE DATABASE … AS SNAPSHOT OF
// takes on the mirror of a 1M-row database (it copies nothing: a pin and
// the catalog as of the consistency point), the time a full count of the
// table takes through the snapshot and on the principal, and whether redo
// keeps up with a snapshot present: 16 sessions insert on the principal as
// fast as they can for 10 s per round, rounds alternating without and with
// a snapshot on the mirror (ABBA), while the mirror's Redo Queue KB is
// sampled every 100 ms. It logs; it asserts nothing about speed. Opt-in
// (MIRRORSQL_BENCH=1): a few minutes.
func TestSnapshotCost(t *testing.T) {
	if os.Getenv("MIRRORSQL_BENCH") != "1" {
		t.Skip("MIRRORSQL_BENCH=1 runs the snapshot cost measurement")
	}
	rows := envInt("MIRRORSQL_SNAPSHOT_ROWS", 1_000_000)
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.mustExec(p, "USE "+dbName+"; CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, pad varchar(40) NOT NULL)")
	start := time.Now()
	const batch = 50_000
	for base := 0; base < rows; base += batch {
		c.mustExec(p, fmt.Sprintf("USE %s; INSERT dbo.big (id, pad) SELECT value, REPLICATE('x', 40) FROM GENERATE_SERIES(%d, %d)", dbName, base+1, min(base+batch, rows)))
	}
	t.Logf("loaded %d rows on the principal in %v", rows, time.Since(start).Round(time.Millisecond))
	c.waitState(p, "SYNCHRONIZED")
	waitRedoDrained(c, m)

	create := fmt.Sprintf("CREATE DATABASE snapc ON (NAME = %[1]s, FILENAME = '/nowhere/snapc.ss') AS SNAPSHOT OF %[1]s", dbName)
	var creates, counts []time.Duration
	for i := range 5 {
		t0 := time.Now()
		c.mustExec(m, create)
		creates = append(creates, time.Since(t0))
		t0 = time.Now()
		var n int
		if err := c.master(m).QueryRow("SELECT COUNT(*) FROM snapc.dbo.big").Scan(&n); err != nil || n != rows {
			t.Fatalf("count through the snapshot: %d (%v), want %d", n, err, rows)
		}
		counts = append(counts, time.Since(t0))
		c.mustExec(m, "DROP DATABASE snapc")
		t.Logf("round %d: CREATE … AS SNAPSHOT OF %v, COUNT(*) through it %v", i, creates[i].Round(time.Microsecond), counts[i].Round(time.Millisecond))
	}
	var pcounts []time.Duration
	for range 5 {
		t0 := time.Now()
		if _, err := c.count(p, "big"); err != nil {
			t.Fatal(err)
		}
		pcounts = append(pcounts, time.Since(t0))
	}
	med := func(d []time.Duration) time.Duration { s := slices.Clone(d); slices.Sort(s); return s[len(s)/2] }
	t.Logf("%d rows: CREATE snapshot on the mirror median %v (max %v); COUNT(*) through the snapshot median %v; on the principal median %v",
		rows, med(creates).Round(time.Microsecond), slices.Max(creates).Round(time.Microsecond), med(counts).Round(time.Millisecond), med(pcounts).Round(time.Millisecond))

	// Redo with and without a snapshot present, ABBA.
	for i, withSnap := range []bool{false, true, true, false} {
		var atCreate int
		if withSnap {
			c.mustExec(m, create)
			if err := c.master(m).QueryRow("SELECT COUNT(*) FROM snapc.dbo.big").Scan(&atCreate); err != nil {
				t.Fatal(err)
			}
		}
		commits, maxQ, medQ := insertRound(t, c, p, m, 16, 10*time.Second, 1_000_000_000+i*100_000_000)
		waitRedoDrained(c, m)
		if withSnap {
			var n int
			if err := c.master(m).QueryRow("SELECT COUNT(*) FROM snapc.dbo.big").Scan(&n); err != nil || n != atCreate {
				t.Fatalf("snapshot after the round: %d rows (%v), want %d as at its creation", n, err, atCreate)
			}
			c.mustExec(m, "DROP DATABASE snapc")
		}
		t.Logf("round %d (snapshot %v): %.0f commits/s at 16 sessions, mirror Redo Queue KB max %d, median %d", i, withSnap, commits, maxQ, medQ)
	}
}

// insertRound runs n sessions inserting single rows into dbo.big on p for d
// (ids from base), sampling m's Redo Queue KB every 100 ms; it returns the
// commits per second and the queue's maximum and median.
func insertRound(t *testing.T, c *cluster, p, m *harness.Server, n int, d time.Duration, base int) (float64, int64, int64) {
	t.Helper()
	db := p.DB(dbName)
	db.SetMaxOpenConns(n)
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var done atomic.Int64
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				if _, err := db.ExecContext(ctx, "INSERT dbo.big (id, pad) VALUES (@p1, 'y')", base+g*10_000_000+i); err == nil {
					done.Add(1)
				}
			}
		}()
	}
	var samples []int64
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	start := time.Now()
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-tick.C:
			if q, err := redoQueueKB(c.master(m)); err == nil {
				samples = append(samples, q)
			}
		}
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	if len(samples) == 0 {
		t.Fatal("no Redo Queue KB sample")
	}
	slices.Sort(samples)
	return float64(done.Load()) / secs, samples[len(samples)-1], samples[len(samples)/2]
}

// redoQueueKB reads the mirror's Redo Queue KB counter for dbName.
func redoQueueKB(db *sql.DB) (int64, error) {
	var q int64
	err := db.QueryRow("SELECT cntr_value FROM sys.dm_os_performance_counters WHERE object_name LIKE '%Database Mirroring%' AND counter_name = 'Redo Queue KB' AND instance_name = '" + dbName + "'").Scan(&q)
	return q, err
}

// waitRedoDrained waits until m's redo queue is empty.
func waitRedoDrained(c *cluster, m *harness.Server) {
	c.waitFor("the mirror's redo queue drained", 5*time.Minute, func() (bool, error) {
		q, err := redoQueueKB(c.master(m))
		return err == nil && q == 0, nil
	})
}
