package txlog

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// syncFrames makes l's fdatasync report, on the returned channel, which of
// WaitDurable (a committer leading the flush) or the flusher goroutine runs it;
// with hold, each sync then waits for release (or the end of the test, so that a
// failed test does not leave Close waiting for a held flush). Call right after
// mustOpen, before the first Append.
func syncFrames(t *testing.T, l *Log, hold bool) (who <-chan string, release func()) {
	ch := make(chan string, 64)
	gate := make(chan struct{}, 64)
	ended := make(chan struct{})
	t.Cleanup(func() { close(ended) })
	setSyncFile(l, func(f *os.File) error {
		buf := make([]byte, 16<<10)
		stack := string(buf[:runtime.Stack(buf, false)])
		switch {
		case strings.Contains(stack, "(*Log).WaitDurable"):
			ch <- "committer"
		case strings.Contains(stack, "(*Log).flusher"):
			ch <- "flusher"
		default:
			ch <- "other"
		}
		if hold {
			select {
			case <-gate:
			case <-ended:
			}
		}
		return datasync(f)
	})
	return ch, func() { gate <- struct{}{} }
}

// TestLoneCommitterLeadsFlush: with no flush running, the committer's own
// goroutine writes and fdatasyncs its block (no hand-off to the flusher), one
// flush per commit, and the record is durable when WaitDurable returns. A
// leader never parks, so it never starts the recheck clock's goroutine (a
// thread wake-up before the log write, every time the clock had stopped).
func TestLoneCommitterLeadsFlush(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	if l.recheck <= 0 {
		t.Fatal("the recheck is off in testOptions: the clock check below would pass vacuously")
	}
	who, _ := syncFrames(t, l, false)
	for i := range 5 {
		lsn := mustCommit(t, l, txn(uint64(i+1), "v")...)
		if got := <-who; got != "committer" {
			t.Errorf("commit %d: fdatasync ran on the %s goroutine, want the committer's", i, got)
		}
		l.mu.Lock()
		running, parked := l.rc.running, l.rc.parked
		l.mu.Unlock()
		if running || parked != 0 {
			t.Errorf("commit %d: recheck clock running=%v parked=%d after a lone commit, want neither", i, running, parked)
		}
		if got := l.FlushedLSN(); got < lsn {
			t.Errorf("commit %d: FlushedLSN %s < committed %s", i, got, lsn)
		}
	}
	if got := l.Stats().Flushes; got != 5 {
		t.Errorf("Flushes = %d after 5 lone commits, want 5", got)
	}
}

// TestCommitDuringLeadFlushWaitsForNext: a commit appended while a committer
// leads a flush is not in that flush: it waits (it must not return before its
// own block is synced) and the flusher goroutine writes it after the leader's
// flush, never overlapping it.
func TestCommitDuringLeadFlushWaitsForNext(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	who, release := syncFrames(t, l, true)

	lsnA, err := l.Append(txn(1, "a")...)
	if err != nil {
		t.Fatal(err)
	}
	doneA := make(chan error, 1)
	go func() { doneA <- l.WaitDurable(context.Background(), lsnA) }()
	if got := <-who; got != "committer" {
		t.Fatalf("first flush ran on the %s goroutine, want the committer's", got)
	}

	lsnB, err := l.Append(txn(2, "b")...)
	if err != nil {
		t.Fatal(err)
	}
	doneB := make(chan error, 1)
	go func() { doneB <- l.WaitDurable(context.Background(), lsnB) }()
	select {
	case got := <-who:
		t.Fatalf("a second fdatasync (%s) started while the first was held", got)
	case err := <-doneB:
		t.Fatalf("WaitDurable(B) returned %v while no flush covering B had synced", err)
	case <-time.After(50 * time.Millisecond):
	}

	release()
	if err := <-doneA; err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-who:
		if got != "flusher" && got != "committer" {
			t.Errorf("second flush ran on %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no flush for B after A's completed")
	}
	select {
	case err := <-doneB:
		t.Fatalf("WaitDurable(B) returned %v before its sync was released", err)
	default:
	}
	release()
	if err := <-doneB; err != nil {
		t.Fatal(err)
	}
	if got := l.FlushedLSN(); got != lsnB {
		t.Errorf("FlushedLSN = %s, want %s", got, lsnB)
	}
}

// TestLeaderSyncFailureIsSticky: a failed fdatasync in a flush led by a committer
// fails that commit with ErrFailed, and every later Append and WaitDurable too.
func TestLeaderSyncFailureIsSticky(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	boom := errors.New("injected EIO")
	setSyncFile(l, func(*os.File) error { return boom })
	lsn, err := l.Append(txn(1, "v")...)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		run  func() error
	}{
		{"WaitDurable of the failed flush", func() error { return l.WaitDurable(context.Background(), lsn) }},
		{"WaitDurable again", func() error { return l.WaitDurable(context.Background(), lsn) }},
		{"Append after", func() error { _, err := l.Append(txn(2, "w")...); return err }},
	}
	for _, tc := range tests {
		if err := tc.run(); !errors.Is(err, ErrFailed) {
			t.Errorf("%s: err = %v, want ErrFailed", tc.name, err)
		}
	}
	if got := l.FlushedLSN(); got != 0 {
		t.Errorf("FlushedLSN = %s after a failed sync, want 0", got)
	}
}
