package mirroring

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

func openLog(t *testing.T, name string, start uint64) *txlog.Log {
	t.Helper()
	l, err := txlog.Open(filepath.Join(t.TempDir(), name), txlog.Options{Start: start})
	if err != nil {
		t.Fatalf("open log: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func appendCommit(t *testing.T, l *txlog.Log, txn uint64) txlog.LSN {
	t.Helper()
	lsn, err := l.Append(txlog.Begin{Txn: txn}, txlog.Insert{Txn: txn, Object: 1, Key: []byte{byte(txn)}, After: []byte("v")}, txlog.Commit{Txn: txn})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.WaitDurable(context.Background(), lsn); err != nil {
		t.Fatal(err)
	}
	return lsn
}

// TestShipReaderFromBeforeRestorePoint is the regression test for a former
// principal that rejoins with nothing after the restore point of the mirror that
// took over: it reports the last record before that point, which the new
// principal's log (starting at the restore point) does not hold. Shipping must
// continue from the first retained block, and the result must append cleanly.
func TestShipReaderFromBeforeRestorePoint(t *testing.T) {
	old := openLog(t, "old", 0)
	var last txlog.LSN
	for i := uint64(1); i <= 3; i++ {
		last = appendCommit(t, old, i)
	}
	// The mirror restored WITH NORECOVERY: its log starts where old's continues.
	cur := openLog(t, "cur", old.DurableEnd())
	for i := uint64(10); i <= 12; i++ {
		appendCommit(t, cur, i)
	}
	if _, err := cur.NewReader(last); !errors.Is(err, txlog.ErrTruncated) {
		t.Fatalf("NewReader(%s) on the new principal: %v, want ErrTruncated", last, err)
	}
	r, err := newShipReader(cur, last)
	if err != nil {
		t.Fatalf("newShipReader(%s): %v", last, err)
	}
	var raw []byte
	for {
		b, ok, err := r.TryNext()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		raw = append(raw, b.Raw...)
	}
	if err := old.AppendBlocks(raw); err != nil {
		t.Fatalf("the rejoining partner cannot append the shipped log: %v", err)
	}
	if got, want := old.FlushedLSN(), cur.FlushedLSN(); got != want {
		t.Errorf("after shipping: old log ends at %s, want %s", got, want)
	}
}

func TestShipReaderErrors(t *testing.T) {
	cur := openLog(t, "cur", 1<<20)
	appendCommit(t, cur, 1)
	end := txlog.MakeLSN(cur.DurableEnd()+1<<20, 0)
	tests := []struct {
		name string
		from txlog.LSN
		ok   bool
	}{
		{"first retained block", txlog.MakeLSN(1<<20, 0), true},
		{"before the log", txlog.MakeLSN(4096, 3), true},
		{"beyond the durable end", end, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newShipReader(cur, tc.from)
			if (err == nil) != tc.ok {
				t.Errorf("newShipReader(%s): err %v, want ok=%v", tc.from, err, tc.ok)
			}
		})
	}
}

// TestShutWaitsFailNewCommits: once a principal gives up its role, a commit that
// still reaches the mirror wait must fail at once instead of blocking (it would
// hold the engine's commit lock against RevertTo), until reset.
func TestShutWaitsFailNewCommits(t *testing.T) {
	w := newCommitWaits(5)
	want := partner.ErrActingAsMirror("db")
	w.shut(want)
	for _, lsn := range []txlog.LSN{1, 5, 6, 100} {
		if err := w.wait(context.Background(), lsn); err != want {
			t.Errorf("wait(%d) after shut: %v, want %v", lsn, err, want)
		}
	}
	w.reset(10)
	if err := w.wait(context.Background(), 10); err != nil {
		t.Errorf("wait(10) after reset(10): %v", err)
	}
}

func TestTruncateAfterNothingBeyond(t *testing.T) {
	l := openLog(t, "l", 0)
	a := appendCommit(t, l, 1)
	b := appendCommit(t, l, 2)
	if err := truncateAfter(context.Background(), l, b); err != nil {
		t.Fatalf("truncate at the end: %v", err)
	}
	if err := truncateAfter(context.Background(), l, a); err != nil {
		t.Fatalf("truncate after %s: %v", a, err)
	}
	if got := l.FlushedLSN(); got != a {
		t.Errorf("after truncation the log ends at %s, want %s", got, a)
	}
}

// TestTruncateAfterSlotZero: a slot-0 position (a log without records after the
// restore point) cuts everything from its block on, including the block itself.
func TestTruncateAfterSlotZero(t *testing.T) {
	l := openLog(t, "l", 0)
	a := appendCommit(t, l, 1)
	restore := l.DurableEnd()
	appendCommit(t, l, 2)
	appendCommit(t, l, 3)
	if err := truncateAfter(context.Background(), l, txlog.MakeLSN(restore, 0)); err != nil {
		t.Fatalf("truncate after the restore point: %v", err)
	}
	if got := l.FlushedLSN(); got != a {
		t.Errorf("log ends at %s, want %s", got, a)
	}
	if got := l.DurableEnd(); got != restore {
		t.Errorf("durable end %d, want the restore point %d", got, restore)
	}
	if err := truncateAfter(context.Background(), l, txlog.MakeLSN(restore, 0)); err != nil {
		t.Errorf("truncate at the end again: %v", err)
	}
}
