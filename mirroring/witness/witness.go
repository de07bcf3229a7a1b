// Package witness is the witness's deterministic state machine for one mirroring
// session (reference/mirroring.md §1.3, §1.9.2): which partners it sees, the role
// sequence and principal it knows, and its vote for automatic failover and forced
// service. Like mirroring/partner it does no I/O and reads no clock: the owner calls
// Step for every message from a partner and Tick once per ping interval, then
// applies Ready — Persist first (the granted role sequence must survive a crash
// before the vote is sent), then Messages.
//
// The vote rule: grant the principal role at RoleSeq+1 to the asking mirror only if
// the asker's role sequence is the current one, the witness sees the asker, and it
// has lost the principal too (no ping for more than TIMEOUT ticks). For automatic
// failover it also requires that, when it lost the principal, the principal's last
// report said SYNCHRONIZED with SAFETY FULL and the mirror was still connected to the
// witness — the failure happened while all three were connected (§1.9.2; §1.3 rule
// 6). After a grant the witness reports the new sequence in every ping, which
// demotes the old principal, and never confirms it again.
package witness

import "github.com/mirrorsql/mirrorsql/mirroring/partner"

// HardState is what the witness persists per session.
type HardState struct {
	RoleSeq   uint32
	Principal string // instance name of the partner known as principal, "" unknown
}

// Config creates a Machine.
type Config struct {
	Self     string    // the witness's instance name
	Partners [2]string // the two partners' instance names
	State    HardState
	// TicksPerTimeoutUnit is as in partner.Config: ticks per unit of TIMEOUT.
	TicksPerTimeoutUnit int
}

type link struct {
	everHeard bool // a ping arrived in this incarnation
	heard     bool // … and no hard error since
	lastHeard uint64
	peerClock uint64
	last      partner.Message // the latest ping
}

// Ready is the work the owner must do after a call.
type Ready struct {
	Persist  *HardState // write durably BEFORE sending Messages
	Messages []partner.Message
}

// Machine is one session's witness state machine. Not safe for concurrent use.
type Machine struct {
	tpu      int // ticks per unit of TIMEOUT
	self     string
	partners [2]string
	hs       HardState
	dirty    bool
	clock    uint64
	links    [2]link
	timeout  int

	// Recorded when the principal was lost (§1.9.2 preconditions).
	principalLost     bool
	syncedAtLoss      bool
	mirrorAliveAtLoss bool
	principalWas      bool

	rd Ready
}

// New creates a witness machine from persisted state.
func New(cfg Config) *Machine {
	return &Machine{self: cfg.Self, partners: cfg.Partners, hs: cfg.State, timeout: partner.DefaultTimeout, tpu: max(cfg.TicksPerTimeoutUnit, 1)}
}

// Ready returns and clears the accumulated work.
func (m *Machine) Ready() Ready {
	rd := m.rd
	if m.dirty {
		hs := m.hs
		rd.Persist = &hs
		m.dirty = false
	}
	m.rd = Ready{}
	return rd
}

// HardState returns the persistent state.
func (m *Machine) HardState() HardState { return m.hs }

// Status is what sys.database_mirroring_witnesses shows, plus connectivity.
type Status struct {
	RoleSeq       uint32
	Principal     string
	SeesPrincipal bool
	SeesMirror    bool
}

// Status reports the witness's view.
func (m *Machine) Status() Status {
	pi := m.index(m.hs.Principal)
	st := Status{RoleSeq: m.hs.RoleSeq, Principal: m.hs.Principal}
	if pi >= 0 {
		st.SeesPrincipal = m.alive(pi)
		st.SeesMirror = m.alive(1 - pi)
	}
	return st
}

func (m *Machine) index(name string) int {
	for i, p := range m.partners {
		if p == name && name != "" {
			return i
		}
	}
	return -1
}

func (m *Machine) alive(i int) bool {
	l := &m.links[i]
	return l.heard && m.clock-l.lastHeard <= uint64(m.timeout*m.tpu)
}

// gone reports whether partner i has sent no ping for more than TIMEOUT ticks. A
// hard error does not shorten this: the old principal may count the witness for
// its quorum until TIMEOUT ticks after the last ping the witness echoed, so votes
// wait for the time-out even when the loss was reported at once.
func (m *Machine) gone(i int) bool {
	l := &m.links[i]
	return !l.everHeard || m.clock-l.lastHeard > uint64(m.timeout*m.tpu)
}

