package endpoint

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

const (
	dis = proto.EncryptionDisabled
	sup = proto.EncryptionSupported
	req = proto.EncryptionRequired
)

// TestNegotiateTable is SQL Server's compatibility table of ENCRYPTION
// settings (docs "Transport security for database mirroring"): DISABLED and
// REQUIRED cannot talk, DISABLED otherwise stays in the clear, the rest
// encrypt; certificate authentication always runs TLS.
func TestNegotiateTable(t *testing.T) {
	win := []proto.AuthMethod{proto.AuthWindows}
	cert := []proto.AuthMethod{proto.AuthCertificate}
	tests := []struct {
		name             string
		acceptor, dialer proto.Encryption
		accAuth, dAuth   []proto.AuthMethod
		encrypt          bool
		method           proto.AuthMethod
		errNumber        int32
	}{
		{"disabled-disabled", dis, dis, win, win, false, proto.AuthWindows, 0},
		{"disabled-supported", dis, sup, win, win, false, proto.AuthWindows, 0},
		{"disabled-required", dis, req, win, win, false, 0, 28027},
		{"supported-disabled", sup, dis, win, win, false, proto.AuthWindows, 0},
		{"supported-supported", sup, sup, win, win, true, proto.AuthWindows, 0},
		{"supported-required", sup, req, win, win, true, proto.AuthWindows, 0},
		{"required-disabled", req, dis, win, win, false, 0, 28027},
		{"required-supported", req, sup, win, win, true, proto.AuthWindows, 0},
		{"required-required", req, req, win, win, true, proto.AuthWindows, 0},
		{"certificate-vs-windows", req, req, cert, win, false, 0, 28027},
		{"certificate-disabled-still-tls", dis, dis, cert, cert, true, proto.AuthCertificate, 0},
		{"acceptor-order-wins", req, req, []proto.AuthMethod{proto.AuthCertificate, proto.AuthWindows},
			[]proto.AuthMethod{proto.AuthWindows, proto.AuthCertificate}, true, proto.AuthCertificate, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc, method, err := negotiate(&Security{Encryption: tc.acceptor, Auth: tc.accAuth}, tc.dialer, tc.dAuth)
			if tc.errNumber != 0 {
				if err == nil || err.Number != tc.errNumber {
					t.Fatalf("negotiate = %v %v %v, want error %d", enc, method, err, tc.errNumber)
				}
				return
			}
			if err != nil || enc != tc.encrypt || method != tc.method {
				t.Fatalf("negotiate = %v %v %v, want %v %v", enc, method, err, tc.encrypt, tc.method)
			}
		})
	}
}

// logRecorder keeps the messages logged through it.
type logRecorder struct {
	mu   sync.Mutex
	msgs []string
}

func (r *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (r *logRecorder) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, rec.Message)
	return nil
}
func (r *logRecorder) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *logRecorder) WithGroup(string) slog.Handler      { return r }

