package partner

import "github.com/mirrorsql/mirrorsql/engine/txlog"

// Config creates a Machine.
type Config struct {
	Database string
	Self     string // this instance's name
	Partner  string // the other partner's instance name
	// State is the persisted HardState (zero for a new session: Role must be set;
	// RoleSeq 0 becomes 1, Safety FULL, Timeout 10, as SET PARTNER creates it, §2.3).
	State HardState
	// EndOfLog is the local log's durable end at start: the principal's flushed log,
	// the mirror's hardened log. Like every log position the machine is told or
	// sends (LogFlushed, Hardened, MsgLog, the failover and fork LSNs), it is a
	// log end: slot 0 of the block after the log (txlog.Log.FlushedEnd). A log
	// end has one name on both partners, also for a log without a record of its
	// own (a mirror restored WITH NORECOVERY), so the machine compares them
	// directly; a commit's record LSN is below the end of every log that holds it
	// and above the end of every log that does not.
	EndOfLog txlog.LSN
	// LogStart is where the local log begins, as a log end (slot 0 of its first
	// retained block). The machine never cuts its log below it: log there was
	// restored, not received from the principal, and a principal whose end lies
	// below it has a log gap, which the owner reports (1412). 0: no bound.
	LogStart txlog.LSN
	Redone   txlog.LSN
	// Released is, for a principal machine the owner rebuilds (a state save
	// that failed), where its commits are released up to: commits above it
	// may still be waiting for the mirror, and the new machine must release
	// them. 0 (a machine started at boot, when nothing waits) means EndOfLog.
	Released txlog.LSN
	// TicksPerTimeoutUnit is how many ticks make one unit of TIMEOUT (one second
	// in SQL Server). 0 or 1: TIMEOUT counts ticks, as the scenario tests drive it;
	// a manager ticking faster than once a second passes its ticks per second so
	// that loss is noticed within a fraction of a second of TIMEOUT.
	TicksPerTimeoutUnit int
}

// link tracks liveness of one peer (§1.4): when its last ping arrived and which of
// our clocks it last echoed.
type link struct {
	heard        bool   // a ping arrived since the last hard error
	lastHeard    uint64 // our clock when it arrived
	peerClock    uint64 // the peer's clock in it (we echo it back)
	hasConfirmed bool
	confirmed    uint64 // latest of our clocks the peer echoed
	timeout      int    // the TIMEOUT the peer reported it applies (0 unknown)
}

// Machine is one database's mirroring state machine on one partner. It is not safe
// for concurrent use; the owner serializes all calls (one goroutine per database, or
// a mutex).
type Machine struct {
	// tpu is Config.TicksPerTimeoutUnit.
	tpu               int
	db, self, partner string
	hs                HardState
	dirty             bool // hs changed since the last Ready

	clock uint64
	p, w  link
	pWas  bool // partner alive at the previous evaluation

	// Log positions.
	endOfLog     txlog.LSN // principal: flushed; mirror: hardened
	logStart     txlog.LSN // Config.LogStart
	received     txlog.LSN // mirror: appended (maybe not yet hardened)
	redone       txlog.LSN
	peerHardened txlog.LSN // principal: mirror's acknowledged hardened LSN
	// peerCap (principal, while capped): the mirror's log is known to diverge
	// after peerCap (forkCheck), so its reported hardened LSN counts only up to
	// it until a session starts on reconciled logs.
	peerCap     txlog.LSN
	capped      bool
	failoverLSN txlog.LSN
	sentUpTo    txlog.LSN
	// sessionFrom (principal): the mirror's received end when the session
	// started (its SessionAccept); log is shipped from there on.
	sessionFrom txlog.LSN

	session bool // session with the partner established
	synced  bool // principal: mirror caught up in this session
	// holding (SAFETY FULL, SYNCHRONIZING): the mirror has reached syncTarget, the
	// end of log when the session started; new commits now wait for the mirror so
	// that it can catch up with everything acknowledged even under continuous load.
	holding    bool
	syncTarget txlog.LSN
	peerState  State // mirror: the principal's reported state
	// acceptClock (mirror): our clock when we last accepted a session. A
	// principal ping that echoes an older clock of ours was sent before the
	// principal had heard from us since then, so before it read our accept:
	// its state belongs to no session we accepted and is not taken
	// (adoptPrincipalState).
	acceptClock uint64
	// disconnectedSeen and disconnectedClock (mirror): the principal's clock
	// in its first DISCONNECTED ping within the session (adoptPrincipalState).
	disconnectedSeen  bool
	disconnectedClock uint64

	// lastFailoverable is the clock of the latest ping that told the witness the
	// session could fail over automatically (SYNCHRONIZED, SAFETY FULL). Commits
	// beyond the mirror's hardened LSN are released only after the witness has
	// echoed a later clock, so it can never grant a takeover that loses them.
	lastFailoverable uint64

	// Manual failover.
	pendingFailover  bool
	failoverDeadline uint64
	failoverReqEnd   txlog.LSN // mirror: FailoverRequest waiting for hardening; principal: the EndOfLog it sent
	failoverReqSeq   uint32
	// preparedSeq and preparedClock: the mirror's last FailoverPrepared (the
	// role sequence it offered to take, our clock when we sent it). The
	// FailoverCommit that answers it shows the partner heard us then.
	preparedSeq   uint32
	preparedClock uint64

	// Automatic failover / forced service (mirror).
	lostEligible bool
	forcing      bool
	// queryClock is the clock of our latest unresolved QuorumQuery. While it is
	// set we do not echo the principal's clock: a grant may be on its way, and the
	// old principal must not count us for its quorum meanwhile. It is resolved when
	// the witness echoes a clock ≥ queryClock at our (unchanged) role sequence.
	queryClock uint64

	off          bool // SET PARTNER OFF done
	plainServing bool // after OFF: the former principal serves as a plain database

	released txlog.LSN
	serving  bool
	// pinged is the state reported by the latest ping; a principal pings at once
	// when its state changes, so mirror and witness learn it without waiting a tick
	// — also before its first tick: a session set up and SYNCHRONIZED within the
	// first ping interval left the mirror SYNCHRONIZING until that tick, and a
	// database snapshot of it taken meanwhile got 1822 (e2e TestMirrorSnapshot).
	pinged State

	// Accumulated output.
	rd Ready
}

