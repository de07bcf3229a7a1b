package partner

// User commands: ALTER DATABASE … SET PARTNER {FAILOVER | FORCE_SERVICE_ALLOW_DATA_LOSS
// | SUSPEND | RESUME | OFF | SAFETY | TIMEOUT} and SET WITNESS (§2.1, where each may
// be issued: §1.14). Each returns a *Error at once if refused; if accepted, its
// completion arrives as a CommandResult in Ready.Done (possibly in the same Ready).
// Decisions on the documentation conflicts of §8: RESUME and SUSPEND are accepted on
// either partner; FAILOVER, SAFETY, TIMEOUT and WITNESS only on the principal;
// forced service with a witness goes through the witness (granted only if it has
// lost the principal too).

func (m *Machine) command(cmd Command, f func() error) error {
	if m.off {
		return ErrNotConfigured(m.db)
	}
	err := f()
	m.recompute()
	return err
}

// Failover starts a manual failover (§1.9.1): principal only (1470), SAFETY FULL
// (1477), SYNCHRONIZED (1422), no other failover in progress (1404). The principal
// stops serving (PENDING_FAILOVER) and sends the mirror a FailoverRequest.
func (m *Machine) Failover() error {
	return m.command(CmdFailover, func() error {
		switch {
		case m.hs.Role != RolePrincipal:
			return ErrNotPrincipal(m.db)
		case m.pendingFailover:
			return ErrMirrorBusy()
		case m.hs.Safety != SafetyFull:
			return ErrSafetyNotFull(m.db)
		case m.state() != StateSynchronized:
			return ErrNotCaughtUp(m.db)
		}
		m.pendingFailover = true
		m.failoverDeadline = m.clock + m.ticks(m.timeout())
		m.failoverReqEnd = m.endOfLog
		m.shipLog()
		m.send(Message{Type: MsgFailoverRequest, To: m.partner, RoleSeq: m.hs.RoleSeq, EndOfLog: m.endOfLog})
		return nil
	})
}

// ForceService is FORCE_SERVICE_ALLOW_DATA_LOSS (§1.9.3): mirror only, the principal
// unreachable, the mirror's log reconciled with the current timeline, and with a
// witness set the witness connected and agreeing; otherwise 1455. The mirror becomes
// principal at RoleSeq+1 with the session SUSPENDED.
func (m *Machine) ForceService() error {
	return m.command(CmdForceService, func() error {
		switch {
		case m.hs.Role != RoleMirror, m.alive(&m.p), m.hs.LogSeq != m.hs.RoleSeq:
			return ErrCannotForce(m.db)
		case m.forcing:
			return ErrMirrorBusy()
		}
		if m.witnessSet() {
			if !m.alive(&m.w) {
				return ErrCannotForce(m.db)
			}
			m.forcing = true
			m.query(true)
			return nil
		}
		m.becomePrincipal(m.hs.RoleSeq+1, true)
		m.rd.Failover = FailoverForced
		m.done(CmdForceService, nil)
		return nil
	})
}

// Suspend is SET PARTNER SUSPEND, on either partner (§1.10); persisted.
func (m *Machine) Suspend() error {
	return m.command(CmdSuspend, func() error {
		if !m.hs.Suspended {
			m.hs.Suspended = true
			m.hs.SuspendSeq++
			m.unsync()
			m.persist()
		}
		m.sendSuspendState(MsgSuspend)
		m.done(CmdSuspend, nil)
		return nil
	})
}

// Resume is SET PARTNER RESUME, on either partner (§1.10, §8.1): back to
// SYNCHRONIZING. After forced service the former principal's divergent log is
// discarded when the new session starts (Ready.Truncate).
//
// On a session that is not suspended SQL Server accepts RESUME and does
// nothing. It used to restart the session here: the principal showed
// SYNCHRONIZING until the mirror acknowledged again, and in that window SET
// WITNESS got 1426, FAILOVER 1422, a snapshot of the mirror 1822, and
// automatic failover was impossible.
func (m *Machine) Resume() error {
	return m.command(CmdResume, func() error {
		if !m.hs.Suspended {
			m.done(CmdResume, nil)
			return nil
		}
		m.hs.Suspended = false
		m.hs.SuspendSeq++
		m.session = false
		m.persist()
		m.sendSuspendState(MsgResume)
		if m.hs.Role == RolePrincipal && m.alive(&m.p) {
			m.sendSessionStart() // resynchronize now rather than on the next tick
		}
		m.done(CmdResume, nil)
		return nil
	})
}

