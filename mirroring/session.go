package mirroring

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// roleChangeTimeout bounds BecomePrincipal / BecomeMirror.
const roleChangeTimeout = 30 * time.Second

// session is one mirrored database on this instance: its partner machine and the
// I/O around it. All fields are guarded by Manager.mu, except waits (own lock).
type session struct {
	mgr         *Manager
	name        string
	db          Database
	guid        uuid.UUID
	partnerAddr string // TCP://… of the other partner
	partnerName string // @@SERVERNAME of the other partner
	m           *partner.Machine
	waits       *commitWaits
	pending     map[partner.Command][]chan error
	// doneLater: results of applied commands whose status could not be
	// published yet (Readys queued behind the gate); answered by snapLocked
	// (apply.go finish).
	doneLater []partner.CommandResult

	// Sender (principal): reader continues after readerPos.
	reader    *txlog.Reader
	readerPos txlog.LSN
	// Ship hook (shipstaged.go): staged is the batch shipBatch offers while
	// it runs (inShipHook), stagedEnd the end offset of the last batch it
	// took (its flush may still be writing it); stagedSends counts the
	// MsgLogs sent from a batch's own bytes (tests).
	staged      []txlog.BatchBlock
	inShipHook  bool
	stagedEnd   uint64
	stagedSends atomic.Uint64
	// stagedTo is stagedEnd for the written hook, which reads it without
	// Manager.mu: a batch that ends there was shipped before its write.
	stagedTo atomic.Uint64

	h         hardener
	gate      persistGate // effects waiting for a state save (persistgate.go)
	stopWatch context.CancelFunc
	// shipKick wakes watchLog when shipWritten could not ship (ship.go);
	// deferred is a Ready the hook took from the machine but may not apply.
	shipKick chan struct{}
	deferred *partner.Ready
	fresh    bool // mirror created by set-up that has not heard from the principal since
	removed  bool
	// heldAccess: the access of the role just taken (the mirror's 954, a
	// new principal's serving) waits for the row that shows the role
	// (apply.go setAccessLocked).
	heldAccess bool

	// renameLogged is the other name under which the partner was last found
	// and logged (rename.go), so a dial loop does not repeat it.
	renameLogged string

	// witness is the witness address last persisted; when it changes, the old
	// witness is told to forget the session (PartnerOff).
	witness string

	// unapplied is the lowest commit LSN whose mirror wait failed since the
	// database last became principal (0: none); see AppliedMarker.
	unapplied atomic.Uint64

	// Flush pacing (pace.go), read by the log's flush gate without
	// Manager.mu: shipped is the last LSN sent to the mirror in a LogBlocks
	// frame, paced whether the gate applies (updatePace).
	shipped atomic.Uint64
	paced   atomic.Bool
	// Lazy shipping (lazyship.go): offShip is set for a SAFETY OFF
	// principal (updatePace), read by the flush hooks; they signal lazyCh.
	// lastShip is when the watcher last shipped, by shipNow
	// (time.Now; a test stops the clock). framesSent counts LogBlocks sent.
	offShip     atomic.Bool
	lazyCh      chan struct{}
	lazyTimer   *time.Timer // kicks lazyCh; armed once per ship (lazyArmed)
	lazyArmed   atomic.Bool
	lastShip    atomic.Int64  // shipClock's UnixNano
	lastShipEnd atomic.Uint64 // the written end the watcher last shipped to
	shipNow     func() time.Time
	framesSent  atomic.Uint64
	lazyBuf     lazyBatches   // what a SAFETY OFF flush wrote and did not ship (lazybuf.go)
	lazySends   atomic.Uint64 // MsgLogs sent from lazyBuf (tests)
	// The flush gate's gathering back-off (pace.go): only the goroutine
	// leading the log's flush touches them.
	gatherSkip, gatherMisses int

	// Rates (KB/s) measured over the last tick.
	lastRateAt          time.Time
	lastSentOff, lastRd uint64
	sendRate, redoRate  uint64

	// SAFETY FULL commit waits: how many commits waited and for how long in
	// total (mirrorWait, without the manager's lock), and over the last tick
	// commits per second and the average wait in ms (Status).
	waitedTxns, waitedNanos atomic.Uint64
	lastTxns, lastNanos     uint64
	txnRate, avgDelayMS     uint64
}

