package mirroring

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// Manager is the database-mirroring runtime of one instance: it owns the
// mirroring endpoint, one connection per peer instance, a partner.Machine per
// mirrored database and a witness.Machine per session this instance witnesses.
// The machines decide; the Manager does the I/O (style.md principle 10): it feeds
// them received messages, ticks, log flushes and hardening, and applies their
// Ready in the order of partner/doc.go.
//
// Concurrency: one mutex (mu) serializes the machines and everything they drive.
// Neither the state file's writes nor a role change's I/O (log truncation,
// the engine's RevertTo/MarkApplied/BecomePrincipal/BecomeMirror) run under it:
// the session's persist gate holds its effects meanwhile (persistgate.go, apply.go).
// Status, Witnessed, Connections and PartnerInstance read a snapshot under their
// own lock and may be called from anywhere, including engine callbacks.
type Manager struct {
	cfg  Config
	host Host
	log  *slog.Logger
	self string

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu        sync.Mutex
	st        *persisted
	sessions  map[string]*session    // by database name
	byGUID    map[uuid.UUID]*session // same sessions by mirroring GUID
	witnessed map[uuid.UUID]*wsession
	peers     map[string]*endpoint.Conn // by instance name; the one live connection
	// superseded: connections a newer one replaced, and standbys that lost
	// the tie-break to it, still open until the peer shows it switched
	// (peers.go), by instance name.
	superseded map[string][]*endpoint.Conn
	addrPeer   map[string]string // normalized address → instance name
	dialers    map[string]context.CancelFunc
	setups     map[uuid.UUID]chan proto.Message
	settingUp  map[string]bool // mirrors whose BecomeMirror runs (setupMirror), by database
	listener   *endpoint.Listener
	epRole     proto.EndpointRole
	// sec is the endpoint's transport security, which dialed connections
	// use too: ENCRYPTION REQUIRED with Windows authentication until an
	// endpoint is started.
	sec    *endpoint.Security
	closed bool
	save   saver // the state file's writer (persistgate.go)

	snapMu   sync.RWMutex
	snaps    map[string]Status
	wsnaps   []WitnessStatus
	connSnap []connRef
}

type connRef = *endpoint.Conn

func (m *Manager) refreshConnSnapLocked() {
	out := make([]connRef, 0, len(m.peers))
	for _, c := range m.peers {
		out = append(out, c)
	}
	m.snapMu.Lock()
	m.connSnap = out
	m.snapMu.Unlock()
}

// NewManager loads the persisted mirroring state from cfg.DataDir and resumes every
// session in it: machines restart with their hard state (§1.3 rule 8), principals
// get their commit wait, and the partner and witness addresses are dialed. The
// endpoint is not started: the engine calls StartEndpoint at boot.
func NewManager(cfg Config, host Host) (*Manager, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("mirroring: Config.DataDir is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.PingInterval <= 0 {
		cfg.PingInterval = time.Second
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = 5 * time.Second
	}
	st, err := loadState(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &Manager{
		cfg: cfg, host: host, log: cfg.Logger, self: host.ServerName(), ctx: ctx, cancel: cancel,
		st: st, sessions: map[string]*session{}, byGUID: map[uuid.UUID]*session{},
		witnessed: map[uuid.UUID]*wsession{}, peers: map[string]*endpoint.Conn{}, superseded: map[string][]*endpoint.Conn{},
		addrPeer: map[string]string{}, dialers: map[string]context.CancelFunc{},
		setups: map[uuid.UUID]chan proto.Message{}, snaps: map[string]Status{}, settingUp: map[string]bool{},
		save: saver{kick: make(chan struct{}, 1), changed: make(chan struct{})},
		sec:  &endpoint.Security{Encryption: proto.EncryptionRequired},
	}
	if err := st.save(cfg.DataDir, false); err != nil {
		cancel()
		return nil, err
	}
	m.mu.Lock()
	if len(st.Sessions) > 0 {
		m.log.Info(msgEnabled, "error", 1485)
	}
	for name, rec := range st.Sessions {
		db, ok := host.Database(name)
		if !ok {
			m.log.Warn("mirrored database is not open; its session stays inactive", "database", name)
			continue
		}
		if rec.Hard.Role == partner.RoleMirror {
			m.log.Info(msgBypassMirror(name), "error", 1444, "database", name)
		}
		m.resumeSession(db, rec)
		if s := m.sessions[name]; s != nil && s.m.HardState().Role == partner.RolePrincipal && !s.m.Status().Serving {
			m.log.Info(msgBypassInaccessible(name), "error", 1445, "database", name)
		}
	}
	for g, rec := range st.Witnessed {
		guid, err := uuid.Parse(g)
		if err != nil {
			continue
		}
		m.addWitnessed(guid, rec)
	}
	m.updateDialersLocked()
	pending := m.save.req
	m.mu.Unlock()
	m.wg.Add(2)
	go m.tickLoop()
	go m.saveLoop()
	// The resumed sessions' first Readys may wait for a save: once it is
	// durable their status is published, as callers expect after boot.
	if err := m.waitSaved(ctx, pending); err != nil {
		m.log.Error("persist resumed mirroring state", "err", err)
	}
	return m, nil
}

// Close stops the endpoint, every connection and goroutine. Commits waiting for
// the mirror fail; the mirror waits are removed; commands waiting for their
// result fail. A state save in flight is waited for (the state file has one
// writer), but nothing that waited for it is released. Persisted state stays
// for the next NewManager.
func (m *Manager) Close() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	m.cancel()
	ln := m.listener
	m.listener = nil
	m.closeConnsLocked()
	for _, s := range m.sessions {
		s.stop()
		for cmd, q := range s.pending {
			for _, ch := range q {
				ch <- errManagerClosed
			}
			delete(s.pending, cmd)
		}
	}
	m.mu.Unlock()
	if ln != nil {
		_ = ln.Close()
	}
	m.wg.Wait()
	return nil
}

