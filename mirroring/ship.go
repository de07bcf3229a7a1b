package mirroring

import (
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// Shipping the principal's log (§1.5 step 2) starts on the goroutine that
// flushes it: the log calls shipWritten (txlog.Log.SetWrittenHook) as soon as a
// batch is written to the OS, before its fdatasync, and shipWritten steps the
// machine and sends the frame right there. Before, the flush closed
// WrittenNotify and a watcher goroutine woke to do the same; on this two-core
// machine that wake-up was the longest step between the principal's write and the
// mirror's fsync (docs/benchmarks-mirroring.md, "one commit's path").
//
// The hook runs with the log's flush and I/O locks held, so it must never wait
// for Manager.mu: a holder of Manager.mu may itself wait for the log (a
// truncation takes its I/O lock; RevertTo waits for commits that wait for this
// flush). It only tries the lock; when the lock is busy, or the machine has
// anything to do beyond sending and releasing commits, the watcher goroutine
// (watchLog) takes over, as before. What the hook may apply is exactly
// hookSafe's: messages and released commits, neither of which touches the log's
// write path or blocks (endpoint.Conn.Send never blocks).
//
// Ordering: Readys are applied in the order the machine produced them. A Ready
// the hook cannot apply is kept in session.deferred, and applyLocked applies it
// before anything newer. While the session's persist gate is closed the hook
// leaves everything to the watcher, whose Readys queue behind the gate.

// shipWritten is the principal's written-log hook; see above.
func (s *session) shipWritten() {
	if s.stagedTo.Load() == s.db.Log().WrittenEnd() {
		// shipBatch shipped this batch before its write (shipstaged.go) and
		// left whatever it could not apply to the watcher: nothing to do,
		// and no Manager.mu taken from the ack reader.
		return
	}
	if s.lazyShipping() {
		return // SAFETY OFF: the watcher ships it (lazyship.go)
	}
	mark(stWritten)
	s.stepFromHook(s.kickWatcher, s.m.LogFlushed)
}

// stepFromHook steps the machine with the log's written end (step:
// LogFlushed) on the flushing goroutine and applies what hookSafe allows;
// when Manager.mu is busy it calls busy instead, and when anything older is
// pending or the Ready is not hook-safe it leaves the rest to the watcher.
// Called without Manager.mu (see above).
func (s *session) stepFromHook(busy func(), step func(txlog.LSN)) {
	m := s.mgr
	if !m.mu.TryLock() {
		busy()
		return
	}
	defer m.mu.Unlock()
	if s.removed || m.closed || s.m.HardState().Role != partner.RolePrincipal {
		return
	}
	if s.deferred != nil || s.m.HasReady() || s.gate.closed() {
		// Something older is pending (or waits behind a state save,
		// persistgate.go): the watcher applies it in order.
		busy()
		return
	}
	step(shipPos(s.db.Log()))
	rd := s.m.Ready()
	if !hookSafe(&rd) {
		s.deferred = &rd
		s.kickWatcher()
		return
	}
	m.applyReady(s, rd, nil)
	if s.m.HasReady() {
		s.kickWatcher()
	}
	m.snapLocked(s)
}

// hookSafe reports whether rd may be applied on the flushing goroutine: it
// sends messages and releases commits, nothing else (no truncation, role
// change, persisted state, hardening, serving change or command result).
func hookSafe(rd *partner.Ready) bool {
	return !rd.Truncate && rd.Persist == nil && len(rd.AppendLog) == 0 &&
		rd.RoleChange == partner.NoRoleChange && !rd.ServingChanged && len(rd.Done) == 0
}

// kickWatcher wakes watchLog (coalescing: one pending kick is enough).
func (s *session) kickWatcher() {
	select {
	case s.shipKick <- struct{}{}:
	default:
	}
}
