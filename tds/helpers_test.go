package tds

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// unhex decodes hex with spaces and '|' separators allowed.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	s = strings.NewReplacer(" ", "", "|", "", "\n", "", "\t", "").Replace(s)
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func mustEqualHex(t testing.TB, got []byte, want string) {
	t.Helper()
	w := unhex(t, want)
	if !bytes.Equal(got, w) {
		t.Fatalf("bytes differ\n got %x\nwant %x", got, w)
	}
}

// packets splits a server byte stream into its packets' payloads, checking the
// header rules of tds-clients.md §0 item 1.
func packets(t testing.TB, stream []byte, maxSize int) (payloads [][]byte) {
	t.Helper()
	for len(stream) > 0 {
		if len(stream) < HeaderSize {
			t.Fatalf("trailing %d bytes", len(stream))
		}
		n := int(stream[2])<<8 | int(stream[3])
		if n > maxSize || n < HeaderSize || n > len(stream) {
			t.Fatalf("packet length %d (max %d, have %d)", n, maxSize, len(stream))
		}
		if st := stream[1]; st != 0 && st != StatusEOM {
			t.Fatalf("status %#x", st)
		}
		payloads = append(payloads, stream[HeaderSize:n])
		stream = stream[n:]
	}
	return payloads
}

// writeMessage frames payload as one message of type typ with packet size size.
func writeMessage(typ PacketType, status byte, payload []byte, size int) []byte {
	var out bytes.Buffer
	mw := NewMessageWriter(&out)
	mw.SetPacketSize(size)
	mw.Begin(typ)
	mw.Write(payload)
	mw.End()
	b := out.Bytes()
	if status != 0 {
		b[1] |= status
	}
	return b
}
