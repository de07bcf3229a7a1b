package mirroring

import (
	"context"
	"errors"
	"math"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// Applying a Ready (partner/doc.go order) without disk I/O under Manager.mu.
// A Ready is applied in stages; between two stages it may wait behind the
// session's persist gate (persistgate.go) for work that runs without the lock:
//
//	stageStart      → prepare: wait for the hardener's append in flight
//	                  (quiesce), MarkApplied, RevertTo and the log truncation
//	                  (a Truncate or a role change only)
//	stagePrepared   → Persist: the state save
//	stagePersisted  → AppendLog, then the engine's BecomePrincipal/BecomeMirror
//	stageRoleChanged→ serving, ReleaseCommits, Messages, Done
//
// What runs under the lock at each stage is only bookkeeping and the calls
// that must be atomic with the machine (the commit waits, access errors,
// Suspend). The gate keeps the session's later Readys queued meanwhile, so
// the steps of one Ready and of successive Readys happen in the same order as
// when everything ran under the lock; only other sessions, witness sessions
// and pings interleave, and they share nothing with this session but the
// state file, whose writes are sequenced (persistgate.go).
type applyStage uint8

const (
	stageStart applyStage = iota
	stagePrepared
	stagePersisted
	stageRoleChanged
)

// applyReady applies one Ready in the order of partner/doc.go: Truncate, Persist,
// AppendLog (+Hardened), RoleChange and Serving, ReleaseCommits, Messages, Done.
// While the session's persist gate is closed the Ready is queued behind it.
// Caller holds Manager.mu.
func (m *Manager) applyReady(s *session, rd partner.Ready, raw []byte) {
	m.resume(s, gatedReady{rd: rd, raw: raw})
}

// resume applies g from its stage on, until it is done or waits behind the
// gate. Caller holds Manager.mu.
func (m *Manager) resume(s *session, g gatedReady) {
	if s.gate.closed() {
		if !emptyReady(&g.rd) { // applyLocked takes a Ready per call, often empty
			s.gate.queue = append(s.gate.queue, g)
		}
		return
	}
	rd := &g.rd
	if g.stage < stagePrepared {
		g.stage = stagePrepared
		if rd.Truncate || rd.RoleChange != partner.NoRoleChange {
			m.prepare(s, g)
			return
		}
	}
	if g.stage < stagePersisted {
		g.stage = stagePersisted
		if g.revertFailed {
			// See prepare: the session is suspended so no log lands after the
			// tail the engine could not undo; log the machine accepted
			// meanwhile is dropped (it would land after that tail).
			_ = s.m.Suspend()
			for i := range s.gate.queue {
				s.gate.queue[i].raw = nil
			}
		}
		// 2. Persist before anything that depends on it: the record changes
		// now, the rest waits behind the gate until the save is durable.
		if rd.Persist != nil {
			prev := m.st.Sessions[s.name]
			if rd.Persist.Role == partner.RoleNone {
				delete(m.st.Sessions, s.name)
			} else {
				m.st.Sessions[s.name] = &sessionRecord{GUID: s.guid, PartnerAddr: s.partnerAddr,
					PartnerName: s.partnerName, Hard: *rd.Persist}
			}
			s.gate.seq, s.gate.prev = m.requestSaveLocked(), prev
			s.gate.queue = append([]gatedReady{g}, s.gate.queue...)
			return
		}
	}
	if g.stage < stageRoleChanged {
		g.stage = stageRoleChanged
		if rd.Persist != nil {
			if s.witness != "" && s.witness != rd.Persist.Witness {
				m.releaseWitness(s)
			}
			s.witness = rd.Persist.Witness
			m.updateDialersLocked()
		}
		// 3. AppendLog: harden (harden.go) before acknowledging.
		if len(rd.AppendLog) > 0 && g.raw != nil {
			s.enqueue(g.raw)
		}
		// 4. Role change: the bookkeeping now, the engine's part off the lock.
		if m.changeRole(s, g) {
			return
		}
	}
	m.finish(s, rd, g.revertFailed)
}

// prepare runs the steps before Persist of a Ready with a Truncate or a role
// change: under the lock what must be atomic with the machine, then, off the
// lock, the I/O — waiting for the hardener's append in flight, MarkApplied,
// RevertTo and the log truncation — while the gate holds the session's
// effects. Caller holds Manager.mu and has set g.stage to stagePrepared.
func (m *Manager) prepare(s *session, g gatedReady) {
	rd := g.rd
	// quiesce: appends in flight are not reported to the machine, which has
	// discounted everything it had not been told was hardened; the queue is
	// dropped. The wait for the append in flight runs in the job.
	s.h.gen++
	s.h.queue = nil
	if rd.RoleChange == partner.BecomeMirror {
		// A principal giving up its role: every commit still on its way fails in
		// the mirror wait, now and until the database is principal again. The wait
		// stays installed: a commit that found no wait would be applied and
		// acknowledged although the new principal may not have it (and the cut
		// below would undo it). Nor may a commit block in the wait: RevertTo waits
		// for every commit in flight.
		// Its clients get 952 (in transition) until sys.database_mirroring
		// says MIRROR (setAccessLocked): the new role is not saved, nor
		// shown, yet.
		s.waits.shut(partner.ErrInTransition(s.name))
		s.heldAccess = false
		s.db.SetAccessError(partner.ErrInTransition(s.name))
	}
	if rd.Truncate {
		s.reader = nil
		s.stagedTo.Store(0) // the written end may come back to it (ship.go)
	}
	m.offLock(s, g, func(g *gatedReady) {
		s.h.io.Lock()
		s.h.io.Unlock() //nolint:staticcheck // waiting for the append in flight is the point
		if rd.RoleChange == partner.BecomeMirror {
			// Before any truncation: redo must restart after what this principal
			// applied, but no later than its first failed commit (AppliedMarker).
			if am, ok := s.db.(AppliedMarker); ok {
				actx, cancel := context.WithTimeout(m.ctx, roleChangeTimeout)
				if err := am.MarkApplied(actx, func() txlog.LSN { return txlog.LSN(s.unapplied.Load()) }); err != nil {
					m.log.Error("mark applied log", "database", s.name, "err", err)
				}
				cancel()
			}
		}
		if !rd.Truncate {
			return
		}
		// 1. Truncate. The engine first undoes what it applied from the tail
		// being cut (a former principal's commits the partner never hardened).
		if r, ok := s.db.(Reverter); ok {
			rctx, cancel := context.WithTimeout(m.ctx, roleChangeTimeout)
			err := r.RevertTo(rctx, rd.TruncateAfter)
			cancel()
			if err != nil {
				// The store still holds the tail: cutting the log would leave a
				// store that contradicts it. The log stays, the engine has marked
				// the database SUSPECT, it does not go on as a mirror (no redo)
				// and the session is suspended (resume) so no log lands after
				// the tail. A restart recovers from the log; the fork is then
				// found again.
				m.log.Error("revert divergent transactions failed; database SUSPECT, log kept, mirroring suspended",
					"database", s.name, "after", rd.TruncateAfter, "err", err)
				g.revertFailed = true
				return
			}
		}
		if err := truncateAfter(m.ctx, s.db.Log(), rd.TruncateAfter); err != nil {
			m.log.Error("truncate divergent log", "database", s.name, "after", rd.TruncateAfter, "err", err)
		}
	})
}

// changeRole is step 4's role change: the bookkeeping under the lock and, for
// BecomePrincipal/BecomeMirror, the engine's part off the lock (it reports
// true: g continues when that is done). Caller holds Manager.mu and has set
// g.stage to stageRoleChanged.
func (m *Manager) changeRole(s *session, g gatedReady) bool {
	rd := &g.rd
	switch rd.RoleChange {
	case partner.BecomePrincipal:
		s.reader = nil
		s.waits.reset(rd.RedoTo)
		s.unapplied.Store(0)
		s.db.SetMirrorWait(s.mirrorWait)
		if g.revertFailed {
			return false // stays SUSPECT
		}
		m.offLock(s, g, func(*gatedReady) {
			ctx, cancel := context.WithTimeout(m.ctx, roleChangeTimeout)
			defer cancel()
			if err := s.db.BecomePrincipal(ctx); err != nil {
				m.log.Error("become principal", "database", s.name, "err", err)
			}
		})
		return true
	case partner.BecomeMirror:
		s.reader = nil
		s.heldAccess = false
		s.db.SetAccessError(partner.ErrInTransition(s.name))
		if g.revertFailed {
			return false
		}
		m.offLock(s, g, func(*gatedReady) {
			ctx, cancel := context.WithTimeout(m.ctx, roleChangeTimeout)
			defer cancel()
			if err := s.db.BecomeMirror(ctx); err != nil {
				m.log.Error("become mirror", "database", s.name, "err", err)
			}
		})
		return true
	case partner.Removed:
		s.db.SetMirrorWait(nil)
		s.waits.release(txlog.LSN(math.MaxUint64))
		s.removed = true
		m.log.Info(msgTerminated(s.name), "error", 1443, "database", s.name)
	}
	return false
}

// offLock closes s's gate, runs job without Manager.mu on its own goroutine
// and then continues g (job may update it) and the Readys queued behind it.
// The job runs once and alone: the gate keeps every other effect of the
// session back until it is done. After Close nothing continues. Caller holds
// Manager.mu.
func (m *Manager) offLock(s *session, g gatedReady, job func(g *gatedReady)) {
	s.gate.io = true
	s.gate.queue = append([]gatedReady{g}, s.gate.queue...)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		job(&g)
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.closed || s.removed {
			return
		}
		s.gate.queue[0] = g
		m.openGate(s)
	}()
}

