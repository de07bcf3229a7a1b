package tds

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// DefaultLoginTimeout bounds PRELOGIN, TLS and LOGIN7 of a new connection.
const DefaultLoginTimeout = 60 * time.Second

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = errors.New("tds: server closed")

// Server accepts TDS connections and serves each with its own goroutine, plus
// a watcher goroutine while a request runs long enough that an Attention may
// have to cancel it (attention.go).
// Configure the exported fields before Serve; do not change them afterwards.
type Server struct {
	Handler Handler
	// TLSConfig enables encryption (login-only, full and TDS 8 strict) when it has
	// a certificate; nil serves plaintext only.
	TLSConfig *tls.Config
	// Encryption is the policy when TLSConfig is set (default EncryptionOptional).
	Encryption EncryptionPolicy
	// LoginTimeout closes connections that have not logged in in time
	// (0 = DefaultLoginTimeout).
	LoginTimeout time.Duration
	// ServerName is put in ERROR and INFO tokens.
	ServerName string
	// Version is reported in PRELOGIN and LOGINACK (zero = DefaultServerVersion).
	Version [4]byte
	// MaxMessageSize bounds request messages (0 = DefaultMaxMessageSize).
	MaxMessageSize int
	// Logger receives connection failures and recovered panics (nil = slog.Default()).
	Logger *slog.Logger

	mu        sync.Mutex
	listeners map[net.Listener]struct{}
	conns     map[*conn]struct{}
	closing   bool
	// down mirrors closing for the per-request check of conn.loop, which
	// must not contend on mu.
	down atomic.Bool
	wg   sync.WaitGroup
	// attn starts the Attention watchers of requests that run long.
	attn attnClock
}

func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

func (s *Server) loginTimeout() time.Duration {
	if s.LoginTimeout > 0 {
		return s.LoginTimeout
	}
	return DefaultLoginTimeout
}

func (s *Server) version() [4]byte {
	if s.Version == ([4]byte{}) {
		return DefaultServerVersion
	}
	return s.Version
}

func (s *Server) policy() EncryptionPolicy {
	if s.TLSConfig == nil {
		return EncryptionDisabled
	}
	return s.Encryption
}

// Serve accepts connections on l until Shutdown, then returns ErrServerClosed.
// It closes l on return.
func (s *Server) Serve(l net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		l.Close()
		return ErrServerClosed
	}
	if s.listeners == nil {
		s.listeners = map[net.Listener]struct{}{}
		s.conns = map[*conn]struct{}{}
	}
	s.listeners[l] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, l)
		s.mu.Unlock()
		l.Close()
	}()
	var delay time.Duration
	for {
		nc, err := l.Accept()
		if err != nil {
			s.mu.Lock()
			closing := s.closing
			s.mu.Unlock()
			if closing {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, syscall.EMFILE) {
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		c := newConn(s, nc)
		s.mu.Lock()
		if s.closing {
			s.mu.Unlock()
			nc.Close()
			return ErrServerClosed
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go c.serve()
	}
}

func (s *Server) removeConn(c *conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	s.wg.Done()
}

// Shutdown stops accepting, closes idle connections at once and lets running
// requests finish until ctx ends; then it closes the remaining connections
// (which cancels their requests' contexts) and returns ctx.Err() without waiting
// for handlers that ignore their context. It returns nil when every connection
// ended in time.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	s.down.Store(true)
	for l := range s.listeners {
		l.Close()
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		s.closeConns(false)
		select {
		case <-done:
			return nil
		case <-ctx.Done():
			s.closeConns(true)
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// closeConns closes idle connections, or all of them when all is set.
func (s *Server) closeConns(all bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if all || !c.busy.Load() {
			c.close()
		}
	}
}

func (s *Server) shuttingDown() bool { return s.down.Load() }
