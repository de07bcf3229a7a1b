package tds

import (
	"bytes"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// clientHello is the first flight of a TLS client (crypto/tls, as go-mssqldb
// sends it): the bytes a client puts in PRELOGIN packets after ENCRYPT_ON, or
// straight on the socket under TDS 8 strict encryption.
func clientHello(tb testing.TB) []byte {
	tb.Helper()
	client, server := net.Pipe()
	defer server.Close()
	go func() {
		tc := tls.Client(client, &tls.Config{InsecureSkipVerify: true, ServerName: "localhost"})
		_ = tc.Handshake() // fails when server closes; only the hello is wanted
		client.Close()
	}()
	buf := make([]byte, 4096)
	n, err := server.Read(buf)
	if err != nil {
		tb.Fatal(err)
	}
	return buf[:n]
}

// FuzzConnLogin feeds arbitrary bytes to a fresh connection, before login:
// PRELOGIN, TLS records inside PRELOGIN packets, LOGIN7 of every TDS version
// from 7.1 to 7.4 and TDS 8 strict TLS. The connection must answer or close,
// never panic. withTLS gives the server a certificate (encryption offered).
func FuzzConnLogin(f *testing.F) {
	prelogin := func(enc byte) []byte {
		return writeMessage(PacketPrelogin, 0, AppendPrelogin(nil, &Prelogin{Options: map[byte][]byte{
			preloginVersion: make([]byte, 6), preloginEncryption: {enc}}}), 4096)
	}
	for _, v := range []struct {
		version uint32
		fixed   int
		batch   []byte // a SQL batch as this version sends it
	}{
		{TDS71Rev1, login7FixedSize71, appendUCS2(nil, "x")},
		{0x07010000, login7FixedSize71, appendUCS2(nil, "x")},
		{TDS72, login7FixedSize, append(allHeaders(0), appendUCS2(nil, "x")...)},
		{TDS73A, login7FixedSize, append(allHeaders(0), appendUCS2(nil, "x")...)},
		{TDS73B, login7FixedSize, append(allHeaders(0), appendUCS2(nil, "x")...)},
		{TDS74, login7FixedSize, append(allHeaders(0), appendUCS2(nil, "x")...)},
	} {
		l := sampleLogin()
		l.TDSVersion = v.version
		if v.version != TDS74 {
			l.Features = nil
		}
		login := writeMessage(PacketLogin7, 0, buildLogin7Fixed(l, v.fixed), 4096)
		batch := writeMessage(PacketSQLBatch, 0, v.batch, 4096)
		f.Add(false, bytes.Join([][]byte{prelogin(EncryptNotSup), login, batch}, nil))
		f.Add(true, bytes.Join([][]byte{prelogin(EncryptNotSup), login, batch}, nil))
	}
	hello := clientHello(f)
	f.Add(true, append(prelogin(EncryptOn), writeMessage(PacketPrelogin, 0, hello, 4096)...))
	f.Add(true, append(prelogin(EncryptOff), writeMessage(PacketPrelogin, 0, hello, 4096)...))
	f.Add(true, hello) // TDS 8 strict: TLS first
	f.Add(false, hello)
	cert, err := LoadOrCreateCertificate(filepath.Join(f.TempDir(), "c.pem"), filepath.Join(f.TempDir(), "k.pem"))
	if err != nil {
		f.Fatal(err)
	}
	tlsConfig := &tls.Config{Certificates: []tls.Certificate{cert}}
	// Loopback TCP, not net.Pipe: the client half-closes after its input, so
	// the server still writes its answers (a ServerHello) before it sees EOF.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	defer ln.Close()
	f.Fuzz(func(t *testing.T, withTLS bool, input []byte) {
		var panics atomic.Int64
		s := &Server{Handler: echoHandler{}, Logger: slog.New(panicCounter{&panics})}
		if withTLS {
			s.TLSConfig = tlsConfig
		}
		client, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer client.Close()
		server, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		c := newConn(s, server)
		s.conns = map[*conn]struct{}{c: {}}
		s.wg.Add(1)
		done := make(chan struct{})
		go func() { c.serve(); close(done) }()
		go func() {
			_, _ = client.Write(input)
			_ = client.(*net.TCPConn).CloseWrite()
		}()
		_, _ = io.Copy(io.Discard, client)
		<-done
		if panics.Load() != 0 {
			t.Fatalf("connection panicked on %x", input)
		}
	})
}
