package endpoint

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// HandshakeTimeout bounds the Hello exchange on a new connection.
const HandshakeTimeout = 10 * time.Second

// Identity is how this instance introduces itself in Hello and HelloAck.
type Identity struct {
	Name string
	Peer Peer // Name/ID/Role of this instance (Peer.Name is ignored; Name wins)
}

func (id Identity) hello() *proto.Hello {
	return &proto.Hello{InstanceName: id.Name, InstanceID: id.Peer.ID, Role: id.Peer.Role,
		MinVersion: proto.MinVersion, MaxVersion: proto.Version}
}

// Dial connects to a mirroring endpoint at address (TCP://host:port), settles
// encryption and authentication with it (Negotiate → NegotiateAck, then TLS if
// agreed; Security), performs the Hello → HelloAck exchange and returns the
// established Conn. sec is this instance's endpoint security; nil means
// ENCRYPTION = DISABLED with Windows authentication. A refusal by either side's
// security is a *HandshakeError; any other HelloReject is returned as its
// *proto.RemoteError.
func Dial(ctx context.Context, address string, self Identity, sec *Security) (*Conn, error) {
	hostport, err := ParseAddress(address)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", hostport)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(HandshakeTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = nc.SetDeadline(deadline)
	c, err := dialHandshake(nc, address, self, sec)
	if err != nil {
		_ = nc.Close()
		return nil, err
	}
	return c, nil
}

func dialHandshake(nc net.Conn, address string, self Identity, sec *Security) (*Conn, error) {
	sock := newSocket(nc)
	nc = sock
	pc := proto.NewConn(sock, MaxFrame)
	offer := &proto.Negotiate{Encryption: sec.encryption(), Auth: sec.methods()}
	m, err := exchange(pc, offer)
	if err != nil {
		return nil, fmt.Errorf("handshake with %s: %w", address, err)
	}
	var ack *proto.NegotiateAck
	switch a := m.(type) {
	case *proto.NegotiateAck:
		ack = a
	case *proto.HelloReject:
		return nil, rejection(a)
	default:
		return nil, fmt.Errorf("handshake with %s: unexpected %s", address, m.Type())
	}
	if herr := checkAck(sec, ack); herr != nil {
		return nil, herr
	}
	neg := Negotiated{Algorithm: "NONE", Auth: ack.Auth}
	if ack.Encrypt {
		cfg, err := sec.clientTLS(ack.Auth)
		if err != nil {
			return nil, err
		}
		tc := tls.Client(nc, cfg)
		if err := tc.Handshake(); err != nil {
			return nil, fmt.Errorf("handshake with %s: tls: %w", address, err)
		}
		nc, neg.Encrypted, neg.Algorithm = tc, true, sec.dialedAlgorithm(tc.ConnectionState())
		pc = proto.NewConn(nc, MaxFrame)
		if ack.Auth == proto.AuthCertificate {
			if neg.PeerAuth, err = sec.authorizePeer(tc); err != nil {
				// Tell the acceptor why, in place of the Hello, so that
				// both error logs say it.
				var herr *HandshakeError
				if errors.As(err, &herr) {
					_ = pc.WriteMessage(&proto.HelloReject{ErrorBody: herr.body()})
					_ = pc.Flush()
				}
				return nil, err
			}
		}
	}
	m, err = exchange(pc, self.hello())
	if err != nil {
		return nil, fmt.Errorf("handshake with %s: %w", address, err)
	}
	switch a := m.(type) {
	case *proto.HelloAck:
		if !proto.Supported(a.Version) {
			// The acceptor chose a version outside what our Hello offered.
			return nil, errNoCompatibleVersion(a.Version, a.Version)
		}
		pc.SetVersion(a.Version)
		_ = nc.SetDeadline(time.Time{})
		return newConn(nc, sock, pc, Peer{Name: a.InstanceName, ID: a.InstanceID, Role: a.Role}, false, neg), nil
	case *proto.HelloReject:
		return nil, rejection(a)
	default:
		return nil, fmt.Errorf("handshake with %s: unexpected %s", address, m.Type())
	}
}

