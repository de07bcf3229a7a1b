package mirroring

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// SetPartner is ALTER DATABASE db SET PARTNER = 'TCP://host:port' (§2.3).
//
// On a RESTORING database (the future mirror, issued first) it only arms the
// database: the mirror contacts nobody and waits for the principal. On an ONLINE
// database (the principal, issued second) it connects to the mirror, proposes a
// new session (SessionStart with a new mirroring GUID at role sequence 1, SAFETY
// FULL, TIMEOUT 10) and checks the answer: the mirror must have the database
// (1448), armed (1416), RESTORING (1419) and FULL (1465), and its log must
// continue the principal's retained log (1478 when it ends before it, 1412 when
// beyond it). Other errors: 1449 malformed
// address, 1405 already mirrored, 1418 unreachable, 1452 the address is this
// instance.
func (m *Manager) SetPartner(ctx context.Context, dbName, address string) error {
	if _, err := endpoint.ParseAddress(address); err != nil {
		return errInvalidAddress()
	}
	db, ok := m.host.Database(dbName)
	if !ok {
		return errNotConfigured(dbName)
	}
	if !strings.EqualFold(db.RecoveryModel(), "FULL") {
		return errNotFull(dbName)
	}
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return errors.New("mirroring: manager closed")
	}
	if m.sessions[dbName] != nil {
		m.mu.Unlock()
		return errAlreadyMirrored(dbName)
	}
	if db.Restoring() {
		m.st.Armed[dbName] = address
		seq := m.requestSaveLocked()
		m.mu.Unlock()
		return m.waitSaved(ctx, seq) // the DBA's reply says the mirror is armed
	}
	listening := m.listener != nil
	m.mu.Unlock()
	if !listening {
		return errUnreachable(address) // this instance's endpoint is not STARTED (§2.1)
	}

	c, err := m.connect(ctx, address)
	if err != nil {
		return err
	}
	peer := c.Peer()
	if peer.Role == proto.EndpointWitness {
		return errUnreachable(address)
	}
	l := db.Log()
	pos := l.FlushedEnd()
	guid := uuid.New()
	reply := make(chan proto.Message, 1)
	m.mu.Lock()
	m.setups[guid] = reply
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		delete(m.setups, guid)
		m.mu.Unlock()
	}()
	start := &proto.SessionStart{Database: dbName, MirroringID: guid, RoleSeq: 1, Role: proto.RolePrincipal,
		EndOfLog: pos, Hardened: pos, Safety: proto.SafetyFull, TimeoutSec: partner.DefaultTimeout}
	if err := c.Send(start); err != nil {
		return errUnreachable(address)
	}
	var ans proto.Message
	timer := time.NewTimer(2 * m.cfg.DialTimeout)
	defer timer.Stop()
	resend := time.NewTicker(setupResendInterval)
	defer resend.Stop()
	for ans == nil {
		select {
		case ans = <-reply:
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			return errUnreachable(address)
		case <-resend.C:
			// When both instances dial, the connection dialed by the one whose
			// name sorts first replaces ours; a SessionAccept sent on the closed
			// connection is lost. Repeat the SessionStart on the connection that
			// won (the mirror answers a repeat of a session it accepted, too).
			m.mu.Lock()
			cur := m.peers[peer.Name]
			m.mu.Unlock()
			if cur != nil && cur != c {
				c = cur
				_ = c.Send(start)
			}
		}
	}
	acc, ok := ans.(*proto.SessionAccept)
	if !ok {
		return ans.(*proto.SessionReject).Err()
	}
	if err := checkMirrorLog(dbName, l, acc.Hardened); err != nil {
		_ = c.Send(&proto.PartnerOff{MirroringID: guid})
		return err
	}
	m.mu.Lock()
	if m.closed || m.sessions[dbName] != nil {
		m.mu.Unlock()
		_ = c.Send(&proto.PartnerOff{MirroringID: guid})
		return errAlreadyMirrored(dbName)
	}
	s := m.newSession(db, &sessionRecord{GUID: guid, PartnerAddr: address, PartnerName: peer.Name,
		Hard: partner.HardState{Role: partner.RolePrincipal, RoleSeq: 1}})
	_, msg, _ := fromProto(peer.Name, acc)
	s.m.Step(msg)
	m.applyLocked(s, nil)
	m.updateDialersLocked()
	seq := s.gate.seq
	m.mu.Unlock()
	if seq != 0 {
		// The session's start waits for its state save (persistgate.go); the
		// DBA's reply comes after it.
		if err := m.waitSaved(ctx, seq); err != nil {
			return err
		}
	}
	m.log.Info(msgActive(dbName, "principal"), "error", 1440, "database", dbName)
	return nil
}

