package txlog

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"
)

// TestRequestDurable: a lone caller leads the flush (durable on return); while
// a flush is held between its write and its fdatasync, RequestDurable returns
// without waiting, for a record of that flush and for one of the next, and
// WaitDurable then sees both durable once the flushes complete.
func TestRequestDurable(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	lsn1, err := l.Append(txn(1, "a")...)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.RequestDurable(lsn1); err != nil {
		t.Fatal(err)
	}
	if got := l.FlushedLSN(); got < lsn1 {
		t.Fatalf("lone RequestDurable: flushed %s, want %s (it leads the flush)", got, lsn1)
	}

	entered, release := holdSync(l)
	lsn2, err := l.Append(txn(2, "b")...)
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = l.WaitDurable(context.Background(), lsn2) }()
	<-entered // lsn2's flush is written, its fdatasync held
	lsn3, err := l.Append(txn(3, "c")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		lsn  LSN
	}{{"in the held flush", lsn2}, {"for the next flush", lsn3}} {
		ret := make(chan error, 1)
		go func() { ret <- l.RequestDurable(tc.lsn) }()
		select {
		case err := <-ret:
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: RequestDurable waited for the held flush", tc.name)
		}
	}
	release() // lsn2's flush
	go func() {
		<-entered
		release() // the next flush, which RequestDurable(lsn3) asked for
	}()
	if err := l.WaitDurable(context.Background(), lsn3); err != nil {
		t.Fatal(err)
	}
}

// TestFailedClosesOnClose: Failed stays open while the log works and closes
// when it is closed.
func TestFailedClosesOnClose(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	lsn, err := l.Append(txn(1, "a")...)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.WaitDurable(context.Background(), lsn); err != nil {
		t.Fatal(err)
	}
	select {
	case <-l.Failed():
		t.Fatal("Failed closed on a working log")
	default:
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-l.Failed():
	default:
		t.Fatal("Failed still open after Close")
	}
}

// TestFailedClosesOnSyncError: a failed fdatasync makes the log's failure
// sticky and closes Failed.
func TestFailedClosesOnSyncError(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	l.syncFile = func(*os.File) error { return errors.New("injected fdatasync failure") }
	lsn, err := l.Append(txn(1, "a")...)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.WaitDurable(context.Background(), lsn); !errors.Is(err, ErrFailed) {
		t.Fatalf("WaitDurable = %v, want ErrFailed", err)
	}
	select {
	case <-l.Failed():
	default:
		t.Fatal("Failed still open after a failed flush")
	}
}