// exchange sends m and reads the answer.
func exchange(pc *proto.Conn, m proto.Message) (proto.Message, error) {
	if err := pc.WriteMessage(m); err != nil {
		return nil, err
	}
	if err := pc.Flush(); err != nil {
		return nil, err
	}
	return pc.ReadMessage()
}

// rejection is the error a HelloReject stands for.
func rejection(r *proto.HelloReject) error {
	if herr := remoteHandshakeError(r.ErrorBody); herr != nil {
		return herr
	}
	return r.Err()
}

// ListenConfig configures a Listener.
type ListenConfig struct {
	Addr string // host:port to listen on (see ListenAddress)
	Self Identity
	// Security is the endpoint's AUTHENTICATION and ENCRYPTION; nil means
	// ENCRYPTION = DISABLED with Windows authentication.
	Security *Security
	// Check decides whether to accept a Hello; a non-nil body is sent as
	// HelloReject and the connection is closed.
	Check func(*proto.Hello) *proto.ErrorBody
	// Handle takes ownership of every established connection; it is called on the
	// connection's own goroutine and may block reading it.
	Handle func(*Conn)
	Logger *slog.Logger
}

// Listener accepts mirroring connections (one DATABASE_MIRRORING endpoint, §2.4).
type Listener struct {
	ln  net.Listener
	cfg ListenConfig
	wg  sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]io.Closer
	done  bool
}

// Listen starts accepting connections.
func Listen(cfg ListenConfig) (*Listener, error) {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	l := &Listener{ln: ln, cfg: cfg, conns: map[net.Conn]io.Closer{}}
	l.wg.Add(1)
	go l.acceptLoop()
	return l, nil
}

// Addr is the listening address (with the real port when 0 was asked for).
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// Close stops listening, closes every connection accepted by this listener that is
// still open and waits for the per-connection goroutines to return.
func (l *Listener) Close() error {
	err := l.ln.Close()
	l.mu.Lock()
	l.done = true
	for _, c := range l.conns {
		_ = c.Close()
	}
	l.mu.Unlock()
	l.wg.Wait()
	return err
}

func (l *Listener) acceptLoop() {
	defer l.wg.Done()
	for {
		nc, err := l.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			l.cfg.Logger.Warn("mirroring endpoint accept", "err", err)
			time.Sleep(50 * time.Millisecond)
			continue
		}
		l.mu.Lock()
		if l.done {
			l.mu.Unlock()
			_ = nc.Close()
			return
		}
		l.conns[nc] = nc
		l.mu.Unlock()
		l.wg.Add(1)
		go l.serve(nc)
	}
}

func (l *Listener) serve(nc net.Conn) {
	defer l.wg.Done()
	defer func() {
		l.mu.Lock()
		delete(l.conns, nc)
		l.mu.Unlock()
		_ = nc.Close()
	}()
	defer func() {
		// One recover per connection (style.md principle 4): a bug in a handler
		// must not take the instance down.
		if r := recover(); r != nil {
			l.cfg.Logger.Error("mirroring connection panic", "panic", r)
		}
	}()
	c, err := l.handshake(nc)
	if err != nil {
		var herr *HandshakeError
		if errors.As(err, &herr) {
			return // logged by handshake before the dialer heard of it
		}
		l.cfg.Logger.Info("mirroring handshake failed", "remote", nc.RemoteAddr().String(), "err", err)
		return
	}
	l.mu.Lock()
	if l.done {
		l.mu.Unlock()
		_ = c.Close()
		return
	}
	l.conns[nc] = c // Close ends the Conn itself, so a handler waiting on Done returns
	l.mu.Unlock()
	l.cfg.Handle(c)
}

