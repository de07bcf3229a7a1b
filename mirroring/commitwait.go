package mirroring

import (
	"context"
	"sync"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// commitWaits is the SAFETY FULL commit wait of one principal database (§1.5):
// a commit whose record LSN is at or below released may be acknowledged. It has
// its own lock, never the manager's, so a session blocked in a commit can never
// hold up the manager (and BecomeMirror, which ends such sessions).
type commitWaits struct {
	mu       sync.Mutex
	released txlog.LSN
	epoch    uint64 // bumped by fail: every wait that started before fails
	failErr  error
	shutErr  error         // set by shut: every wait fails at once until reset
	ch       chan struct{} // closed and replaced on every change
	waiting  int           // commits blocked in wait (monitoring, tests)
}

func newCommitWaits(released txlog.LSN) *commitWaits {
	return &commitWaits{released: released, ch: make(chan struct{})}
}

// wait blocks until lsn is released, the waits are failed, or ctx ends.
func (w *commitWaits) wait(ctx context.Context, lsn txlog.LSN) error {
	w.mu.Lock()
	ep := w.epoch
	if w.shutErr != nil {
		err := w.shutErr
		w.mu.Unlock()
		return err
	}
	for {
		if w.epoch != ep {
			err := w.failErr
			w.mu.Unlock()
			return err
		}
		if lsn <= w.released {
			w.mu.Unlock()
			return nil
		}
		ch := w.ch
		w.waiting++
		w.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			w.mu.Lock()
			w.waiting--
			w.mu.Unlock()
			return ctx.Err()
		}
		w.mu.Lock()
		w.waiting--
	}
}

func (w *commitWaits) signalLocked() {
	close(w.ch)
	w.ch = make(chan struct{})
}

// release lets every commit at or below lsn proceed.
func (w *commitWaits) release(lsn txlog.LSN) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if lsn > w.released {
		mark(stRelease)
		w.released = lsn
		w.signalLocked()
	}
}

// reset sets the release point after a role change (it may go down) and
// reopens waits that shut closed.
func (w *commitWaits) reset(lsn txlog.LSN) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.released = lsn
	w.shutErr = nil
	w.signalLocked()
}

// fail ends every wait in progress with err (the outcome is unknown to the client,
// §6.6): the database stopped serving or changed roles.
func (w *commitWaits) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.epoch++
	w.failErr = err
	w.signalLocked()
}

func (w *commitWaits) releasedLSN() txlog.LSN {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.released
}

// blocked reports how many commits are waiting.
func (w *commitWaits) blocked() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.waiting
}

// shut fails every wait in progress with err, like fail, and every wait that
// starts afterwards until reset: the database is no longer a principal, so a
// commit still on its way must neither be acknowledged (the new principal may not
// have it) nor block on a release that will never come.
func (w *commitWaits) shut(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.epoch++
	w.failErr = err
	w.shutErr = err
	w.signalLocked()
}
