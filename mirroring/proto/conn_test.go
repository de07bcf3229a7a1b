package proto

import (
	"bytes"
	"net"
	"reflect"
	"testing"
)

// TestConnPipe runs a writer and a reader on the two ends of a synchronous pipe,
// so frames arrive in arbitrary pieces.
func TestConnPipe(t *testing.T) {
	c1, c2 := net.Pipe()
	defer c1.Close()
	defer c2.Close()
	w, r := NewConn(c1, 0), NewConn(c2, 0)
	msgs := sampleMessages()
	errc := make(chan error, 1)
	go func() {
		for _, m := range msgs {
			if err := w.WriteMessage(m); err != nil {
				errc <- err
				return
			}
		}
		errc <- w.Flush()
	}()
	for i, want := range msgs {
		got, err := r.ReadMessage()
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("message %d: got %#v want %#v", i, got, want)
		}
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

// TestLogBlocksOwnership: a LogBlocks read from a Conn keeps its blocks intact
// while later frames are read (they alias the frame's own payload, which is
// never reused), cannot be overwritten by an append to them, and DecodePayload
// still copies (its caller may reuse the payload).
func TestLogBlocksOwnership(t *testing.T) {
	blocks := func(fill byte, n int) []byte { return bytes.Repeat([]byte{fill}, n) }
	frames := []*LogBlocks{
		{RoleSeq: 1, FirstLSN: 1, EndLSN: 2, Blocks: blocks(0xA1, 100)},
		{RoleSeq: 1, FirstLSN: 2, EndLSN: 3, Blocks: blocks(0xB2, 70<<10)}, // larger than the read buffer
		{RoleSeq: 1, FirstLSN: 3, EndLSN: 4, Blocks: blocks(0xC3, 10)},
	}
	var stream bytes.Buffer
	for _, f := range frames {
		stream.Write(Marshal(f))
	}
	c := NewConn(&stream, 0)
	var got []*LogBlocks
	for i := range frames {
		m, err := c.ReadMessage()
		if err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		lb, ok := m.(*LogBlocks)
		if !ok {
			t.Fatalf("frame %d: %T", i, m)
		}
		if cap(lb.Blocks) != len(lb.Blocks) {
			t.Errorf("frame %d: cap %d > len %d: an append would write into the frame", i, cap(lb.Blocks), len(lb.Blocks))
		}
		got = append(got, lb)
	}
	for i, f := range frames {
		if !bytes.Equal(got[i].Blocks, f.Blocks) {
			t.Errorf("frame %d: blocks changed after later reads", i)
		}
	}

	tests := []struct {
		name string
		msg  *LogBlocks
	}{
		{"small", frames[0]},
		{"large", frames[1]},
	}
	for _, tc := range tests {
		t.Run("DecodePayload copies/"+tc.name, func(t *testing.T) {
			payload := tc.msg.AppendPayload(nil)
			m, err := DecodePayload(TypeLogBlocks, payload)
			if err != nil {
				t.Fatal(err)
			}
			clear(payload)
			if !bytes.Equal(m.(*LogBlocks).Blocks, tc.msg.Blocks) {
				t.Fatal("decoded blocks share the caller's payload")
			}
		})
	}
}
