package tds

import (
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync/atomic"
	"testing"
)

// panicCounter is a slog handler that counts records mentioning a panic.
type panicCounter struct{ n *atomic.Int64 }

func (p panicCounter) Enabled(context.Context, slog.Level) bool { return true }
func (p panicCounter) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, "panic") {
		p.n.Add(1)
	}
	return nil
}
func (p panicCounter) WithAttrs([]slog.Attr) slog.Handler { return p }
func (p panicCounter) WithGroup(string) slog.Handler      { return p }

// FuzzConnAfterLogin feeds arbitrary bytes to an authenticated connection over
// net.Pipe: the connection must answer or close, never panic. tds71 logs in as a
// TDS 7.1 client (no ALL_HEADERS, down-level tokens).
func FuzzConnAfterLogin(f *testing.F) {
	f.Add(false, writeMessage(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "x")...), 512))
	f.Add(false, writeMessage(PacketRPC, StatusResetConnection, append(allHeaders(0), 0xFF, 0xFF, 0x0A, 0, 0, 0, 0, 0, 0xE7, 0xFF, 0xFF, 0, 0, 0, 0, 0), 512))
	f.Add(false, writeMessage(PacketTransaction, 0, append(allHeaders(0), 5, 0, 2, 0), 512))
	f.Add(false, writeMessage(PacketAttention, 0, nil, 512))
	f.Add(true, writeMessage(PacketSQLBatch, 0, appendUCS2(nil, "x"), 512))
	f.Add(true, writeMessage(PacketRPC, 0, []byte{0xFF, 0xFF, 0x0A, 0, 0, 0, 0, 0, 0x63, 0xFE, 0xFF, 0xFF, 0x7F, 9, 4, 0xD0, 0, 0x34, 2, 0, 0, 0, 0x78, 0}, 512))
	l71 := sampleLogin()
	l71.TDSVersion, l71.Features = TDS71Rev1, nil
	login71 := buildLogin7Fixed(l71, login7FixedSize71)
	f.Fuzz(func(t *testing.T, tds71 bool, input []byte) {
		var panics atomic.Int64
		s := &Server{Handler: echoHandler{}, Logger: slog.New(panicCounter{&panics})}
		client, server := net.Pipe()
		c := newConn(s, server)
		s.conns = map[*conn]struct{}{c: {}}
		s.wg.Add(1)
		done := make(chan struct{})
		go func() { c.serve(); close(done) }()
		rc := &rawClient{t: t, c: client, mr: NewMessageReader(client)}
		if tds71 {
			rc.loginRaw(login71)
		} else {
			rc.login()
		}
		drained := make(chan struct{})
		go func() { io.Copy(io.Discard, client); close(drained) }()
		client.Write(input)
		client.Close()
		<-done
		<-drained
		if panics.Load() != 0 {
			t.Fatalf("connection panicked on %x", input)
		}
	})
}