func (m *Machine) sendSuspendState(t MsgType) {
	m.send(Message{Type: t, To: m.partner, RoleSeq: m.hs.RoleSeq, Role: m.hs.Role,
		Suspended: m.hs.Suspended, SuspendSeq: m.hs.SuspendSeq})
}

// Off is SET PARTNER OFF, on either partner (§1.11).
func (m *Machine) Off() error {
	return m.command(CmdOff, func() error {
		m.send(Message{Type: MsgPartnerOff, To: m.partner, RoleSeq: m.hs.RoleSeq})
		m.removeMirroring()
		m.done(CmdOff, nil)
		return nil
	})
}

// configure applies a principal-only configuration change (1470 elsewhere), which a
// principal that lacks quorum refuses (1431).
func (m *Machine) configure(cmd Command, f func() error) error {
	return m.command(cmd, func() error {
		if m.hs.Role != RolePrincipal {
			return ErrNotPrincipal(m.db)
		}
		if m.quorumLost() {
			// §1.3 rule 1: this principal cannot know whether the mirror has
			// taken over with the witness. SET WITNESS OFF here made it serve
			// again (it no longer needed quorum): two serving principals.
			return ErrNoPartnerOrWitness(m.db)
		}
		if err := f(); err != nil {
			return err
		}
		m.hs.SafetySeq++
		m.persist()
		m.done(cmd, nil)
		m.ping() // propagate at once
		return nil
	})
}

// SetSafety is SET PARTNER SAFETY FULL|OFF (principal only).
func (m *Machine) SetSafety(s Safety) error {
	return m.configure(CmdSafety, func() error {
		m.hs.Safety = s
		return nil
	})
}

// SetTimeout is SET PARTNER TIMEOUT n (principal only): 0–4 become 5, above 32767
// is 1476 (§1.4). The unit is the tick (one ping interval, 1 s). Under SAFETY
// OFF it is stored and shown but applies only from SAFETY FULL on
// (EffectiveTimeout).
func (m *Machine) SetTimeout(n int) error {
	return m.configure(CmdTimeout, func() error {
		if n > MaxTimeout {
			return ErrTimeoutRange(n)
		}
		m.hs.Timeout = max(n, MinTimeout)
		return nil
	})
}

// SetWitness is SET WITNESS = name, or SET WITNESS OFF with name "" (principal
// only). Setting one needs the partners connected and SYNCHRONIZED (1426); the
// witness must differ from both partners (1429); OFF with none is 1439.
func (m *Machine) SetWitness(name string) error {
	return m.configure(CmdWitness, func() error {
		switch {
		case name == "" && !m.witnessSet():
			return ErrNoWitness(m.db)
		case name != "" && (name == m.self || name == m.partner):
			return ErrWitnessDistinct()
		case name != "" && m.state() != StateSynchronized:
			return ErrWitnessNotConnected()
		}
		m.hs.Witness = name
		m.w = link{}
		if name != "" && m.alive(&m.p) {
			// Quorum now needs a confirmation the partner may not have sent yet:
			// it echoes our clock only in its pings, so a session set up within
			// the first ping interval has none, and the principal would refuse
			// clients (955) until the next one. The partner learns of the witness
			// from the ping sent below at this clock, and can ask it for a
			// takeover only after more than TIMEOUT ticks without hearing us from
			// then on — exactly the bound an echo of this clock gives (package
			// comment), so counting it as echoed keeps the safety argument.
			m.p.hasConfirmed = true
			m.p.confirmed = max(m.p.confirmed, m.clock)
		}
		return nil
	})
}