// AppliedMarker is implemented by databases that can move their redo position
// past the log a principal has already applied to its store (engine's
// Database.MarkApplied). The manager calls it when a principal becomes mirror,
// before BecomeMirror starts redo, passing the lowest commit that was logged but
// failed in the mirror wait (never applied): redo restarts there rather than
// replaying everything committed while the database was principal.
type AppliedMarker interface {
	MarkApplied(ctx context.Context, unapplied func() txlog.LSN) error
}

// mirrorWait is the commit wait installed on a principal database: the SAFETY
// FULL wait, which also remembers the lowest commit it failed (see
// AppliedMarker), as such a commit is in the log but not in the store.
func (s *session) mirrorWait(ctx context.Context, lsn txlog.LSN) error {
	start := time.Now()
	err := s.waits.wait(ctx, lsn)
	s.waitedNanos.Add(uint64(time.Since(start)))
	s.waitedTxns.Add(1)
	if err != nil {
		for {
			cur := s.unapplied.Load()
			if (cur != 0 && cur <= uint64(lsn)) || s.unapplied.CompareAndSwap(cur, uint64(lsn)) {
				break
			}
		}
	}
	return err
}

// delayNanos is the total time commits waited for the mirror beyond their
// local durability: in mirrorWait, and parked in the log (parker.go) after
// their block was durable.
func (s *session) delayNanos() uint64 {
	return s.waitedNanos.Load() + s.waits.parkedNanos.Load()
}

// machineConfig is the partner machine's Config for s with hard state hs: the
// log's positions as log ends (txlog.Log.FlushedEnd), the form in which the
// partners compare them. s.name, s.partnerName and s.db must be set.
func (m *Manager) machineConfig(s *session, hs partner.HardState) partner.Config {
	l := s.db.Log()
	return partner.Config{Database: s.name, Self: m.self, Partner: s.partnerName, State: hs,
		EndOfLog: l.FlushedEnd(), LogStart: txlog.MakeLSN(l.RetainedFrom(), 0), Redone: s.db.RedoneLSN(),
		TicksPerTimeoutUnit: m.ticksPerUnit()}
}

// newSession creates the machine for rec and starts the log watcher. Caller holds
// mu and applies the first Ready.
func (m *Manager) newSession(db Database, rec *sessionRecord) *session {
	l := db.Log()
	s := &session{
		mgr: m, name: db.Name(), db: db, guid: rec.GUID, partnerAddr: rec.PartnerAddr,
		partnerName: rec.PartnerName, pending: map[partner.Command][]chan error{},
	}
	s.m = partner.New(m.machineConfig(s, rec.Hard))
	s.h.wake = make(chan struct{}, 1)
	s.shipKick = make(chan struct{}, 1)
	s.lazyCh = make(chan struct{}, 1)
	s.lazyTimer = time.AfterFunc(time.Hour, s.lazyKick)
	s.lazyTimer.Stop()
	s.witness = rec.Hard.Witness
	s.waits = newCommitWaits(s.m.Status().Released)
	m.sessions[s.name] = s
	m.byGUID[s.guid] = s
	m.st.Sessions[s.name] = rec
	if s.m.HardState().Role == partner.RolePrincipal {
		db.SetMirrorWait(s.mirrorWait)
	}
	ctx, cancel := context.WithCancel(m.ctx)
	s.stopWatch = func() {
		cancel()
		s.lazyTimer.Stop()
		l.SetShipHook(nil)
		l.SetWrittenHook(nil)
		l.SetFlushGate(nil)
		l.SetCommitParker(nil)
	}
	l.SetWrittenHook(s.shipWritten)
	l.SetShipHook(s.shipBatch)
	l.SetFlushGate(func() { s.flushGate(l) })
	l.SetCommitParker(s.waits) // parker.go
	m.wg.Add(2)
	go s.watchLog(ctx)
	go s.hardenLoop(ctx)
	return s
}

