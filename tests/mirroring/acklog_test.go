package mirroring_test

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// pinnedWriters are sessions inserting rows into dbo.events one at a time on
// one server's DSN — no failover partner, so they keep talking to that
// instance whatever its role — and recording every id they attempted and
// every id the server acknowledged (with the name the server gave and the
// time). They are the adversary's clients: an acknowledgement from an
// instance that had no right to give it shows up as an acknowledged id the
// final principal lacks.
type pinnedWriters struct {
	t      testing.TB
	cancel context.CancelFunc
	wg     sync.WaitGroup
	dbs    []*sql.DB

	mu        sync.Mutex
	attempted map[int]bool
	acks      map[int]ack
	errs      int
	lastErr   error
}

// startPinnedWriters starts n sessions on dsn; session g uses ids base +
// g*100000 upward. They run until stop (or the end of the test).
func startPinnedWriters(t testing.TB, dsn string, n, base int) *pinnedWriters {
	ctx, cancel := context.WithCancel(context.Background())
	w := &pinnedWriters{t: t, cancel: cancel, attempted: map[int]bool{}, acks: map[int]ack{}}
	for g := range n {
		db, err := sql.Open("sqlserver", dsn)
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		w.dbs = append(w.dbs, db)
		w.wg.Add(1)
		go w.run(ctx, db, base+g*100000)
	}
	t.Cleanup(w.stop)
	return w
}

func (w *pinnedWriters) run(ctx context.Context, db *sql.DB, id int) {
	defer w.wg.Done()
	for ; ctx.Err() == nil; id++ {
		w.mu.Lock()
		w.attempted[id] = true
		w.mu.Unlock()
		qctx, cancel := context.WithTimeout(ctx, 8*time.Second)
		var server string
		err := db.QueryRowContext(qctx, "INSERT INTO dbo.events (id, written_on) VALUES (@p1, @@SERVERNAME); SELECT @@SERVERNAME", id).Scan(&server)
		cancel()
		w.mu.Lock()
		if err == nil {
			w.acks[id] = ack{id: id, at: time.Now(), server: server}
		} else {
			w.errs++
			w.lastErr = err
		}
		w.mu.Unlock()
		if err != nil {
			select {
			case <-ctx.Done():
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
}

// stop stops the sessions and waits for them (idempotent).
func (w *pinnedWriters) stop() {
	w.cancel()
	w.wg.Wait()
	for _, db := range w.dbs {
		db.Close()
	}
}

// ackedAfter returns the acknowledgements received after at, by id.
func (w *pinnedWriters) ackedAfter(at time.Time) []ack {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []ack
	for _, a := range w.acks {
		if a.at.After(at) {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// waitAckAfter waits until some session has an acknowledgement received
// after at, failing t after bound.
func (w *pinnedWriters) waitAckAfter(t testing.TB, at time.Time, bound time.Duration) {
	t.Helper()
	deadline := time.Now().Add(bound)
	for len(w.ackedAfter(at)) == 0 {
		if time.Now().After(deadline) {
			w.mu.Lock()
			err := w.lastErr
			w.mu.Unlock()
			t.Fatalf("no write acknowledged within %v after %s (last error: %v)", bound, at.Format("15:04:05.000"), err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// counts returns how many ids were acknowledged and attempted so far.
func (w *pinnedWriters) counts() (acked, attempted int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.acks), len(w.attempted)
}

// check fails t unless present (the ids of dbo.events on some instance)
// holds every acknowledged id and no id that was never attempted. The
// ids outside [base, base+n*100000) are others' and are ignored. what
// names the instance in the messages.
func (w *pinnedWriters) check(t testing.TB, what string, present map[int]bool, base, n int) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	var lost, phantom []int
	for id := range w.acks {
		if !present[id] {
			lost = append(lost, id)
		}
	}
	for id := range present {
		if id >= base && id < base+n*100000 && !w.attempted[id] {
			phantom = append(phantom, id)
		}
	}
	sort.Ints(lost)
	sort.Ints(phantom)
	if len(lost) > 0 {
		var by []string
		for _, id := range head(lost) {
			a := w.acks[id]
			by = append(by, fmt.Sprintf("%d by %s at %s", id, a.server, a.at.Format("15:04:05.000")))
		}
		t.Errorf("%s: %d of %d acknowledged rows missing: %v", what, len(lost), len(w.acks), by)
	}
	if len(phantom) > 0 {
		t.Errorf("%s: %d rows that were never attempted: %v", what, len(phantom), head(phantom))
	}
}

// sameIDs fails t unless a and b (the rows of both partners) are equal.
func sameIDs(t testing.TB, a, b map[int]bool, an, bn string) {
	t.Helper()
	var onlyA, onlyB []int
	for id := range a {
		if !b[id] {
			onlyA = append(onlyA, id)
		}
	}
	for id := range b {
		if !a[id] {
			onlyB = append(onlyB, id)
		}
	}
	sort.Ints(onlyA)
	sort.Ints(onlyB)
	if len(onlyA)+len(onlyB) > 0 {
		t.Errorf("the partners diverge: %d rows only on %s %v, %d only on %s %v", len(onlyA), an, head(onlyA), len(onlyB), bn, head(onlyB))
	}
}

// servingIDs waits until s serves dbName's rows (a principal that reports
// SYNCHRONIZED may still refuse with 955 until its quorum is confirmed) and
// returns them with how long it waited.
func (c *cluster) servingIDs(s *harness.Server) (map[int]bool, time.Duration) {
	c.t.Helper()
	start := time.Now()
	var ids map[int]bool
	var last error
	deadline := start.Add(failoverBound)
	for {
		var err error
		if ids, err = c.ids(s); err == nil {
			return ids, time.Since(start)
		}
		last = err
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: does not serve %s within %v: %v; %s", s.Name, dbName, failoverBound, last, c.describe())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// mustIDs is c.ids that fails the test.
func (c *cluster) mustIDs(s *harness.Server) map[int]bool {
	c.t.Helper()
	ids, err := c.ids(s)
	if err != nil {
		c.t.Fatalf("%s: read events: %v; %s", s.Name, err, c.describe())
	}
	return ids
}
