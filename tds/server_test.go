package tds

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// echoHandler accepts every login; its session answers every batch with DONE.
type echoHandler struct{}

type echoSession struct{}

func (echoHandler) Login(context.Context, *LoginRequest) (Session, error) { return echoSession{}, nil }
func (echoSession) LoginInfo() LoginAck                                   { return LoginAck{SPID: 60} }
func (echoSession) Batch(ctx context.Context, r *BatchRequest, w ResultWriter) error {
	if r.Text == "block" {
		<-ctx.Done()
		return ctx.Err()
	}
	if ms, ok := strings.CutPrefix(r.Text, "sleep "); ok { // "sleep N": N ms unless cancelled
		n, _ := strconv.Atoi(ms)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(n) * time.Millisecond):
		}
	}
	return w.Done(Done, 0, 0, 0)
}
func (echoSession) RPC(context.Context, *RPCRequest, ResultWriter) error        { return nil }
func (echoSession) Transaction(context.Context, *TMRequest, ResultWriter) error { return nil }
func (echoSession) Close()                                                      {}

func startRaw(t testing.TB, loginTimeout time.Duration) (*Server, string) {
	t.Helper()
	return startHandler(t, echoHandler{}, loginTimeout)
}

// startHandler serves h on a loopback listener until the test ends.
func startHandler(t testing.TB, h Handler, loginTimeout time.Duration) (*Server, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Handler: h, LoginTimeout: loginTimeout, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan error, 1)
	go func() { done <- s.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Shutdown(ctx)
		<-done
	})
	return s, l.Addr().String()
}

// rawClient speaks just enough TDS to log in without encryption.
type rawClient struct {
	t  testing.TB
	c  net.Conn
	mr *MessageReader
}

func dialRaw(t testing.TB, addr string) *rawClient {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second)) // safety net against hangs, not an assertion
	return &rawClient{t: t, c: c, mr: NewMessageReader(c)}
}

func (rc *rawClient) send(typ PacketType, status byte, payload []byte) {
	rc.t.Helper()
	if _, err := rc.c.Write(writeMessage(typ, status, payload, 4096)); err != nil {
		rc.t.Fatal(err)
	}
}

func (rc *rawClient) read() ([]decodedToken, Message) {
	rc.t.Helper()
	m, err := rc.mr.ReadMessage()
	if err != nil {
		rc.t.Fatal(err)
	}
	toks, err := decodeTokens(m.Payload)
	if err != nil {
		rc.t.Fatalf("decode: %v", err)
	}
	return toks, m
}

func (rc *rawClient) login() []decodedToken {
	rc.t.Helper()
	rc.send(PacketPrelogin, 0, AppendPrelogin(nil, &Prelogin{Options: map[byte][]byte{
		preloginVersion: make([]byte, 6), preloginEncryption: {EncryptNotSup}}}))
	if _, err := rc.mr.ReadMessage(); err != nil {
		rc.t.Fatal(err)
	}
	rc.send(PacketLogin7, 0, buildLogin7(sampleLogin()))
	toks, _ := rc.read()
	return toks
}

// expectClose reads until the server closes the connection.
func (rc *rawClient) expectClose() {
	rc.t.Helper()
	_, err := io.Copy(io.Discard, rc.c)
	if err != nil {
		rc.t.Fatalf("connection not closed cleanly: %v", err)
	}
}

