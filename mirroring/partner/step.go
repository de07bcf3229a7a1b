package partner

// Step processes one message received from the partner or the witness. Messages
// from other senders, and messages that belong to an older role sequence, are
// ignored (the sender learns the newer sequence from our pings).
func (m *Machine) Step(msg Message) {
	defer m.recompute()
	if m.off {
		// §1.11: the other side discovers OFF when it next talks to us.
		if msg.From == m.partner && msg.Type != MsgPartnerOff {
			m.send(Message{Type: MsgPartnerOff, To: m.partner})
		}
		return
	}
	switch msg.From {
	case m.partner:
		m.stepPartner(msg)
	case m.hs.Witness:
		if m.witnessSet() {
			m.stepWitness(msg)
		}
	}
}

// observe records a ping's clock and echo on the link.
func (m *Machine) observe(l *link, msg Message) {
	l.heard = true
	l.lastHeard = m.clock
	l.peerClock = msg.Clock
	if msg.Timeout > 0 {
		l.timeout = EffectiveTimeout(msg.Safety, msg.Timeout)
	}
	if msg.Echo != 0 && msg.Echo <= m.clock && (!l.hasConfirmed || msg.Echo > l.confirmed) {
		l.confirmed = msg.Echo
		l.hasConfirmed = true
	}
}

// learnRole applies the role-sequence rule (design.md "Roles are decided by a
// sequence number"): the principal at role sequence s is unique, so a partner that
// is principal at a higher s makes us mirror at s, and a partner that is mirror at a
// higher s means the principal at s is us (it was granted to us by the witness or
// by a failover handshake whose last step we missed). It reports whether the
// message belongs to our (possibly new) role sequence.
func (m *Machine) learnRole(seq uint32, senderRole Role) bool {
	if seq < m.hs.RoleSeq {
		return false
	}
	if seq > m.hs.RoleSeq {
		switch senderRole {
		case RolePrincipal:
			m.becomeMirror(seq)
		case RoleMirror:
			m.becomePrincipal(seq, false)
		default:
			return false
		}
	}
	return true
}

func (m *Machine) stepPartner(msg Message) {
	// Any message shows the partner alive, not only pings: after a connection is
	// replaced the side that saw the old one end reports ConnDown, and until the
	// next ping it would take a partner that is shipping it log for lost — and
	// accept FORCE_SERVICE_ALLOW_DATA_LOSS (1455) while the principal still commits.
	m.p.heard = true
	m.p.lastHeard = m.clock
	switch msg.Type {
	case MsgPing:
		m.observe(&m.p, msg)
		if !m.learnRole(msg.RoleSeq, msg.Role) {
			return
		}
		m.adoptSuspend(msg)
		if m.hs.Role == RoleMirror && msg.Role == RolePrincipal {
			m.adoptConfig(msg)
			m.adoptPrincipalState(msg)
			// The failover LSN (newest log hardened on both) is the principal's
			// to know; the mirror shows it too, as SQL Server's does.
			m.failoverLSN = min(msg.FailoverLSN, m.endOfLog)
			if !m.session {
				// Ask the principal to (re)start the session (e.g. after our restart).
				m.sendSessionStart()
			}
		}
		if m.hs.Role == RolePrincipal && msg.Role == RoleMirror {
			m.ackFrom(msg.Hardened)
		}
	case MsgSessionStart:
		if !m.learnRole(msg.RoleSeq, msg.Role) {
			m.sendSessionStart() // it is stale; our start tells it the newer sequence
			return
		}
		m.adoptSuspend(msg)
		switch {
		case m.hs.Role == RolePrincipal && msg.Role == RoleMirror:
			// The mirror (re)starts from its own position: the session
			// restarts, and with it SYNCHRONIZED must be earned again
			// (ackFrom). Kept, it made the restarted session SYNCHRONIZED at
			// its accept, before a single ack: commits released meanwhile
			// (exposed, the witness having echoed a ping that was not
			// failover-able) lay beyond the mirror's log, and the witness,
			// told SYNCHRONIZED again, granted a failover that lost them.
			m.session = false
			m.unsync()
			m.sendSessionStart()
		case m.hs.Role == RoleMirror && msg.Role == RolePrincipal:
			m.acceptSession(msg)
		}
	case MsgSessionAccept:
		if m.hs.Role == RolePrincipal && msg.RoleSeq == m.hs.RoleSeq && !m.session {
			if m.forkCheck(msg) {
				return
			}
			m.session = true
			m.sentUpTo, m.sessionFrom = msg.Hardened, msg.Hardened
			m.syncTarget = m.endOfLog
			m.shipLog()
		}
	case MsgLog:
		m.receiveLog(msg)
	case MsgAck:
		if m.hs.Role == RolePrincipal && msg.RoleSeq == m.hs.RoleSeq {
			m.ackFrom(msg.Hardened)
		}
	case MsgFailoverRequest:
		m.onFailoverRequest(msg)
	case MsgFailoverPrepared:
		m.onFailoverPrepared(msg)
	case MsgFailoverCommit:
		if m.hs.Role == RoleMirror && msg.RoleSeq > m.hs.RoleSeq {
			m.becomePrincipal(msg.RoleSeq, false)
			m.rd.Failover = FailoverManual
			if msg.RoleSeq == m.preparedSeq {
				// The commit answers our FailoverPrepared: the partner, now
				// mirror, heard us when we sent it, and can ask the witness to
				// take over only after more than TIMEOUT ticks without hearing
				// us from then on — the bound an echo of that clock gives
				// (confirmed). Counting it keeps the new principal serving
				// when no ping has echoed our clock yet (a mirror restarted a
				// moment before the failover): it refused clients with 955.
				m.p.hasConfirmed = true
				m.p.confirmed = max(m.p.confirmed, m.preparedClock)
			}
		}
	case MsgSuspend, MsgResume:
		// A RESUME restarts the session only by ending a suspension
		// (adoptSuspend); one that finds the session running, or already
		// resumed by a ping that overtook it, changes nothing.
		if msg.RoleSeq >= m.hs.RoleSeq {
			m.adoptSuspend(msg)
		}
	case MsgPartnerOff:
		m.removeMirroring()
	}
}

