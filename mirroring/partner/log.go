package partner

import "github.com/mirrorsql/mirrorsql/engine/txlog"

// LogFlushed reports that the principal's log is durable up to lsn (group commit
// fsync done). The machine ships the new log to the mirror (a MsgLog) and, per the
// safety level, releases commits (§1.5).
func (m *Machine) LogFlushed(lsn txlog.LSN) {
	if lsn > m.endOfLog {
		m.endOfLog = lsn
		if m.hs.Role == RolePrincipal {
			m.hs.LogSeq = m.hs.RoleSeq
		}
	}
	if m.hs.Role == RolePrincipal && !m.off {
		m.shipLog()
	}
	m.recompute()
}

// LogWritten is LogFlushed without shipping: the principal's log is written
// up to lsn, and commits up to it may be released as the safety level allows,
// but the owner ships it later (a SAFETY OFF principal ships lazily,
// mirroring/lazyship.go). Whatever ships next (LogFlushed, a SessionAccept, a
// reconnect) continues from what was sent, up to lsn and beyond.
func (m *Machine) LogWritten(lsn txlog.LSN) {
	if lsn > m.endOfLog {
		m.endOfLog = lsn
		if m.hs.Role == RolePrincipal {
			m.hs.LogSeq = m.hs.RoleSeq
		}
	}
	m.recompute()
}

// shipLog asks the owner to send the log after sentUpTo (principal, live session,
// not suspended: §1.10 no log is shipped while SUSPENDED).
func (m *Machine) shipLog() {
	if !m.session || m.hs.Suspended || m.endOfLog <= m.sentUpTo {
		return
	}
	m.send(Message{Type: MsgLog, To: m.partner, RoleSeq: m.hs.RoleSeq, Start: m.sentUpTo, End: m.endOfLog})
	m.sentUpTo = m.endOfLog
}

// ackFrom records the mirror's hardened LSN (§1.5 step 4) and the failover LSN
// (newest record hardened on both partners).
func (m *Machine) ackFrom(h txlog.LSN) {
	if h > m.endOfLog {
		h = m.endOfLog
	}
	if m.capped {
		h = min(h, m.peerCap)
	}
	if h > m.peerHardened {
		m.peerHardened = h
	}
	if m.peerHardened > m.failoverLSN {
		m.failoverLSN = m.peerHardened
	}
	if m.session && !m.hs.Suspended {
		if m.peerHardened >= m.endOfLog {
			m.synced = true // caught up: SYNCHRONIZED (§1.7)
		} else if m.peerHardened >= m.syncTarget {
			m.holding = true // see Machine.holding
		}
	}
}

// acceptSession is the mirror's side of (re)starting a session with the principal.
func (m *Machine) acceptSession(msg Message) {
	m.adoptConfig(msg)
	// A session starts SYNCHRONIZING (§1.7); a SessionStart carries no state on
	// the wire (proto.SessionStart), and the principal's pings tell the rest.
	m.peerState = StateSynchronizing
	m.acceptClock, m.disconnectedSeen = m.clock, false
	m.failoverReqEnd, m.failoverReqSeq = 0, 0
	if m.hs.LogSeq < m.hs.RoleSeq && !m.hs.Suspended {
		// Our tail was written under an older role sequence: keep only the common
		// prefix up to the new timeline's fork point (§1.9.3 RESUME; §1.9.4).
		if m.received > msg.ForkLSN {
			m.rd.Truncate = true
			m.rd.TruncateAfter = msg.ForkLSN
			m.received = msg.ForkLSN
			m.endOfLog = min(m.endOfLog, msg.ForkLSN)
			m.redone = min(m.redone, msg.ForkLSN)
		}
		m.hs.LogSeq = m.hs.RoleSeq
		m.persist()
	}
	if m.hs.LogSeq == m.hs.RoleSeq && m.received > msg.EndOfLog && msg.EndOfLog >= m.logStart {
		// The principal's log ends before ours on the same timeline: it ships log
		// in parallel with its own flush (§1.5 step 2) and lost the unflushed tail
		// in a crash. No commit in that tail was acknowledged (the principal waits
		// for its own flush too), so it is discarded. (Both ends are log ends,
		// Config.EndOfLog, so the same log is never named two ways.) A principal
		// whose end lies below our log's start never shipped us anything: our log
		// is a later restore, which the principal refuses (1412); it is kept.
		m.cutTail(msg.EndOfLog)
	}
	if msg.CutAfter != 0 && m.hs.LogSeq == m.hs.RoleSeq && m.received > msg.CutAfter {
		// The principal compared our last blocks with its log and found them to
		// differ after CutAfter (doc.go "Finding the fork point"): that tail was
		// shipped before the principal's own flush and lost there in a crash.
		m.cutTail(msg.CutAfter)
	}
	hardened := m.received
	if m.hs.LogSeq < m.hs.RoleSeq {
		// SUSPENDED with a tail from an older role sequence, kept until RESUME
		// (§1.9.3). Only the log up to the fork point is the principal's, as in
		// our pings (summary). Reporting the tail would be judged, if this
		// accept crosses a RESUME, as a log with no common point (1412) by a
		// principal that is no longer SUSPENDED; the owner describes the blocks
		// up to what we report (mirroring/fork.go).
		hardened = min(hardened, msg.ForkLSN)
	}
	m.session = true
	m.send(Message{Type: MsgSessionAccept, To: m.partner, RoleSeq: m.hs.RoleSeq, Role: RoleMirror,
		Hardened: hardened, Redone: min(m.redone, hardened)})
}