// setupResendInterval is how often SET PARTNER on the principal checks whether its
// connection to the mirror was replaced while it waits for the SessionAccept.
const setupResendInterval = 100 * time.Millisecond

// checkMirrorLog checks that the principal can send the log after the mirror's
// hardened position h: it must lie in the principal's retained log (1478 before it)
// and not beyond its durable end (1412).
func checkMirrorLog(db string, l *txlog.Log, h txlog.LSN) error {
	off := h.BlockOffset()
	switch {
	case off < l.RetainedFrom():
		return errInsufficientLog(db)
	case off > l.DurableEnd(), h.Slot() > 0 && off >= l.DurableEnd():
		return errNotBeyond(db)
	}
	if _, err := l.NewReader(h); err != nil {
		if errors.Is(err, txlog.ErrTruncated) {
			return errInsufficientLog(db)
		}
		return errNotBeyond(db)
	}
	return nil
}

// connect returns the live connection to the instance at address, dialing it if
// needed. 1418 when it cannot be reached, 1452 when it is this instance; a
// HelloReject's error is returned as is.
func (m *Manager) connect(ctx context.Context, address string) (*endpoint.Conn, error) {
	m.mu.Lock()
	if c := m.connFor(address); c != nil {
		m.mu.Unlock()
		return c, nil
	}
	id, sec := m.identity(), m.sec
	m.mu.Unlock()
	dctx, cancel := context.WithTimeout(ctx, m.cfg.DialTimeout)
	defer cancel()
	c, err := endpoint.Dial(dctx, address, id, sec)
	if err != nil {
		if m.logHandshakeFailure(address, err) {
			return nil, errUnreachable(address)
		}
		var re *proto.RemoteError
		if errors.As(err, &re) {
			return nil, re
		}
		return nil, errUnreachable(address)
	}
	if c.Peer().Name == m.self {
		_ = c.Close()
		return nil, errPartnerIsSelf()
	}
	r := m.register(c, address)
	switch r {
	case current:
		m.goRead(c, r)
		return c, nil
	case standby:
		m.goRead(c, r)
	default:
		_ = c.Close()
	}
	// The other side's connection won.
	m.mu.Lock()
	existing := m.connFor(address)
	m.mu.Unlock()
	if existing == nil {
		return nil, errUnreachable(address)
	}
	return existing, nil
}

