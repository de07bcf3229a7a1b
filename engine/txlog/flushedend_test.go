package txlog

import "testing"

// TestFlushedEnd: the end of log partners compare has one name for one log.
// A copy restored where the principal's log continues holds no record of its
// own, so FlushedLSN (0) cannot name its end, while FlushedEnd names it as the
// principal does; every record of the log is below it, and a mirror that
// received the principal's blocks has the principal's FlushedEnd.
func TestFlushedEnd(t *testing.T) {
	p := mustOpen(t, t.TempDir(), testOptions())
	principalWorkload(t, p, 1, 10)
	restored := mustOpen(t, t.TempDir(), Options{Start: p.DurableEnd(), SegmentSize: testSegment})
	if restored.FlushedLSN() != 0 {
		t.Fatalf("restored copy FlushedLSN = %s, want none", restored.FlushedLSN())
	}
	if got, want := restored.FlushedEnd(), p.FlushedEnd(); got != want {
		t.Fatalf("restored copy FlushedEnd = %s, principal's %s", got, want)
	}
	if last, end := p.FlushedLSN(), p.FlushedEnd(); last >= end || end.Slot() != 0 || end != MakeLSN(p.DurableEnd(), 0) {
		t.Fatalf("FlushedEnd %s: want slot 0 of DurableEnd %d, above the last record %s", end, p.DurableEnd(), last)
	}

	m := mustOpen(t, t.TempDir(), testOptions())
	ship(t, p, m, 3)
	principalWorkload(t, p, 10, 20)
	if m.FlushedEnd() >= p.FlushedEnd() {
		t.Fatalf("mirror behind at %s, principal at %s", m.FlushedEnd(), p.FlushedEnd())
	}
	ship(t, p, m, 3)
	if m.FlushedEnd() != p.FlushedEnd() {
		t.Fatalf("mirror FlushedEnd %s, principal %s", m.FlushedEnd(), p.FlushedEnd())
	}
}
