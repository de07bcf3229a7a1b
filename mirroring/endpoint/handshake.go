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
		MinVersion: proto.Version, MaxVersion: proto.Version}
}

// Dial connects to a mirroring endpoint at address (TCP://host:port), performs the
// handshake (Hello → HelloAck or HelloReject) and returns the established Conn.
// A HelloReject is returned as its *proto.RemoteError. tlsCfg, if non-nil, wraps
// the connection in TLS as a client (design.md "Mirroring transport").
func Dial(ctx context.Context, address string, self Identity, tlsCfg *tls.Config) (*Conn, error) {
	hostport, err := ParseAddress(address)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", hostport)
	if err != nil {
		return nil, err
	}
	if tlsCfg != nil {
		tc := tls.Client(nc, tlsCfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			_ = nc.Close()
			return nil, fmt.Errorf("tls handshake: %w", err)
		}
		nc = tc
	}
	cnt := &counters{}
	pc := proto.NewConn(countingConn{nc, cnt}, MaxFrame)
	deadline := time.Now().Add(HandshakeTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = nc.SetDeadline(deadline)
	if err := pc.WriteMessage(self.hello()); err == nil {
		err = pc.Flush()
	}
	m, err := pc.ReadMessage()
	if err != nil {
		_ = nc.Close()
		return nil, fmt.Errorf("handshake with %s: %w", address, err)
	}
	_ = nc.SetDeadline(time.Time{})
	switch a := m.(type) {
	case *proto.HelloAck:
		if a.Version != proto.Version {
			_ = nc.Close()
			return nil, fmt.Errorf("handshake with %s: unsupported version %d", address, a.Version)
		}
		return newConn(nc, pc, cnt, Peer{Name: a.InstanceName, ID: a.InstanceID, Role: a.Role}, false), nil
	case *proto.HelloReject:
		_ = nc.Close()
		return nil, a.Err()
	default:
		_ = nc.Close()
		return nil, fmt.Errorf("handshake with %s: unexpected %s", address, m.Type())
	}
}

// ListenConfig configures a Listener.
type ListenConfig struct {
	Addr string // host:port to listen on (see ListenAddress)
	Self Identity
	TLS  *tls.Config // server side TLS, optional
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
	if l.cfg.TLS != nil {
		tc := tls.Server(nc, l.cfg.TLS)
		if err := tc.Handshake(); err != nil {
			return nil, fmt.Errorf("tls handshake: %w", err)
		}
		nc = tc
	}
	cnt := &counters{}
	pc := proto.NewConn(countingConn{nc, cnt}, MaxFrame)
	m, err := pc.ReadMessage()
	if err != nil {
		return nil, err
	}
	h, ok := m.(*proto.Hello)
	if !ok {
		return nil, fmt.Errorf("expected Hello, got %s", m.Type())
	}
	reject := func(b *proto.ErrorBody) error {
		_ = pc.WriteMessage(&proto.HelloReject{ErrorBody: *b})
		_ = pc.Flush()
		return b.Err()
	}
	if h.MinVersion > proto.Version || h.MaxVersion < proto.Version {
		return nil, reject(&proto.ErrorBody{Number: 1434, Severity: 16, State: 1,
			Message: fmt.Sprintf("Invalid or unexpected database mirroring %s message of type %d was received from server %s, database %s.",
				"Hello", proto.TypeHello, h.InstanceName, "")})
	}
	if l.cfg.Check != nil {
		if b := l.cfg.Check(h); b != nil {
			return nil, reject(b)
		}
	}
	ack := &proto.HelloAck{InstanceName: l.cfg.Self.Name, InstanceID: l.cfg.Self.Peer.ID,
		Role: l.cfg.Self.Peer.Role, Version: proto.Version}
	if err := pc.WriteMessage(ack); err != nil {
		return nil, err
	}
	if err := pc.Flush(); err != nil {
		return nil, err
	}
	_ = nc.SetDeadline(time.Time{})
	return newConn(nc, pc, cnt, Peer{Name: h.InstanceName, ID: h.InstanceID, Role: h.Role}, true), nil
}