func (r *logRecorder) waitFor(t *testing.T, substr string) {
	t.Helper()
	for range 200 {
		r.mu.Lock()
		for _, m := range r.msgs {
			if strings.Contains(m, substr) {
				r.mu.Unlock()
				return
			}
		}
		r.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no log message contains %q", substr)
}

// wantNoCompatibleAlgorithm checks a dial the acceptor refused for want of
// an encryption setting or algorithm both endpoints accept: 28027 state 22
// from the remote side, and the acceptor's error-log line naming the client.
func wantNoCompatibleAlgorithm(t *testing.T, err error, rec *logRecorder) {
	t.Helper()
	var herr *HandshakeError
	if !errors.As(err, &herr) || herr.Number != 28027 || herr.State != 22 || !herr.Remote {
		t.Fatalf("Dial = %v, want the acceptor's 28027 state 22", err)
	}
	rec.waitFor(t, "Database Mirroring login attempt failed with error: 'Connection handshake failed. There is no compatible encryption algorithm. State 22.'.  [CLIENT: 127.0.0.1]")
}

func listenSecure(t *testing.T, sec *Security) (*Listener, chan *Conn, *logRecorder) {
	t.Helper()
	rec := &logRecorder{}
	conns := make(chan *Conn, 4)
	ln, err := Listen(ListenConfig{Addr: "127.0.0.1:0", Self: ident("SERVER", proto.EndpointAll), Security: sec,
		Logger: slog.New(rec), Handle: func(c *Conn) {
			conns <- c
			<-c.Done()
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln, conns, rec
}

// TestEncryptionOverTheWire dials real listeners with each pair of settings:
// the connection encrypts when the table says so (both ends report it), and
// a mismatch is refused with 28027 on both sides.
func TestEncryptionOverTheWire(t *testing.T) {
	for _, tc := range []struct {
		acceptor, dialer proto.Encryption
		encrypted, fails bool
	}{
		{dis, dis, false, false}, {dis, req, false, true}, {req, dis, false, true},
		{sup, sup, true, false}, {req, sup, true, false}, {sup, dis, false, false},
	} {
		t.Run(strings.ReplaceAll(tc.acceptor.String()+"-"+tc.dialer.String(), " ", ""), func(t *testing.T) {
			ln, conns, rec := listenSecure(t, &Security{Encryption: tc.acceptor})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, err := Dial(ctx, "TCP://"+ln.Addr().String(), ident("CLIENT", proto.EndpointPartner), &Security{Encryption: tc.dialer})
			if tc.fails {
				wantNoCompatibleAlgorithm(t, err, rec)
				return
			}
			if err != nil {
				t.Fatalf("Dial: %v", err)
			}
			defer c.Close()
			s := <-conns
			if c.Security().Encrypted != tc.encrypted || s.Security().Encrypted != tc.encrypted {
				t.Fatalf("encrypted: dialer %v acceptor %v, want %v", c.Security(), s.Security(), tc.encrypted)
			}
			if _, isTLS := s.w.(*tls.Conn); isTLS != tc.encrypted {
				t.Fatalf("acceptor stream TLS = %v, want %v", isTLS, tc.encrypted)
			}
			if err := c.Send(&proto.Ping{Seq: 7}); err != nil {
				t.Fatal(err)
			}
			if m, err := s.Recv(); err != nil || m.(*proto.Ping).Seq != 7 {
				t.Fatalf("Recv: %v %v", m, err)
			}
		})
	}
}

// TestEncryptedBytesAreNotPlain: what crosses the wire of an encrypted
// connection does not contain the log bytes sent.
func TestEncryptedBytesAreNotPlain(t *testing.T) {
	ln, conns, _ := listenSecure(t, &Security{Encryption: req})
	tap := &tapListener{target: ln.Addr().String()}
	addr := tap.start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, "TCP://"+addr, ident("CLIENT", proto.EndpointPartner), &Security{Encryption: req})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := <-conns
	secret := bytes.Repeat([]byte("PAYROLL-ROW-"), 50)
	if err := c.Send(&proto.LogBlocks{Blocks: secret}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Recv(); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(tap.seen(), []byte("PAYROLL-ROW-")) {
		t.Fatal("log bytes crossed the wire in the clear")
	}
}

// tapListener forwards one connection to target and records the bytes the
// dialer sent.
type tapListener struct {
	target string
	mu     sync.Mutex
	buf    bytes.Buffer
}

func (p *tapListener) start(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		in, err := ln.Accept()
		if err != nil {
			return
		}
		out, err := net.Dial("tcp", p.target)
		if err != nil {
			in.Close()
			return
		}
		go func() {
			b := make([]byte, 4096)
			for {
				n, err := in.Read(b)
				p.mu.Lock()
				p.buf.Write(b[:n])
				p.mu.Unlock()
				if _, werr := out.Write(b[:n]); err != nil || werr != nil {
					out.Close()
					return
				}
			}
		}()
		b := make([]byte, 4096)
		for {
			n, err := out.Read(b)
			if _, werr := in.Write(b[:n]); err != nil || werr != nil {
				in.Close()
				return
			}
		}
	}()
	return ln.Addr().String()
}

func (p *tapListener) seen() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]byte(nil), p.buf.Bytes()...)
}

