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
// net.Pipe: the connection must answer or close, never panic.
func FuzzConnAfterLogin(f *testing.F) {
	f.Add(writeMessage(PacketSQLBatch, 0, append(allHeaders(0), appendUCS2(nil, "x")...), 512))
	f.Add(writeMessage(PacketRPC, StatusResetConnection, append(allHeaders(0), 0xFF, 0xFF, 0x0A, 0, 0, 0, 0, 0, 0xE7, 0xFF, 0xFF, 0, 0, 0, 0, 0), 512))
	f.Add(writeMessage(PacketTransaction, 0, append(allHeaders(0), 5, 0, 2, 0), 512))
	f.Add(writeMessage(PacketAttention, 0, nil, 512))
	f.Fuzz(func(t *testing.T, input []byte) {
		var panics atomic.Int64
		s := &Server{Handler: echoHandler{}, Logger: slog.New(panicCounter{&panics})}
		client, server := net.Pipe()
		c := newConn(s, server)
		s.conns = map[*conn]struct{}{c: {}}
		s.wg.Add(1)
		done := make(chan struct{})
		go func() { c.serve(); close(done) }()
		rc := &rawClient{t: t, c: client, mr: NewMessageReader(client)}
		rc.login()
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
