package txlog

import (
	"context"
	"testing"
	"time"
)

// TestWaitGathered: a flush gate's WaitGathered returns at once when no more
// committers are expected than already wait, returns as soon as the last
// cycle's population has registered for the next flush (and not before),
// and gives up after its bound, saying whether a committer came meanwhile.
// Without the wake-up in WaitDurable (countGatheredLocked) the second case
// waits for its hour and fails.
func TestWaitGathered(t *testing.T) {
	t.Run("nothing more expected", func(t *testing.T) {
		for _, tc := range []struct{ active, waiting int }{{0, 0}, {1, 1}, {3, 4}} {
			l := mustOpen(t, t.TempDir(), testOptions())
			l.mu.Lock()
			l.active, l.nextWaiters = tc.active, tc.waiting
			l.mu.Unlock()
			if !mustGather(t, func() bool { g, _ := l.WaitGathered(time.Hour); return g }) {
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
		go func() { g, _ := l.WaitGathered(time.Hour); gathered <- g }()
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
		came := true
		if mustGather(t, func() bool { g, c := l.WaitGathered(time.Millisecond); came = c; return g }) {
			t.Fatal("WaitGathered reported a gathered population with no committer")
		}
		if came {
			t.Fatal("WaitGathered reported a committer that never came")
		}
	})
	t.Run("bounded, a committer came", func(t *testing.T) {
		l := mustOpen(t, t.TempDir(), testOptions())
		l.mu.Lock()
		l.active = 3
		l.mu.Unlock()
		l.flushMu.Lock() // as a gate: the committer registers and parks
		type result struct{ gathered, came bool }
		res := make(chan result, 1)
		go func() { g, c := l.WaitGathered(500 * time.Millisecond); res <- result{g, c} }()
		waitFor(t, "WaitGathered to wait", func() bool {
			l.mu.Lock()
			defer l.mu.Unlock()
			return l.gathered != nil
		})
		lsn, err := l.Append(txn(1, "v")...)
		if err != nil {
			t.Fatal(err)
		}
		committed := make(chan error, 1)
		go func() { committed <- l.WaitDurable(context.Background(), lsn) }()
		waitParks(t, l, 1)
		var r result
		mustGather(t, func() bool { r = <-res; return r.gathered })
		l.flushMu.Unlock()
		if err := <-committed; err != nil {
			t.Fatal(err)
		}
		if r.gathered || !r.came {
			t.Fatalf("1 of 3 committers came during the wait: gathered %v, came %v; want false, true", r.gathered, r.came)
		}
	})
}

// TestGateGatherNotRepeated: a flush whose gate waited for the last cycle's
// committers (WaitGathered) does not wait for them again before it seals
// (gatherLocked). Before session 31 a gate's miss was followed by the log's
// own wait, up to gatherMax more, for the same committers.
func TestGateGatherNotRepeated(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	l.gatherFor = 2 * time.Second // a second wait shows in GatherWaits, and in time
	mustCommit(t, l, txn(1, "v")...)
	l.mu.Lock()
	l.active = 3 // the last cycle had three committers; one comes back
	l.mu.Unlock()
	missed := 0
	l.SetFlushGate(func() {
		if g, _ := l.WaitGathered(time.Millisecond); !g {
			missed++
		}
	})
	waits := l.Stats().GatherWaits
	start := time.Now()
	mustCommit(t, l, txn(2, "v")...)
	took := time.Since(start)
	l.SetFlushGate(nil)
	if missed != 1 {
		t.Fatalf("the gate's wait missed %d times, want 1", missed)
	}
	if n := l.Stats().GatherWaits - waits; n != 0 {
		t.Errorf("after the gate's wait the flush waited %d more times for the same committers (took %v), want 0", n, took)
	}
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
