package mirroring

import (
	"context"
	"errors"
	"io"
	"net"
	"slices"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// One connection per pair of instances (design.md "Mirroring transport"): both
// sides may dial (partner addresses, witness addresses); when two connections to
// the same instance exist, both sides keep the one dialed by the instance whose
// name sorts first, so they agree without talking.
//
// A replaced connection is not closed at once but superseded: it stays open,
// and read, until the first message arrives on its replacement — the peer sends
// on a connection only once it has registered it, so it has switched too — or
// the replacement ends. Closed at once, its end could reach the peer before the
// peer had registered the replacement: the peer then took the loss of its only
// connection for a hard error and its partner for lost (§1.4) — a principal went
// DISCONNECTED, ran exposed and restarted the session, and SET WITNESS right
// after set-up failed with 1426 (tests/mirroring, when the mirror's name sorts
// first and its dial replaces the principal's).
//
// A connection that arrives after the one it loses the tie-break to is kept
// the same way, as a standby: never sent on, but open and read until the
// winner has carried a message from the peer. The peer may have registered it
// first and still be sending on it, the winner not yet registered there;
// closed at once, its end reached the peer as the loss of its only
// connection — its partner lost, DISCONNECTED, 1442 — until the winner
// registered there. Once the winner has carried a message the peer holds the
// winner, so a later loser is refused at once: the peer has superseded or
// refused it too.

// registration is what register made of a connection.
type registration int

const (
	refused registration = iota // dropped: close it
	current                     // the connection to its peer, sent on
	standby                     // lost the tie-break to the current one: read, never sent on
)

// preferred reports whether c is the connection both sides keep.
func (m *Manager) preferred(c *endpoint.Conn) bool {
	peer := c.Peer().Name
	dialer := m.self
	if c.IsAccept() {
		dialer = peer
	}
	return dialer == min(m.self, peer)
}

// serveConn registers c and reads it until it ends. addr is the address it was
// dialed at ("" for an accepted connection).
func (m *Manager) serveConn(c *endpoint.Conn, addr string) {
	r := m.register(c, addr)
	if r == refused {
		_ = c.Close()
		return
	}
	m.readLoop(c, r)
}

// goRead reads c, as register made it, on a goroutine of its own.
func (m *Manager) goRead(c *endpoint.Conn, r registration) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		m.readLoop(c, r)
	}()
}

// readLoop handles c's messages until it ends, then reports the loss (of a
// standby: none, nothing was sent on it).
func (m *Manager) readLoop(c *endpoint.Conn, r registration) {
	if r == standby {
		defer m.standbyDown(c)
	} else {
		defer m.connDown(c)
	}
	first := r == current
	for {
		msg, err := c.Recv()
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) && !errors.Is(err, endpoint.ErrClosed) {
				var fe *proto.FrameError
				var ue *proto.UnknownTypeError
				var de *proto.DecodeError
				if errors.As(err, &fe) || errors.As(err, &ue) || errors.As(err, &de) {
					typ := 0
					if ue != nil {
						typ = int(ue.Type)
					}
					m.log.Error(errUnexpectedMessage("frame", typ, c.Peer().Name, "").Error(), "err", err)
				} else {
					m.log.Info("mirroring connection ended", "peer", c.Peer().Name, "err", err)
				}
			}
			return
		}
		if first {
			first = false
			m.closeSuperseded(c)
		}
		m.handle(c, msg)
	}
}

// closeSuperseded closes the connections c replaced and the standbys that
// lost to it, once c has carried a message from the peer (see the top of this
// file).
func (m *Manager) closeSuperseded(c *endpoint.Conn) {
	name := c.Peer().Name
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.peers[name] != c {
		return
	}
	for _, old := range m.superseded[name] {
		_ = old.Close()
	}
	delete(m.superseded, name)
}

// register makes c the connection to its peer, or a standby (see the top of
// this file), or refuses it. Whoever registered c reads it unless refused.
func (m *Manager) register(c *endpoint.Conn, addr string) registration {
	name := c.Peer().Name
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed || name == "" || name == m.self {
		return refused
	}
	if addr != "" {
		m.addrPeer[normAddr(addr)] = name
	}
	replaced := false
	if old := m.peers[name]; old != nil {
		select {
		case <-old.Done():
		default:
			if !m.preferred(c) && m.preferred(old) {
				if old.Stats().FramesRecv > 0 {
					return refused // the peer holds old
				}
				m.superseded[name] = append(m.superseded[name], c)
				return standby
			}
			m.superseded[name] = append(m.superseded[name], old)
		}
		replaced = true
	}
	m.peers[name] = c
	m.refreshConnSnapLocked()
	for _, s := range m.sessions {
		if replaced {
			s.connReset(name)
		} else {
			s.connUp(name)
		}
		m.applyLocked(s, nil)
	}
	return current
}