// resumeSession restarts a persisted session after NewManager (§1.3 rule 8) and
// brings the database into the state its persisted role needs.
func (m *Manager) resumeSession(db Database, rec *sessionRecord) {
	s := m.newSession(db, rec)
	ctx, cancel := context.WithTimeout(m.ctx, roleChangeTimeout)
	defer cancel()
	switch role := s.m.HardState().Role; {
	case role == partner.RoleMirror:
		// Also when already RESTORING: BecomeMirror starts the engine's redo.
		if err := db.BecomeMirror(ctx); err != nil {
			m.log.Error("resume as mirror", "database", s.name, "err", err)
		}
	case role == partner.RolePrincipal && db.Restoring():
		if err := db.BecomePrincipal(ctx); err != nil {
			m.log.Error("resume as principal", "database", s.name, "err", err)
		}
	}
	m.applyLocked(s, nil)
}

// watchLog feeds the principal machine the written end of the log when the
// log's written hook could not (ship.go: Manager.mu was busy, or the Ready had
// more than messages in it), so that log ships while the local fdatasync runs
// (sender.go shipPos). It runs once at start for the log written before the
// session; tick feeds the machine too, a safety net against a missed kick.
func (s *session) watchLog(ctx context.Context) {
	defer s.mgr.wg.Done()
	l := s.db.Log()
	lazy := false // woken by lazyCh: ship only when due (lazyship.go)
	for {
		s.mgr.mu.Lock()
		if s.removed || s.mgr.closed {
			s.mgr.mu.Unlock()
			return
		}
		switch {
		case s.gate.closed():
			// Nothing to ship before the gate opens (openGate kicks us), and
			// the log may be being cut (see tick).
		case lazy && s.watchLazy():
			// SAFETY OFF: released, not shipped yet.
		case s.m.HardState().Role == partner.RolePrincipal:
			s.shippedNow()
			s.m.LogFlushed(shipPos(l))
			s.mgr.applyLocked(s, nil)
		case s.deferred != nil:
			s.mgr.applyLocked(s, nil)
		}
		s.mgr.mu.Unlock()
		select {
		case <-s.shipKick:
			mark(stWatcherWoke)
			lazy = false
		case <-s.lazyCh:
			lazy = true
		case <-ctx.Done():
			return
		}
	}
}

func (s *session) stop() {
	s.stopWatch()
	s.db.SetMirrorWait(nil)
	s.waits.fail(partner.ErrInTransition(s.name))
}

func (s *session) tick() {
	st := s.m.Status()
	// While the persist gate is closed the machine is not told log positions:
	// effects queued behind the gate may be about to cut the log or change
	// the database's role (apply.go), and a position read before them could
	// name log that will not exist. It hears them once the gate opens.
	open := !s.gate.closed()
	if st.Role == partner.RoleMirror && open {
		s.m.Redone(s.db.RedoneLSN())
	}
	switch {
	case st.Role == partner.RolePrincipal && s.offShip.Load():
		s.lazyKick() // SAFETY OFF: the watcher ships when due (lazyship.go)
	case st.Role == partner.RolePrincipal && s.deferred == nil && open:
		// Safety net for the written hook (ship.go): log it did not report
		// ships within a tick. Not with a deferred Ready pending: the machine's
		// next Ready must come after it (applyLocked applies it first).
		s.m.LogFlushed(shipPos(s.db.Log()))
	}
	now := time.Now()
	sent, rd := st.PeerHardened.BlockOffset(), s.db.RedoneLSN().BlockOffset()
	if !s.lastRateAt.IsZero() {
		if secs := now.Sub(s.lastRateAt).Seconds(); secs > 0 {
			s.sendRate = uint64(float64(sub(sent, s.lastSentOff)) / 1024 / secs)
			s.redoRate = uint64(float64(sub(rd, s.lastRd)) / 1024 / secs)
			txns, nanos := s.waitedTxns.Load(), s.delayNanos()
			s.txnRate = uint64(float64(sub(txns, s.lastTxns)) / secs)
			s.avgDelayMS = 0
			if n := sub(txns, s.lastTxns); n > 0 {
				s.avgDelayMS = sub(nanos, s.lastNanos) / n / 1e6
			}
			s.lastTxns, s.lastNanos = txns, nanos
		}
	}
	s.lastRateAt, s.lastSentOff, s.lastRd = now, sent, rd
	s.m.Tick()
}