// emptyReady reports whether rd has nothing to apply (Serving only matters
// with ServingChanged).
func emptyReady(rd *partner.Ready) bool {
	return !rd.Truncate && rd.Persist == nil && len(rd.AppendLog) == 0 && rd.RoleChange == partner.NoRoleChange &&
		!rd.ServingChanged && rd.ReleaseCommits == 0 && len(rd.Messages) == 0 && len(rd.Done) == 0
}

// finish applies the steps after the role change: serving, ReleaseCommits,
// Messages and Done. Caller holds Manager.mu.
func (m *Manager) finish(s *session, rd *partner.Ready, revertFailed bool) {
	if !revertFailed {
		switch rd.RoleChange {
		case partner.BecomePrincipal:
			m.log.Info(msgRoleChange(s.name, "MIRROR", "PRINCIPAL", rd.Failover), "error", 1480, "database", s.name)
			m.log.Info(msgActive(s.name, "principal"), "error", 1440, "database", s.name, "role_sequence", s.m.HardState().RoleSeq)
		case partner.BecomeMirror:
			m.log.Info(msgRoleChange(s.name, "PRINCIPAL", "MIRROR", rd.Failover), "error", 1480, "database", s.name)
			m.log.Info(msgActive(s.name, "mirror"), "error", 1441, "database", s.name, "role_sequence", s.m.HardState().RoleSeq)
		}
	}
	if rd.RoleChange != partner.NoRoleChange || rd.ServingChanged {
		// rd may be applied after the machine moved on (it waited behind the
		// gate, or the written hook deferred it): whether the database serves
		// is rd's, not the machine's now. A machine serving again since (a
		// failover given up) has no access error, and failing the waiting
		// commits with nil would acknowledge them unreleased; the later Ready
		// that serves again reopens the database.
		err := s.m.AccessError()
		if !rd.Serving && err == nil {
			err = partner.ErrInTransition(s.name)
		}
		if !rd.Serving && s.m.HardState().Role == partner.RolePrincipal {
			s.waits.fail(err)
		}
		m.setAccessLocked(s, err)
	}
	// 5. Release commits.
	if rd.ReleaseCommits > 0 {
		s.waits.release(rd.ReleaseCommits)
	}
	// 6. Messages, in order.
	for _, msg := range rd.Messages {
		c := m.connFor(msg.To)
		if c == nil {
			continue // not connected: the machine learns it from the missing pings
		}
		if msg.Type == partner.MsgLog {
			s.sendLog(c, msg)
			continue
		}
		if pm := toProto(s.guid, s.name, s.partnerName, msg); pm != nil {
			if sa, ok := pm.(*proto.SessionAccept); ok {
				// After the Truncate above: the sums describe the log we keep,
				// up to what we report (partner acceptSession).
				sa.TailBlocks = m.tailBlocks(s, s.db.Log(), msg.Hardened)
			}
			markMsg(pm, stNone, stAckSent) // before: after Send the principal may have moved on
			_ = c.Send(pm)
			if msg.Type == partner.MsgPing && msg.To != s.partnerName && msg.To == s.witnessAddr() {
				sendFamily(c, s)
			}
		}
	}
	// 7. Done. The status first: a DBA who reads sys.database_mirroring
	// after the command returns sees its effect (the command's goroutine
	// does not apply its own Ready when it waited behind the gate). With
	// later Readys still queued the status cannot be published now (the
	// machine's state may include changes that are not durable yet): the
	// answer waits for the status published once they are applied
	// (snapLocked) — answered before it, a FAILOVER returned while the old
	// principal's row still said PRINCIPAL. A removed session (SET PARTNER
	// OFF) has no row: dropSession, later under this lock, forgets the rest,
	// but the reader of the view takes no lock and may come first.
	if len(rd.Done) > 0 {
		switch {
		case s.removed:
			m.unsnapLocked(s)
			s.answerLater()
			s.answer(rd.Done)
		case len(s.gate.queue) == 0:
			m.snapLocked(s)
			s.answer(rd.Done)
		default:
			s.doneLater = append(s.doneLater, rd.Done...)
		}
	}
}

