package txlog

import (
	"errors"
	"os"
	"sync"
	"testing"
	"time"
)

// gateParker is a CommitParker whose own condition is a gate the test opens:
// Park returns once the reported durable end covers the LSN and the gate is
// open, on lookAgain or Detach, or on tick. spurious makes its first Parks
// return at once, as a parker may.
type gateParker struct {
	mu       sync.Mutex
	durable  uint64
	open     bool
	detached bool
	spurious int
	gen      int // bumped by lookAgain: every Park in progress returns
	parks    int // Park calls
	parked   int // committers blocked in Park now
	changed  chan struct{}
}

func newGateParker() *gateParker { return &gateParker{changed: make(chan struct{})} }

func (p *gateParker) Park(lsn LSN, tick <-chan struct{}) (bool, time.Duration) {
	p.mu.Lock()
	p.parks++
	if p.spurious > 0 {
		p.spurious--
		p.mu.Unlock()
		return false, 0
	}
	p.parked++
	defer func() { p.mu.Lock(); p.parked--; p.mu.Unlock() }()
	gen := p.gen
	for {
		if p.detached || p.gen != gen || p.open && lsn.BlockOffset() < p.durable {
			p.mu.Unlock()
			return false, 0
		}
		ch := p.changed
		p.mu.Unlock()
		select {
		case <-ch:
		case <-tick:
			return true, 0
		}
		p.mu.Lock()
	}
}

// broadcastLocked wakes every Park to look at the state again.
func (p *gateParker) broadcastLocked() {
	close(p.changed)
	p.changed = make(chan struct{})
}

func (p *gateParker) DurableChanged(end uint64, lookAgain bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.durable = end
	if lookAgain {
		p.gen++
	}
	p.broadcastLocked()
}

func (p *gateParker) Detach() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.detached = true
	p.broadcastLocked()
}

func (p *gateParker) openGate() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.open = true
	p.broadcastLocked()
}

func (p *gateParker) counts() (parks, parked int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.parks, p.parked
}

// TestWaitCommitParksOnce: a committer that cannot lead its flush parks in
// the commit parker, not on the log's flush channel, and is not woken when
// its block becomes durable while the parker's own condition (the mirror's
// ack, in mirroring) does not hold: it returns once both hold, having parked
// once. WaitDurable, by contrast, returns at durability whatever the parker
// says — the committer that then waits for the mirror parks a second time
// (the two wake-ups the parker saves).
func TestWaitCommitParksOnce(t *testing.T) {
	for _, commit := range []bool{true, false} {
		name := map[bool]string{true: "WaitCommit", false: "WaitDurable"}[commit]
		t.Run(name, func(t *testing.T) {
			l := mustOpen(t, t.TempDir(), testOptions())
			p := newGateParker()
			l.SetCommitParker(p)
			lsn, err := l.Append(txn(1, "v")...)
			if err != nil {
				t.Fatal(err)
			}
			l.flushMu.Lock() // the committer cannot lead: it parks
			done := make(chan error, 1)
			go func() {
				if commit {
					_, err := l.WaitCommit(lsn)
					done <- err
					return
				}
				done <- l.WaitDurable(t.Context(), lsn)
			}()
			waitParks(t, l, 1)
			l.flushMu.Unlock() // the flusher writes the block
			waitFor(t, "the block durable", func() bool { return l.DurableEnd() > lsn.BlockOffset() })
			if !commit {
				if err := <-done; err != nil {
					t.Fatalf("WaitDurable: %v", err)
				}
				if parks, _ := p.counts(); parks != 0 {
					t.Fatalf("WaitDurable parked in the commit parker %d times", parks)
				}
				return
			}
			// Durable, gate closed: still parked, still its first park.
			waitFor(t, "the parker to hear of the flush", func() bool {
				p.mu.Lock()
				defer p.mu.Unlock()
				return p.durable > lsn.BlockOffset()
			})
			select {
			case err := <-done:
				t.Fatalf("WaitCommit returned (%v) before the parker's condition held", err)
			default:
			}
			if parks, parked := p.counts(); parks != 1 || parked != 1 {
				t.Fatalf("Park calls %d, parked now %d; want 1 and 1", parks, parked)
			}
			p.openGate()
			if err := <-done; err != nil {
				t.Fatalf("WaitCommit: %v", err)
			}
			if parks, _ := p.counts(); parks != 1 {
				t.Errorf("Park calls %d, want 1: woken more than once", parks)
			}
			if got := l.parks.Load(); got != 1 {
				t.Errorf("log parks %d, want 1", got)
			}
		})
	}
}

// TestWaitCommitTrustsOnlyTheLog: whatever the parker does — return early,
// let go (SetCommitParker(nil)), or be told the log failed — WaitCommit
// returns nil only once the record is durable, and the log's error when the
// log fails.
func TestWaitCommitTrustsOnlyTheLog(t *testing.T) {
	boom := errors.New("disk gone")
	tests := []struct {
		name     string
		spurious int        // Parks that return at once
		act      func(*Log) // while the committer is parked and the flush held
		syncErr  error      // the held flush's fdatasync fails with it
		wantErr  error      // nil: durable
		gateOpen bool       // the parker's condition holds
	}{
		{name: "early returns", spurious: 3, gateOpen: true},
		{name: "parker removed", act: func(l *Log) { l.SetCommitParker(nil) }},
		{name: "log failed", syncErr: boom, wantErr: ErrFailed, gateOpen: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustOpen(t, t.TempDir(), testOptions())
			l.recheck = 0 // a lost wake-up shows as a hang, not a recheck
			p := newGateParker()
			p.spurious = tt.spurious
			l.SetCommitParker(p)
			if tt.gateOpen {
				p.openGate()
			}
			hold := make(chan struct{})
			setSyncFile(l, func(f *os.File) error {
				<-hold
				if tt.syncErr != nil {
					return tt.syncErr
				}
				return datasync(f)
			})
			// Every flush goes through the (held) fdatasync: no direct writes.
			l.SetWrittenHook(func() {})
			lsn, err := l.Append(txn(1, "v")...)
			if err != nil {
				t.Fatal(err)
			}
			l.flushMu.Lock()
			done := make(chan error, 1)
			go func() {
				_, err := l.WaitCommit(lsn)
				done <- err
			}()
			waitFor(t, "the committer parked", func() bool {
				parks, parked := p.counts()
				return parks > tt.spurious && parked == 1
			})
			if tt.act != nil {
				tt.act(l)
			}
			l.flushMu.Unlock() // the flusher starts the flush and holds in fdatasync
			select {
			case err := <-done:
				t.Fatalf("WaitCommit returned (%v) before its flush ended", err)
			default:
			}
			close(hold)
			err = <-done
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("WaitCommit: %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("WaitCommit: %v", err)
			}
			if l.DurableEnd() <= lsn.BlockOffset() {
				t.Fatal("WaitCommit returned before the record was durable")
			}
		})
	}
}