func sub(a, b uint64) uint64 {
	if a > b {
		return a - b
	}
	return 0
}

func (s *session) witnessAddr() string { return s.m.HardState().Witness }

// connUp / connDown translate a connection to an instance into the machine's
// peers: the partner by instance name, the witness by its configured address.
func (s *session) connUp(name string) {
	if name == s.partnerName {
		s.m.ConnUp(name)
	}
	if w := s.witnessAddr(); w != "" && s.mgr.addrPeer[normAddr(w)] == name {
		s.m.ConnUp(w)
	}
}

// connReset: the connection to name was replaced while up (peers.go register);
// see partner.Machine.ConnReset.
func (s *session) connReset(name string) {
	if name == s.partnerName {
		s.hardenNow()
		s.m.ConnReset(name)
	}
	if w := s.witnessAddr(); w != "" && s.mgr.addrPeer[normAddr(w)] == name {
		s.m.ConnReset(w)
	}
}

func (s *session) connDown(name string) {
	if name == s.partnerName {
		s.hardenNow()
		s.m.ConnDown(name)
	}
	if w := s.witnessAddr(); w != "" && s.mgr.addrPeer[normAddr(w)] == name {
		s.m.ConnDown(w)
	}
}

// applyLocked drains the machine's Ready until it has nothing more to do. raw is
// the LogBlocks payload of the message just stepped (for Ready.AppendLog).
func (m *Manager) applyLocked(s *session, raw []byte) {
	if rd := s.deferred; rd != nil {
		// Taken from the machine by the written hook, which could not apply it
		// (ship.go): it comes before anything newer.
		s.deferred = nil
		m.applyReady(s, *rd, nil)
	}
	for i := 0; i < 8 && !s.removed; i++ {
		held := m.holdForOlderMirrorLocked(s) // upgrade.go
		if i > 0 && !held && !s.m.HasReady() {
			break
		}
		m.applyReady(s, s.m.Ready(), raw)
		raw = nil
	}
	s.updatePace()
	if s.removed {
		m.dropSession(s)
		return
	}
	m.snapLocked(s)
}

// snapLocked publishes s's status for readers that do not take Manager.mu. Not
// while the persist gate is closed: the status would show state (role, safety,
// suspension) that is not durable yet.
func (m *Manager) snapLocked(s *session) {
	if s.gate.closed() {
		return
	}
	st := s.status()
	m.snapMu.Lock()
	prev, had := m.snaps[s.name]
	m.snaps[s.name] = st
	// Within the publication: whoever reads the row that shows the new role
	// gets its access from a USE after it (apply.go setAccessLocked).
	m.releaseAccessLocked(s, st)
	m.snapMu.Unlock()
	if had {
		m.logActivity(prev, st)
	}
	if len(s.doneLater) > 0 && len(s.gate.queue) == 0 {
		s.answerLater()
	}
}

// logActivity writes SQL Server's error-log messages for a session that
// reconnects or loses its partner, which DBAs read after a restart or an
// outage: 1440/1441 ("active … as the principal/mirror copy") when it
// leaves DISCONNECTED, 1442 ("inactive") when it becomes DISCONNECTED.
// Setting up and role changes log 1440/1441 themselves (setup.go, apply.go).
func (m *Manager) logActivity(prev, st Status) {
	disconnected := uint8(partner.StateDisconnected)
	switch {
	case prev.State == disconnected && st.State != disconnected:
		number, role := 1440, "principal"
		if st.Role == 2 {
			number, role = 1441, "mirror"
		}
		m.log.Info(msgActive(st.Database, role), "error", number, "database", st.Database)
	case prev.State != disconnected && st.State == disconnected:
		m.log.Info(msgInactive(st.Database), "error", 1442, "database", st.Database)
	}
}