// StartEndpoint starts (or restarts) the instance's DATABASE_MIRRORING endpoint
// (§2.4). STATE STOPPED or DISABLED stops listening.
func (m *Manager) StartEndpoint(ep EndpointConfig) error {
	role, err := parseRole(ep.Role)
	if err != nil {
		return err
	}
	sec, err := endpointSecurity(ep)
	if err != nil {
		return err
	}
	if err := m.StopEndpoint(); err != nil {
		return err
	}
	state := strings.ToUpper(ep.State)
	m.mu.Lock()
	m.sec = sec
	m.mu.Unlock()
	if state != "" && state != "STARTED" {
		return nil
	}
	id := endpoint.Identity{Name: m.self, Peer: endpoint.Peer{ID: m.st.InstanceID, Role: role}}
	ln, err := endpoint.Listen(endpoint.ListenConfig{
		Addr: endpoint.ListenAddress(ep.IP, ep.Port), Self: id, Security: sec, Logger: m.log,
		Handle: func(c *endpoint.Conn) { m.serveConn(c, "") },
	})
	if err != nil {
		return fmt.Errorf("start mirroring endpoint %s: %w", ep.Name, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		_ = ln.Close()
		return errors.New("mirroring: manager closed")
	}
	m.listener, m.epRole = ln, role
	m.log.Info("The Database Mirroring endpoint is now listening for connections.", "endpoint", ep.Name, "addr", ln.Addr().String())
	return nil
}

// ListenAddr is the endpoint's listening address ("" when stopped); tests start
// endpoints on port 0 and read the real port here.
func (m *Manager) ListenAddr() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.listener == nil {
		return ""
	}
	return m.listener.Addr().String()
}

// StopEndpoint stops listening and closes every mirroring connection: without a
// STARTED endpoint the instance takes part in no session (§2.4; the partners see a
// hard error, §1.4). Sessions resume when the endpoint is started again.
func (m *Manager) StopEndpoint() error {
	m.mu.Lock()
	ln := m.listener
	m.listener, m.epRole = nil, proto.EndpointNone
	m.closeConnsLocked()
	m.mu.Unlock()
	if ln != nil {
		return ln.Close()
	}
	return nil
}

// closeConnsLocked closes every mirroring connection, superseded ones included;
// their read loops report the ends.
func (m *Manager) closeConnsLocked() {
	for _, c := range m.peers {
		_ = c.Close()
	}
	for _, cs := range m.superseded {
		for _, c := range cs {
			_ = c.Close()
		}
	}
}

func parseRole(s string) (proto.EndpointRole, error) {
	switch strings.ToUpper(s) {
	case "PARTNER":
		return proto.EndpointPartner, nil
	case "WITNESS":
		return proto.EndpointWitness, nil
	case "ALL", "":
		return proto.EndpointAll, nil
	}
	return 0, fmt.Errorf("mirroring: endpoint role %q", s)
}

func (m *Manager) identity() endpoint.Identity {
	role := m.epRole
	if role == proto.EndpointNone {
		role = proto.EndpointPartner
	}
	return endpoint.Identity{Name: m.self, Peer: endpoint.Peer{ID: m.st.InstanceID, Role: role}}
}

// tickLoop ticks every machine once per PingInterval (§1.4).
func (m *Manager) tickLoop() {
	defer m.wg.Done()
	t := time.NewTicker(m.cfg.PingInterval)
	defer t.Stop()
	for {
		select {
		case <-m.ctx.Done():
			return
		case <-t.C:
		}
		m.mu.Lock()
		if m.closed {
			m.mu.Unlock()
			return
		}
		for _, s := range m.sessions {
			s.tick()
			m.applyLocked(s, nil)
		}
		for _, w := range m.witnessed {
			w.m.Tick()
			m.applyWitnessLocked(w)
		}
		m.refreshWitnessSnapsLocked()
		m.mu.Unlock()
	}
}

func normAddr(a string) string { return strings.ToUpper(strings.TrimSpace(a)) }