// standbyDown forgets the standby c once it has ended.
func (m *Manager) standbyDown(c *endpoint.Conn) {
	_ = c.Close()
	name := c.Peer().Name
	m.mu.Lock()
	defer m.mu.Unlock()
	m.forgetSupersededLocked(name, c)
}

// forgetSupersededLocked removes c from the connections to name that are
// held open though not sent on.
func (m *Manager) forgetSupersededLocked(name string, c *endpoint.Conn) {
	m.superseded[name] = slices.DeleteFunc(m.superseded[name], func(o *endpoint.Conn) bool { return o == c })
	if len(m.superseded[name]) == 0 {
		delete(m.superseded, name)
	}
}

// connDown reports the loss of c to every machine that talks through it.
func (m *Manager) connDown(c *endpoint.Conn) {
	_ = c.Close()
	name := c.Peer().Name
	m.mu.Lock()
	defer m.mu.Unlock()
	if cur := m.peers[name]; cur != c {
		m.forgetSupersededLocked(name, c)
		if cur != nil && !m.closed {
			// Replaced by a newer connection, which the peer may have made
			// (then we learn only now that what we sent on c is lost).
			for _, s := range m.sessions {
				s.connReset(name)
				m.applyLocked(s, nil)
			}
		}
		return
	}
	delete(m.peers, name)
	// The connections c replaced, and its standbys, go with it: the peer has
	// left them (or never switched to c, and will dial again).
	for _, old := range m.superseded[name] {
		_ = old.Close()
	}
	delete(m.superseded, name)
	m.refreshConnSnapLocked()
	if m.closed {
		return
	}
	for _, s := range m.sessions {
		s.connDown(name)
		m.applyLocked(s, nil)
	}
	for _, w := range m.witnessed {
		w.m.ConnDown(name)
		m.applyWitnessLocked(w)
	}
}

// connFor returns the live connection to an instance name or a (witness) address.
func (m *Manager) connFor(to string) *endpoint.Conn {
	if c := m.peers[to]; c != nil {
		return c
	}
	if name, ok := m.addrPeer[normAddr(to)]; ok {
		return m.peers[name]
	}
	return nil
}

// updateDialersLocked keeps a dial loop for every address a session needs
// (partner and witness addresses) and stops the others.
func (m *Manager) updateDialersLocked() {
	want := map[string]string{}
	for _, s := range m.sessions {
		if s.m == nil || s.m.Status().Off {
			continue
		}
		if s.partnerAddr != "" {
			want[normAddr(s.partnerAddr)] = s.partnerAddr
		}
		if w := s.m.HardState().Witness; w != "" {
			want[normAddr(w)] = w
		}
	}
	for k, cancel := range m.dialers {
		if _, ok := want[k]; !ok {
			cancel()
			delete(m.dialers, k)
		}
	}
	if m.closed {
		return
	}
	for k, addr := range want {
		if _, ok := m.dialers[k]; ok {
			continue
		}
		ctx, cancel := context.WithCancel(m.ctx)
		m.dialers[k] = cancel
		m.wg.Add(1)
		go m.dialLoop(ctx, addr)
	}
}

// dialLoop keeps a connection to addr while the endpoint is started: while one
// exists (whoever dialed it) it waits for its end; otherwise it dials with
// exponential backoff (100 ms … 2 s).
func (m *Manager) dialLoop(ctx context.Context, addr string) {
	defer m.wg.Done()
	backoff := 100 * time.Millisecond
	lastRefusal := ""
	for ctx.Err() == nil {
		m.mu.Lock()
		c := m.connFor(addr)
		id, sec := m.identity(), m.sec
		listening := m.listener != nil
		m.mu.Unlock()
		if !listening {
			// No mirroring without a STARTED endpoint (§2.4): wait for StartEndpoint.
			select {
			case <-ctx.Done():
				return
			case <-time.After(m.cfg.PingInterval):
			}
			continue
		}
		if c != nil {
			select {
			case <-c.Done():
				continue
			case <-ctx.Done():
				return
			}
		}
		dctx, cancel := context.WithTimeout(ctx, m.cfg.DialTimeout)
		nc, err := endpoint.Dial(dctx, addr, id, sec)
		cancel()
		if err != nil && err.Error() != lastRefusal && m.logHandshakeFailure(addr, err) {
			lastRefusal = err.Error() // logged once, not on every retry
		}
		if err == nil {
			backoff, lastRefusal = 100*time.Millisecond, ""
			r := m.register(nc, addr)
			if r == refused {
				_ = nc.Close()
				// The other side's connection won; wait for it to show up.
				select {
				case <-ctx.Done():
					return
				case <-time.After(50 * time.Millisecond):
				}
				continue
			}
			// A standby: the loop finds the current connection and waits for it.
			m.goRead(nc, r)
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 2*time.Second)
	}
}
