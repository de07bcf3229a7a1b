package mirroring

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// commitWaits is the SAFETY FULL commit wait of one principal database (§1.5):
// a commit whose record LSN is at or below released may be acknowledged. It has
// its own lock, never the manager's, so a session blocked in a commit can never
// hold up the manager (and BecomeMirror, which ends such sessions).
//
// A release wakes exactly the commits it covers: each blocked commit has its own
// channel, kept in LSN order, and release signals the prefix at or below the
// new point. Why: with many sessions, commits of the next log flush are often
// already waiting when the mirror acknowledges the previous one (the local flush
// finishes first); a single broadcast channel woke them all, only for most to
// park again — a goroutine switch each, on the machine's two cores. Failing,
// shutting and resetting still wake everyone (each waiter re-checks).
//
// It is also the principal log's commit parker (txlog.CommitParker, parker.go):
// a committer whose block is not yet durable waits here for its local flush
// and the mirror's release together.
type commitWaits struct {
	mu       sync.Mutex
	released txlog.LSN
	epoch    uint64 // bumped by fail: every wait that started before fails
	failErr  error
	shutErr  error         // set by shut: every wait fails at once until reset
	blockedW []*commitWait // blocked commits, ascending LSN

	// The log's side (parker.go): its durable end as last reported, and
	// whether the log has let go of this parker.
	durable  uint64
	detached bool
	// failedTo is the highest LSN parked here when the waits last failed
	// (fail): those commits were waiting for the mirror in fail's eyes, so
	// their mirror wait, which starts only once the log lets them go, fails
	// too unless released — else it began in fail's new epoch and waited for
	// a release the stopped principal may never get. reset clears it.
	failedTo txlog.LSN
	// parkedNanos is how long parked committers waited for the mirror after
	// their block was durable here: the part of the SAFETY FULL delay
	// (Transaction Delay) that mirrorWait no longer sees.
	parkedNanos atomic.Uint64
}

// commitWait is one blocked commit. ch (capacity 1) receives one value when the
// waiter is taken off blockedW to be woken; only the waker removes it. A
// parked committer (parker.go) also needs its block durable here; durableAt
// is when the log reported that (0: not yet).
type commitWait struct {
	lsn       txlog.LSN
	ch        chan struct{}
	parked    bool
	durableAt int64
	delay     time.Duration // set by the waker: now - durableAt
}

var commitWaitPool = sync.Pool{New: func() any { return &commitWait{ch: make(chan struct{}, 1)} }}

func newCommitWaits(released txlog.LSN) *commitWaits {
	return &commitWaits{released: released}
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
	// Most SAFETY FULL commits arrive here already released (their parker
	// woke them once the ack came, parker.go): no waiter is needed then.
	var cw *commitWait
	defer func() {
		if cw != nil {
			commitWaitPool.Put(cw)
		}
	}()
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
		if lsn <= w.failedTo {
			err := w.failErr // parked when the waits failed (failedTo)
			w.mu.Unlock()
			return err
		}
		if cw == nil {
			cw = commitWaitPool.Get().(*commitWait)
			cw.lsn, cw.parked, cw.durableAt = lsn, false, 0
		}
		w.insertLocked(cw)
		w.mu.Unlock()
		select {
		case <-cw.ch:
		case <-ctx.Done():
			w.mu.Lock()
			if !w.removeLocked(cw) {
				<-cw.ch // a waker took it off the list and signals it (or did)
			}
			w.mu.Unlock()
			return ctx.Err()
		}
		w.mu.Lock()
	}
}

// insertLocked adds cw in LSN order. Commits mostly arrive in LSN order, so the
// search from the end stops at once.
func (w *commitWaits) insertLocked(cw *commitWait) {
	i := len(w.blockedW)
	for i > 0 && w.blockedW[i-1].lsn > cw.lsn {
		i--
	}
	w.blockedW = append(w.blockedW, nil)
	copy(w.blockedW[i+1:], w.blockedW[i:])
	w.blockedW[i] = cw
}

// removeLocked takes cw off the list, reporting whether it was there.
func (w *commitWaits) removeLocked(cw *commitWait) bool {
	for i, x := range w.blockedW {
		if x == cw {
			copy(w.blockedW[i:], w.blockedW[i+1:])
			w.blockedW[len(w.blockedW)-1] = nil
			w.blockedW = w.blockedW[:len(w.blockedW)-1]
			return true
		}
	}
	return false
}

// wakeLocked wakes the blocked commits at or below upTo (all of them for the
// maximum LSN) that may go: a parked committer (parker.go) only once its block
// is durable here too, unless upTo is allWaits (a failure or role change: it
// looks again).
func (w *commitWaits) wakeLocked(upTo txlog.LSN) {
	n, kept := 0, 0
	var now int64
	for ; n < len(w.blockedW) && w.blockedW[n].lsn <= upTo; n++ {
		cw := w.blockedW[n]
		if cw.parked && upTo != allWaits && !w.durableLocked(cw.lsn) {
			w.blockedW[kept] = cw // waits on for its local flush
			kept++
			continue
		}
		if cw.durableAt != 0 {
			if now == 0 {
				now = nanotime()
			}
			cw.delay = time.Duration(now - cw.durableAt)
		}
		cw.ch <- struct{}{}
	}
	if n == kept {
		return
	}
	rest := kept + copy(w.blockedW[kept:], w.blockedW[n:])
	clear(w.blockedW[rest:])
	w.blockedW = w.blockedW[:rest]
}

const allWaits = txlog.LSN(^uint64(0))

// release lets every commit at or below lsn proceed.
func (w *commitWaits) release(lsn txlog.LSN) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if lsn > w.released {
		mark(stRelease)
		w.released = lsn
		w.wakeLocked(lsn)
	}
}

// reset sets the release point after a role change (it may go down) and
// reopens waits that shut closed.
func (w *commitWaits) reset(lsn txlog.LSN) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.released = lsn
	w.shutErr = nil
	w.failedTo = 0
	w.wakeLocked(allWaits)
}

// fail ends every wait in progress with err (the outcome is unknown to the client,
// §6.6): the database stopped serving or changed roles.
func (w *commitWaits) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.epoch++
	w.failErr = err
	for _, cw := range w.blockedW {
		if cw.parked && cw.lsn > w.failedTo {
			w.failedTo = cw.lsn
		}
	}
	w.wakeLocked(allWaits)
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
	return len(w.blockedW)
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
	w.wakeLocked(allWaits)
}