func TestLoginResponseSequence(t *testing.T) {
	_, addr := startRaw(t, 0)
	rc := dialRaw(t, addr)
	toks := rc.login()
	var seq []string
	for _, tk := range toks {
		switch {
		case tk.Env != nil:
			seq = append(seq, tk.Env.String())
		case tk.Info != nil:
			seq = append(seq, "info"+itoa(int(tk.Info.Number)))
		case tk.LoginAck != nil:
			seq = append(seq, "loginack")
		case tk.FeatureAck != nil:
			seq = append(seq, "featureextack")
		case tk.Done != nil:
			seq = append(seq, "done"+itoa(int(tk.Done.Status)))
		}
	}
	want := []string{"env1:master/master", "info5701", "env7:0904d00034/", "env2:us_english/", "info5703",
		"loginack", "featureextack", "env4:4096/4096", "done0"}
	if len(seq) != len(want) {
		t.Fatalf("sequence %v", seq)
	}
	for i := range want {
		if seq[i] != want[i] {
			t.Fatalf("sequence %v, want %v", seq, want)
		}
	}
	if a := toks[5].LoginAck; a.Interface != 1 || a.TDSVersion != TDS74 || a.ProgName != "Microsoft SQL Server" {
		t.Fatalf("loginack %+v", a)
	}
	if !bytes.Equal(toks[6].FeatureAck[FeatureUTF8Support], []byte{0}) {
		t.Fatalf("featureextack %v", toks[6].FeatureAck)
	}
}

func itoa(i int) string { return string(appendInt(nil, i)) }
func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

func TestConnectionMalformedInput(t *testing.T) {
	_, addr := startRaw(t, 200*time.Millisecond)
	tests := []struct {
		name string
		send func(rc *rawClient)
	}{
		{"half a packet then silence", func(rc *rawClient) { rc.c.Write([]byte{0x12, 0x01, 0x00, 0x40, 0, 0}) }},
		{"nothing at all", func(rc *rawClient) {}},
		{"login7 before prelogin", func(rc *rawClient) { rc.send(PacketLogin7, 0, buildLogin7(sampleLogin())) }},
		{"garbage prelogin", func(rc *rawClient) { rc.send(PacketPrelogin, 0, []byte{1, 2, 3}) }},
		{"packet length below header", func(rc *rawClient) { rc.c.Write([]byte{0x12, 0x01, 0x00, 0x02, 0, 0, 0, 0}) }},
		{"absurd login7 offsets", func(rc *rawClient) {
			rc.send(PacketPrelogin, 0, AppendPrelogin(nil, &Prelogin{Options: map[byte][]byte{preloginEncryption: {EncryptNotSup}}}))
			rc.mr.ReadMessage()
			b := buildLogin7(sampleLogin())
			b[40], b[41] = 0xFF, 0xFF
			rc.send(PacketLogin7, 0, b)
		}},
		{"unknown message after login", func(rc *rawClient) { rc.login(); rc.send(PacketType(0x05), 0, []byte{1}) }},
		{"truncated message after login", func(rc *rawClient) {
			rc.login()
			rc.c.Write(writeMessage(PacketSQLBatch, 0, make([]byte, 100), 4096)[:50])
			rc.c.(*net.TCPConn).CloseWrite()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := dialRaw(t, addr)
			tt.send(rc)
			rc.expectClose()
		})
	}
}

func TestConnectionMalformedRequestKeepsConnection(t *testing.T) {
	_, addr := startRaw(t, 0)
	rc := dialRaw(t, addr)
	rc.login()
	for _, tt := range []struct {
		name string
		typ  PacketType
		p    []byte
	}{
		{"RPC name beyond payload", PacketRPC, append(allHeaders(0), 0xFF, 0x00, 0x61)},
		{"BULKLOAD to a Session without BulkLoad", PacketBulkLoad, []byte{tokenColMetadata}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rc.send(tt.typ, 0, tt.p)
			toks, _ := rc.read()
			if len(toks) != 2 || toks[0].Error == nil || toks[0].Error.Number != protocolErrorNumber || toks[1].Done.Status != DoneError {
				t.Fatalf("tokens %+v", toks)
			}
			rc.send(PacketSQLBatch, StatusResetConnection, append(allHeaders(0), appendUCS2(nil, "x")...))
			if toks, _ := rc.read(); len(toks) != 1 || toks[0].Done == nil || toks[0].Done.Status != 0 {
				t.Fatalf("tokens %+v", toks)
			}
		})
	}
}

