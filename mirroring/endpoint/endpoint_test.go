package endpoint

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"TCP://MYSERVER.mydomain.Adventure-Works.com:7777", "MYSERVER.mydomain.Adventure-Works.com:7777", true},
		{"tcp://10.193.9.134:7023", "10.193.9.134:7023", true},
		{"TCP://[2001:4898:23:1002:20f:1fff:feff:b3a3]:7022", "[2001:4898:23:1002:20f:1fff:feff:b3a3]:7022", true},
		{"TCP://DBSERVER1:7022", "DBSERVER1:7022", true},
		{"TCP://host", "", false},
		{"TCP://host:0", "", false},
		{"TCP://host:65536", "", false},
		{"TCP://:7022", "", false},
		{"HTTP://host:7022", "", false},
		{"host:7022", "", false},
		{"TCP://host:7022/path", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseAddress(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Fatalf("ParseAddress(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

func FuzzParseAddress(f *testing.F) {
	for _, s := range []string{"TCP://h:1", "tcp://[::1]:7022", "TCP://", "TCP://a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if hp, err := ParseAddress(s); err == nil {
			if _, _, err := net.SplitHostPort(hp); err != nil {
				t.Fatalf("ParseAddress(%q) = %q, not host:port", s, hp)
			}
		}
	})
}

func TestListenAddress(t *testing.T) {
	tests := []struct {
		ip   string
		port int
		want string
	}{
		{"ALL", 7022, "0.0.0.0:7022"},
		{"", 1, "0.0.0.0:1"},
		{"(10.0.75.1)", 7022, "10.0.75.1:7022"},
		{"('::1')", 7022, "[::1]:7022"},
	}
	for _, tc := range tests {
		if got := ListenAddress(tc.ip, tc.port); got != tc.want {
			t.Errorf("ListenAddress(%q, %d) = %q, want %q", tc.ip, tc.port, got, tc.want)
		}
	}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func ident(name string, role proto.EndpointRole) Identity {
	return Identity{Name: name, Peer: Peer{ID: uuid.New(), Role: role}}
}

// startListener returns a listener whose accepted connections are handed to conns.
func startListener(t *testing.T, check func(*proto.Hello) *proto.ErrorBody) (*Listener, chan *Conn) {
	t.Helper()
	conns := make(chan *Conn, 4)
	ln, err := Listen(ListenConfig{Addr: "127.0.0.1:0", Self: ident("SERVER", proto.EndpointAll), Check: check,
		Logger: quiet(), Handle: func(c *Conn) {
			conns <- c
			<-c.Done()
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln, conns
}

func TestHandshakeAndMessages(t *testing.T) {
	ln, conns := startListener(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, "TCP://"+ln.Addr().String(), ident("CLIENT", proto.EndpointPartner), nil)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.Close()
	if p := c.Peer(); p.Name != "SERVER" || p.Role != proto.EndpointAll || c.IsAccept() {
		t.Errorf("dialer sees peer %+v accept=%v", p, c.IsAccept())
	}
	s := <-conns
	if p := s.Peer(); p.Name != "CLIENT" || p.Role != proto.EndpointPartner || !s.IsAccept() {
		t.Errorf("acceptor sees peer %+v accept=%v", p, s.IsAccept())
	}
	sent := []proto.Message{&proto.Ping{Seq: 1}, &proto.LogBlocks{FirstLSN: 1, EndLSN: 2, Blocks: make([]byte, 2<<20)}, &proto.Ping{Seq: 2}}
	if err := c.Send(sent...); err != nil {
		t.Fatal(err)
	}
	for i, want := range sent {
		got, err := s.Recv()
		if err != nil {
			t.Fatalf("Recv %d: %v", i, err)
		}
		if got.Type() != want.Type() {
			t.Fatalf("message %d: %s, want %s", i, got.Type(), want.Type())
		}
	}
	if st := c.Stats(); st.FramesSent != 3 || st.BytesSent < 2<<20 {
		t.Errorf("stats %+v", st)
	}
	c.Close()
	if _, err := s.Recv(); err == nil {
		t.Fatal("Recv after the peer closed succeeded")
	}
	if err := c.Send(&proto.Ping{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Send after Close = %v", err)
	}
}

func TestHandshakeReject(t *testing.T) {
	ln, _ := startListener(t, func(h *proto.Hello) *proto.ErrorBody {
		return &proto.ErrorBody{Number: 1418, Severity: 16, State: 1, Message: "no"}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := Dial(ctx, "TCP://"+ln.Addr().String(), ident("CLIENT", proto.EndpointPartner), nil)
	var re *proto.RemoteError
	if !errors.As(err, &re) || re.Number != 1418 {
		t.Fatalf("Dial = %v, want the 1418 rejection", err)
	}
}

// TestGarbageNeverPanics sends bytes that are not a Hello; the listener drops the
// connection and keeps accepting.
func TestGarbageNeverPanics(t *testing.T) {
	ln, conns := startListener(t, nil)
	for _, junk := range [][]byte{
		[]byte("GET / HTTP/1.0\r\n\r\n"),
		append([]byte("MSDM\x02\x63\x00\x00"), make([]byte, 8)...),                 // unknown type
		append([]byte("MSDM\x02\x01\x00\x00\xff\xff\xff\xff"), make([]byte, 4)...), // huge length
		{},
	} {
		nc, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		_, _ = nc.Write(junk)
		_ = nc.(*net.TCPConn).CloseWrite()
		_ = nc.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.ReadAll(nc); err != nil {
			t.Errorf("connection not closed cleanly: %v", err)
		}
		nc.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, "TCP://"+ln.Addr().String(), ident("CLIENT", proto.EndpointPartner), nil)
	if err != nil {
		t.Fatalf("listener stopped accepting: %v", err)
	}
	c.Close()
	<-conns
}
