package mirroring_test

import (
	"context"
	"database/sql"
	"sort"
	"sync"
	"testing"
	"time"
)

// writer is an application inserting rows into dbo.events one at a time
// through a failover-partner connection string, reconnecting after errors as
// applications do (§6.6). It remembers which ids were acknowledged, when and
// by which server.
type writer struct {
	t      testing.TB
	db     *sql.DB
	nextID int
	cancel context.CancelFunc
	done   chan struct{}

	mu    sync.Mutex
	acks  []ack
	errs  int
	first error // first error seen, for the log
}

type ack struct {
	id     int
	at     time.Time
	server string
}

// startWriter starts a writer on dsn with ids from firstID upward; it stops
// at the end of the test or on stop.
func startWriter(t testing.TB, dsn string, firstID int) *writer {
	db, err := sql.Open("sqlserver", dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	ctx, cancel := context.WithCancel(context.Background())
	w := &writer{t: t, db: db, nextID: firstID, cancel: cancel, done: make(chan struct{})}
	go w.run(ctx)
	t.Cleanup(w.stop)
	return w
}

func (w *writer) run(ctx context.Context) {
	defer close(w.done)
	for ctx.Err() == nil {
		id := w.nextID
		w.nextID++
		qctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		var server string
		err := w.db.QueryRowContext(qctx, "INSERT INTO dbo.events (id, written_on) VALUES (@p1, @@SERVERNAME); SELECT @@SERVERNAME", id).Scan(&server)
		cancel()
		w.mu.Lock()
		if err == nil {
			w.acks = append(w.acks, ack{id, time.Now(), server})
		} else if ctx.Err() == nil {
			w.errs++
			if w.first == nil {
				w.first = err
			}
		}
		w.mu.Unlock()
		if err != nil {
			select {
			case <-ctx.Done():
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

// stop stops the writer and waits for it (idempotent).
func (w *writer) stop() {
	w.cancel()
	<-w.done
	w.db.Close()
}

// acked returns the acknowledged ids.
func (w *writer) acked() []int {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]int, len(w.acks))
	for i, a := range w.acks {
		out[i] = a.id
	}
	return out
}

// firstAckBy returns the time of the first ack after t by server name ("" any).
func (w *writer) firstAckBy(t time.Time, server string) (time.Time, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, a := range w.acks {
		if a.at.After(t) && (server == "" || a.server == server) {
			return a.at, true
		}
	}
	return time.Time{}, false
}

// count returns the number of acknowledged rows.
func (w *writer) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.acks)
}

// waitAckBy waits until server acknowledged a row after t and returns when.
func (w *writer) waitAckBy(t time.Time, server string, bound time.Duration) time.Time {
	w.t.Helper()
	deadline := time.Now().Add(bound)
	for {
		if at, ok := w.firstAckBy(t, server); ok {
			return at
		}
		if time.Now().After(deadline) {
			w.mu.Lock()
			errs, first := w.errs, w.first
			w.mu.Unlock()
			w.t.Fatalf("writer: no row acknowledged by %s within %v (%d errors, first: %v)", server, bound, errs, first)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// durationStats returns the median and the maximum of ds.
func durationStats(ds []time.Duration) (median, worst time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2], s[len(s)-1]
}
