package partner

// Tick advances the machine's clock by one ping interval (1 s, §1.4): it detects
// time-outs, retries session set-up and quorum queries, and pings the partner and the
// witness.
func (m *Machine) Tick() {
	m.clock++
	m.recompute()
	if m.off {
		return
	}
	switch m.hs.Role {
	case RolePrincipal:
		if m.pendingFailover && m.clock > m.failoverDeadline {
			m.abortFailover()
		}
		if m.alive(&m.p) && !m.session {
			m.sendSessionStart()
		}
	case RoleMirror:
		if !m.alive(&m.p) && m.witnessSet() && m.alive(&m.w) && (m.forcing || m.lostEligible) {
			m.query(m.forcing)
		}
	}
	m.ping()
	m.recompute()
}

// ping sends the state summary to the partner and, if one is set, the witness.
func (m *Machine) ping() {
	msg := m.summary(MsgPing)
	m.pinged = msg.State
	msg.To = m.partner
	msg.Echo = m.partnerEcho()
	m.send(msg)
	if m.witnessSet() {
		msg.To = m.hs.Witness
		msg.Echo = m.w.peerClock
		m.send(msg)
	}
}

// summary fills a message with this partner's view (the proto DBState fields).
func (m *Machine) summary(t MsgType) Message {
	hardened := m.endOfLog
	if m.hs.Role == RoleMirror && m.hs.LogSeq != m.hs.RoleSeq {
		hardened = 0 // a divergent tail is not the principal's log
	}
	return Message{
		Type: t, RoleSeq: m.hs.RoleSeq, Role: m.hs.Role, State: m.state(),
		Safety: m.hs.Safety, SafetySeq: m.hs.SafetySeq, Suspended: m.hs.Suspended,
		SuspendSeq: m.hs.SuspendSeq, Timeout: m.hs.Timeout, Witness: m.hs.Witness,
		EndOfLog: m.endOfLog, Hardened: hardened, Redone: m.redone,
		FailoverLSN: m.failoverLSN, ForkLSN: m.hs.ForkLSN, Clock: m.clock,
		SeesPartner: m.alive(&m.p), SeesWitness: m.witnessSet() && m.alive(&m.w),
	}
}

func (m *Machine) sendSessionStart() {
	msg := m.summary(MsgSessionStart)
	msg.To = m.partner
	msg.Hardened = m.received
	m.send(msg)
}

// ConnDown reports a hard error on the connection to peer (§1.4: acted on at once).
// The peer's liveness and quorum confirmation end immediately.
func (m *Machine) ConnDown(peer string) {
	switch peer {
	case m.partner:
		m.p.heard, m.p.hasConfirmed = false, false
	case m.hs.Witness:
		m.w.heard, m.w.hasConfirmed = false, false
	}
	m.recompute()
}

// ConnReset reports that the connection to peer was replaced by a newer one while
// still up (both sides dialed; peers.go keeps one). Messages sent on the old one
// may be lost without an error, and unlike a lost ping or ack a lost log shipment
// is not sent again by itself: with no later commit whose shipment shows the gap,
// the mirror would never ask for it, both partners would stay SYNCHRONIZING and a
// SAFETY FULL commit would wait for ever. So a principal ships again from what the
// mirror has reported hardened, or from where the session started (the mirror
// ignores what it already has), and a
// principal still waiting for the mirror's SessionAccept, or a mirror without a
// session, starts the handshake again. The partner is not lost: it stays alive
// and keeps its quorum confirmation.
func (m *Machine) ConnReset(peer string) {
	if peer == m.partner && !m.off {
		switch {
		case m.hs.Role == RolePrincipal && m.session:
			m.sentUpTo = min(m.sentUpTo, max(m.peerHardened, m.sessionFrom))
			m.shipLog()
		case m.hs.Role == RolePrincipal, m.hs.Role == RoleMirror && !m.session:
			m.sendSessionStart()
		}
	}
	m.ConnUp(peer)
	m.recompute()
}

// ConnUp reports a new connection to peer; the machine pings at once so that the
// peer need not wait for the next tick.
func (m *Machine) ConnUp(peer string) {
	if m.off {
		return
	}
	msg := m.summary(MsgPing)
	msg.To = peer
	switch peer {
	case m.partner:
		msg.Echo = m.partnerEcho()
	case m.hs.Witness:
		msg.Echo = m.w.peerClock
	default:
		return
	}
	m.send(msg)
}

// partnerEcho is the clock we echo to the partner: none while a quorum query is
// unresolved (see Machine.queryClock).
func (m *Machine) partnerEcho() uint64 {
	if m.queryClock != 0 {
		return 0
	}
	return m.p.peerClock
}

// query asks the witness for the principal role at RoleSeq+1. The intent is
// persisted first (persist before announcing).
func (m *Machine) query(forced bool) {
	if m.hs.QueriedSeq != m.hs.RoleSeq+1 {
		m.hs.QueriedSeq = m.hs.RoleSeq + 1
		m.persist()
	}
	m.queryClock = m.clock
	m.send(Message{Type: MsgQuorumQuery, To: m.hs.Witness, RoleSeq: m.hs.RoleSeq, Forced: forced})
}
