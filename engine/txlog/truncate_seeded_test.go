package txlog

import (
	"context"
	"testing"
)

// TestTruncateAfterBeforeRetained: a mirror seeded WITH NORECOVERY starts its
// log at the restore point. When it later becomes principal, logs commits the
// partner never hardens, and rejoins forked at that restore point, the fork
// lies before its retained log and everything it logged is the divergent
// tail. TruncateAfter must cut all of it (the log is empty at the restore
// point again, as RESTORE left it, also after a reopen) rather than refuse
// with ErrTruncated and leave the tail for redo to apply again.
func TestTruncateAfterBeforeRetained(t *testing.T) {
	p := mustOpen(t, t.TempDir(), testOptions())
	principalWorkload(t, p, 1, 10)
	fork := p.FlushedLSN() // the backup's last record: the restore point
	dir := t.TempDir()
	opts := Options{Start: p.DurableEnd(), SegmentSize: testSegment}
	m := mustOpen(t, dir, opts)
	start := m.RetainedFrom()
	for i := 1; i <= 20; i++ { // the tail, over more than one segment
		mustCommit(t, m, txn(uint64(100+i), string(make([]byte, 30000)))...)
	}
	reader, err := m.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reader.Next(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := m.TruncateAfter(fork); err != nil {
		t.Fatalf("TruncateAfter(%s) before the retained log at %d: %v", fork, start, err)
	}
	check := func(when string, l *Log) {
		t.Helper()
		if l.DurableEnd() != start || l.FlushedLSN() != 0 || l.RetainedFrom() != start {
			t.Fatalf("%s: durable end %d, flushed %s, retained %d; want %d, none, %d", when, l.DurableEnd(), l.FlushedLSN(), l.RetainedFrom(), start, start)
		}
		if got, want := l.FlushedEnd(), p.FlushedEnd(); got != want {
			t.Fatalf("%s: FlushedEnd %s, the principal's %s", when, got, want)
		}
		n := 0
		if err := l.Scan(0, func(LSN, Record) error { n++; return nil }); err != nil || n != 0 {
			t.Fatalf("%s: scan found %d records (%v), want none", when, n, err)
		}
	}
	check("after the cut", m)
	if _, err := reader.Next(context.Background()); err == nil {
		t.Fatal("a reader inside the cut tail read on")
	}
	// Idempotent.
	if err := m.TruncateAfter(fork); err != nil {
		t.Fatal(err)
	}
	m.Close()
	m = mustOpen(t, dir, opts)
	check("after reopen", m)
	// The partner's log continues where the restore point left it.
	ship(t, p, m, 3)
	principalWorkload(t, p, 10, 15)
	ship(t, p, m, 3)
	if m.FlushedEnd() != p.FlushedEnd() {
		t.Fatalf("after shipping: mirror FlushedEnd %s, principal %s", m.FlushedEnd(), p.FlushedEnd())
	}
	m.Close()
	p.Close()
}
