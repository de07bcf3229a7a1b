//go:build linux && !race

package tds

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"time"
)

// tcpPair returns the two ends of a loopback TCP connection, the server's
// as a rawSocket.
func tcpPair(t *testing.T) (*rawSocket, net.Conn) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, _ := l.Accept()
		accepted <- c
	}()
	peer, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c := <-accepted
	if c == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { c.Close(); peer.Close() })
	peer.SetDeadline(time.Now().Add(20 * time.Second)) // safety net against hangs, not an assertion
	rs := newRawSocket(c)
	if rs == nil {
		t.Fatal("newRawSocket refused a TCP connection")
	}
	return rs, peer
}

// pattern is n bytes that show a lost, repeated or misplaced chunk.
func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7+i/251) ^ seed
	}
	return b
}

// TestRawSocket checks that rawSocket reads and writes as net.Conn does
// (issue #2): what arrived, io.EOF after the peer's close, a whole write
// that fills the socket's buffers (EAGAIN, then the rest once the peer
// reads), a read and a write at once (the Attention watcher reads while a
// request writes), a deadline's timeout that leaves the bytes for the next
// read, and a Close that wakes a parked read.
func TestRawSocket(t *testing.T) {
	t.Run("read then EOF", func(t *testing.T) {
		rs, peer := tcpPair(t)
		want := pattern(1000, 1)
		peer.Write(want)
		peer.Close()
		got, err := io.ReadAll(rs)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("read %d bytes (want %d), err %v", len(got), len(want), err)
		}
		if n, err := rs.Read(make([]byte, 10)); n != 0 || err != io.EOF {
			t.Fatalf("after EOF: %d, %v; want 0, io.EOF", n, err)
		}
	})
	t.Run("write larger than the socket buffers", func(t *testing.T) {
		rs, peer := tcpPair(t)
		want := pattern(8<<20, 2)
		done := make(chan error, 1)
		go func() {
			n, err := rs.Write(want)
			if err == nil && n != len(want) {
				err = errors.New("short write")
			}
			done <- err
		}()
		time.Sleep(20 * time.Millisecond) // let the write fill the buffers and park
		got, err := io.ReadAll(io.LimitReader(peer, int64(len(want))))
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("peer read %d bytes (want %d), equal %v, err %v", len(got), len(want), bytes.Equal(got, want), err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
	t.Run("read and write at once", func(t *testing.T) {
		rs, peer := tcpPair(t)
		in, out := pattern(4<<20, 3), pattern(4<<20, 4)
		var wg sync.WaitGroup
		var readErr, writeErr, peerErr error
		var got, peerGot []byte
		wg.Add(4)
		go func() { defer wg.Done(); _, writeErr = peer.Write(in) }()
		go func() {
			defer wg.Done()
			peerGot, peerErr = io.ReadAll(io.LimitReader(peer, int64(len(out))))
		}()
		go func() { // the request's packets
			defer wg.Done()
			for b := out; len(b) > 0 && writeErr == nil; b = b[min(len(b), 4096):] {
				if _, err := rs.Write(b[:min(len(b), 4096)]); err != nil {
					writeErr = err
				}
			}
		}()
		go func() { // the watcher's reads
			defer wg.Done()
			got, readErr = io.ReadAll(io.LimitReader(rs, int64(len(in))))
		}()
		wg.Wait()
		for _, err := range []error{readErr, writeErr, peerErr} {
			if err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(got, in) || !bytes.Equal(peerGot, out) {
			t.Fatalf("corrupted: server read equal %v (%d bytes), peer read equal %v (%d bytes)",
				bytes.Equal(got, in), len(got), bytes.Equal(peerGot, out), len(peerGot))
		}
	})
	t.Run("deadline", func(t *testing.T) {
		rs, peer := tcpPair(t)
		rs.SetReadDeadline(time.Unix(1, 0)) // how stopWatch stops the watcher
		_, err := rs.Read(make([]byte, 10))
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Fatalf("read past the deadline: %v, want a timeout", err)
		}
		rs.SetReadDeadline(time.Time{})
		peer.Write([]byte("after"))
		buf := make([]byte, 10)
		if n, err := rs.Read(buf); err != nil || string(buf[:n]) != "after" {
			t.Fatalf("read after the deadline was cleared: %q, %v", buf[:n], err)
		}
	})
	t.Run("close wakes a parked read", func(t *testing.T) {
		rs, _ := tcpPair(t)
		done := make(chan error, 1)
		go func() {
			_, err := rs.Read(make([]byte, 10))
			done <- err
		}()
		time.Sleep(10 * time.Millisecond)
		rs.Close()
		if err := <-done; !errors.Is(err, net.ErrClosed) {
			t.Fatalf("read of a closed socket: %v, want net.ErrClosed", err)
		}
		if _, err := rs.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
			t.Fatalf("write to a closed socket: %v, want net.ErrClosed", err)
		}
	})
	t.Run("peer reset", func(t *testing.T) {
		rs, peer := tcpPair(t)
		peer.(*net.TCPConn).SetLinger(0) // close sends RST
		peer.Close()
		time.Sleep(10 * time.Millisecond)
		_, err := rs.Read(make([]byte, 10))
		var oe *net.OpError
		if !errors.As(err, &oe) || oe.Op != "read" {
			t.Fatalf("read after the peer's reset: %v, want a *net.OpError of read", err)
		}
	})
}

// TestRawSocketTransport checks that a TCP connection is served through a
// rawSocket from its accept: PRELOGIN, login and requests, and the records
// of a TLS connection (tls.Conn over the socket, checked end to end by the
// encrypted logins of TestE2ELoginAndEncryption). Other transports (net.Pipe
// in the fuzz tests, a TLS connection itself) do not get one.
func TestRawSocketTransport(t *testing.T) {
	srv, addr := startRaw(t, 0)
	rc := dialRaw(t, addr)
	rc.login()
	rc.send(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "x")...))
	rc.read()
	srv.mu.Lock()
	var raws, rds []net.Conn
	for c := range srv.conns {
		raws, rds = append(raws, c.raw), append(rds, c.rd)
	}
	srv.mu.Unlock()
	if len(rds) != 1 {
		t.Fatalf("%d connections", len(rds))
	}
	if _, ok := raws[0].(*rawSocket); !ok {
		t.Errorf("accepted TCP connection is a %T, want *rawSocket", raws[0])
	}
	if _, ok := rds[0].(*rawSocket); !ok {
		t.Errorf("plain TCP connection reads requests through %T, want *rawSocket", rds[0])
	}
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	if rs := newRawSocket(a); rs != nil {
		t.Error("newRawSocket took a net.Pipe")
	}
	if rs := newRawSocket(tls.Server(a, &tls.Config{})); rs != nil {
		t.Error("newRawSocket took a TLS connection")
	}
}