// New creates a machine from persisted state.
func New(cfg Config) *Machine {
	hs := cfg.State
	if hs.RoleSeq == 0 {
		hs.RoleSeq = 1
	}
	if hs.LogSeq == 0 {
		hs.LogSeq = hs.RoleSeq
	}
	if hs.Safety == 0 {
		hs.Safety = SafetyFull
	}
	if hs.Timeout == 0 {
		hs.Timeout = DefaultTimeout
	}
	m := &Machine{
		db: cfg.Database, self: cfg.Self, partner: cfg.Partner, hs: hs,
		endOfLog: cfg.EndOfLog, received: cfg.EndOfLog, logStart: cfg.LogStart, redone: cfg.Redone,
		tpu: cfg.TicksPerTimeoutUnit,
	}
	if hs.Role == RoleNone {
		m.off = true
	}
	if hs.Role == RolePrincipal {
		m.released = cfg.EndOfLog // durable at start; nothing waits on it
		if cfg.Released != 0 && cfg.Released < cfg.EndOfLog {
			m.released = cfg.Released // rebuilt: commits above it still wait
		}
	}
	if hs.Role == RoleMirror && hs.QueriedSeq > hs.RoleSeq {
		m.queryClock = 1 // a query may have been granted before we restarted
	}
	m.serving = m.computeServing()
	m.rd.Serving = m.serving
	m.rd.ServingChanged = true
	m.dirty = true // persist the normalized state once
	return m
}

// KeepLinks carries what old knew of its peers into m, a machine just rebuilt from
// old's hard state (the owner rebuilds a mirror whose received log could not be
// hardened): the clock, and when the partner and the witness were last heard.
// Liveness is a property of the connections, not of the log; a rebuilt machine
// that forgot it would take a partner that is up for lost until its next ping,
// and accept FORCE_SERVICE_ALLOW_DATA_LOSS meanwhile. A principal rebuilt after a
// failed state save also keeps the clock of its last ping that told the witness
// the session could fail over (lastFailoverable): with the witness's old echo
// but without it, the rebuilt machine, SYNCHRONIZING, released commits the
// mirror had not hardened while the witness could still grant a takeover.
func (m *Machine) KeepLinks(old *Machine) {
	m.clock, m.p, m.w, m.pWas = old.clock, old.p, old.w, old.pWas
	m.lastFailoverable = old.lastFailoverable
	m.recompute()
}

// HasReady reports whether Ready would return something to do.
func (m *Machine) HasReady() bool {
	r := &m.rd
	return m.dirty || r.Truncate || len(r.AppendLog) > 0 || r.RoleChange != NoRoleChange ||
		r.ServingChanged || r.ReleaseCommits > 0 || len(r.Messages) > 0 || len(r.Done) > 0
}

// Ready returns and clears the accumulated work; see the package comment for the
// order in which the owner applies it.
func (m *Machine) Ready() Ready {
	m.recompute()
	rd := m.rd
	rd.Serving = m.serving
	if m.dirty {
		hs := m.hs
		rd.Persist = &hs
		m.dirty = false
	}
	m.rd = Ready{}
	return rd
}

