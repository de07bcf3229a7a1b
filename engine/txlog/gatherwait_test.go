package txlog

import (
	"context"
	"testing"
	"time"
)

// TestWaitGathered: a flush gate's WaitGathered returns at once when no more
// committers are expected than already wait, returns as soon as the last
// cycle's population has registered for the next flush (and not before),
// and gives up after its bound. Without the wake-up in WaitDurable
// (countGatheredLocked) the second case waits for its hour and fails.
func TestWaitGathered(t *testing.T) {
	t.Run("nothing more expected", func(t *testing.T) {
		for _, tc := range []struct{ active, waiting int }{{0, 0}, {1, 1}, {3, 4}} {
			l := mustOpen(t, t.TempDir(), testOptions())
			l.mu.Lock()
			l.active, l.nextWaiters = tc.active, tc.waiting
			l.mu.Unlock()
			if !mustGather(t, func() bool { return l.WaitGathered(time.Hour) }) {
				t.Fatalf("active %d, waiting %d: WaitGathered reported its bound", tc.active, tc.waiting)
			}
		}
	})
	t.Run("wakes when the population has registered", func(t *testing.T) {
		l := mustOpen(t, t.TempDir(), testOptions())
		l.mu.Lock()
		l.active = 3
		l.mu.Unlock()
		// The gate runs with the flush lock held: committers cannot lead a
		// flush, so they register for the next one and park.
		l.flushMu.Lock()
		locked := true
		defer func() {
			if locked { // a failure: let Close flush
				l.flushMu.Unlock()
			}
		}()
		gathered := make(chan bool, 1)
		go func() { gathered <- l.WaitGathered(time.Hour) }()
		errs := make(chan error, 3)
		commit := func(id uint64) {
			lsn, err := l.Append(txn(id, "v")...)
			if err != nil {
				t.Fatal(err)
			}
			go func() { errs <- l.WaitDurable(context.Background(), lsn) }()
		}
		commit(1)
		commit(2)
		waitParks(t, l, 2)
		select {
		case <-gathered:
			t.Fatal("WaitGathered returned with 2 of the 3 committers registered")
		default:
		}
		commit(3)
		if !mustGather(t, func() bool { return <-gathered }) {
			t.Fatal("WaitGathered reported its bound")
		}
		l.flushMu.Unlock()
		locked = false
		for range 3 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Run("bounded", func(t *testing.T) {
		l := mustOpen(t, t.TempDir(), testOptions())
		l.mu.Lock()
		l.active = 3
		l.mu.Unlock()
		if mustGather(t, func() bool { return l.WaitGathered(time.Millisecond) }) {
			t.Fatal("WaitGathered reported a gathered population with no committer")
		}
	})
}

// mustGather runs f (a WaitGathered) and fails the test if it does not
// return within a generous bound.
func mustGather(t *testing.T, f func() bool) bool {
	t.Helper()
	res := make(chan bool, 1)
	go func() { res <- f() }()
	select {
	case ok := <-res:
		return ok
	case <-time.After(30 * time.Second):
		t.Fatal("WaitGathered did not return")
		return false
	}
}
