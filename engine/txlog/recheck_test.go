package txlog

import (
	"context"
	"testing"
	"time"
)

// TestWaitDurableRecoversLostWakeup: a committer parked for the next flush
// is served even if its wake-up and its request to seal its block are lost
// (the state two hung servers were found in, session 8): after waitRecheck
// it registers again and wakes the flusher. Without the recheck this test
// waits until its deadline.
func TestWaitDurableRecoversLostWakeup(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	lsn, err := l.Append(txn(1, "v")...)
	if err != nil {
		t.Fatal(err)
	}
	// Hold flushMu so the committer cannot lead its own flush and parks.
	l.flushMu.Lock()
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		done <- l.WaitDurable(ctx, lsn)
	}()
	for {
		l.mu.Lock()
		parked := l.nextWaiters > 0
		l.mu.Unlock()
		if parked {
			break
		}
		time.Sleep(time.Millisecond)
	}
	// Lose the wake-up and the seal request, then let flushes run again.
	select {
	case <-l.kick:
	case <-time.After(time.Second):
	}
	l.mu.Lock()
	l.want = 0
	l.mu.Unlock()
	l.flushMu.Unlock()
	if err := <-done; err != nil {
		t.Fatalf("WaitDurable: %v", err)
	}
	if l.DurableEnd() <= lsn.BlockOffset() {
		t.Fatalf("returned without the record durable")
	}
}