// answer gives the commands waiting for them their results. Caller holds
// Manager.mu.
func (s *session) answer(done []partner.CommandResult) {
	for _, d := range done {
		if q := s.pending[d.Cmd]; len(q) > 0 {
			q[0] <- d.Err
			s.pending[d.Cmd] = q[1:]
		}
	}
}

// answerLater gives the results finish kept for the published status
// (doneLater). Caller holds Manager.mu.
func (s *session) answerLater() {
	done := s.doneLater
	s.doneLater = nil
	s.answer(done)
}

// setAccessLocked sets the error s's clients get, in step with the row
// readers see: the mirror's 954 waits until sys.database_mirroring says
// MIRROR, and a new principal serves once it says PRINCIPAL (snapLocked
// publishes the row, releaseAccessLocked sets the access within it);
// meanwhile clients get 952, in transition. A principal giving up its role
// (a manual or automatic failover) answered 954 while its published row
// still said PRINCIPAL (and sys.databases ONLINE), and a mirror taking over
// served while its row still said MIRROR: the role change's save and the
// engine's BecomeMirror/BecomePrincipal come between the decision and the
// row, tens of milliseconds under load. A principal whose row says
// PRINCIPAL already, or has none (set-up), is not held. Caller holds
// Manager.mu.
func (m *Manager) setAccessLocked(s *session, err error) {
	s.heldAccess = false
	st, ok := m.Status(s.name)
	switch {
	case isActingAsMirror(err) && (!ok || st.Role != uint8(partner.RoleMirror)),
		err == nil && ok && st.Role == uint8(partner.RoleMirror):
		s.heldAccess = true
		err = partner.ErrInTransition(s.name)
	}
	s.db.SetAccessError(err)
}

// releaseAccessLocked gives s's clients the access setAccessLocked held
// back once the published row shows the role: 954 when it says MIRROR,
// none (serving) when it says PRINCIPAL — each only if the machine still
// answers so in that role; anything else it may have moved to waits for
// the Ready that brings the engine there (setAccessLocked). Caller holds
// Manager.mu and snapMu (snapLocked): the database's SetAccessError must
// not read the snapshot.
func (m *Manager) releaseAccessLocked(s *session, published Status) {
	if !s.heldAccess {
		return
	}
	role := s.m.HardState().Role
	if published.Role != uint8(role) {
		return
	}
	s.heldAccess = false
	err := s.m.AccessError()
	switch {
	case role == partner.RoleMirror && isActingAsMirror(err),
		role == partner.RolePrincipal && err == nil:
		s.db.SetAccessError(err)
	}
}

// isActingAsMirror reports the mirror's 954.
func isActingAsMirror(err error) bool {
	var pe *partner.Error
	if !errors.As(err, &pe) {
		return false
	}
	n, _, _ := pe.SQLServerError()
	return n == 954
}