// setupMirror is the mirror's side of SET PARTNER on the principal: a SessionStart
// for a session this instance does not know. Caller holds mu. The engine's
// BecomeMirror (its redo starts, the database's catalog entry is written) runs
// without the lock on its own goroutine, which then creates the session; a
// repeat of the SessionStart meanwhile is dropped (settingUp), the first one
// answers it.
func (m *Manager) setupMirror(c *endpoint.Conn, v *proto.SessionStart) {
	reject := func(e *partner.Error) {
		_ = c.Send(&proto.SessionReject{MirroringID: v.MirroringID, ErrorBody: proto.ErrorBody{
			Number: e.Number, Severity: e.Severity, State: e.State, Message: e.Message}})
	}
	if v.Role != proto.RolePrincipal || m.settingUp[v.Database] {
		return // a stale session of a removed mirroring, or a repeat
	}
	db, ok := m.host.Database(v.Database)
	switch {
	case !ok:
		reject(errRemoteMissing(v.Database))
		return
	case m.sessions[v.Database] != nil:
		reject(errRemoteAlreadyMirrored(v.Database))
		return
	}
	_, armed := m.st.Armed[v.Database]
	switch {
	case !db.Restoring():
		reject(errRemoteCannotOpen(v.Database))
		return
	case !armed:
		reject(errNotConfigured(v.Database))
		return
	case !strings.EqualFold(db.RecoveryModel(), "FULL"):
		reject(errNotFull(v.Database))
		return
	}
	m.settingUp[v.Database] = true
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		ctx, cancel := context.WithTimeout(m.ctx, roleChangeTimeout)
		err := db.BecomeMirror(ctx) // start the engine's redo of what arrives
		cancel()
		m.mu.Lock()
		defer m.mu.Unlock()
		delete(m.settingUp, v.Database)
		if err != nil {
			reject(errRemoteCannotOpen(v.Database))
			return
		}
		m.startMirror(c, v, db)
	}()
}

// startMirror creates the mirror's session once its database is a mirror
// (setupMirror), unless the manager closed or the database was disarmed or
// mirrored meanwhile. Caller holds mu.
func (m *Manager) startMirror(c *endpoint.Conn, v *proto.SessionStart, db Database) {
	addr, armed := m.st.Armed[v.Database]
	if m.closed || !armed || m.sessions[v.Database] != nil || m.byGUID[v.MirroringID] != nil {
		return
	}
	from := c.Peer().Name
	delete(m.st.Armed, v.Database)
	s := m.newSession(db, &sessionRecord{GUID: v.MirroringID, PartnerAddr: addr, PartnerName: from,
		Hard: partner.HardState{Role: partner.RoleMirror, RoleSeq: v.RoleSeq}})
	s.fresh = true
	_, msg, _ := fromProto(from, v)
	s.m.Step(msg)
	m.applyLocked(s, nil)
	m.updateDialersLocked()
	m.log.Info(msgActive(v.Database, "mirror"), "error", 1441, "database", v.Database)
}

// SetWitness is ALTER DATABASE db SET WITNESS = 'TCP://host:port', or SET WITNESS
// OFF with address "" (principal only, §1.12, §2.1). The witness must be reachable
// (1418), a different instance from both partners (1429) and have an endpoint with
// ROLE WITNESS or ALL (1427); the partner machine adds 1426 (partners not
// connected and SYNCHRONIZED) and 1439 (OFF without a witness).
func (m *Manager) SetWitness(ctx context.Context, dbName, address string) error {
	if address == "" {
		return m.command(ctx, dbName, partner.CmdWitness, func(pm *partner.Machine) error { return pm.SetWitness("") })
	}
	if _, err := endpoint.ParseAddress(address); err != nil {
		return errInvalidAddress()
	}
	m.mu.Lock()
	s := m.sessions[dbName]
	var partnerName string
	if s != nil {
		partnerName = s.partnerName
	}
	m.mu.Unlock()
	if s == nil {
		return errNotConfigured(dbName)
	}
	c, err := m.connect(ctx, address)
	if err != nil {
		var pe *partner.Error
		if errors.As(err, &pe) && pe.Number == 1452 {
			return partner.ErrWitnessDistinct()
		}
		return err
	}
	peer := c.Peer()
	if peer.Name == partnerName {
		return partner.ErrWitnessDistinct()
	}
	if peer.Role != proto.EndpointWitness && peer.Role != proto.EndpointAll {
		return errWitnessCannotAct(peer.Name)
	}
	if err := m.waitCaughtUp(ctx, dbName); err != nil {
		return err // the client gave up (Attention): nothing is issued
	}
	return m.command(ctx, dbName, partner.CmdWitness, func(pm *partner.Machine) error { return pm.SetWitness(address) })
}

