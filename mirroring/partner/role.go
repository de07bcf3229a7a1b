package partner

// becomePrincipal takes the principal role at role sequence seq: after a manual
// failover commit, a witness grant (automatic failover or forced service), or on
// learning that the partner is mirror at seq. The new timeline forks at our
// hardened end of log; anything appended but not yet hardened is discarded.
func (m *Machine) becomePrincipal(seq uint32, forced bool) {
	fork := m.endOfLog // mirror: hardened
	if m.received > fork {
		m.rd.Truncate = true
		m.rd.TruncateAfter = fork
		m.received = fork
	}
	m.hs.Role = RolePrincipal
	m.hs.RoleSeq = seq
	m.hs.LogSeq = seq
	m.hs.ForkLSN = fork
	if forced {
		// §1.9.3: forced service suspends the session.
		m.hs.Suspended = true
		m.hs.SuspendSeq++
	}
	m.persist()
	m.failoverLSN = fork
	m.peerHardened = 0
	m.capped = false
	m.sentUpTo = fork
	m.released = fork
	m.session = false
	m.unsync()
	m.lostEligible, m.forcing = false, false
	m.queryClock = 0
	m.failoverReqEnd, m.failoverReqSeq = 0, 0
	m.rd.RoleChange, m.rd.Failover = BecomePrincipal, FailoverFromPartner // callers that know better say why
	m.rd.RedoTo = fork
}

// becomeMirror gives up the principal role (or only learns a newer sequence as
// mirror). Our log tail may be divergent until reconciled (LogSeq < RoleSeq).
func (m *Machine) becomeMirror(seq uint32) {
	wasPrincipal := m.hs.Role == RolePrincipal
	m.hs.Role = RoleMirror
	m.hs.RoleSeq = seq
	m.persist()
	m.session = false
	m.unsync()
	m.lostEligible, m.forcing = false, false
	m.queryClock = 0
	m.failoverReqEnd, m.failoverReqSeq = 0, 0
	if m.pendingFailover {
		m.pendingFailover = false
		m.done(CmdFailover, ErrMirrorBusy())
	}
	if wasPrincipal {
		m.received = m.endOfLog
		m.peerHardened = 0
		m.capped = false
		m.rd.RoleChange, m.rd.Failover = BecomeMirror, FailoverFromPartner
	}
}

// removeMirroring ends the session (SET PARTNER OFF from either side, §1.11).
func (m *Machine) removeMirroring() {
	m.plainServing = m.hs.Role == RolePrincipal
	if m.pendingFailover {
		m.pendingFailover = false
		m.done(CmdFailover, ErrNotConfigured(m.db))
	}
	if m.forcing {
		m.forcing = false
		m.done(CmdForceService, ErrNotConfigured(m.db))
	}
	m.off = true
	m.hs = HardState{Role: RoleNone}
	m.persist()
	m.session = false
	m.unsync()
	m.rd.RoleChange = Removed
}

// onFailoverRequest: the mirror records the failover point and answers once it has
// hardened the principal's whole log (§1.9.1 step 2).
func (m *Machine) onFailoverRequest(msg Message) {
	if m.hs.Role != RoleMirror || msg.RoleSeq != m.hs.RoleSeq || !m.session {
		return
	}
	m.failoverReqEnd = msg.EndOfLog
	m.failoverReqSeq = m.hs.RoleSeq + 1
	m.maybePrepared()
}

func (m *Machine) maybePrepared() {
	if m.failoverReqSeq == 0 || m.endOfLog < m.failoverReqEnd {
		return
	}
	// Nothing is persisted yet: we become principal only on FailoverCommit (or on
	// seeing the old principal as mirror at the new sequence), after the old
	// principal has persisted its mirror role. Two principals never coexist.
	m.send(Message{Type: MsgFailoverPrepared, To: m.partner, RoleSeq: m.failoverReqSeq,
		FailoverLSN: m.endOfLog})
	m.preparedSeq, m.preparedClock = m.failoverReqSeq, m.clock
	m.failoverReqEnd, m.failoverReqSeq = 0, 0
}

// onFailoverPrepared: the old principal persists the mirror role at the new
// sequence BEFORE telling the mirror to take over (§1.9.1 step 4).
func (m *Machine) onFailoverPrepared(msg Message) {
	// The mirror must hold everything logged before the request: every commit
	// released so far (we stopped serving, and releasing, when we sent it). Log
	// flushed since — commits still on their way — need not be there: what lies
	// beyond FailoverLSN is cut below and those commits fail, so a commit landing
	// during the handshake no longer aborts the failover (1404).
	if m.hs.Role != RolePrincipal || !m.pendingFailover || msg.RoleSeq != m.hs.RoleSeq+1 ||
		msg.FailoverLSN < m.failoverReqEnd || msg.FailoverLSN < m.released {
		return
	}
	m.pendingFailover = false
	m.becomeMirror(msg.RoleSeq)
	m.rd.Failover = FailoverManual
	m.hs.LogSeq = msg.RoleSeq // our log equals the new principal's up to its fork
	m.failoverLSN = msg.FailoverLSN
	// The new principal's timeline forks at FailoverLSN, and our log holds exactly
	// that prefix (the mirror hardened only what we shipped; our LogFlushed view may
	// lag behind it). The local log may also hold more: a commit made durable here
	// whose mirror wait then failed, or a checkpoint record. It was never hardened by
	// the partner, so it is cut (and undone) before the role change; otherwise the
	// new principal's log would collide with it (txlog.ErrDiverged, §1.9.1).
	if msg.FailoverLSN > 0 {
		m.endOfLog, m.received = msg.FailoverLSN, msg.FailoverLSN
		m.redone = min(m.redone, msg.FailoverLSN)
		m.rd.Truncate = true
		m.rd.TruncateAfter = msg.FailoverLSN
	}
	m.send(Message{Type: MsgFailoverCommit, To: m.partner, RoleSeq: msg.RoleSeq})
	m.done(CmdFailover, nil)
}

// abortFailover gives up a manual failover whose handshake did not complete
// (partner lost, or no answer within TIMEOUT); the principal serves again.
func (m *Machine) abortFailover() {
	m.pendingFailover = false
	m.done(CmdFailover, ErrMirrorBusy())
}

// onVote handles the witness's answer to a quorum query (§1.9.2, §1.9.3).
func (m *Machine) onVote(msg Message) {
	if m.hs.Role != RoleMirror {
		return
	}
	forced := m.forcing
	if !msg.Granted {
		if forced && msg.RoleSeq == m.hs.RoleSeq+1 {
			m.forcing = false
			m.done(CmdForceService, ErrCannotForce(m.db))
		}
		return
	}
	// A grant is binding: the witness has recorded us as principal at the new
	// sequence and will demote the old principal, so we take over even if the old
	// principal has just reappeared (we stopped confirming it when we asked).
	if msg.RoleSeq <= m.hs.RoleSeq {
		return
	}
	m.becomePrincipal(msg.RoleSeq, forced)
	m.rd.Failover = FailoverAutomatic
	if forced {
		m.rd.Failover = FailoverForced
		m.done(CmdForceService, nil)
	}
}
