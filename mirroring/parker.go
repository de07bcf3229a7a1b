package mirroring

import (
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// commitWaits as the principal log's commit parker (txlog.CommitParker).
//
// A SAFETY FULL commit may be acknowledged once its block is durable here and
// the mirror has hardened it (released). It used to wait for the two in turn:
// WaitDurable parked it until its flush ended, then mirrorWait parked it again
// until the mirror's ack — a second park and wake-up for every commit whose
// local write finished before the ack came (most of them: the flush ships its
// batch before it writes, and the mirror's harden is a frame, a write and an
// ack behind). Parked here instead, a committer is woken once, by whichever
// of its flush's end (DurableChanged) and the mirror's release comes last;
// mirrorWait then finds its commit released and returns at once.
//
// Safety does not move: the log checks its own durable end after every Park
// (a parker can only delay a commit), and engine's Commit still calls the
// mirror wait, whose answer is what the client gets.

var _ txlog.CommitParker = (*commitWaits)(nil)

// Park implements txlog.CommitParker: it blocks until lsn's block is durable
// (as DurableChanged last reported) and the mirror has released lsn, until the
// log asks its committers to look again, a failure or role change wakes every
// wait, or tick is closed. after is how long it waited for the mirror once the
// block was durable (DBMIRROR_DBM_EVENT's share, not WRITELOG's).
func (w *commitWaits) Park(lsn txlog.LSN, tick <-chan struct{}) (ticked bool, after time.Duration) {
	w.mu.Lock()
	durable := w.durableLocked(lsn)
	if w.detached || durable && w.mayGoLocked(lsn) {
		w.mu.Unlock()
		return false, 0
	}
	cw := commitWaitPool.Get().(*commitWait)
	defer commitWaitPool.Put(cw)
	cw.lsn, cw.parked, cw.durableAt, cw.delay = lsn, true, 0, 0
	if durable {
		cw.durableAt = nanotime()
	}
	w.insertLocked(cw)
	w.mu.Unlock()
	select {
	case <-cw.ch:
	case <-tick:
		w.mu.Lock()
		if !w.removeLocked(cw) {
			<-cw.ch // a waker took it off the list and signalled it
		}
		w.mu.Unlock()
		ticked = true
		if cw.durableAt != 0 && cw.delay == 0 {
			cw.delay = time.Duration(nanotime() - cw.durableAt)
		}
	}
	w.parkedNanos.Add(uint64(cw.delay))
	return ticked, cw.delay
}

// DurableChanged implements txlog.CommitParker: the log's durable end is now
// end. It wakes the parked commits that this makes durable and the mirror has
// released; with lookAgain, every parked commit.
func (w *commitWaits) DurableChanged(end uint64, lookAgain bool) {
	mark(stDurable)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.durable = end
	w.wakeParkedLocked(lookAgain)
}

// Detach implements txlog.CommitParker: the log no longer reports to this
// parker, so nothing may park here any more.
func (w *commitWaits) Detach() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.detached = true
	w.wakeParkedLocked(true)
}

// durableLocked reports whether lsn's block is durable, as the log last said.
func (w *commitWaits) durableLocked(lsn txlog.LSN) bool {
	return lsn.BlockOffset() < w.durable
}

// mayGoLocked reports whether the mirror lets the commit at lsn go on to its
// mirror wait: released, or the waits are shut or failed while it was parked
// (failedTo; the commit's mirror wait fails at once, so there is nothing to
// wait for here).
func (w *commitWaits) mayGoLocked(lsn txlog.LSN) bool {
	return lsn <= w.released || w.shutErr != nil || lsn <= w.failedTo
}

// wakeParkedLocked wakes the parked commits that may go now — all of them with
// all — and notes when the others became durable (parkedNanos).
func (w *commitWaits) wakeParkedLocked(all bool) {
	kept := 0
	var now int64
	for _, cw := range w.blockedW {
		switch {
		case !cw.parked:
		case all:
			cw.ch <- struct{}{}
			continue
		case !w.durableLocked(cw.lsn):
		case w.mayGoLocked(cw.lsn):
			if cw.durableAt != 0 {
				if now == 0 {
					now = nanotime()
				}
				cw.delay = time.Duration(now - cw.durableAt)
			}
			cw.ch <- struct{}{}
			continue
		case cw.durableAt == 0:
			if now == 0 {
				now = nanotime()
			}
			cw.durableAt = now
		}
		w.blockedW[kept] = cw
		kept++
	}
	clear(w.blockedW[kept:])
	w.blockedW = w.blockedW[:kept]
}

// clockBase makes nanotime monotonic and never 0 (0 means "not yet").
var clockBase = time.Now().Add(-time.Nanosecond)

func nanotime() int64 { return int64(time.Since(clockBase)) }
