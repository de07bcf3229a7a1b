package txlog

import (
	"sync/atomic"
	"time"
)

// recheckClock is the one clock of a log's WaitDurable rechecks (waitRecheck).
//
// Why one clock and not a timer per wait: a parked committer used to arm its
// own time.Timer (and, inside the loop, a heap-allocated defer to stop it):
// three allocations and two timer-heap updates per parked commit, ~7 of the
// ~100 allocations of a 16-session single-row INSERT through TDS and a few
// per cent of its CPU in the runtime's timer code (docs/benchmarks-txlog.md,
// session 11), for a recheck that almost never fires. The clock ticks every
// waitRecheck/2 while committers are parked and stops when none is; a
// committer rechecks once two ticks have passed since it parked, i.e. after
// more than waitRecheck/2 and at most waitRecheck unserved.
type recheckClock struct {
	gen     atomic.Uint64 // ticks so far; read by parked committers without mu
	tick    chan struct{} // closed and replaced at every tick (mu)
	parked  int           // committers parked with a recheck pending (mu)
	running bool          // the clock's goroutine runs (mu)
}

// parkLocked counts a committer as parked and returns the channel the next
// tick closes, starting the clock if it is not running. Caller holds l.mu and
// calls unparkLocked (under l.mu) once it stops waiting.
func (l *Log) parkLocked() <-chan struct{} {
	c := &l.rc
	c.parked++
	if c.tick == nil {
		c.tick = make(chan struct{})
	}
	if !c.running {
		c.running = true
		go l.runRecheckClock(l.recheck / 2)
	}
	return c.tick
}

// unparkLocked undoes parkLocked. Caller holds l.mu.
func (l *Log) unparkLocked() { l.rc.parked-- }

// rechecksDue reports whether a committer that parked when the clock stood at
// since has now gone unserved for a whole recheck interval.
func (l *Log) rechecksDue(since uint64) bool { return l.rc.gen.Load()-since >= 2 }

// runRecheckClock ticks every period while committers are parked; it ends
// when none is at a tick, or when the log closes (Close wakes every waiter).
func (l *Log) runRecheckClock(period time.Duration) {
	t := time.NewTimer(period)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-l.stop:
			l.mu.Lock()
			l.rc.running = false
			l.mu.Unlock()
			return
		}
		l.mu.Lock()
		if l.rc.parked == 0 {
			l.rc.running = false
			l.mu.Unlock()
			return
		}
		close(l.rc.tick)
		l.rc.tick = make(chan struct{})
		l.rc.gen.Add(1)
		l.mu.Unlock()
		t.Reset(period)
	}
}
