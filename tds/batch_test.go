package tds

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unsafe"
)

func TestASCIIUCS2Equal(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    []byte
		s    string
		want bool
	}{
		{"same", appendUCS2(nil, "SELECT 1"), "SELECT 1", true},
		{"one char differs", appendUCS2(nil, "SELECT 2"), "SELECT 1", false},
		{"longer text", appendUCS2(nil, "SELECT 10"), "SELECT 1", false},
		{"shorter text", appendUCS2(nil, "SELECT "), "SELECT 1", false},
		{"empty previous", appendUCS2(nil, "x"), "", false},
		{"both empty", nil, "", false},
		{"high byte set", []byte{'a', 1}, "a", false},
		{"non-ASCII previous never matches", appendUCS2(nil, "é"), "é", false},
		{"odd length", []byte{'a', 0, 'b'}, "ab", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := asciiUCS2Equal(tc.b, tc.s); got != tc.want {
				t.Fatalf("asciiUCS2Equal(% x, %q) = %v, want %v", tc.b, tc.s, got, tc.want)
			}
		})
	}
}

// TestDecodeBatchIntoReusesText checks that a repeated batch keeps the
// previous text (same string memory, no allocation) and that every other
// text, including one whose UTF-16 bytes look alike, is decoded afresh.
func TestDecodeBatchIntoReusesText(t *testing.T) {
	prev := "select 1"
	for _, tc := range []struct {
		name, text string
		reused     bool
	}{
		{"identical", "select 1", true},
		{"differs in case", "SELECT 1", false},
		{"prefix", "select", false},
		{"non-ASCII", "select 'é'", false},
		{"longer", "select 1 ", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var req BatchRequest
			p := append(allHeaders(7), appendUCS2(nil, tc.text)...)
			if err := decodeBatchInto(&req, p, StatusResetConnection, true, prev); err != nil {
				t.Fatal(err)
			}
			if req.Text != tc.text || !req.Reset || req.TransactionDescriptor != 7 {
				t.Fatalf("decoded %+v, want text %q", req, tc.text)
			}
			if same := unsafe.StringData(req.Text) == unsafe.StringData(prev); same != tc.reused {
				t.Fatalf("text memory shared with the previous batch: %v, want %v", same, tc.reused)
			}
		})
	}
	t.Run("no allocation when repeated", func(t *testing.T) {
		var req BatchRequest
		p := append(allHeaders(0), appendUCS2(nil, prev)...)
		if n := testing.AllocsPerRun(100, func() {
			if err := decodeBatchInto(&req, p, 0, true, prev); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Fatalf("%v allocations per repeated batch, want 0", n)
		}
	})
	t.Run("previous state is overwritten", func(t *testing.T) {
		req := BatchRequest{Reset: true, ResetSkipTran: true, Headers: Headers{Notification: []byte{1}}}
		if err := decodeBatchInto(&req, append(allHeaders(0), appendUCS2(nil, "x")...), 0, true, prev); err != nil {
			t.Fatal(err)
		}
		if req.Reset || req.ResetSkipTran || req.Notification != nil || req.Text != "x" {
			t.Fatalf("stale fields kept: %+v", req)
		}
	})
}

// TestConnRepeatedBatchText sends batches that repeat, alternate and differ
// in one character over one connection: the session must see each text
// exactly as sent (the connection reuses its previous text only when equal,
// and the BatchRequest it reuses carries nothing from the previous request).
func TestConnRepeatedBatchText(t *testing.T) {
	texts := make(chan string, 16)
	_, addr := startHandler(t, recordingHandler{texts: texts}, 0)
	rc := dialRaw(t, addr)
	rc.login()
	sent := []string{"select 1", "select 1", "select 2", "select 1", "", "select 'é'", "select 'é'", "select 1", strings.Repeat("x", maxKeptText+1), strings.Repeat("x", maxKeptText+1)}
	for i, text := range sent {
		status := byte(0)
		if i == 2 {
			status = StatusResetConnection
		}
		rc.send(PacketSQLBatch, status, append(allHeaders(uint64(i)), appendUCS2(nil, text)...))
		rc.read()
		want := fmt.Sprintf("%q reset=%v desc=%d", text, i == 2, i)
		if got := <-texts; got != want {
			t.Fatalf("batch %d: session saw %s, want %s", i, got, want)
		}
	}
}

// recordingHandler's sessions report every batch's text, reset flag and
// transaction descriptor on texts.
type recordingHandler struct{ texts chan string }

type recordingSession struct {
	echoSession
	texts chan string
}

func (h recordingHandler) Login(context.Context, *LoginRequest) (Session, error) {
	return recordingSession{texts: h.texts}, nil
}

func (s recordingSession) Batch(ctx context.Context, r *BatchRequest, w ResultWriter) error {
	s.texts <- fmt.Sprintf("%q reset=%v desc=%d", r.Text, r.Reset, r.TransactionDescriptor)
	return w.Done(Done, 0, 0, 0)
}