func (m *Machine) stepWitness(msg Message) {
	switch msg.Type {
	case MsgWitnessState:
		m.observe(&m.w, msg)
		if m.queryClock != 0 && msg.RoleSeq == m.hs.RoleSeq && msg.Echo >= m.queryClock &&
			msg.Echo <= m.clock {
			m.queryClock = 0 // the witness has answered our last query without a grant
		}
		if msg.RoleSeq > m.hs.RoleSeq {
			if msg.Principal == m.self {
				m.becomePrincipal(msg.RoleSeq, false)
			} else {
				m.becomeMirror(msg.RoleSeq)
			}
		}
	case MsgWitnessVote:
		m.onVote(msg)
	}
}

// adoptSuspend applies the partner's SUSPEND/RESUME if its suspend sequence is newer
// (§1.10; the state persists). On equal sequences the principal's flag wins.
func (m *Machine) adoptSuspend(msg Message) {
	newer := msg.SuspendSeq > m.hs.SuspendSeq ||
		(msg.SuspendSeq == m.hs.SuspendSeq && msg.Role == RolePrincipal && m.hs.Role == RoleMirror)
	if !newer || (msg.Suspended == m.hs.Suspended && msg.SuspendSeq == m.hs.SuspendSeq) {
		return
	}
	m.hs.SuspendSeq = msg.SuspendSeq
	if msg.Suspended != m.hs.Suspended {
		m.hs.Suspended = msg.Suspended
		m.unsync()
		if m.hs.Role == RolePrincipal && !m.hs.Suspended {
			m.session = false // RESUME: restart the session and resend the backlog
			if m.alive(&m.p) {
				m.sendSessionStart()
			}
		}
	}
	m.persist()
}

// adoptConfig takes the principal's safety, timeout and witness (the principal owns
// the configuration, §1.14).
func (m *Machine) adoptConfig(msg Message) {
	if msg.SafetySeq <= m.hs.SafetySeq || msg.Safety == 0 {
		return
	}
	m.hs.SafetySeq = msg.SafetySeq
	m.hs.Safety = msg.Safety
	if msg.Timeout > 0 {
		m.hs.Timeout = msg.Timeout
	}
	if msg.Witness != m.hs.Witness {
		m.hs.Witness = msg.Witness
		m.w = link{}
	}
	m.persist()
}

// adoptPrincipalState takes the state a principal's ping reports, which a
// mirror shows as its own (§1.7: the session's state is the principal's) —
// but not a state older than the session we accepted, nor, within it, a
// DISCONNECTED that may be one. When both partners dial at once
// (mirroring/peers.go) the principal's pings from before it read our accept
// may arrive after it, on the other connection or behind its SessionStart;
// they say DISCONNECTED (it had not heard us since the outage), and taking
// them flashed DISCONNECTED on a session that was up: 1442, then 1441 at its
// next ping.
//
//   - A ping that echoes a clock of ours from before the accept (acceptClock)
//     was sent before the principal had heard us since, so before it read the
//     accept: not taken.
//   - An outage shorter than a tick leaves the echo unchanged, so within a
//     session a DISCONNECTED is taken only once the principal has said it at
//     two of its ticks after the first (disconnectedClock): a principal that
//     really lost us (a one-way cut) keeps saying it, one that had not yet
//     read our accept says SYNCHRONIZING at its next ping.
func (m *Machine) adoptPrincipalState(msg Message) {
	if !m.session {
		m.peerState = msg.State
		return
	}
	if msg.Echo < m.acceptClock {
		return
	}
	if msg.State != StateDisconnected {
		m.disconnectedSeen = false
		m.peerState = msg.State
		return
	}
	if !m.disconnectedSeen {
		m.disconnectedSeen, m.disconnectedClock = true, msg.Clock
	}
	if msg.Clock >= m.disconnectedClock+2 {
		m.peerState = msg.State
	}
}
