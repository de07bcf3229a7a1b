package mirroring

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// runGate runs s.flushGate on its own goroutine for a fresh log (no
// committers: nothing to gather) and returns a channel closed when it returns.
func runGate(t *testing.T, s *session) <-chan struct{} {
	l := openPaceLog(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.flushGate(l)
	}()
	return done
}

func openPaceLog(t *testing.T) *txlog.Log {
	t.Helper()
	l, err := txlog.Open(filepath.Join(t.TempDir(), "log"), txlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// mustReturn fails the test if done is not closed within a generous bound
// (the gate's own bound is paceMax; this only catches a gate that hangs).
func mustReturn(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: the flush gate did not return", what)
	}
}

// TestFlushGateReturns: the gate lets the flush go ahead without any release
// when pacing is off, when nothing shipped is unacknowledged, when the waits
// are shut (no longer principal) and, bounded by paceMax, when the ack never
// comes.
func TestFlushGateReturns(t *testing.T) {
	tests := []struct {
		name     string
		paced    bool
		shipped  txlog.LSN
		released txlog.LSN
		shut     bool
	}{
		{name: "not paced", paced: false, shipped: 100, released: 10},
		{name: "nothing shipped", paced: true, shipped: 0, released: 0},
		{name: "shipped log acknowledged", paced: true, shipped: 100, released: 100},
		{name: "waits shut", paced: true, shipped: 100, released: 10, shut: true},
		{name: "ack never comes", paced: true, shipped: 100, released: 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &session{waits: newCommitWaits(tc.released)}
			s.paced.Store(tc.paced)
			s.shipped.Store(uint64(tc.shipped))
			if tc.shut {
				s.waits.shut(errors.New("no longer principal"))
			}
			mustReturn(t, runGate(t, s), tc.name)
			if n := s.waits.blocked(); n != 0 {
				t.Fatalf("%d waits left registered after the gate returned", n)
			}
		})
	}
}

// TestFlushGateWaitsForAck: a paced gate with shipped log the mirror has not
// acknowledged holds the flush until the release covers that log (the ack
// arriving while the gate waits).
func TestFlushGateWaitsForAck(t *testing.T) {
	for _, release := range []txlog.LSN{100, 250} {
		s := &session{waits: newCommitWaits(10)}
		s.paced.Store(true)
		s.shipped.Store(100)
		// The gate must be found waiting for the ack, then released by it.
		// A gate that reached its bound before the test saw it registered
		// (a loaded machine) is run again.
		for attempt := 0; ; attempt++ {
			done := runGate(t, s)
			registered := false
		poll:
			for {
				if s.waits.blocked() == 1 {
					registered = true
					break
				}
				select {
				case <-done: // timed out between two looks: try again
					break poll
				default:
					time.Sleep(10 * time.Microsecond)
				}
			}
			if !registered {
				mustReturn(t, done, "unregistered attempt")
				if attempt > 1000 {
					t.Fatal("the gate never waited for the unacknowledged log")
				}
				continue
			}
			s.waits.release(release)
			mustReturn(t, done, "after the release")
			break
		}
		if got := s.waits.releasedLSN(); got != release {
			t.Fatalf("released %s, want %s", got, release)
		}
	}
}

// TestFlushGateGathers: once nothing shipped is unacknowledged, a paced gate
// lets the flush go as soon as the log's last cycle of committers waits for
// it; a gate that reached gatherMax without them skips gathering for the next
// 2, then 4 flushes; a gathered flush ends the back-off.
func TestFlushGateGathers(t *testing.T) {
	l := openPaceLog(t)
	commit := func() txlog.LSN {
		t.Helper()
		lsn, err := l.Append(txlog.Begin{Txn: 1}, txlog.Commit{Txn: 1})
		if err != nil {
			t.Fatal(err)
		}
		return lsn
	}
	// One lone commit: the log's last cycle had one committer.
	if err := l.WaitDurable(context.Background(), commit()); err != nil {
		t.Fatal(err)
	}
	s := &session{waits: newCommitWaits(0)}
	s.paced.Store(true)
	gate := func(what string) {
		t.Helper()
		done := make(chan struct{})
		go func() { defer close(done); s.flushGate(l) }()
		mustReturn(t, done, what)
	}

	// No committer comes: each gathering wait reaches its bound.
	for i, want := range []struct{ misses, skip int }{
		{1, 2}, {1, 1}, {1, 0}, // the miss, then two flushes without gathering
		{2, 4}, {2, 3}, {2, 2}, {2, 1}, {2, 0},
		{3, 8},
	} {
		gate("no committer")
		if s.gatherMisses != want.misses || s.gatherSkip != want.skip {
			t.Fatalf("flush %d: misses %d, skip %d; want %d, %d", i+1, s.gatherMisses, s.gatherSkip, want.misses, want.skip)
		}
	}

	// The committer is there: the gate returns gathered and the back-off
	// ends. The log's own gate holds its flush so that it stays registered.
	s.gatherSkip = 0
	entered, proceed := make(chan struct{}), make(chan struct{})
	l.SetFlushGate(func() { close(entered); <-proceed })
	committed := make(chan error, 1)
	lsn := commit()
	go func() { committed <- l.WaitDurable(context.Background(), lsn) }()
	mustReturn(t, entered, "the committer's flush")
	gate("committer waiting")
	l.SetFlushGate(nil)
	close(proceed)
	if err := <-committed; err != nil {
		t.Fatal(err)
	}
	if s.gatherMisses != 0 || s.gatherSkip != 0 {
		t.Fatalf("after a gathered flush: misses %d, skip %d; want 0, 0", s.gatherMisses, s.gatherSkip)
	}
}

// TestFlushGateBackOff: the gate's back-off after a gathering wait follows
// the log's own gather (txlog/gatherwait.go): a wait that gathered the
// population, or that reached its bound while committers still came, ends
// the back-off; only a wait that nobody joined doubles it. Before session
// 31 every miss backed off, so one slow client among 16 turned gathering off
// for the next 2 flushes, which then sealed with the first committers back.
func TestFlushGateBackOff(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		misses               int
		gathered, came       bool
		wantMisses, wantSkip int
	}{
		{"gathered", 2, true, true, 0, 0},
		{"missed, committers came", 2, false, true, 0, 0},
		{"missed, nobody came", 0, false, false, 1, 2},
		{"missed again, nobody came", 1, false, false, 2, 4},
		{"the back-off is capped", 6, false, false, 6, maxGatherSkip},
	} {
		s := &session{gatherMisses: tc.misses}
		s.noteGather(tc.gathered, tc.came)
		if s.gatherMisses != tc.wantMisses || s.gatherSkip != tc.wantSkip {
			t.Errorf("%s: misses %d, skip %d; want %d, %d", tc.name, s.gatherMisses, s.gatherSkip, tc.wantMisses, tc.wantSkip)
		}
	}
}
