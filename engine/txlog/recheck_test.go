package txlog

import (
	"context"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// TestWaitDurableRecoversLostWakeup: a committer parked for the next flush
// is served even if its wake-up and its request to seal its block are lost
// (the state two hung servers were found in, session 8): after waitRecheck
// it registers again and wakes the flusher, and the recheck is counted.
// Without the recheck this test waits until its deadline.
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
	waitParks(t, l, 1)
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
	if got := l.Stats().WaitRechecks; got == 0 {
		t.Errorf("Stats().WaitRechecks = 0 after a recheck served the committer")
	}
}

// waitParks waits until committers have parked in WaitDurable n times in all.
func waitParks(t *testing.T, l *Log, n uint64) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for l.parks.Load() < n {
		if time.Now().After(deadline) {
			t.Fatalf("committers parked %d times, want %d", l.parks.Load(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestSignalDuringFlushKeepsWaitersServed is the regression test of the
// lost wake-up found in session 9: a TruncateBefore that drops a segment wakes
// every waiter (signalLocked) while a flush is between its write and its
// fdatasync. The committers of that flush must still be served when it
// completes — whether they were parked on it before the signal or arrive
// after it — with no other commit coming to rescue them and the recheck off.
// Before the fix the signal forgot the flush in progress: they registered for
// the next flush, which had nothing to write, and waited until the deadline.
func TestSignalDuringFlushKeepsWaitersServed(t *testing.T) {
	for _, tc := range []struct {
		name         string
		parkedBefore bool // the second committer parks before the signal
	}{
		{"waiter parked before the signal", true},
		{"waiter arrives after the signal", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := mustOpen(t, t.TempDir(), Options{SegmentSize: MinSegmentSize})
			l.recheck = 0
			var hold atomic.Bool
			entered, release := make(chan struct{}, 1), make(chan struct{})
			setSyncFile(l, func(f *os.File) error {
				if hold.CompareAndSwap(true, false) {
					entered <- struct{}{}
					<-release
				}
				return datasync(f)
			})
			// Fill the first segment and checkpoint in the second, so that
			// TruncateBefore drops a segment (and signals).
			for i := uint64(1); l.DurableEnd() < 2*MinSegmentSize; i++ {
				mustCommit(t, l, txn(i, string(make([]byte, 900)))...)
			}
			ck := mustCommit(t, l, Checkpoint{})
			if err := l.SetCheckpoint(ck); err != nil {
				t.Fatal(err)
			}

			lsn, err := l.Append(txn(1<<20, "held")...)
			if err != nil {
				t.Fatal(err)
			}
			hold.Store(true)
			wait := func() chan error {
				ch := make(chan error, 1)
				go func() {
					ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
					defer cancel()
					ch <- l.WaitDurable(ctx, lsn)
				}()
				return ch
			}
			parks := l.parks.Load()
			leader := wait()
			<-entered // the leader's flush is written, not yet synced
			var follower chan error
			if tc.parkedBefore {
				follower = wait()
				parks++
				waitParks(t, l, parks)
			}
			if err := l.TruncateBefore(ck); err != nil {
				t.Fatal(err)
			}
			if l.RetainedFrom() == 0 {
				t.Fatal("TruncateBefore dropped no segment: the test does not signal")
			}
			if tc.parkedBefore {
				parks++ // woken by the signal, it parks again
			} else {
				follower = wait()
				parks++
			}
			waitParks(t, l, parks)
			close(release)
			for _, ch := range []chan error{leader, follower} {
				if err := <-ch; err != nil {
					t.Fatalf("WaitDurable after a signal during its flush: %v", err)
				}
			}
			if l.DurableEnd() <= lsn.BlockOffset() {
				t.Fatal("WaitDurable returned before the record was durable")
			}
		})
	}
}

// TestRecheckClockTicksQuietly: the log's one recheck clock (recheck.go)
// wakes a parked committer at every tick, but the committer rechecks —
// counted, re-registered, flusher woken — only once two ticks have passed
// since it parked; the first tick neither counts a park nor a recheck. The
// clock stops when no committer is parked. Fails if a tick is taken for a
// recheck, or a quiet wake for a new park.
func TestRecheckClockTicksQuietly(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	lsn, err := l.Append(txn(1, "v")...)
	if err != nil {
		t.Fatal(err)
	}
	l.flushMu.Lock() // the committer cannot lead, and the flusher cannot flush
	held := true
	t.Cleanup(func() { // a failed check must not leave Close waiting for flushMu
		if held {
			l.flushMu.Unlock()
		}
	})
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		done <- l.WaitDurable(ctx, lsn)
	}()
	waitParks(t, l, 1)
	since := l.rc.gen.Load()
	waitFor(t, "the first tick", func() bool { return l.rc.gen.Load() >= since+1 })
	if l.rechecksDue(since) {
		// The committer parked just before a tick and the second came too:
		// nothing to observe between them on this run.
		t.Skip("two ticks passed before the first was seen")
	}
	if got := l.Stats().WaitRechecks; got != 0 {
		t.Fatalf("WaitRechecks = %d after one tick, want 0", got)
	}
	if got := l.parks.Load(); got != 1 {
		t.Fatalf("parks = %d after one tick, want 1 (a quiet wake is no new park)", got)
	}
	waitFor(t, "a recheck", func() bool { return l.Stats().WaitRechecks >= 1 })
	waitParks(t, l, 2) // the recheck parks again, announced
	held = false
	l.flushMu.Unlock()
	if err := <-done; err != nil {
		t.Fatalf("WaitDurable: %v", err)
	}
	waitFor(t, "the clock to stop", func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return !l.rc.running && l.rc.parked == 0
	})
}

// waitFor polls cond until it holds or a minute has passed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
