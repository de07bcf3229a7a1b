package endpoint

import (
	"net"
	"sync"
	"sync/atomic"
)

// socket is a mirroring connection's TCP stream as everything above it sees
// it, plain or under TLS: it counts the bytes each way (Stats, from the first
// handshake byte on) and lets Send's fast path write without waiting.
//
// Once armed (after the handshake, when the platform has a non-blocking write),
// Write never waits for the network: it makes one non-blocking write(2) and
// keeps what the socket did not take, in order, as the tail; every later Write
// appends to the tail until it is sent. Only the Conn's writer goroutine waits,
// between beginBlocking and endBlocking: it sends the tail first, then its own
// bytes, as net.Conn.Write does. That is what lets the fast path run under TLS:
// tls.Conn.Write encrypts on the caller's goroutine and hands whole records to
// Write, so a record the socket takes part of is finished, by the writer, before
// any byte of the next one (the TLS state itself has one writer at a time,
// Conn.busy). Under plain TCP the frames come straight here.
//
// mu orders every write: the busy holder's and the one other writer there is,
// crypto/tls answering a bad record with an alert from the reading goroutine
// (which, outside the writer's window, lands in the tail and never blocks:
// the reader then fails and the connection is closed). Close does not take mu.
//
// Bound: the fast path starts only with the tail sent (Conn.tail false) and
// writes at most a few hundred KiB, and the writer drains the tail before it
// writes anything else, so the tail never holds more than one fast-path Send.
type socket struct {
	net.Conn
	cnt *counters
	// nonblocking is the fast path's write (direct_unix.go), nil where there
	// is none: the socket then always blocks and Conn has no fast path.
	nonblocking func([]byte) (int, error)

	mu       sync.Mutex
	blocking bool // not armed, or the writer's window
	tail     []byte
	spare    []byte // the tail's buffer, kept for the next one
	// tailLen is len(tail), readable without mu (which the writer holds
	// while it waits for the socket).
	tailLen atomic.Int64
}

// maxSpare: a tail buffer larger than this (a big Send the socket stalled on)
// is not kept for the next tail.
const maxSpare = 1 << 20

// counters count a connection's bytes from the first handshake byte on.
type counters struct{ sent, recv atomic.Uint64 }

func newSocket(nc net.Conn) *socket {
	return &socket{Conn: nc, cnt: &counters{}, nonblocking: directWriter(nc), blocking: true}
}

// arm ends the handshake's blocking writes; it reports whether Write now never
// blocks (the fast path is open). Called before the Conn's goroutines start.
func (s *socket) arm() bool {
	if s.nonblocking == nil {
		return false
	}
	s.mu.Lock()
	s.blocking = false
	s.mu.Unlock()
	return true
}

func (s *socket) Read(p []byte) (int, error) {
	n, err := s.Conn.Read(p)
	s.cnt.recv.Add(uint64(n))
	return n, err
}

// Write sends p (see socket). It returns len(p) and no error when p is
// written or queued in the tail; an error only when the socket failed.
func (s *socket) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.blocking {
		if err := s.flushLocked(); err != nil {
			return 0, err
		}
		n, err := s.Conn.Write(p)
		s.cnt.sent.Add(uint64(n))
		return n, err
	}
	if len(s.tail) == 0 {
		n, err := s.nonblocking(p)
		s.cnt.sent.Add(uint64(n))
		if err != nil {
			return n, err
		}
		if n == len(p) {
			return n, nil
		}
		s.tail = append(s.spare[:0], p[n:]...)
		s.spare = nil
	} else {
		s.tail = append(s.tail, p...)
	}
	s.tailLen.Store(int64(len(s.tail)))
	return len(p), nil
}

// pending reports whether the tail holds bytes the writer must send.
func (s *socket) pending() bool { return s.tailLen.Load() > 0 }

// beginBlocking opens the writer goroutine's window: it sends the tail,
// waiting for the socket, and until endBlocking every Write waits too.
func (s *socket) beginBlocking() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocking = true
	return s.flushLocked()
}

// endBlocking closes the writer's window (Write stops waiting again).
func (s *socket) endBlocking() {
	s.mu.Lock()
	s.blocking = false
	s.mu.Unlock()
}

func (s *socket) flushLocked() error {
	if len(s.tail) == 0 {
		return nil
	}
	n, err := s.Conn.Write(s.tail)
	s.cnt.sent.Add(uint64(n))
	if err != nil {
		s.tail = s.tail[n:]
		s.tailLen.Store(int64(len(s.tail)))
		return err
	}
	if cap(s.tail) <= maxSpare {
		s.spare = s.tail[:0]
	}
	s.tail = nil
	s.tailLen.Store(0)
	return nil
}
