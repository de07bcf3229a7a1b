package txlog

// SetFlushGate installs f (nil removes it), called before each flush seals its
// batch, when the flush has something to write (sealed blocks, or records a
// committer waits for); never for the final flush of Close.
//
// Why: database mirroring paces a SAFETY FULL principal's flushes to the
// mirror's acks (mirroring/pace.go). Every principal flush costs the mirror one
// fdatasync, a frame and an ack; a flush started while the mirror has not yet
// acknowledged the previous one gains its commits little, since they wait for
// the mirror anyway. Waiting in f lets the commits that arrive meanwhile join
// one larger flush (docs/benchmarks-mirroring.md, session 9).
//
// Contract: f runs on the goroutine that leads the flush (a committer in
// WaitDurable or the flusher) with the flush lock held and no other log lock.
// It only delays the flush: it must return within a bounded time (committers
// waiting for this flush wait for it too), must not call anything that
// flushes, appends, truncates or waits for the log, and must not wait for a
// lock whose holders may do so.
func (l *Log) SetFlushGate(f func()) {
	if f == nil {
		l.flushGate.Store(nil)
		return
	}
	l.flushGate.Store(&f)
}

// gateFlush runs the flush gate, if one is set and the flush would write
// something. Caller holds flushMu, not mu.
func (l *Log) gateFlush() {
	g := l.flushGate.Load()
	if g == nil {
		return
	}
	l.mu.Lock()
	pending := len(l.sealed) > 0 || l.want > l.cur.offset
	l.mu.Unlock()
	if pending {
		(*g)()
	}
}