// HardState returns the current persistent state.
func (m *Machine) HardState() HardState { return m.hs }

// Status is a snapshot for sys.database_mirroring and the tests.
type Status struct {
	Role         Role
	State        State
	RoleSeq      uint32
	Safety       Safety
	Suspended    bool
	Serving      bool
	Timeout      int
	Witness      string
	SeesPartner  bool
	SeesWitness  bool
	EndOfLog     txlog.LSN // principal: flushed end; mirror: hardened
	PeerHardened txlog.LSN // principal: mirror's acknowledged hardened LSN
	Received     txlog.LSN // mirror: log accepted from the principal, hardened or not
	FailoverLSN  txlog.LSN
	Released     txlog.LSN // principal: commits released up to here
	Off          bool
}

// Status reports the machine's current view.
func (m *Machine) Status() Status {
	return Status{
		Role: m.hs.Role, State: m.state(), RoleSeq: m.hs.RoleSeq, Safety: m.hs.Safety,
		Suspended: m.hs.Suspended, Serving: m.serving, Timeout: m.hs.Timeout,
		Witness: m.hs.Witness, SeesPartner: m.alive(&m.p), SeesWitness: m.witnessSet() && m.alive(&m.w),
		EndOfLog: m.endOfLog, PeerHardened: m.peerHardened, Received: m.received, FailoverLSN: m.failoverLSN,
		Released: m.released, Off: m.off,
	}
}

// AccessError returns the error a client gets when it uses the database now: nil
// while serving, 954 on the mirror, 955 on a principal without quorum, 952 during a
// manual failover (§5.1).
func (m *Machine) AccessError() error {
	if m.serving {
		return nil
	}
	switch {
	case m.off:
		return ErrRestoring(m.db) // a former mirror stays RESTORING (§1.11)
	case m.hs.Role == RolePrincipal && m.pendingFailover:
		return ErrInTransition(m.db)
	case m.hs.Role == RolePrincipal:
		return ErrNoQuorum(m.db)
	}
	return ErrActingAsMirror(m.db)
}

func (m *Machine) witnessSet() bool { return m.hs.Witness != "" }

// EffectiveTimeout is the TIMEOUT a partner applies to its pings under safety
// s with TIMEOUT t configured: t in high safety, always DefaultTimeout (10 s)
// in high performance (§1.4, "Possible Failures During Database Mirroring":
// "In high-performance mode sessions, the time-out period is always 10
// seconds"). SET PARTNER TIMEOUT under SAFETY OFF is accepted and kept, as
// SQL Server's has no error for it; it applies once SAFETY is FULL again.
// Safety 0 (a witness's message) is taken as t.
func EffectiveTimeout(s Safety, t int) int {
	if s == SafetyOff {
		return DefaultTimeout
	}
	return t
}

// timeout is the TIMEOUT this partner applies now (EffectiveTimeout).
func (m *Machine) timeout() int { return EffectiveTimeout(m.hs.Safety, m.hs.Timeout) }

// alive: the peer's last ping is at most TIMEOUT ticks old (loss is declared only
// after more than TIMEOUT ticks, §1.4).
func (m *Machine) alive(l *link) bool {
	return l.heard && m.clock-l.lastHeard <= m.ticks(m.timeout())
}

// ticks converts a TIMEOUT value into ticks of this machine's clock.
func (m *Machine) ticks(timeout int) uint64 {
	return uint64(timeout) * uint64(max(m.tpu, 1))
}

// confirmed: the peer echoed one of our clocks less than TIMEOUT ticks ago — the
// quorum test of a principal, deliberately stricter than alive. TIMEOUT here is the
// smaller of ours and the peer's: while a raised TIMEOUT propagates, the peer may
// still declare us lost after its old, shorter one.
func (m *Machine) confirmed(l *link) bool {
	t := m.timeout()
	if l.timeout > 0 && l.timeout < t {
		t = l.timeout
	}
	return l.heard && l.hasConfirmed && m.clock-l.confirmed < m.ticks(t)
}

// unsync ends SYNCHRONIZED (and catching up) for the session.
func (m *Machine) unsync() {
	m.synced = false
	m.holding = false
}

func (m *Machine) send(msg Message) {
	msg.From = m.self
	if msg.Type == MsgPing && msg.To == m.hs.Witness && msg.Role == RolePrincipal &&
		msg.State == StateSynchronized && msg.Safety == SafetyFull {
		m.lastFailoverable = m.clock
	}
	m.rd.Messages = append(m.rd.Messages, msg)
}

func (m *Machine) persist() { m.dirty = true }

func (m *Machine) done(cmd Command, err error) {
	m.rd.Done = append(m.rd.Done, CommandResult{Cmd: cmd, Err: err})
}

