package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"log"
	"net"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The TDS stub (-stub, wire suite): the floor under a go-mssqldb `SELECT 1`
// round trip. It relays PRELOGIN and LOGIN7 to the real mirrorsql instance
// (so the client logs in exactly as against it), then answers every request
// with the 37 bytes mirrorsql sends for `SELECT 1` (engine/session's
// TestSelectOneReplyBytes) from a bare Go read/write loop: no parsing, no
// engine. Against it, go-mssqldb's CPU per round trip is what the client
// costs with a server that costs nothing, and the stub's own CPU is what a
// do-nothing Go server pays for the socket calls and the scheduler; our
// server's distance above it is all that tds, the session and the engine
// can still cut (session 23, loaded machine: go-mssqldb's CPU at 16
// connections within 0.1–1.3 µs against either in three interleaved runs,
// our server 2.6–3.8 µs above the stub; docs/benchmarks.md). It runs as a
// child process (this binary with -stub-serve), so its CPU is not counted
// as the client's.

// stubSelectOne is mirrorsql's reply to `select 1`: COLMETADATA (one INT4
// column, no name), ROW 1, DONE (COUNT, SELECT, 1), one packet, SPID 54.
var stubSelectOne = []byte{
	0x04, 0x01, 0x00, 0x25, 0x00, 0x36, 0x01, 0x00,
	0x81, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x38, 0x00,
	0xd1, 0x01, 0x00, 0x00, 0x00,
	0xfd, 0x10, 0x00, 0xc1, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
}

// stubAttentionAck answers an Attention: DONE with DONE_ATTN.
var stubAttentionAck = []byte{
	0x04, 0x01, 0x00, 0x15, 0x00, 0x36, 0x01, 0x00,
	0xfd, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
}

const packetAttention = 0x06

// readMessage reads one TDS message (packets up to the one with EOM) into
// buf[:0] and returns it with the first packet's type.
func readMessage(r io.Reader, buf []byte) ([]byte, byte, error) {
	out := buf[:0]
	var typ byte
	var h [8]byte
	for first := true; ; first = false {
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return nil, 0, err
		}
		if first {
			typ = h[0]
		}
		n := int(binary.BigEndian.Uint16(h[2:4]))
		if n < len(h) {
			return nil, 0, fmt.Errorf("stub: packet length %d", n)
		}
		out = append(out, h[:]...)
		start := len(out)
		out = slices.Grow(out, n-len(h))[:start+n-len(h)]
		if _, err := io.ReadFull(r, out[start:]); err != nil {
			return nil, 0, err
		}
		if h[1]&0x01 != 0 {
			return out, typ, nil
		}
	}
}

// serveStub accepts connections on ln until it fails; each logs in through
// backend (host:port of a TDS server, without TLS: encrypt=disable).
func serveStub(ln net.Listener, backend string) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go stubConn(c, backend)
	}
}

func stubConn(c net.Conn, backend string) {
	defer c.Close()
	b, err := net.DialTimeout("tcp", backend, 5*time.Second)
	if err != nil {
		log.Printf("stub: %v", err)
		return
	}
	r := bufio.NewReaderSize(c, 4096)
	br := bufio.NewReaderSize(b, 4096)
	buf := make([]byte, 0, 4096)
	for i := 0; i < 2; i++ { // PRELOGIN, LOGIN7 and their answers
		m, _, err := readMessage(r, buf)
		if err == nil {
			_, err = b.Write(m)
		}
		if err == nil {
			m, _, err = readMessage(br, buf)
		}
		if err == nil {
			_, err = c.Write(m)
		}
		if err != nil {
			b.Close()
			return
		}
	}
	b.Close() // the session's work ends here; the stub answers from now on
	for {
		_, typ, err := readMessage(r, buf)
		if err != nil {
			return
		}
		reply := stubSelectOne
		if typ == packetAttention {
			reply = stubAttentionAck
		}
		if _, err := c.Write(reply); err != nil {
			return
		}
	}
}

// stubProc is a running stub process.
type stubProc struct {
	addr string
	cmd  *exec.Cmd
}

// startStub runs this binary as a stub in front of backend.
func startStub(backend string) (*stubProc, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	cmd := exec.Command(self, "-stub-serve", addr+","+backend)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return &stubProc{addr: addr, cmd: cmd}, nil
		}
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	return nil, fmt.Errorf("stub on %s did not start", addr)
}

func (s *stubProc) stop() {
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
}

// stubDSN is go-mssqldb's connection string to a stub at addr, as
// instance.dsn's for the database the wire suite uses.
func stubDSN(addr string) string {
	return fmt.Sprintf("sqlserver://sa:%s@%s?database=bench&encrypt=disable&dial+timeout=5", url.QueryEscape(saPassword), addr)
}

// stubServeMain is -stub-serve LISTEN,BACKEND.
func stubServeMain(arg string) {
	listen, backend, ok := strings.Cut(arg, ",")
	if !ok {
		log.Fatalf("-stub-serve wants LISTEN,BACKEND, got %q", arg)
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(serveStub(ln, backend))
}