func TestAttention(t *testing.T) {
	_, addr := startRaw(t, 0)
	rc := dialRaw(t, addr)
	rc.login()
	t.Run("stray attention is answered", func(t *testing.T) {
		rc.send(PacketAttention, 0, nil)
		toks, m := rc.read()
		if len(toks) != 1 || toks[0].Done.Status != DoneAttn || m.Type != PacketReply {
			t.Fatalf("%+v", toks)
		}
	})
	t.Run("attention cancels a running request", func(t *testing.T) {
		rc.send(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "block")...))
		rc.send(PacketAttention, 0, nil)
		var last decodedToken
		for last.Done == nil || last.Done.Status&DoneAttn == 0 { // the ack may come in the next message
			toks, _ := rc.read()
			last = toks[len(toks)-1]
		}
		rc.send(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "x")...))
		if toks, _ := rc.read(); toks[0].Done == nil || toks[0].Done.Status != 0 {
			t.Fatalf("after attention: %+v", toks)
		}
	})
	t.Run("packet header carries the SPID", func(t *testing.T) {
		rc.send(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "x")...))
		hdr := make([]byte, 8)
		io.ReadFull(rc.c, hdr)
		if hdr[4] != 0 || hdr[5] != 60 {
			t.Fatalf("header % x", hdr)
		}
		io.ReadFull(rc.c, make([]byte, int(hdr[2])<<8|int(hdr[3])-8))
	})
}

func TestShutdownClosesIdleAndNoLeaks(t *testing.T) {
	before := runtime.NumGoroutine()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Handler: echoHandler{}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan error, 1)
	go func() { done <- s.Serve(l) }()
	var clients []*rawClient
	for i := 0; i < 20; i++ {
		rc := dialRaw(t, l.Addr().String())
		rc.login()
		clients = append(clients, rc)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, ErrServerClosed) {
		t.Fatalf("Serve: %v", err)
	}
	for _, rc := range clients {
		rc.expectClose()
	}
	for runtime.NumGoroutine() > before {
		if ctx.Err() != nil {
			buf := make([]byte, 1<<20)
			t.Fatalf("goroutines before %d after %d\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestIdleConnectionMemory measures heap+stack per idle authenticated
// connection (server and the raw client in this process together).
func TestIdleConnectionMemory(t *testing.T) {
	_, addr := startRaw(t, 0)
	const n = 200
	measure := func() uint64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapInuse + ms.StackInuse
	}
	base := measure()
	clients := make([]*rawClient, n)
	for i := range clients {
		clients[i] = dialRaw(t, addr)
		clients[i].login()
	}
	per := (int64(measure()) - int64(base)) / n
	t.Logf("idle authenticated connection: %d bytes (server + client side)", per)
	if per >= 64<<10 {
		t.Fatalf("idle connection costs %d bytes, want < 64 KiB", per)
	}
}

func TestLoginVersionAndPartner(t *testing.T) {
	for _, tt := range []struct {
		client, want uint32
	}{{TDS74, TDS74}, {0x730B0003, 0x730B0003}, {0x08000000, TDS74}} {
		req := sampleLogin()
		req.TDSVersion = tt.client
		b, size, err := loginResponse(req, LoginAck{MirrorPartner: "mirror1", PacketSize: 100000}, &Server{})
		if err != nil {
			t.Fatal(err)
		}
		toks, err := decodeTokens(b)
		if err != nil {
			t.Fatal(err)
		}
		var ack *loginAckToken
		var partner, psize *EnvChange
		for _, tk := range toks {
			switch {
			case tk.LoginAck != nil:
				ack = tk.LoginAck
			case tk.Env != nil && tk.Env.Type == EnvMirrorPartner:
				partner = tk.Env
			case tk.Env != nil && tk.Env.Type == EnvPacketSize:
				psize = tk.Env
			}
		}
		if ack == nil || ack.TDSVersion != tt.want {
			t.Fatalf("client %#x: loginack %+v", tt.client, ack)
		}
		if partner == nil || partner.NewValue != "mirror1" || psize == nil || psize.NewValue != "32767" || size != 32767 {
			t.Fatalf("partner %v packet size %v (%d)", partner, psize, size)
		}
	}
}