// ConnDown reports a hard error on the connection to a partner (it only changes
// what the witness reports as connected).
func (m *Machine) ConnDown(peer string) {
	if i := m.index(peer); i >= 0 {
		m.links[i].heard = false
		m.evaluate()
	}
}

// Step processes one message from a partner.
func (m *Machine) Step(msg partner.Message) {
	i := m.index(msg.From)
	if i < 0 {
		return
	}
	switch msg.Type {
	case partner.MsgPing:
		l := &m.links[i]
		l.everHeard, l.heard, l.lastHeard, l.peerClock, l.last = true, true, m.clock, msg.Clock, msg
		m.learn(i, msg)
		if msg.RoleSeq == m.hs.RoleSeq && msg.Timeout > 0 {
			m.timeout = partner.EffectiveTimeout(msg.Safety, msg.Timeout)
		}
	case partner.MsgQuorumQuery:
		m.vote(i, msg)
	}
	m.evaluate()
}

// learn updates the known principal from a partner's report.
func (m *Machine) learn(i int, msg partner.Message) {
	var principal string
	switch {
	case msg.Role == partner.RolePrincipal && (msg.RoleSeq > m.hs.RoleSeq || (msg.RoleSeq == m.hs.RoleSeq && m.hs.Principal == "")):
		principal = m.partners[i]
	case msg.Role == partner.RoleMirror && msg.RoleSeq > m.hs.RoleSeq:
		principal = m.partners[1-i]
	default:
		return
	}
	m.hs.RoleSeq = msg.RoleSeq
	if principal != m.hs.Principal {
		m.hs.Principal = principal
		m.principalLost, m.principalWas = false, false
	}
	m.dirty = true
}

func (m *Machine) vote(i int, q partner.Message) {
	pi := m.index(m.hs.Principal)
	granted := pi >= 0 && pi != i && q.RoleSeq == m.hs.RoleSeq && m.alive(i) && m.gone(pi)
	if granted {
		if q.Forced {
			// Forced service: the principal must be gone for more than TIMEOUT
			// ticks as far as this incarnation of the witness can tell.
			granted = m.principalLost || (!m.links[pi].everHeard && m.clock > uint64(m.timeout*m.tpu))
		} else {
			granted = m.principalLost && m.syncedAtLoss && m.mirrorAliveAtLoss
		}
	}
	if granted {
		m.hs.RoleSeq = q.RoleSeq + 1
		m.hs.Principal = m.partners[i]
		m.dirty = true
		m.principalLost, m.principalWas = false, false
	}
	if !granted && !q.Forced {
		return // the mirror asks again on its next tick
	}
	m.rd.Messages = append(m.rd.Messages, partner.Message{
		Type: partner.MsgWitnessVote, From: m.self, To: m.partners[i],
		RoleSeq: q.RoleSeq + 1, Granted: granted,
	})
}

// evaluate records the moment the principal is lost.
func (m *Machine) evaluate() {
	pi := m.index(m.hs.Principal)
	if pi < 0 {
		return
	}
	pa := !m.gone(pi)
	if m.principalWas && !pa && !m.principalLost {
		last := m.links[pi].last
		m.principalLost = true
		m.syncedAtLoss = last.State == partner.StateSynchronized && last.Safety == partner.SafetyFull &&
			last.RoleSeq == m.hs.RoleSeq
		m.mirrorAliveAtLoss = m.alive(1 - pi)
	}
	if pa {
		m.principalLost = false
	}
	m.principalWas = pa
}

// Tick advances the clock one ping interval and pings both partners with what the
// witness sees.
func (m *Machine) Tick() {
	m.clock++
	m.evaluate()
	st := m.Status()
	for i, p := range m.partners {
		m.rd.Messages = append(m.rd.Messages, partner.Message{
			Type: partner.MsgWitnessState, From: m.self, To: p,
			RoleSeq: m.hs.RoleSeq, Principal: m.hs.Principal,
			SeesPrincipal: st.SeesPrincipal, SeesMirror: st.SeesMirror,
			Timeout: m.timeout, Clock: m.clock, Echo: m.links[i].peerClock,
		})
	}
}