// waitCaughtUp waits, for at most twice DialTimeout, while the session of db
// is neither suspended nor yet SYNCHRONIZED: starting (after SET PARTNER),
// reconnecting (RESUME resets the link, and the session shows DISCONNECTED
// for a moment), or the mirror catching up. Microsoft's walk-throughs (and
// SSMS's mirroring wizard) issue SET WITNESS right after the principal's
// SET PARTNER, while the mirror still catches up on the log since the
// restored backup; SQL Server accepts it there. A suspended session gets
// the partner machine's 1426 at once, one still behind after the wait (a
// partner that is down) then. A mirror does not wait: SET WITNESS is the
// principal's, and the partner machine refuses it there (1470). It returns
// ctx's error when the caller is cancelled while waiting.
func (m *Manager) waitCaughtUp(ctx context.Context, db string) error {
	deadline := time.NewTimer(2 * m.cfg.DialTimeout)
	defer deadline.Stop()
	poll := time.NewTicker(setupResendInterval / 4)
	defer poll.Stop()
	for {
		m.mu.Lock()
		s := m.sessions[db]
		catchingUp := s != nil && !m.closed && func() bool {
			st := s.m.Status()
			return st.Role == partner.RolePrincipal && !st.Suspended && st.State != partner.StateSynchronized
		}()
		m.mu.Unlock()
		if !catchingUp {
			return nil
		}
		select {
		case <-poll.C:
		case <-deadline.C:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// PartnerCommand is ALTER DATABASE db SET PARTNER FAILOVER | FORCE_SERVICE_ALLOW_DATA_LOSS
// | OFF | SUSPEND | RESUME | SAFETY {FULL|OFF} | TIMEOUT arg (§2.1). It returns when
// the command has completed (a failover when the roles have swapped) or failed,
// with the partner machine's SQL Server error; 1416 when db is not mirrored.
func (m *Manager) PartnerCommand(ctx context.Context, db string, cmd Command, arg int) error {
	switch cmd {
	case CmdFailover:
		return m.command(ctx, db, partner.CmdFailover, (*partner.Machine).Failover)
	case CmdForceService:
		return m.command(ctx, db, partner.CmdForceService, (*partner.Machine).ForceService)
	case CmdOff:
		return m.command(ctx, db, partner.CmdOff, (*partner.Machine).Off)
	case CmdSuspend:
		return m.command(ctx, db, partner.CmdSuspend, (*partner.Machine).Suspend)
	case CmdResume:
		return m.command(ctx, db, partner.CmdResume, (*partner.Machine).Resume)
	case CmdSafetyFull, CmdSafetyOff:
		s := partner.SafetyFull
		if cmd == CmdSafetyOff {
			s = partner.SafetyOff
		}
		return m.command(ctx, db, partner.CmdSafety, func(pm *partner.Machine) error { return pm.SetSafety(s) })
	case CmdTimeout:
		return m.command(ctx, db, partner.CmdTimeout, func(pm *partner.Machine) error { return pm.SetTimeout(arg) })
	}
	return errors.New("mirroring: unknown partner command")
}

// command runs a machine command and waits for its completion (Ready.Done).
func (m *Manager) command(ctx context.Context, db string, cmd partner.Command, f func(*partner.Machine) error) error {
	m.mu.Lock()
	s := m.sessions[db]
	if s == nil || m.closed {
		m.mu.Unlock()
		return errNotConfigured(db)
	}
	if err := f(s.m); err != nil {
		m.applyLocked(s, nil)
		m.mu.Unlock()
		return err
	}
	ch := make(chan error, 1)
	s.pending[cmd] = append(s.pending[cmd], ch)
	m.applyLocked(s, nil)
	m.mu.Unlock()
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
