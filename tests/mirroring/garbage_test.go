package mirroring_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestGarbageAtEndpoints sends what is not a mirroring peer to the
// mirroring endpoints of both partners of a running SAFETY FULL session —
// random bytes, a handshake cut short, a valid handshake followed by garbage
// or by frames no peer sends — and random bytes to the TDS port. Each
// connection is refused or dropped; the session on its own connection is
// undisturbed (every case is followed by a commit, which under SAFETY FULL
// waits for the mirror, and the role sequence does not move), and when it is
// over neither process holds more goroutines or file descriptors than before
// (style.md principle 4: untrusted bytes never panic the process).
func TestGarbageAtEndpoints(t *testing.T) {
	c := newCluster(t, setupOptions{pprof: true})
	next := 100
	commit := func(t *testing.T) {
		t.Helper()
		next++
		if err := c.exec(c.principal, fmt.Sprintf("INSERT INTO %s.dbo.events (id, written_on) VALUES (%d, @@SERVERNAME)", dbName, next)); err != nil {
			t.Fatalf("commit on the principal: %v; %s", err, c.describe())
		}
	}
	commit(t)
	c.waitState(c.mirror, "SYNCHRONIZED") // newCluster waited for the principal's view only
	seq := c.mustRow(c.principal).Seq
	base := map[*harness.Server]resources{}
	for _, s := range []*harness.Server{c.principal, c.mirror} {
		base[s] = c.resources(s)
	}

	rng := rand.New(rand.NewPCG(5, 17))
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	negotiate := proto.Marshal(&proto.Negotiate{Encryption: proto.EncryptionRequired, Auth: []proto.AuthMethod{proto.AuthWindows}})
	endpointPort := func(s *harness.Server) int { return c.endpoint[s] }
	tdsPort := func(s *harness.Server) int { return s.Port }
	tests := []struct {
		name string
		port func(*harness.Server) int
		send func(t *testing.T, nc net.Conn)
	}{
		{"random bytes", endpointPort, func(t *testing.T, nc net.Conn) { _, _ = nc.Write(random) }},
		{"half a Negotiate", endpointPort, func(t *testing.T, nc net.Conn) { _, _ = nc.Write(negotiate[:len(negotiate)/2]) }},
		{"Negotiate then half a TLS hello", endpointPort, func(t *testing.T, nc net.Conn) {
			pc := proto.NewConn(nc, 1<<20)
			if err := pc.WriteMessage(&proto.Negotiate{Encryption: proto.EncryptionRequired, Auth: []proto.AuthMethod{proto.AuthWindows}}); err != nil {
				t.Fatal(err)
			}
			_ = pc.Flush()
			if _, err := pc.ReadMessage(); err != nil {
				t.Fatalf("NegotiateAck: %v", err)
			}
			_, _ = nc.Write([]byte{0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00})
		}},
		{"handshake then random bytes", endpointPort, func(t *testing.T, nc net.Conn) {
			_, _ = handshake(t, nc).Write(random)
		}},
		{"handshake then a frame of unknown type", endpointPort, func(t *testing.T, nc net.Conn) {
			payload := []byte{1, 2, 3, 4}
			f := binary.BigEndian.AppendUint32([]byte("MSDM\x02\x63\x00\x00\x00\x00\x00\x04"), crc32.Checksum(payload, crc32.MakeTable(crc32.Castagnoli)))
			_, _ = handshake(t, nc).Write(append(f, payload...))
		}},
		{"handshake then a frame with a bad checksum", endpointPort, func(t *testing.T, nc net.Conn) {
			f := proto.Marshal(&proto.Hello{InstanceName: "GARBAGE", Role: proto.EndpointPartner, MinVersion: proto.Version, MaxVersion: proto.Version})
			f[len(f)-1] ^= 0xFF
			_, _ = handshake(t, nc).Write(f)
		}},
		{"handshake then a second Hello", endpointPort, func(t *testing.T, nc net.Conn) {
			_, _ = handshake(t, nc).Write(proto.Marshal(&proto.Hello{InstanceName: "GARBAGE", InstanceID: uuid.New(),
				Role: proto.EndpointPartner, MinVersion: proto.Version, MaxVersion: proto.Version}))
		}},
		{"TDS port: random bytes", tdsPort, func(t *testing.T, nc net.Conn) { _, _ = nc.Write(random) }},
		{"TDS port: half a PRELOGIN", tdsPort, func(t *testing.T, nc net.Conn) { _, _ = nc.Write([]byte{0x12, 0x01, 0x00, 0x40, 0, 0}) }},
	}
	for _, s := range []*harness.Server{c.principal, c.mirror} {
		for _, tt := range tests {
			t.Run(s.Name+"/"+tt.name, func(t *testing.T) {
				nc, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", tt.port(s)), 10*time.Second)
				if err != nil {
					t.Fatal(err)
				}
				defer nc.Close()
				_ = nc.SetDeadline(time.Now().Add(30 * time.Second)) // against a hang, not an assertion
				tt.send(t, nc)
				// The session commits while the garbage connection is still
				// open (a peer that stalls mid-handshake included).
				commit(t)
				if r := c.mustRow(c.principal); r.State != "SYNCHRONIZED" || r.Seq != seq {
					t.Fatalf("principal after %s: %s, want SYNCHRONIZED at sequence %d", tt.name, r, seq)
				}
				if r := c.mustRow(c.mirror); r.State != "SYNCHRONIZED" || r.Seq != seq {
					t.Fatalf("mirror after %s: %s, want SYNCHRONIZED at sequence %d", tt.name, r, seq)
				}
			})
		}
	}
	// Every garbage connection is closed now: each process returns to what it
	// held before (a little slack for pooled client connections).
	for _, s := range []*harness.Server{c.principal, c.mirror} {
		now, deadline := c.resources(s), time.Now().Add(60*time.Second)
		for (now.goroutines > base[s].goroutines+4 || now.fds > base[s].fds+4) && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
			now = c.resources(s)
		}
		if now.goroutines > base[s].goroutines+4 || now.fds > base[s].fds+4 {
			t.Errorf("%s holds goroutines %d → %d, descriptors %d → %d after the garbage connections closed", s.Name,
				base[s].goroutines, now.goroutines, base[s].fds, now.fds)
		}
	}
	commit(t)
}

