package endpoint

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// TestAcceptVersions: the acceptor answers a Hello with the highest version
// both speak and then reads and writes frames at it; a peer with no version in
// common is refused with 28027, whose text names both ranges
// (docs/compatibility.md).
func TestAcceptVersions(t *testing.T) {
	ln, conns := startListener(t, nil)
	cases := []struct {
		name     string
		min, max uint8
		want     uint8 // 0: refused
	}{
		{"previous release", 2, 2, 2},
		{"this release", proto.MinVersion, proto.Version, proto.Version},
		{"newer release", proto.MinVersion, proto.Version + 1, proto.Version},
		{"future release", proto.Version + 1, proto.Version + 1, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			nc, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer nc.Close()
			_ = nc.SetDeadline(time.Now().Add(10 * time.Second))
			pc := proto.NewConn(nc, 0)
			m, err := exchange(pc, &proto.Hello{InstanceName: "PEER", Role: proto.EndpointPartner, MinVersion: tc.min, MaxVersion: tc.max})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == 0 {
				r, ok := m.(*proto.HelloReject)
				const text = "Connection handshake failed. There is no compatible mirroring protocol version (this endpoint speaks 2 to 4, the peer 5 to 5). State 23."
				if !ok || r.Number != 28027 || r.State != 23 || r.Message != text {
					t.Fatalf("got %#v, want the 28027 refusal %q", m, text)
				}
				return
			}
			ack, ok := m.(*proto.HelloAck)
			if !ok || ack.Version != tc.want {
				t.Fatalf("got %#v, want HelloAck at version %d", m, tc.want)
			}
			pc.SetVersion(ack.Version)
			s := <-conns
			if s.Version() != tc.want {
				t.Fatalf("acceptor's connection speaks %d, want %d", s.Version(), tc.want)
			}
			if err := pc.WriteMessage(&proto.Ping{Seq: 7}); err != nil {
				t.Fatal(err)
			}
			if err := pc.Flush(); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Recv(); err != nil || got.(*proto.Ping).Seq != 7 {
				t.Fatalf("acceptor read %v, %v", got, err)
			}
			if err := s.Send(&proto.Ping{Seq: 8}); err != nil {
				t.Fatal(err)
			}
			if got, err := pc.ReadMessage(); err != nil || got.(*proto.Ping).Seq != 8 {
				t.Fatalf("peer read %v, %v (frames at the agreed version)", got, err)
			}
			s.Close()
		})
	}
}

// TestDialPreviousRelease: a dialer meeting an acceptor of the previous release
// (which speaks version 2 only and rejects any frame not at 2, as 2e399cb's
// ParseHeader does) agrees on 2 and sends its frames at 2.
func TestDialPreviousRelease(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	got := make(chan error, 1)
	go func() {
		nc, err := l.Accept()
		if err != nil {
			got <- err
			return
		}
		defer nc.Close()
		_ = nc.SetDeadline(time.Now().Add(10 * time.Second))
		pc := proto.NewConn(nc, 0)
		pc.SetVersion(2)                            // the previous release reads version 2 frames only
		if _, err := pc.ReadMessage(); err != nil { // Negotiate
			got <- err
			return
		}
		m, err := exchange(pc, &proto.NegotiateAck{Auth: proto.AuthWindows})
		if err != nil {
			got <- err
			return
		}
		if h, ok := m.(*proto.Hello); !ok || h.MinVersion > 2 || h.MaxVersion < 2 {
			t.Errorf("got %#v, want a Hello that offers 2", m)
		}
		// exchange's read is the Ping the dialer sends after the handshake.
		_, err = exchange(pc, &proto.HelloAck{InstanceName: "OLD", Role: proto.EndpointAll, Version: 2})
		got <- err
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, "TCP://"+l.Addr().String(), ident("NEW", proto.EndpointPartner), nil)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.Close()
	if c.Version() != 2 {
		t.Fatalf("connection speaks %d, want 2", c.Version())
	}
	if err := c.Send(&proto.Ping{Seq: 1}); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatalf("previous release's acceptor: %v", err)
	}
}