func (l *Listener) handshake(nc net.Conn) (*Conn, error) {
	_ = nc.SetDeadline(time.Now().Add(HandshakeTimeout))
	sock := newSocket(nc)
	nc = sock
	pc := proto.NewConn(sock, MaxFrame)
	reject := func(b proto.ErrorBody) {
		_ = pc.WriteMessage(&proto.HelloReject{ErrorBody: b})
		_ = pc.Flush()
	}
	// refuse logs a refusal and then tells the dialer, so that the error log
	// has it by the time the dialer's SET PARTNER fails.
	refuse := func(herr *HandshakeError) *HandshakeError {
		l.logRefusal(nc, herr)
		reject(herr.body())
		return herr
	}
	m, err := pc.ReadMessage()
	if err != nil {
		return nil, err
	}
	sec := l.cfg.Security
	neg := Negotiated{Algorithm: "NONE", Auth: proto.AuthWindows}
	switch v := m.(type) {
	case *proto.Negotiate:
		encrypt, method, herr := negotiate(sec, v.Encryption, v.Auth)
		if herr != nil {
			return nil, refuse(herr)
		}
		neg.Auth = method
		if err := pc.WriteMessage(&proto.NegotiateAck{Encrypt: encrypt, Auth: method}); err != nil {
			return nil, err
		}
		if err := pc.Flush(); err != nil {
			return nil, err
		}
		if encrypt {
			var choice algorithmChoice
			cfg, err := sec.serverTLS(method, &choice)
			if err != nil {
				return nil, err
			}
			tc := tls.Server(nc, cfg)
			if err := tc.Handshake(); err != nil {
				return nil, fmt.Errorf("tls handshake: %w", err)
			}
			nc, neg.Encrypted, neg.Algorithm = tc, true, choice.alg
			pc = proto.NewConn(nc, MaxFrame)
			if choice.refused {
				// The dialer's Hello is read first, so that closing does
				// not reset the connection before it has the refusal.
				_, _ = pc.ReadMessage()
				return nil, refuse(errNoCompatibleEncryption())
			}
			if method == proto.AuthCertificate {
				pa, err := sec.authorizePeer(tc)
				if err != nil {
					var herr *HandshakeError
					if errors.As(err, &herr) {
						return nil, refuse(herr)
					}
					return nil, err
				}
				neg.PeerAuth = pa
			}
		}
		if m, err = pc.ReadMessage(); err != nil {
			return nil, err
		}
	case *proto.Hello:
		// A dialer that skips Negotiate speaks in the clear with Windows
		// authentication: an endpoint that requires encryption or a
		// certificate refuses it.
		if _, _, herr := negotiate(sec, proto.EncryptionDisabled, []proto.AuthMethod{proto.AuthWindows}); herr != nil {
			return nil, refuse(herr)
		}
	}
	h, ok := m.(*proto.Hello)
	if r, refused := m.(*proto.HelloReject); refused {
		if herr := remoteHandshakeError(r.ErrorBody); herr != nil {
			l.logRefusal(nc, herr)
			return nil, herr // the dialer refused this endpoint's certificate
		}
	}
	if !ok {
		return nil, fmt.Errorf("expected Hello, got %s", m.Type())
	}
	version, ok := proto.CommonVersion(h.MinVersion, h.MaxVersion)
	if !ok {
		// A release too new (or too old) to share a version with this one:
		// refused in words both error logs show, not by a frame it cannot read.
		return nil, refuse(errNoCompatibleVersion(h.MinVersion, h.MaxVersion))
	}
	if l.cfg.Check != nil {
		if b := l.cfg.Check(h); b != nil {
			reject(*b)
			return nil, b.Err()
		}
	}
	ack := &proto.HelloAck{InstanceName: l.cfg.Self.Name, InstanceID: l.cfg.Self.Peer.ID,
		Role: l.cfg.Self.Peer.Role, Version: version}
	if err := pc.WriteMessage(ack); err != nil {
		return nil, err
	}
	if err := pc.Flush(); err != nil {
		return nil, err
	}
	pc.SetVersion(version)
	_ = nc.SetDeadline(time.Time{})
	return newConn(nc, sock, pc, Peer{Name: h.InstanceName, ID: h.InstanceID, Role: h.Role}, true, neg), nil
}

// logRefusal writes a refused connection to the error log as SQL Server's
// acceptor does (28047, or 28048 naming the login).
func (l *Listener) logRefusal(nc net.Conn, herr *HandshakeError) {
	host, _, err := net.SplitHostPort(nc.RemoteAddr().String())
	if err != nil {
		host = nc.RemoteAddr().String()
	}
	msg, num := herr.LogLine(host)
	l.cfg.Logger.Info(msg, "error", num, "severity", 10, "state", 1)
}