// handshake performs a dialer's handshake on nc as a partner endpoint with
// ENCRYPTION REQUIRED and Windows authentication would (Negotiate, TLS, Hello)
// and returns the connection that frames now travel on.
func handshake(t *testing.T, nc net.Conn) net.Conn {
	t.Helper()
	pc := proto.NewConn(nc, 1<<20)
	exchange := func(m proto.Message) proto.Message {
		t.Helper()
		if err := pc.WriteMessage(m); err != nil {
			t.Fatal(err)
		}
		if err := pc.Flush(); err != nil {
			t.Fatal(err)
		}
		r, err := pc.ReadMessage()
		if err != nil {
			t.Fatalf("answer to %s: %v", m.Type(), err)
		}
		return r
	}
	ack, ok := exchange(&proto.Negotiate{Encryption: proto.EncryptionRequired, Auth: []proto.AuthMethod{proto.AuthWindows}}).(*proto.NegotiateAck)
	if !ok || !ack.Encrypt {
		t.Fatalf("NegotiateAck %+v", ack)
	}
	tc := tls.Client(nc, &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12})
	if err := tc.Handshake(); err != nil {
		t.Fatalf("tls: %v", err)
	}
	pc = proto.NewConn(tc, 1<<20)
	if m, ok := exchange(&proto.Hello{InstanceName: "GARBAGE", InstanceID: uuid.New(), Role: proto.EndpointPartner,
		MinVersion: proto.Version, MaxVersion: proto.Version}).(*proto.HelloAck); !ok {
		t.Fatalf("Hello answered with %+v", m)
	}
	return tc
}

// resources is what a server process holds that a dropped connection must
// give back.
type resources struct{ goroutines, fds int }

// resources reads s's goroutine count from its pprof listener and its open
// descriptors from /proc (0 where there is no /proc).
func (c *cluster) resources(s *harness.Server) resources {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+c.pprof[s]+"/debug/pprof/goroutine?debug=1", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s: goroutine profile: %v", s.Name, err)
	}
	defer resp.Body.Close()
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	_, _ = io.Copy(io.Discard, resp.Body)
	var r resources
	if _, err := fmt.Sscanf(strings.TrimSpace(line), "goroutine profile: total %d", &r.goroutines); err != nil {
		c.t.Fatalf("%s: goroutine profile %q: %v", s.Name, line, err)
	}
	if fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", s.PID())); err == nil {
		r.fds = len(fds)
	}
	return r
}
