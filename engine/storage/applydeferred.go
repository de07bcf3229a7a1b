package storage

import (
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// ApplyDeferred is ApplyLater for a caller that will call StartDeferred
// soon — a TDS session, once its response is sent (issues #4 and #5: at one
// session, starting the applier woke an idle thread on the commit's critical
// path, between the log's durability and the response). When no applier is
// running and fewer than a group of batches (deferGroup) wait, b stays
// queued and ApplyDeferred reports deferred; otherwise it is ApplyLater (an
// applier runs or is started, and takes b).
//
// The visibility contract is ApplyLater's, and it does not depend on the
// caller: a read that needs a deferred write (and every wait of Apply, Sync,
// Close …) starts the applier itself. StartDeferred only starts it earlier.
// At most deferGroup batches are ever left deferred: the next enqueue starts
// the applier, and so does a timer deferIdle after the first of them, for a
// store nobody writes to or reads from any more.
//
// Why a group: at one session every lone commit used to start an applier of
// its own — a new goroutine, a thread wake-up, badger's write hand-offs
// (writeCh, doWrites, a goroutine per write) and the goroutine's exit — for
// one row. Written a group at a time, those are paid once per group
// (docs/benchmarks-txlog.md, session 13: 18 fewer allocations per INSERT
// through TDS, and the server CPU per INSERT measured there).
func (s *Badger) ApplyDeferred(b *Batch, at txlog.LSN) (deferred bool, err error) {
	return s.enqueueLater(b, at, true)
}

// StartDeferred starts the applier for what ApplyDeferred left queued when
// a group has gathered (deferGroup batches, or the first of them is
// deferAge old) and no applier is running; it does not wait for the write.
// A session calls it once its response is sent: the applier's start — a new
// goroutine and the wake-up of an idle thread, a futex call — then happens
// after the client has its answer rather than before, and the write runs
// while the client reads it and sends its next request. (Writing on the
// session's own goroutine instead was measured too: the next request then
// waits behind badger's own write hand-offs; docs/benchmarks-txlog.md,
// session 10.)
func (s *Badger) StartDeferred() {
	q := &s.later
	if q.pending.Load() == 0 {
		return
	}
	q.mu.Lock()
	d := &q.deferred
	start := !q.running && len(q.queue) > 0 && q.err == nil &&
		(len(q.queue) >= d.size() || time.Since(d.since) >= d.maxAge())
	if start {
		q.running = true
		if d.idle != nil {
			d.idle.Stop()
		}
	}
	q.mu.Unlock()
	if start {
		go s.runLater()
	}
}

// Defaults of deferredGroup (tests set their own: SetDeferGroup).
//
// Why 32 and not 8 (session 16): each applier run pays a goroutine, the
// wake-up of an idle thread and badger's own write hand-offs whatever it
// writes, so fewer, larger runs cost less server CPU per commit. In two
// interleaved A/B runs of tests/bench -suite writes (both orders) the
// server CPU at 16 sessions was 0.93–0.97 of 8's per INSERT and 0.91–0.98
// per UPDATE; at 1 session no change resolved (docs/benchmarks-txlog.md).
// Nothing waits longer for it: a read or a write that needs a deferred
// batch starts the applier itself.
const (
	// deferGroup is how many batches ApplyDeferred leaves queued at most.
	deferGroup = 32
	// deferAge is the age of the first deferred batch past which
	// StartDeferred starts the applier with fewer than a group: at one
	// session a commit takes ~0.27 ms, so ~30 commits gather in it, and
	// a slower client's batches are written within deferAge all the same.
	deferAge = 8 * time.Millisecond
	// deferIdle is when the timer starts the applier for deferred batches
	// nobody started (a session that went quiet); above deferAge.
	deferIdle = 20 * time.Millisecond
)

// deferredGroup is ApplyDeferred's state in the later queue; q.mu guards it.
type deferredGroup struct {
	since time.Time   // when the first batch of the deferred group was queued
	idle  *time.Timer // deferIdle after since: runIdle
	// group, age and idleAfter override the defaults when set (tests).
	group          int
	age, idleAfter time.Duration
}

func (d *deferredGroup) size() int {
	if d.group > 0 {
		return d.group
	}
	return deferGroup
}

func (d *deferredGroup) maxAge() time.Duration {
	if d.age != 0 {
		return d.age
	}
	return deferAge
}

// deferLocked decides, with q.mu held and no applier running, whether a
// batch ApplyDeferred has just queued stays deferred: it does while the
// queue holds at most a group. The first of a group arms the idle timer.
func (q *laterQueue) deferLocked() bool {
	d := &q.deferred
	n := len(q.queue)
	if n > d.size() {
		return false
	}
	if n == 1 {
		d.since = time.Now()
		idle := d.idleAfter
		if idle == 0 {
			idle = deferIdle
		}
		if d.idle == nil {
			d.idle = time.AfterFunc(idle, q.runIdle)
		} else {
			d.idle.Reset(idle)
		}
	}
	return true
}

// runIdle is the idle timer's function: it becomes the applier when
// deferred batches are still waiting with none running.
func (q *laterQueue) runIdle() {
	q.mu.Lock()
	start := !q.running && len(q.queue) > 0 && q.err == nil && !q.closed
	if start {
		q.running = true
	}
	q.mu.Unlock()
	if start {
		q.start()
	}
}
