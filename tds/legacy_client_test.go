package tds

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// What JDBC's jTDS 1.3 sends that newer drivers do not: LOGIN7 as the first
// message (no PRELOGIN without ssl=…) and, for executeBatch of a
// PreparedStatement, several RPC calls in one message.

// TestLoginWithoutPreloginRefused: a LOGIN7 without PRELOGIN (see
// TestDownLevelLogin for the 7.1 client that is logged in) is refused when
// the server requires encryption.
func TestLoginWithoutPreloginRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cert, err := LoadOrCreateCertificate(filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Handler: echoHandler{}, Encryption: EncryptionRequired,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}},
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil))}
	go s.Serve(l)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Shutdown(ctx)
	})
	login := sampleLogin()
	login.TDSVersion, login.Features = TDS71Rev1, nil
	rc := dialRaw(t, l.Addr().String())
	rc.send(PacketLogin7, 0, buildLogin7Fixed(login, login7FixedSize71))
	rc.expectClose()
}

// rpcCall is one RPC call by name with int parameters.
func rpcCall(t *testing.T, name string, args ...int64) []byte {
	b := appendUSVarchar(nil, name)
	b = append(b, 0, 0) // OptionFlags
	for _, a := range args {
		b = append(b, rpcParam(t, "", 0, TypeBigInt(), a)...)
	}
	return b
}

func TestDecodeRPCBatch(t *testing.T) {
	join := func(sep byte, calls ...[]byte) []byte {
		var b []byte
		for i, c := range calls {
			if i > 0 {
				b = append(b, sep)
			}
			b = append(b, c...)
		}
		return b
	}
	tests := []struct {
		name    string
		headers bool
		payload []byte
		want    []string // procedure name and parameter count per call
	}{
		{"one call", true, rpcCall(t, "p", 1), []string{"p/1"}},
		{"BatchFlag 0xFF (TDS 7.2+)", true, join(0xFF, rpcCall(t, "a", 1, 2), rpcCall(t, "b"), rpcCall(t, "c", 3)), []string{"a/2", "b/0", "c/1"}},
		{"NoExecFlag 0xFE", true, join(0xFE, rpcCall(t, "a"), rpcCall(t, "b", 1)), []string{"a/0", "b/1"}},
		{"BatchFlag 0x80 (TDS 7.1, no ALL_HEADERS)", false, join(0x80, rpcCall(t, "a", 1), rpcCall(t, "b", 2)), []string{"a/1", "b/1"}},
		{"trailing separator", true, append(rpcCall(t, "a", 1), 0xFF), []string{"a/1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.payload
			if tt.headers {
				p = append(allHeaders(7), p...)
			}
			first, rest, err := decodeRPCReusing(p, StatusResetConnection, tt.headers, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, r := range append([]*RPCRequest{first}, rest...) {
				got = append(got, fmt.Sprintf("%s/%d", r.Name(), len(r.Params)))
				if r.Reset != (i == 0) {
					t.Errorf("call %d: Reset %v", i+1, r.Reset)
				}
				if tt.headers && r.TransactionDescriptor != 7 {
					t.Errorf("call %d: descriptor %d", i+1, r.TransactionDescriptor)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("calls %v, want %v", got, tt.want)
			}
			if _, err := DecodeRPC(append(allHeaders(0), tt.payload...), 0); tt.headers && (err != nil) != (len(tt.want) > 1) {
				t.Errorf("DecodeRPC of %d calls: err %v", len(tt.want), err)
			}
		})
	}
	t.Run("a bad second call", func(t *testing.T) {
		p := append(allHeaders(0), rpcCall(t, "a")...)
		p = append(p, 0xFF, 0x05, 0x00) // a name of 5 characters, cut short
		if _, _, err := decodeRPCReusing(p, 0, true, nil); err == nil {
			t.Fatal("accepted")
		}
	})
}

// batchSession answers each RPC call with RETURNSTATUS (its parameter
// count); a call named "fail" fails with 2812, one named "fatal" with a
// severity 20 error.
type batchSession struct{ echoSession }

type batchHandler struct{}

func (batchHandler) Login(context.Context, *LoginRequest) (Session, error) {
	return batchSession{}, nil
}

func (batchSession) RPC(_ context.Context, r *RPCRequest, w ResultWriter) error {
	switch r.Name() {
	case "fail":
		return &ServerError{Number: 2812, Class: 16, State: 62, Text: "Could not find stored procedure 'fail'."}
	case "fatal":
		return &ServerError{Number: 50000, Class: 20, State: 1, Text: "fatal"}
	}
	return w.ReturnStatus(int32(len(r.Params)))
}

// TestRPCBatchResponse: every call of an RPC message ends with its DONEPROC,
// DONE_MORE on all but the last; a failing call reports its error and the
// next one runs; an error that ends the connection stops the batch.
func TestRPCBatchResponse(t *testing.T) {
	tests := []struct {
		name  string
		calls [][]byte
		want  []string
	}{
		{"three calls", [][]byte{rpcCall(t, "a", 1), rpcCall(t, "b", 1, 2), rpcCall(t, "c")},
			[]string{"status 1", "doneproc 0x1", "status 2", "doneproc 0x1", "status 0", "doneproc 0x0"}},
		{"a failing call in the middle", [][]byte{rpcCall(t, "a"), rpcCall(t, "fail"), rpcCall(t, "c", 5)},
			[]string{"status 0", "doneproc 0x1", "error 2812", "doneproc 0x3", "status 1", "doneproc 0x0"}},
		{"a failing last call", [][]byte{rpcCall(t, "a"), rpcCall(t, "fail")},
			[]string{"status 0", "doneproc 0x1", "error 2812", "doneproc 0x2"}},
		{"a fatal error stops the batch", [][]byte{rpcCall(t, "fatal"), rpcCall(t, "c")},
			[]string{"error 50000", "doneproc 0x102"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, addr := startHandler(t, batchHandler{}, 10*time.Second)
			rc := dialRaw(t, addr)
			rc.login()
			p := allHeaders(0)
			for i, c := range tt.calls {
				if i > 0 {
					p = append(p, 0xFF)
				}
				p = append(p, c...)
			}
			rc.send(PacketRPC, 0, p)
			toks, _ := rc.read()
			var got []string
			for _, tk := range toks {
				switch {
				case tk.ReturnStatus != nil:
					got = append(got, fmt.Sprintf("status %d", *tk.ReturnStatus))
				case tk.Error != nil:
					got = append(got, fmt.Sprintf("error %d", tk.Error.Number))
				case tk.Done != nil:
					got = append(got, fmt.Sprintf("doneproc %#x", tk.Done.Status))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("tokens %v, want %v", got, tt.want)
			}
		})
	}
}