// state derives the mirroring state (§1.7).
func (m *Machine) state() State {
	switch {
	case m.off:
		return StateDisconnected
	case m.hs.Suspended:
		return StateSuspended
	case m.pendingFailover:
		return StatePendingFailover
	case !m.alive(&m.p):
		return StateDisconnected
	case !m.session:
		// The partner is there and the session is being (re)started: after a
		// reconnection, a RESUME, or a restart of the session that crossed
		// another (both partners dialed at once, mirroring/peers.go). §1.7:
		// "at the start of a database mirroring session, the database is in
		// the SYNCHRONIZING state"; DISCONNECTED is for a partner that is not
		// there. Reported as DISCONNECTED, each restart was a loss in the
		// error log (1442, then 1440/1441) and in the views, on both sides.
		return StateSynchronizing
	case m.hs.Role == RolePrincipal:
		if m.synced {
			return StateSynchronized
		}
		return StateSynchronizing
	default:
		if m.peerState == StatePendingFailover {
			return StateSynchronized
		}
		return m.peerState
	}
}

// computeServing: a principal serves while it has quorum (or no witness is set),
// except during a manual failover (§1.3 rule 1, §1.9.1).
func (m *Machine) computeServing() bool {
	if m.off {
		return m.plainServing
	}
	if m.hs.Role != RolePrincipal || m.pendingFailover {
		return false
	}
	if !m.witnessSet() {
		return true
	}
	return m.confirmed(&m.p) || m.confirmed(&m.w)
}

// quorumLost: a principal with a witness set that has a confirmation from neither
// partner nor witness — what computeServing refuses service for (955).
func (m *Machine) quorumLost() bool {
	return m.hs.Role == RolePrincipal && !m.off && m.witnessSet() && !m.confirmed(&m.p) && !m.confirmed(&m.w)
}

// failoverable reports whether the principal's current state would let the witness
// grant an automatic failover.
func (m *Machine) failoverable() bool {
	return m.hs.Role == RolePrincipal && m.hs.Safety == SafetyFull && m.state() == StateSynchronized
}

// recompute updates liveness transitions, serving and the commit release point.
func (m *Machine) recompute() {
	pa := m.alive(&m.p)
	if m.pWas && !pa {
		m.partnerLost()
	}
	m.pWas = pa

	if m.hs.Role == RolePrincipal && !m.off && m.state() != m.pinged {
		m.ping()
	}
	s := m.computeServing()
	if s != m.serving {
		m.serving = s
		m.rd.ServingChanged = true
	}
	if m.hs.Role != RolePrincipal || !m.serving {
		return
	}
	if m.holding && m.hs.Safety == SafetyFull && m.peerHardened >= m.released && !m.synced {
		m.synced = true // every acknowledged commit is on the mirror: SYNCHRONIZED
	}
	rel := m.endOfLog
	if m.hs.Safety == SafetyFull && (m.state() == StateSynchronized || (m.holding && m.state() == StateSynchronizing)) {
		rel = min(m.peerHardened, m.endOfLog)
	} else if m.witnessSet() && m.peerHardened < m.endOfLog &&
		!(m.w.hasConfirmed && m.w.confirmed > m.lastFailoverable) {
		// Exposed, but the witness may still believe the session can fail over.
		rel = max(m.peerHardened, m.released)
	}
	if rel > m.released {
		m.released = rel
		m.rd.ReleaseCommits = rel
	}
}

// partnerLost handles the loss of the partner (time-out or hard error).
func (m *Machine) partnerLost() {
	wasState := m.peerState
	m.session = false
	m.unsync()
	m.forcing = m.forcing && m.hs.Role == RoleMirror
	if m.hs.Role == RolePrincipal && m.pendingFailover {
		m.abortFailover()
	}
	if m.hs.Role == RoleMirror {
		m.failoverReqEnd, m.failoverReqSeq = 0, 0
		// §1.9.2: automatic failover only if the failure happened while all three
		// were connected and the session was SYNCHRONIZED with SAFETY FULL. Whether
		// the witness was connected is the witness's to judge (it grants only if it
		// saw this mirror when it lost the principal, witness.Machine.vote): our own
		// view of the witness may simply be young — a mirror restarted a moment ago
		// has not yet received the witness's first ping — and a loss is evaluated
		// only once, so requiring it here would forbid the failover for good. Tick
		// asks only while the witness is alive.
		m.lostEligible = m.hs.Safety == SafetyFull && m.witnessSet() && !m.hs.Suspended &&
			(wasState == StateSynchronized || wasState == StatePendingFailover) &&
			m.hs.LogSeq == m.hs.RoleSeq
	}
}
