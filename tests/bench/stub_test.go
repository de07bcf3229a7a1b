package main

import (
	"bytes"
	"context"
	"database/sql"
	"net"
	"testing"

	_ "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tds"
	"github.com/mirrorsql/mirrorsql/tds/tdstest"
)

// loginOnly accepts every login and answers no request: through the stub, a
// request that reached it would fail the test.
type loginOnly struct{ t *testing.T }
type loginOnlySession struct{ t *testing.T }

func (h loginOnly) Login(context.Context, *tds.LoginRequest) (tds.Session, error) {
	return loginOnlySession(h), nil
}
func (loginOnlySession) LoginInfo() tds.LoginAck { return tds.LoginAck{} }
func (loginOnlySession) Close()                  {}
func (s loginOnlySession) Batch(context.Context, *tds.BatchRequest, tds.ResultWriter) error {
	s.t.Error("a batch reached the stub's backend")
	return nil
}
func (s loginOnlySession) RPC(context.Context, *tds.RPCRequest, tds.ResultWriter) error {
	s.t.Error("an RPC reached the stub's backend")
	return nil
}
func (s loginOnlySession) Transaction(context.Context, *tds.TMRequest, tds.ResultWriter) error {
	s.t.Error("a transaction request reached the stub's backend")
	return nil
}

// TestStubSelectOne: go-mssqldb logs in through the stub (relayed to a real
// tds.Server) and every SELECT 1 on the pinned connection is answered by
// the stub itself with 1.
func TestStubSelectOne(t *testing.T) {
	backend := tdstest.StartServer(t, loginOnly{t})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() { _ = serveStub(ln, backend.Addr) }()
	db, err := sql.Open("sqlserver", stubDSN(ln.Addr().String()))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for i := 0; i < 3; i++ {
		var v int64
		if err := c.QueryRowContext(ctx, "SELECT 1").Scan(&v); err != nil || v != 1 {
			t.Fatalf("SELECT 1 #%d through the stub: %v, %v", i+1, v, err)
		}
	}
}

func TestReadMessage(t *testing.T) {
	pkt := func(status byte, body string) []byte {
		n := 8 + len(body)
		return append([]byte{0x01, status, byte(n >> 8), byte(n), 0, 0, 1, 0}, body...)
	}
	two := append(pkt(0x00, "ab"), pkt(0x01, "c")...)
	for _, tc := range []struct {
		name string
		in   []byte
		want []byte
		ok   bool
	}{
		{"one packet", pkt(0x01, "xyz"), pkt(0x01, "xyz"), true},
		{"two packets, EOM on the second", two, two, true},
		{"length below the header", []byte{0x01, 0x01, 0x00, 0x04, 0, 0, 1, 0}, nil, false},
		{"truncated body", pkt(0x01, "xyz")[:9], nil, false},
		{"no EOM before the end", pkt(0x00, "a"), nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, typ, err := readMessage(bytes.NewReader(tc.in), nil)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v, want ok=%v", err, tc.ok)
			}
			if tc.ok && (!bytes.Equal(got, tc.want) || typ != 0x01) {
				t.Fatalf("got %x (type %#x), want %x", got, typ, tc.want)
			}
		})
	}
}