// cutTail discards our log after lsn (Ready.Truncate: the owner undoes what redo
// applied from it, then truncates).
func (m *Machine) cutTail(lsn txlog.LSN) {
	if m.rd.Truncate {
		lsn = min(lsn, m.rd.TruncateAfter)
	}
	m.rd.Truncate = true
	m.rd.TruncateAfter = lsn
	m.received = min(m.received, lsn)
	m.endOfLog = min(m.endOfLog, lsn)
	m.redone = min(m.redone, lsn)
}

// receiveLog accepts log from the principal that continues our log exactly.
func (m *Machine) receiveLog(msg Message) {
	if m.hs.Role != RoleMirror || msg.RoleSeq != m.hs.RoleSeq || !m.session ||
		m.hs.Suspended || m.hs.LogSeq != m.hs.RoleSeq || msg.End <= m.received {
		return
	}
	if msg.Start > m.received {
		// A gap (log lost across a reconnect): restart the session from our position.
		m.session = false
		m.sendSessionStart()
		return
	}
	m.rd.AppendLog = append(m.rd.AppendLog, LogRange{Start: m.received, End: msg.End})
	m.received = msg.End
}

// Hardened reports that the mirror's log is durable up to lsn (the owner fsync'd
// the ranges of AppendLog). Only now does the machine acknowledge them: harden
// before acknowledging.
func (m *Machine) Hardened(lsn txlog.LSN) {
	if m.hs.Role != RoleMirror || lsn <= m.endOfLog || lsn > m.received {
		return
	}
	m.endOfLog = lsn
	if m.session {
		m.send(Message{Type: MsgAck, To: m.partner, RoleSeq: m.hs.RoleSeq, Hardened: lsn, Redone: m.redone})
	}
	m.maybePrepared()
	m.recompute()
}

// Redone reports that redo on the mirror reached lsn.
func (m *Machine) Redone(lsn txlog.LSN) {
	if lsn > m.redone {
		m.redone = lsn
	}
}

// forkCheck is the principal's side of the fork-point rule (doc.go "Finding the
// fork point"): msg is the mirror's SessionAccept with the owner's verdict on the
// mirror's last blocks. It reports whether the session must not start yet: the
// mirror's log diverges below what it reports hardened, so it is asked to cut
// after the common point (a new SessionStart with CutAfter), or no common point
// lies in the compared window, so the session is SUSPENDED (the mirror must be
// re-seeded; the owner reports the error) instead of looping on refused blocks.
//
// A SUSPENDED principal ships nothing, so it starts the session without the check
// (the owner makes none): the verdict is reached again on RESUME, and a session
// suspended for want of a common point does not report it once per ping.
func (m *Machine) forkCheck(msg Message) bool {
	if m.hs.Suspended {
		return false
	}
	switch {
	case msg.NoCommonPoint:
		m.capPeer(0)
		if !m.hs.Suspended {
			m.hs.Suspended = true
			m.hs.SuspendSeq++
			m.unsync()
			m.persist()
		}
		m.sendSuspendState(MsgSuspend)
		return true
	case msg.CutAfter != 0 && msg.CutAfter < msg.Hardened:
		m.capPeer(msg.CutAfter)
		start := m.summary(MsgSessionStart)
		start.To = m.partner
		start.Hardened = m.received
		start.CutAfter = msg.CutAfter
		m.send(start)
		return true
	}
	m.capped = false // the logs agree up to what the mirror reported
	return false
}

// capPeer stops counting the mirror's log after lsn as hardened on both partners
// (it is not the principal's log): what the mirror reported before, in acks or
// pings, is lowered to lsn, and later reports are capped until the logs agree.
func (m *Machine) capPeer(lsn txlog.LSN) {
	m.capped, m.peerCap = true, lsn
	m.peerHardened = min(m.peerHardened, lsn)
	m.failoverLSN = min(m.failoverLSN, lsn)
}

// ShipsFrom reports where the next MsgLog starts (the end of the log already
// asked for) and whether LogFlushed with a later LSN would ask for it at once:
// a principal in a live, unsuspended session. The owner's ship hook uses it to
// send a flush's batch from the flush's own bytes only when the MsgLog that
// LogFlushed produces continues exactly where its reader stands.
func (m *Machine) ShipsFrom() (txlog.LSN, bool) {
	return m.sentUpTo, m.hs.Role == RolePrincipal && !m.off && m.session && !m.hs.Suspended
}
