package proto

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"testing"
)

func putU32(b []byte, v uint32) { binary.BigEndian.PutUint32(b, v) }

func crc32c(p []byte) uint32 { return crc32.Checksum(p, castagnoli) }

// FuzzDecodeFrame: the frame decoder only ever returns a message or an error, and a
// decoded message re-encodes to a frame that decodes to the same bytes again.
func FuzzDecodeFrame(f *testing.F) {
	for _, m := range sampleMessages() {
		f.Add(Marshal(m))
	}
	f.Add([]byte("MSDM"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, n, err := DecodeFrame(b, 1<<16)
		// The same bytes through a Conn (the decoder that keeps the frame's
		// payload, decoder.owned) decode to the same message, or fail too.
		rm, rerr := NewConn(struct {
			io.Reader
			io.Writer
		}{bytes.NewReader(b), io.Discard}, 1<<16).ReadMessage()
		if (rerr == nil) != (err == nil) {
			t.Fatalf("DecodeFrame error %v, ReadMessage error %v", err, rerr)
		}
		if err != nil {
			return
		}
		if string(Marshal(rm)) != string(Marshal(m)) {
			t.Fatal("ReadMessage and DecodeFrame disagree")
		}
		if n > len(b) {
			t.Fatalf("used %d > %d", n, len(b))
		}
		again := Marshal(m)
		m2, _, err := DecodeFrame(again, 1<<20)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if string(Marshal(m2)) != string(again) {
			t.Fatal("not stable")
		}
	})
}

// FuzzDecodePayload drives every message decoder directly with arbitrary payloads
// (no checksum in the way), so the fuzzer reaches the field decoders quickly.
func FuzzDecodePayload(f *testing.F) {
	for _, m := range sampleMessages() {
		f.Add(byte(m.Type()), m.AppendPayload(nil))
	}
	f.Fuzz(func(t *testing.T, typ byte, payload []byte) {
		m, err := DecodePayload(MsgType(typ), payload)
		if err != nil {
			return
		}
		if m.Type() != MsgType(typ) {
			t.Fatalf("type %s from %d", m.Type(), typ)
		}
		again := m.AppendPayload(nil)
		m2, err := DecodePayload(MsgType(typ), again)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if string(m2.AppendPayload(nil)) != string(again) {
			t.Fatal("not stable")
		}
	})
}
