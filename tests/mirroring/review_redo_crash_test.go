package mirroring_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewMirrorKilledDuringGroupedRedo (review of 3edf67d, 3db07fe,
// 0fb998b): the mirror is SIGKILLed while 8 sessions commit on the principal
// (so its redo is writing grouped ApplyGroup batches, and its applied LSN is
// only in memory), restarted, resynchronized, and after a manual failover
// the new principal holds exactly the old principal's rows and values: every
// acknowledged commit, nothing twice, counters equal.
func TestReviewMirrorKilledDuringGroupedRedo(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.mustExec(p, "USE "+dbName+"; CREATE TABLE dbo.ctr (k int NOT NULL PRIMARY KEY, n int NOT NULL); INSERT dbo.ctr VALUES (0,0),(1,0),(2,0),(3,0)")

	var stop atomic.Bool
	var acked sync.Map // event id -> true, acknowledged
	var wg sync.WaitGroup
	db := p.DB(dbName)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				id := 1_000_000 + g*100_000 + i
				q := fmt.Sprintf("BEGIN TRAN; UPDATE dbo.ctr SET n = n + 1 WHERE k = %d; INSERT dbo.events (id, written_on) VALUES (%d, @@SERVERNAME); COMMIT", g%4, id)
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				_, err := db.ExecContext(ctx, q)
				cancel()
				if err == nil {
					acked.Store(id, true)
				}
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond) // load on both before the kill (not an assertion)
	m.Kill()
	time.Sleep(500 * time.Millisecond)
	m.Restart()
	c.waitRole(m, "MIRROR", "SYNCHRONIZED")
	time.Sleep(1 * time.Second)
	stop.Store(true)
	wg.Wait()

	want := snapshot(t, c, p)
	nacked := 0
	acked.Range(func(k, _ any) bool {
		nacked++
		if !want.events[k.(int)] {
			t.Errorf("acknowledged event %d missing on the principal", k)
		}
		return true
	})
	sum := 0
	for _, n := range want.ctr {
		sum += n
	}
	if sum != len(want.events) {
		t.Errorf("principal: counters sum to %d, %d events (each transaction does one of each)", sum, len(want.events))
	}
	if nacked == 0 {
		t.Fatal("no commit acknowledged during the test")
	}
	c.mustAlter(p, "SET PARTNER FAILOVER")
	c.waitRole(m, "PRINCIPAL", "")
	got := snapshot(t, c, m)
	if fmt.Sprint(got.ctr) != fmt.Sprint(want.ctr) {
		t.Errorf("counters on the new principal %v, old principal %v", got.ctr, want.ctr)
	}
	if len(got.events) != len(want.events) {
		t.Errorf("%d events on the new principal, %d on the old", len(got.events), len(want.events))
	}
	for id := range want.events {
		if !got.events[id] {
			t.Errorf("event %d missing on the new principal", id)
			break
		}
	}
	t.Logf("%d commits acknowledged during the kill and restart", nacked)
}

type dbSnapshot struct {
	ctr    []int
	events map[int]bool
}

func snapshot(t *testing.T, c *cluster, s *harness.Server) dbSnapshot {
	t.Helper()
	ev, err := c.ids(s)
	if err != nil {
		t.Fatalf("%s: events: %v", s.Name, err)
	}
	rows, err := c.master(s).Query("SELECT n FROM " + dbName + ".dbo.ctr ORDER BY k")
	if err != nil {
		t.Fatalf("%s: counters: %v", s.Name, err)
	}
	defer rows.Close()
	var ctr []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		ctr = append(ctr, n)
	}
	return dbSnapshot{ctr: ctr, events: ev}
}
