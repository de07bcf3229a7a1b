package txlog

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// TestFlushGate: the gate runs before a flush seals its batch, so records
// appended while it holds the flush are written by that same flush; it is not
// called when a flush has nothing to write, nor for Close's final flush, nor
// once removed.
func TestFlushGate(t *testing.T) {
	t.Run("holds the flush; records appended meanwhile join it", func(t *testing.T) {
		l := mustOpen(t, t.TempDir(), testOptions())
		entered, proceed := make(chan struct{}), make(chan struct{})
		var calls atomic.Int32
		l.SetFlushGate(func() {
			if calls.Add(1) == 1 {
				close(entered)
				<-proceed
			}
		})
		lsn1, err := l.Append(txn(1, "a")...)
		if err != nil {
			t.Fatal(err)
		}
		before := l.Stats().Flushes
		done := make(chan error, 1)
		go func() { done <- l.WaitDurable(context.Background(), lsn1) }()
		select {
		case <-entered:
		case <-time.After(30 * time.Second):
			t.Fatal("the gate was not called for a flush with records to write")
		}
		lsn2, err := l.Append(txn(2, "b")...)
		if err != nil {
			t.Fatal(err)
		}
		close(proceed)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := l.FlushedLSN(); got < lsn2 {
			t.Fatalf("after the gated flush: flushed %s, want %s (the record appended during the gate joins it)", got, lsn2)
		}
		if n := l.Stats().Flushes - before; n != 1 {
			t.Fatalf("%d flushes, want 1", n)
		}
	})
	t.Run("not called with nothing to write", func(t *testing.T) {
		l := mustOpen(t, t.TempDir(), testOptions())
		lsn, err := l.Append(txn(1, "a")...)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.WaitDurable(context.Background(), lsn); err != nil {
			t.Fatal(err)
		}
		var calls atomic.Int32
		l.SetFlushGate(func() { calls.Add(1) })
		l.flushMu.Lock()
		flushed := l.flushOnce(false)
		l.flushMu.Unlock()
		if flushed || calls.Load() != 0 {
			t.Fatalf("flushOnce with nothing to write: flushed %v, gate called %d times", flushed, calls.Load())
		}
	})
	t.Run("removed", func(t *testing.T) {
		l := mustOpen(t, t.TempDir(), testOptions())
		var calls atomic.Int32
		l.SetFlushGate(func() { calls.Add(1) })
		l.SetFlushGate(nil)
		lsn, err := l.Append(txn(1, "a")...)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.WaitDurable(context.Background(), lsn); err != nil {
			t.Fatal(err)
		}
		if n := calls.Load(); n != 0 {
			t.Fatalf("removed gate called %d times", n)
		}
	})
	t.Run("not for Close's final flush", func(t *testing.T) {
		dir := t.TempDir()
		l, err := Open(dir, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		var calls atomic.Int32
		l.SetFlushGate(func() { calls.Add(1) })
		if _, err := l.Append(txn(1, "a")...); err != nil {
			t.Fatal(err)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		if n := calls.Load(); n != 0 {
			t.Fatalf("gate called %d times by Close", n)
		}
	})
}
