package tds

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestMessageWriterSplitsAtPacketSize(t *testing.T) {
	tests := []struct {
		name       string
		size       int
		payload    int
		wantPkts   int
		wantLastSz int
	}{
		{"empty", 512, 0, 1, 8},
		{"one byte", 512, 1, 1, 9},
		{"exactly one packet", 512, 504, 1, 512},
		{"one over", 512, 505, 2, 9},
		{"three packets", 4096, 3*4088 - 1, 3, 4095},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			mw := NewMessageWriter(&out)
			mw.SetPacketSize(tt.size)
			mw.SetSPID(0x33)
			mw.Begin(PacketReply)
			p := make([]byte, tt.payload)
			for i := range p {
				p[i] = byte(i)
			}
			// Write in odd pieces to cross packet boundaries inside writes.
			for rest := p; len(rest) > 0; {
				n := min(len(rest), 333)
				mw.Write(rest[:n])
				rest = rest[n:]
			}
			if err := mw.End(); err != nil {
				t.Fatal(err)
			}
			stream := out.Bytes()
			pk := packets(t, stream, tt.size)
			if len(pk) != tt.wantPkts {
				t.Fatalf("%d packets, want %d", len(pk), tt.wantPkts)
			}
			// status 0 on all but the last, EOM on the last; ids 1, 2, ...; SPID.
			off := 0
			for i := range pk {
				n := int(stream[off+2])<<8 | int(stream[off+3])
				wantStatus := byte(0)
				if i == len(pk)-1 {
					wantStatus = StatusEOM
					if n != tt.wantLastSz {
						t.Fatalf("last packet %d bytes, want %d", n, tt.wantLastSz)
					}
				}
				if stream[off] != 0x04 || stream[off+1] != wantStatus || stream[off+4] != 0 || stream[off+5] != 0x33 || stream[off+6] != byte(i+1) {
					t.Fatalf("packet %d header % x", i, stream[off:off+8])
				}
				off += n
			}
			if got := bytes.Join(pk, nil); !bytes.Equal(got, p) {
				t.Fatal("payload differs")
			}
			// And the reader reassembles it.
			m, err := NewMessageReader(bytes.NewReader(stream)).ReadMessage()
			if err != nil || m.Type != PacketReply || !bytes.Equal(m.Payload, p) {
				t.Fatalf("ReadMessage: %v", err)
			}
		})
	}
}

func TestMessageWriterGoldenDone(t *testing.T) {
	var out bytes.Buffer
	mw := NewMessageWriter(&out)
	mw.Begin(PacketReply)
	mw.Write(appendDone(nil, DoneToken{Kind: Done, Status: DoneAttn}))
	mw.End()
	// tds-clients.md §6.6: the stray-attention answer.
	mustEqualHex(t, out.Bytes(), "04 01 0015 0000 01 00 | FD 20 00 00 00 00 00 00 00 00 00 00 00")
}

func TestMessageWriterDiscard(t *testing.T) {
	var out bytes.Buffer
	mw := NewMessageWriter(&out)
	mw.SetPacketSize(512)
	mw.Begin(PacketReply)
	mw.MarkToken()
	mw.Write(bytes.Repeat([]byte{0xAA}, 600)) // one token straddling the first packet
	mw.MarkToken()
	mw.Write([]byte{0xBB, 0xBB}) // a whole unsent token
	mw.Discard()
	mw.Write([]byte{0xFD})
	mw.End()
	m, err := NewMessageReader(&out).ReadMessage()
	if err != nil {
		t.Fatal(err)
	}
	want := append(bytes.Repeat([]byte{0xAA}, 600), 0xFD)
	if !bytes.Equal(m.Payload, want) {
		t.Fatalf("payload after discard: %d bytes, last % x", len(m.Payload), m.Payload[len(m.Payload)-3:])
	}
}

func TestMessageReaderMalformed(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  error
	}{
		{"empty", "", io.EOF},
		{"half header", "01 01 00", io.ErrUnexpectedEOF},
		{"length below header", "01 01 0004 0000 01 00", nil},
		{"truncated payload", "01 01 0010 0000 01 00 6100", io.ErrUnexpectedEOF},
		{"type changes", "01 00 0009 0000 01 00 61 | 03 01 0009 0000 02 00 62", nil},
		{"second packet missing", "01 00 0009 0000 01 00 61", io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewMessageReader(bytes.NewReader(unhex(t, tt.input))).ReadMessage()
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		mr := NewMessageReader(bytes.NewReader(writeMessage(PacketSQLBatch, 0, make([]byte, 5000), 4096)))
		mr.MaxMessage = 4096
		if _, err := mr.ReadMessage(); !errors.Is(err, ErrMessageTooLarge) {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("status bits kept", func(t *testing.T) {
		m, err := NewMessageReader(bytes.NewReader(writeMessage(PacketSQLBatch, StatusResetConnection, []byte{1}, 512))).ReadMessage()
		if err != nil || m.Status != StatusResetConnection {
			t.Fatalf("status %#x err %v", m.Status, err)
		}
	})
}

func TestClampPacketSize(t *testing.T) {
	for in, want := range map[int]int{0: 4096, 1: 512, 511: 512, 512: 512, 8192: 8192, 32767: 32767, 65535: 32767} {
		if got := ClampPacketSize(in); got != want {
			t.Errorf("ClampPacketSize(%d) = %d, want %d", in, got, want)
		}
	}
}

func FuzzMessageReader(f *testing.F) {
	f.Add(writeMessage(PacketSQLBatch, 0, []byte("hello"), 512))
	f.Add(writeMessage(PacketRPC, 0, make([]byte, 1200), 512))
	f.Add([]byte{1, 1, 0, 4, 0, 0, 1, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		mr := NewMessageReader(bytes.NewReader(b))
		mr.MaxMessage = 1 << 16
		for i := 0; i < 10; i++ {
			if _, err := mr.ReadMessage(); err != nil {
				return
			}
		}
	})
}

// TestMessageReaderRecycle checks that a recycled payload is reused for the
// next message only when it is small, and that the next message's bytes are
// its own either way.
func TestMessageReaderRecycle(t *testing.T) {
	tests := []struct {
		name   string
		first  int // payload bytes of the first message (split at 4096-byte packets)
		reused bool
	}{
		{"small", 100, true},
		{"two packets", 5000, false},
		{"at the bound", maxRecycled - 500, true},
		{"over the bound", maxRecycled + 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stream bytes.Buffer
			for i, n := range []int{tc.first, 60} {
				mw := NewMessageWriter(&stream)
				mw.Begin(PacketSQLBatch)
				mw.Write(bytes.Repeat([]byte{byte('a' + i)}, n))
				if err := mw.End(); err != nil {
					t.Fatal(err)
				}
			}
			mr := NewMessageReader(&stream)
			m1, err := mr.ReadMessage()
			if err != nil {
				t.Fatal(err)
			}
			first := &m1.Payload[:1][0]
			mr.Recycle(m1.Payload)
			m2, err := mr.ReadMessage()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(m2.Payload, bytes.Repeat([]byte{'b'}, 60)) {
				t.Fatalf("second payload %q", m2.Payload)
			}
			if same := &m2.Payload[0] == first; same != tc.reused {
				t.Errorf("second message reused the first's memory: %v, want %v", same, tc.reused)
			}
		})
	}
}
