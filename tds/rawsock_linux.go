//go:build linux && !race

package tds

import (
	"io"
	"net"
	"os"
	"syscall"
	"unsafe"
)

// rawSocket reads and writes a logged-in client's TCP socket with raw
// system calls (syscall.RawSyscall through the connection's RawConn)
// instead of net.Conn's Read and Write (issue #2, server CPU per request).
//
// Why: net.Conn's calls are syscall.Syscall, which tells the scheduler the
// goroutine entered a system call that may block (entersyscall and
// exitsyscall). The socket is non-blocking, so read and write never block,
// but on a loaded machine a write that wakes the client is often
// descheduled for longer than a sysmon tick (20 µs): sysmon then takes the
// P away from the writer (handoffp, another thread woken), and a take resets
// sysmon's back-off, so it goes on waking every 20 µs instead of every
// 10 ms. When the P's all went idle between requests, the next request's
// read also wakes sysmon from its deep sleep (a futex wake). Profiles of
// `SELECT 1` at 16 connections had sysmon's sleeps and wake-ups at ~14 % of
// the server's CPU. A raw call is to the scheduler ordinary running code:
// the P stays with the connection's goroutine for the few microseconds the
// call takes, and sysmon is left alone.
//
// Everything else stays net.Conn's: the RawConn's Read and Write take the
// socket's read or write lock, honour deadlines (the Attention watcher's
// stop, attention.go) and park the goroutine in the netpoller on EAGAIN
// exactly as net.Conn does, and Close wakes a parked read. Every TCP
// connection is one from its accept (newConn): PRELOGIN, the TLS handshake
// and the requests, plain or in TLS records (tls.Conn reads and writes its
// records through it). Under the
// race detector requests go through net.Conn as before: its I/O tells the
// detector that a write happens before the read of its bytes, which tests
// with a client and a server in one process rely on, and raw calls do not.
type rawSocket struct {
	net.Conn
	rc syscall.RawConn
	// The read and the write in progress — the Attention watcher reads
	// while the request writes, so each has its own —: the buffer, the
	// bytes done and the error. readFn and writeFn are s.read and s.write
	// bound once, so a call allocates no closure.
	r, w            rawCall
	readFn, writeFn func(fd uintptr) bool
}

// rawCall is one read or write in progress.
type rawCall struct {
	p   []byte
	n   int
	err error
}

// newRawSocket returns c's rawSocket, or nil when c is not a TCP connection.
func newRawSocket(c net.Conn) *rawSocket {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nil
	}
	s := &rawSocket{Conn: c, rc: rc}
	s.readFn, s.writeFn = s.read, s.write
	return s
}

// Read reads as net.Conn's Read does: what the socket has, waiting for at
// least one byte; io.EOF when the client closed it.
func (s *rawSocket) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.r = rawCall{p: p}
	err := s.rc.Read(s.readFn)
	return s.r.done(err)
}

func (s *rawSocket) read(fd uintptr) bool {
	c := &s.r
	for {
		r, _, e := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(&c.p[0])), uintptr(len(c.p)))
		switch e {
		case 0:
			c.n = int(r)
			if r == 0 {
				c.err = io.EOF
			}
			return true
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false // park in the netpoller until readable
		}
		c.err = s.opError("read", e)
		return true
	}
}

// Write writes all of p, as net.Conn's Write does.
func (s *rawSocket) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.w = rawCall{p: p}
	err := s.rc.Write(s.writeFn)
	return s.w.done(err)
}

func (s *rawSocket) write(fd uintptr) bool {
	c := &s.w
	for c.n < len(c.p) {
		r, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(&c.p[c.n])), uintptr(len(c.p)-c.n))
		switch e {
		case 0:
			c.n += int(r)
			continue
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false // park until writable, then write the rest
		}
		c.err = s.opError("write", e)
		return true
	}
	return true
}

// done ends the call: the bytes done and the error of the RawConn's call
// (closed, deadline) or else of the system call; the buffer is dropped.
func (c *rawCall) done(err error) (int, error) {
	n := c.n
	if err == nil {
		err = c.err
	}
	*c = rawCall{}
	return n, err
}

// opError is err as net.Conn's Read and Write report it.
func (s *rawSocket) opError(op string, err syscall.Errno) error {
	return &net.OpError{Op: op, Net: "tcp", Source: s.LocalAddr(), Addr: s.RemoteAddr(), Err: os.NewSyscallError(op, err)}
}
