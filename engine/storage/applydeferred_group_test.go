package storage_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestApplyDeferredGroup: ApplyDeferred leaves up to a group of batches
// queued, StartDeferred writes nothing before the group is complete and all
// of it in one store write once it is, and the batch after a full group
// starts the applier itself. A deferred key is read back before anyone
// started its write (the read starts it).
func TestApplyDeferredGroup(t *testing.T) {
	const group = 4
	for _, st := range laterStores {
		t.Run(st.name, func(t *testing.T) {
			s := openLater(t, st.opts(t.TempDir()))
			storage.SetDeferGroup(s, group, time.Hour, time.Hour)
			entered := make(chan struct{}, 8)
			storage.HoldLater(s, func() error { entered <- struct{}{}; return nil })
			lsn := txlog.LSN(10)
			deferN := func(n int, wantDeferred bool) {
				t.Helper()
				waitApplierGone(t, s) // a group is deferred only with no applier running
				for range n {
					lsn++
					deferred, err := s.ApplyDeferred(putBatch(fmt.Sprintf("k%d", uint64(lsn)), fmt.Sprint(uint64(lsn))), lsn)
					if err != nil || deferred != wantDeferred {
						t.Fatalf("ApplyDeferred at %d: deferred %v, %v; want %v", lsn, deferred, err, wantDeferred)
					}
				}
			}
			for i := range group - 1 {
				deferN(1, true)
				s.StartDeferred()
				if w, _ := s.LaterStats(); w != 0 || len(entered) != 0 {
					t.Fatalf("after %d of a group of %d: %d writes, applier entered %d times; want none", i+1, group, w, len(entered))
				}
			}
			if got := getString(t, s, "k12"); got != "12" { // a deferred key: the read starts the applier
				t.Fatalf("k12 = %q before the group was started, want 12", got)
			}
			if err := s.Sync(); err != nil {
				t.Fatal(err)
			}
			if w, b := s.LaterStats(); w != 1 || b != group-1 {
				t.Fatalf("after the read: %d writes of %d batches; want 1 of %d", w, b, group-1)
			}
			<-entered

			deferN(group, true)
			s.StartDeferred()
			select {
			case <-entered:
			case <-time.After(laterTimeout):
				t.Fatal("StartDeferred with a full group started no applier")
			}
			if err := s.Sync(); err != nil {
				t.Fatal(err)
			}
			if w, b := s.LaterStats(); w != 2 || b != 2*group-1 || s.AppliedLSN() != lsn {
				t.Fatalf("after a full group: %d writes of %d batches, AppliedLSN %d; want 2 of %d at %d", w, b, s.AppliedLSN(), 2*group-1, lsn)
			}

			deferN(group, true)
			deferN(1, false) // one past the group: handed to an applier it starts
			select {
			case <-entered:
			case <-time.After(laterTimeout):
				t.Fatal("the batch past a full group started no applier")
			}
			if err := s.Sync(); err != nil {
				t.Fatal(err)
			}
			for k := txlog.LSN(11); k <= lsn; k++ {
				if got := getString(t, s, fmt.Sprintf("k%d", uint64(k))); got != fmt.Sprint(uint64(k)) {
					t.Fatalf("k%d = %q", uint64(k), got)
				}
			}
			if _, b := s.LaterStats(); b != uint64(lsn-10) {
				t.Fatalf("%d batches written, want %d", b, lsn-10)
			}
		})
	}
}

// TestApplyDeferredAge: StartDeferred starts fewer than a group once the
// first of them is older than the group's age, and not before.
func TestApplyDeferredAge(t *testing.T) {
	s := openLater(t, storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1})
	storage.SetDeferGroup(s, 8, time.Hour, time.Hour)
	if deferred, err := s.ApplyDeferred(putBatch("a", "1"), 10); err != nil || !deferred {
		t.Fatalf("ApplyDeferred: deferred %v, %v", deferred, err)
	}
	s.StartDeferred()
	if w, _ := s.LaterStats(); w != 0 {
		t.Fatalf("a young lone batch was written (%d writes)", w)
	}
	storage.SetDeferGroup(s, 8, time.Millisecond, time.Hour)
	time.Sleep(5 * time.Millisecond) // the batch is now older than the age
	s.StartDeferred()
	waitWrites(t, s, 1, "StartDeferred after the age")
}

// TestApplyDeferredIdleTimer: deferred batches that nobody starts — no
// StartDeferred, no read, no further write — are written by the idle timer.
func TestApplyDeferredIdleTimer(t *testing.T) {
	s := openLater(t, storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1})
	storage.SetDeferGroup(s, 8, time.Hour, 5*time.Millisecond)
	for i := range 3 {
		if deferred, err := s.ApplyDeferred(putBatch(fmt.Sprint("k", i), "v"), txlog.LSN(10+i)); err != nil || !deferred {
			t.Fatalf("ApplyDeferred: deferred %v, %v", deferred, err)
		}
	}
	waitWrites(t, s, 1, "the idle timer")
	if err := s.Sync(); err != nil { // the write has begun: Sync only waits for it
		t.Fatal(err)
	}
	if _, b := s.LaterStats(); b != 3 || s.AppliedLSN() != 12 {
		t.Fatalf("%d batches, AppliedLSN %d; want 3 at 12", b, s.AppliedLSN())
	}
}

// waitWrites waits (up to laterTimeout) until s's applier has made n
// writes, without reading or syncing the store (either would start it).
func waitWrites(t *testing.T, s *storage.Badger, n uint64, who string) {
	t.Helper()
	deadline := time.Now().Add(laterTimeout)
	for {
		if w, _ := s.LaterStats(); w >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s wrote nothing", who)
		}
		time.Sleep(time.Millisecond)
	}
}

// waitApplierGone waits (up to laterTimeout) until no applier of s runs: the
// one that made the last write may still be on its way out after Sync.
func waitApplierGone(t *testing.T, s *storage.Badger) {
	t.Helper()
	deadline := time.Now().Add(laterTimeout)
	for storage.LaterRunning(s) {
		if time.Now().After(deadline) {
			t.Fatal("the applier did not stop")
		}
		time.Sleep(100 * time.Microsecond)
	}
}
