package mirroring

import (
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// runGate runs s.flushGate on its own goroutine and returns a channel closed
// when it returns.
func runGate(s *session) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.flushGate()
	}()
	return done
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
			mustReturn(t, runGate(s), tc.name)
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
			done := runGate(s)
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