// TestPlainHelloRefused: a process that speaks Hello in the clear, skipping
// Negotiate, is refused by an endpoint that requires encryption and accepted
// by one that has it disabled.
func TestPlainHelloRefused(t *testing.T) {
	for _, tc := range []struct {
		enc    proto.Encryption
		refuse bool
	}{{req, true}, {dis, false}} {
		t.Run(tc.enc.String(), func(t *testing.T) {
			ln, _, rec := listenSecure(t, &Security{Encryption: tc.enc})
			nc, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer nc.Close()
			_ = nc.SetDeadline(time.Now().Add(10 * time.Second))
			pc := proto.NewConn(nc, MaxFrame)
			m, err := exchange(pc, ident("INTRUDER", proto.EndpointPartner).hello())
			if err != nil {
				t.Fatal(err)
			}
			r, refused := m.(*proto.HelloReject)
			if refused != tc.refuse {
				t.Fatalf("answer %s, refuse=%v", m.Type(), tc.refuse)
			}
			if refused {
				if r.Number != 28027 {
					t.Fatalf("reject %+v", r.ErrorBody)
				}
				rec.waitFor(t, "There is no compatible encryption algorithm. State 22.")
			}
		})
	}
}

// testCert makes a certificate as CREATE CERTIFICATE does.
func testCert(t testing.TB, cn string, notAfter time.Time) (*tls.Certificate, *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-2 * time.Hour), NotAfter: notAfter}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	x, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, x
}

// trusting returns an Authorize that knows the given certificates by login.
func trusting(known map[string]*x509.Certificate, allowed map[string]bool) func(*x509.Certificate) (PeerAuth, error) {
	return func(c *x509.Certificate) (PeerAuth, error) {
		for login, k := range known {
			if bytes.Equal(k.Raw, c.Raw) {
				if time.Now().After(c.NotAfter) {
					return PeerAuth{}, ErrPeerCertificate("Certificate expired")
				}
				if !allowed[login] {
					return PeerAuth{}, ErrNoConnect(login)
				}
				return PeerAuth{Principal: login, CertificateID: 257}, nil
			}
		}
		return PeerAuth{}, ErrPeerCertificate("Certificate not found")
	}
}