// restartMachine rebuilds the machine from its hard state and the log as it is on
// disk, after received log could not be hardened (a gap or divergence): the new
// machine asks the principal to resume the session from the real hardened end.
func (m *Manager) restartMachine(s *session) {
	old := s.m
	s.m = partner.New(m.machineConfig(s, old.HardState()))
	s.m.KeepLinks(old)
	s.reader = nil
	// Received log the old machine accepted behind a closed persist gate is
	// dropped with the hardener's queue: the new machine asks for it again.
	// The queued Readys' other effects stay: the new machine starts from the
	// hard state they follow from.
	for i := range s.gate.queue {
		s.gate.queue[i].raw = nil
	}
}

// persistFailed undoes a state change the disk refused. The machine has moved
// on to a hard state that is not durable: acting on it, or announcing it in its
// next ping, could tell the partner or the witness a role sequence, safety or
// suspension that a crash would forget (persist before announcing). So the
// record goes back to the last one saved, the machine is rebuilt from it
// (keeping its peers' liveness), and the commands answered in this Ready fail
// with the error. The machine takes the step again when its cause recurs: a
// ping, a vote, a retried command.
func (m *Manager) persistFailed(s *session, prev *sessionRecord, done []partner.CommandResult, err error) {
	if prev == nil {
		delete(m.st.Sessions, s.name)
	} else {
		m.st.Sessions[s.name] = prev
		old := s.m
		// Commits waiting for the mirror stay waiting: the rebuilt machine
		// starts from the release point they wait on, not from the end of the
		// log (the Readys that would have released them are dropped).
		released := s.waits.releasedLSN()
		cfg := m.machineConfig(s, prev.Hard)
		cfg.Released = released
		s.m = partner.New(cfg)
		s.m.KeepLinks(old)
		s.reader = nil
		if prev.Hard.Role == partner.RolePrincipal {
			// A BecomeMirror whose save failed had shut the waits (prepare):
			// the rebuilt principal's commits wait for the mirror again.
			s.waits.reset(released)
		}
	}
	s.answerLater() // applied before the failed save: their own results
	for _, d := range done {
		if q := s.pending[d.Cmd]; len(q) > 0 {
			q[0] <- err
			s.pending[d.Cmd] = q[1:]
		}
	}
	// The commands the old machine accepted and had not answered yet (a
	// FAILOVER waiting for the mirror) fail too: the rebuilt machine knows
	// nothing of them and would never answer.
	for cmd, q := range s.pending {
		for _, ch := range q {
			ch <- err
		}
		delete(s.pending, cmd)
	}
}

// dropSession forgets a session whose mirroring was removed (SET PARTNER OFF). A
// mirror set up moments ago that never received log is armed again, so that a
// failed SET PARTNER on the principal can simply be retried.
func (m *Manager) dropSession(s *session) {
	s.stopWatch()
	s.answerLater()
	for _, q := range s.pending {
		for _, ch := range q {
			ch <- nil
		}
	}
	if s.witness != "" {
		m.releaseWitness(s)
	}
	delete(m.sessions, s.name)
	delete(m.byGUID, s.guid)
	delete(m.st.Sessions, s.name)
	if s.fresh {
		m.st.Armed[s.name] = s.partnerAddr
	}
	m.requestSaveLocked() // nothing waits for it: a failure is logged, the next save retries
	m.updateDialersLocked()
	m.unsnapLocked(s)
}

// unsnapLocked removes s's sys.database_mirroring row. Caller holds
// Manager.mu.
func (m *Manager) unsnapLocked(s *session) {
	m.snapMu.Lock()
	delete(m.snaps, s.name)
	m.snapMu.Unlock()
}

// releaseWitness tells the session's former witness to forget it (SET WITNESS OFF,
// SET PARTNER OFF): a PartnerOff sent to the witness removes its row of
// sys.database_mirroring_witnesses.
func (m *Manager) releaseWitness(s *session) {
	if c := m.connFor(s.witness); c != nil {
		_ = c.Send(&proto.PartnerOff{MirroringID: s.guid})
	}
}
