package mirroring

import (
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// Lazy shipping under SAFETY OFF (issue #6, session 24).
//
// A SAFETY FULL principal ships each flush's batch from the flush itself
// (shipBatch, shipWritten): its commits wait for the mirror's ack, so the
// frame must leave at once. Under SAFETY OFF nothing waits for the mirror, yet
// the flush still stepped the machine and wrote one frame per flush — one per
// commit at one session, ~14 µs of the principal's CPU per commit on the
// commit's own latency path (17 % of it; docs/benchmarks.md, session 24 (h7)),
// and one frame for the mirror to read and queue.
//
// So a SAFETY OFF principal's flush does not ship: its written hook tells the
// machine the written end without shipping (partner.Machine.LogWritten),
// which releases its commits as LogFlushed did (SAFETY OFF lets a serving
// principal's durable commits go), and arms a timer once per ship. The log
// watcher (watchLog) then tells the machine the written end and ships
// everything written since the last ship at most every offShipEvery, at once
// when offShipBytes are pending, or at once when the last ship is older than
// offShipEvery (an idle principal's next commit leaves without waiting, off
// its flush). The frames are read back from the written log by sendLog, so
// the flush writes its batch with the one direct write an unmirrored log
// uses (shipBatch takes the batch without shipping it).
//
// What does not move: every frame is still built and sent by sendLog under
// Manager.mu in the machine's order, continuing exactly where the previous one
// ended, so nothing is reordered or skipped; a commit is still acknowledged
// only once durable here. What SAFETY OFF now allows: the log the mirror has
// not received grows by at most offShipEvery's worth — part of SAFETY OFF's
// accepted data-loss window, as the mirror's lazy harden (harden.go) is. The
// send queue (status.go) counts the local durable log, not the machine's
// end, so it stays right while log waits here; the principal's
// end_of_log_lsn is its flushed log read when the row is (Status.liveEnd), so a
// mirror whose end reached it holds every commit acknowledged before (session
// 24's re-land was reverted because the row showed the snapshot a flush took
// before its batch was durable, and the walkthrough killed the principal with
// its last commit still here: 699ddb6, session 26). A switch to SAFETY FULL
// (updatePace) kicks the watcher, which ships the pending log at once, and
// from then on the flush ships itself again. SUSPEND, a role change and SET
// PARTNER OFF go through the machine under Manager.mu as before: the watcher
// tells it the written end only while it is principal, and the machine ships
// nothing while suspended.

// A SAFETY OFF principal ships at most every offShipEvery, or once
// offShipBytes are written and not shipped. 5 ms as the mirror's lazy harden
// (offHardenEvery): one frame a harden, ~25 commits a frame at one session;
// 256 KiB (four full frames) keeps a bulk load's bursts bounded.
const (
	offShipEvery = 5 * time.Millisecond
	offShipBytes = 256 << 10
)

// lazyShipping reports whether the flush hooks leave shipping to the watcher:
// a SAFETY OFF principal (offShip, set by updatePace). Then it releases the
// written log's commits without shipping (releaseWritten) and makes sure the
// watcher ships within offShipEvery: it arms lazyTimer once per ship, so
// the watcher wakes once per ship, not once per flush. Called by the written
// hook without Manager.mu.
func (s *session) lazyShipping() bool {
	if !s.offShip.Load() {
		return false
	}
	// Bytes since the watcher's last ship, not since the last frame sent: a
	// suspended or disconnected session sends nothing, and would otherwise
	// wake the watcher at every flush.
	if s.db.Log().WrittenEnd() >= s.lastShipEnd.Load()+offShipBytes {
		s.kickWatcher() // ship (and release) now
		return true
	}
	if s.lazyArmed.CompareAndSwap(false, true) {
		if wait := offShipEvery - time.Duration(s.shipClock().UnixNano()-s.lastShip.Load()); wait > 0 {
			s.lazyTimer.Reset(wait)
		} else {
			s.lazyKick() // idle until now: ship at once, off this flush
		}
	}
	s.releaseWritten()
	return true
}

// releaseWritten tells the machine the written end without shipping
// (partner.Machine.LogWritten), which releases the commits SAFETY OFF lets go
// (a serving principal's, as the machine decides), and applies what it may
// here (hookSafe), as shipWritten does; otherwise the watcher does. Called by
// the written hook without Manager.mu.
func (s *session) releaseWritten() {
	s.stepFromHook(s.lazyKick, s.m.LogWritten) // ship.go
}

// lazyKick wakes the watcher to ship if offShipEvery has passed since its
// last ship, and otherwise to release what is written (coalescing).
func (s *session) lazyKick() {
	select {
	case s.lazyCh <- struct{}{}:
	default:
	}
}

// watchLazy is the watcher's step for a SAFETY OFF principal woken by
// lazyCh: when the next ship is not due yet, it releases the written log's
// commits, re-arms lazyTimer and reports true; false means ship now. Caller
// holds Manager.mu.
func (s *session) watchLazy() bool {
	if !s.offShip.Load() || s.m.HardState().Role != partner.RolePrincipal {
		return false
	}
	wait := offShipEvery - time.Duration(s.shipClock().UnixNano()-s.lastShip.Load())
	if wait <= 0 {
		return false
	}
	s.m.LogWritten(shipPos(s.db.Log()))
	s.mgr.applyLocked(s, nil)
	s.lazyArmed.Store(true)
	s.lazyTimer.Reset(wait)
	return true
}

// shippedNow records that the watcher ships the written log now: the next
// flush arms the timer again. Caller holds Manager.mu, before LogFlushed.
func (s *session) shippedNow() {
	s.lazyArmed.Store(false)
	s.lastShip.Store(s.shipClock().UnixNano())
	s.lastShipEnd.Store(s.db.Log().WrittenEnd())
}

func (s *session) shipClock() time.Time {
	if s.shipNow != nil {
		return s.shipNow()
	}
	return time.Now()
}

// updateOffShip records whether the session ships lazily (a SAFETY OFF
// principal) and, when that ends (a switch to SAFETY FULL, a role change),
// wakes the watcher to ship what is pending at once. Caller holds Manager.mu.
func (s *session) updateOffShip(off bool) {
	if s.offShip.Swap(off) && !off {
		s.kickWatcher()
	}
}