// TestCertificateAuthentication: mutual TLS with each side's certificate,
// mapped to a login that needs CONNECT; an unknown certificate, a login
// without CONNECT and an expired certificate are refused with SQL Server's
// reasons.
func TestCertificateAuthentication(t *testing.T) {
	aCert, aX := testCert(t, "HOST_A certificate", time.Now().Add(time.Hour))
	bCert, bX := testCert(t, "HOST_B certificate", time.Now().Add(time.Hour))
	oldCert, oldX := testCert(t, "expired", time.Now().Add(-time.Hour))
	strangerCert, _ := testCert(t, "stranger", time.Now().Add(time.Hour))
	cert := []proto.AuthMethod{proto.AuthCertificate}
	tests := []struct {
		name     string
		dialCert *tls.Certificate
		allowed  map[string]bool
		want     string // "" = accepted; else the refusal's message part
	}{
		{"granted", bCert, map[string]bool{"HOST_B_login": true}, ""},
		{"no-connect", bCert, nil, "The login 'HOST_B_login' does not have CONNECT permission on the endpoint. State 84."},
		{"unknown", strangerCert, map[string]bool{"HOST_B_login": true}, "The certificate used by the peer is invalid due to the following reason: Certificate not found. State 89."},
		{"expired", oldCert, map[string]bool{"OLD_login": true}, "Certificate expired. State 89."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			known := map[string]*x509.Certificate{"HOST_B_login": bX, "OLD_login": oldX}
			ln, conns, rec := listenSecure(t, &Security{Encryption: req, Auth: cert, Certificate: aCert,
				Authorize: trusting(known, tc.allowed)})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			dialer := &Security{Encryption: req, Auth: cert, Certificate: tc.dialCert,
				Authorize: trusting(map[string]*x509.Certificate{"HOST_A_login": aX}, map[string]bool{"HOST_A_login": true})}
			c, err := Dial(ctx, "TCP://"+ln.Addr().String(), ident("HOST_B", proto.EndpointPartner), dialer)
			if tc.want != "" {
				var herr *HandshakeError
				if !errors.As(err, &herr) || !herr.Remote || !strings.Contains(herr.Message, tc.want) {
					t.Fatalf("Dial = %v, want refusal %q", err, tc.want)
				}
				rec.waitFor(t, tc.want)
				return
			}
			if err != nil {
				t.Fatalf("Dial: %v", err)
			}
			defer c.Close()
			s := <-conns
			if got := s.Security(); !got.Encrypted || got.Auth != proto.AuthCertificate || got.Principal != "HOST_B_login" || got.CertificateID != 257 {
				t.Fatalf("acceptor's view %+v", got)
			}
			if got := c.Security(); got.Principal != "HOST_A_login" {
				t.Fatalf("dialer's view %+v", got)
			}
		})
	}
	t.Run("dialer-refuses-acceptor", func(t *testing.T) {
		// The acceptor's certificate is unknown to the dialer: the dialer
		// refuses, and tells the acceptor why.
		ln, _, rec := listenSecure(t, &Security{Encryption: req, Auth: cert, Certificate: strangerCert,
			Authorize: trusting(map[string]*x509.Certificate{"HOST_B_login": bX}, map[string]bool{"HOST_B_login": true})})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := Dial(ctx, "TCP://"+ln.Addr().String(), ident("HOST_B", proto.EndpointPartner), &Security{Encryption: req,
			Auth: cert, Certificate: bCert, Authorize: trusting(map[string]*x509.Certificate{"HOST_A_login": aX}, nil)})
		var herr *HandshakeError
		if !errors.As(err, &herr) || herr.Remote || herr.Number != 28035 {
			t.Fatalf("Dial = %v, want the dialer's own 28035", err)
		}
		rec.waitFor(t, "Database Mirroring login attempt failed with error: 'Connection handshake failed. The certificate used by the peer is invalid due to the following reason: Certificate not found. State 89.'.")
	})
}

// FuzzAcceptHandshake: whatever a dialer sends, the acceptor's handshake
// returns a connection or an error, never a panic, for every kind of endpoint.
func FuzzAcceptHandshake(f *testing.F) {
	f.Add(proto.Marshal(&proto.Negotiate{Encryption: req, Auth: []proto.AuthMethod{proto.AuthWindows}}), uint8(0))
	f.Add(proto.Marshal(&proto.Negotiate{Encryption: dis, Auth: []proto.AuthMethod{proto.AuthCertificate}}), uint8(1))
	f.Add(append(proto.Marshal(&proto.Negotiate{Encryption: dis}), proto.Marshal(ident("X", proto.EndpointAll).hello())...), uint8(2))
	f.Add(proto.Marshal(ident("X", proto.EndpointAll).hello()), uint8(2))
	f.Add([]byte{0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5}, uint8(0))
	kinds := []*Security{
		{Encryption: req},
		{Encryption: req, Auth: []proto.AuthMethod{proto.AuthCertificate}},
		{Encryption: dis},
	}
	cert, _ := testCert(f, "fuzz", time.Now().Add(time.Hour))
	kinds[1].Certificate = cert
	kinds[1].Authorize = func(*x509.Certificate) (PeerAuth, error) {
		return PeerAuth{}, ErrPeerCertificate("Certificate not found")
	}
	f.Fuzz(func(t *testing.T, b []byte, kind uint8) {
		l := &Listener{cfg: ListenConfig{Self: ident("SERVER", proto.EndpointAll), Security: kinds[int(kind)%len(kinds)], Logger: quiet()}}
		client, server := net.Pipe()
		go func() {
			_, _ = client.Write(b)
			_ = client.Close()
		}()
		go func() { _, _ = io.Copy(io.Discard, client) }()
		c, err := l.handshake(server)
		if err == nil {
			c.Close()
		}
		server.Close()
	})
}
