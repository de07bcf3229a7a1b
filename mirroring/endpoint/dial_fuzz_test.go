package endpoint

import (
	"io"
	"net"
	"testing"

	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// FuzzDialHandshake: whatever the acceptor answers — a NegotiateAck that
// asks for what was not offered, a HelloAck of another version, a
// HelloReject with a strange error body, bytes that are no frame at all — the
// dialer's handshake returns a connection or an error, never a panic. It is
// FuzzAcceptHandshake's other side: a dialer reaches whatever address SET
// PARTNER or SET WITNESS names.
func FuzzDialHandshake(f *testing.F) {
	ack := func(m ...proto.Message) []byte {
		var b []byte
		for _, x := range m {
			b = append(b, proto.Marshal(x)...)
		}
		return b
	}
	helloAck := &proto.HelloAck{InstanceName: "SERVER", Role: proto.EndpointAll, Version: proto.Version}
	f.Add(ack(&proto.NegotiateAck{Auth: proto.AuthWindows}, helloAck), uint8(0))
	f.Add(ack(&proto.NegotiateAck{Encrypt: true, Auth: proto.AuthWindows}, helloAck), uint8(1))
	f.Add(ack(&proto.NegotiateAck{Auth: proto.AuthCertificate}, helloAck), uint8(1))
	f.Add(ack(&proto.NegotiateAck{Auth: proto.AuthWindows}, &proto.HelloReject{ErrorBody: proto.ErrorBody{Number: 1418, Severity: 16, State: 1, Message: "no"}}), uint8(0))
	f.Add(ack(&proto.HelloReject{ErrorBody: proto.ErrorBody{Number: 28047, Severity: 10, State: 1, Message: "refused"}}), uint8(1))
	f.Add(ack(&proto.NegotiateAck{Auth: proto.AuthWindows}, &proto.HelloAck{InstanceName: "SERVER", Version: 99}), uint8(0))
	f.Add([]byte{0x16, 0x03, 0x03, 0x00, 0x05, 1, 2, 3, 4, 5}, uint8(1))
	kinds := []*Security{{Encryption: dis}, {Encryption: req}, nil}
	f.Fuzz(func(t *testing.T, b []byte, kind uint8) {
		client, server := net.Pipe()
		go func() { _, _ = io.Copy(io.Discard, server) }()
		go func() {
			_, _ = server.Write(b)
			_ = server.Close()
		}()
		c, err := dialHandshake(client, "TCP://fuzz:5022", ident("CLIENT", proto.EndpointPartner), kinds[int(kind)%len(kinds)])
		if err == nil {
			c.Close()
		}
		client.Close()
	})
}
