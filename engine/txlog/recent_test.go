package txlog

import (
	"bytes"
	"reflect"
	"testing"
)

// TestRecentLogAdd: the in-memory copy of a mirror's newest log (recent.go)
// holds exactly the bytes appended at their offsets: contiguous appends
// extend it, a gap starts it afresh, growing past maxRecent keeps the newest
// half in a new array (a snapshot taken before still reads its own bytes),
// and an append too large to be a tail empties it.
func TestRecentLogAdd(t *testing.T) {
	fill := func(n int, b byte) []byte { return bytes.Repeat([]byte{b}, n) }
	var r recentLog
	r.add(4096, fill(100, 1))
	r.add(4196, fill(50, 2))
	if r.off != 4096 || !bytes.Equal(r.buf, append(fill(100, 1), fill(50, 2)...)) {
		t.Fatalf("contiguous: off %d len %d", r.off, len(r.buf))
	}
	got := make([]byte, 60)
	if !r.copyTo(got, 4186) || !bytes.Equal(got, append(fill(10, 1), fill(50, 2)...)) {
		t.Fatalf("copyTo inside: %v", got)
	}
	if r.copyTo(make([]byte, 10), 4090) || r.copyTo(make([]byte, 10), 4241) {
		t.Fatal("copyTo outside the copy reported true")
	}
	r.add(8192, fill(10, 3)) // not contiguous
	if r.off != 8192 || len(r.buf) != 10 || r.end() != 8202 {
		t.Fatalf("gap: off %d len %d", r.off, len(r.buf))
	}
	snap := r
	chunk := maxRecent / 4
	for i := range 4 {
		r.add(r.end(), fill(chunk, byte(10+i)))
	}
	if len(r.buf) > maxRecent || r.end() != 8202+uint64(4*chunk) {
		t.Fatalf("after growing: len %d end %d", len(r.buf), r.end())
	}
	last := make([]byte, chunk)
	if !r.copyTo(last, r.end()-uint64(chunk)) || !bytes.Equal(last, fill(chunk, 13)) {
		t.Fatal("the newest append is not kept whole")
	}
	if !snap.copyTo(got[:10], 8192) || !bytes.Equal(got[:10], fill(10, 3)) {
		t.Fatal("a snapshot taken before the trim lost its bytes")
	}
	r.add(r.end(), fill(maxRecent/2+1, 9))
	if !reflect.DeepEqual(r, recentLog{}) {
		t.Fatalf("an append larger than half the bound is kept (len %d)", len(r.buf))
	}
}

// TestMirrorScanFromRecent: a mirror's Scan returns what the principal
// logged, also when its blocks come from the in-memory copy, and a
// TruncateAfter forgets the copy (the bytes past the cut are gone).
func TestMirrorScanFromRecent(t *testing.T) {
	p := mustOpen(t, t.TempDir(), testOptions())
	m := mustOpen(t, t.TempDir(), testOptions())
	for i := 1; i <= 40; i++ {
		mustCommit(t, p, txn(uint64(i), "row")...)
		if i%5 == 0 {
			ship(t, p, m, 2)
		}
	}
	want := scanAll(t, p)
	if got := scanAll(t, m); !reflect.DeepEqual(got, want) {
		t.Fatalf("mirror scan differs from the principal's: %d against %d records", len(got), len(want))
	}
	m.mu.Lock()
	held := m.recent.end() == m.durable && len(m.recent.buf) > 0
	m.mu.Unlock()
	if !held {
		t.Fatal("the mirror keeps no copy of its newest hardened log")
	}
	cut := want[len(want)/2].LSN
	if err := m.TruncateAfter(cut); err != nil {
		t.Fatal(err)
	}
	m.mu.Lock()
	kept := len(m.recent.buf)
	m.mu.Unlock()
	if kept != 0 {
		t.Fatalf("TruncateAfter left %d bytes of the cut log in memory", kept)
	}
	// The cut keeps the whole block holding cut.
	got := scanAll(t, m)
	if len(got) <= len(want)/2 || len(got) >= len(want) || !reflect.DeepEqual(got, want[:len(got)]) {
		t.Fatalf("after the cut at %s the mirror scans %d of the principal's %d records", cut, len(got), len(want))
	}
}
