package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestApplyDeferredStart: a lone deferred batch is written by nobody until
// StartDeferred, which starts the applier (seen entering its write with no
// read or wait anywhere); StartDeferred with nothing queued, or again after
// the write, does nothing.
func TestApplyDeferredStart(t *testing.T) {
	for _, st := range laterStores {
		t.Run(st.name, func(t *testing.T) {
			s := openDeferred(t, st.opts(t.TempDir()))
			s.StartDeferred() // nothing queued
			entered := make(chan struct{}, 4)
			storage.HoldLater(s, func() error { entered <- struct{}{}; return nil })
			deferred, err := s.ApplyDeferred(putBatch("k", "v"), 10)
			if err != nil || !deferred {
				t.Fatalf("ApplyDeferred: deferred %v, %v; want deferred", deferred, err)
			}
			if w, _ := s.LaterStats(); w != 0 || len(entered) != 0 || s.AppliedLSN() != 0 {
				t.Fatalf("before StartDeferred: %d writes, applier entered %d times, AppliedLSN %d; want nothing written", w, len(entered), s.AppliedLSN())
			}
			s.StartDeferred()
			select {
			case <-entered:
			case <-time.After(laterTimeout):
				t.Fatal("StartDeferred started no applier")
			}
			if err := s.Sync(); err != nil {
				t.Fatal(err)
			}
			if w, b := s.LaterStats(); w != 1 || b != 1 || s.AppliedLSN() != 10 {
				t.Fatalf("after StartDeferred: %d writes of %d batches, AppliedLSN %d; want 1 of 1 at 10", w, b, s.AppliedLSN())
			}
			s.StartDeferred()
			if err := s.Sync(); err != nil {
				t.Fatal(err)
			}
			if w, _ := s.LaterStats(); w != 1 || len(entered) != 0 {
				t.Fatalf("a second StartDeferred wrote again: %d writes", w)
			}
			if got := getString(t, s, "k"); got != "v" {
				t.Fatalf("k = %q, want v", got)
			}
		})
	}
}

// TestApplyDeferredWithoutStart: every read and write that must see a
// deferred batch sees it although nobody calls StartDeferred — the wait starts
// the applier itself. Without that, each operation below waits forever and
// the test fails at its deadlock guard.
func TestApplyDeferredWithoutStart(t *testing.T) {
	ctx := context.Background()
	ops := []struct {
		name string
		run  func(s *storage.Badger) (string, error)
	}{
		{"Get of the key", func(s *storage.Badger) (string, error) {
			v, _, err := s.Get(ctx, laterObj, []byte("k"), storage.Latest)
			return string(v), err
		}},
		{"NewIterator of the object", func(s *storage.Badger) (string, error) {
			it, err := s.NewIterator(laterObj, nil, nil, false, storage.Latest)
			if err != nil {
				return "", err
			}
			defer it.Close()
			for it.Next() {
				if string(it.Key()) == "k" {
					return string(it.Value()), nil
				}
			}
			return "<absent>", it.Err()
		}},
		{"Sync", func(s *storage.Badger) (string, error) {
			return fmt.Sprint(uint64(s.AppliedLSN())), s.Sync()
		}},
		{"Apply", func(s *storage.Badger) (string, error) {
			err := s.Apply(putBatch("other", "x"), 30)
			return fmt.Sprint(uint64(s.AppliedLSN())), err
		}},
		{"Present", func(s *storage.Badger) (string, error) {
			ok, err := s.Present(putBatch("k", "new"), 20)
			return fmt.Sprint(ok), err
		}},
	}
	// Sync's AppliedLSN is read before the call; what matters there is that
	// the call returns and k is "new" after it.
	want := map[string]string{"Sync": "", "Apply": "30", "Present": "true"}
	for _, st := range laterStores {
		for _, op := range ops {
			t.Run(st.name+"/"+op.name, func(t *testing.T) {
				s := openDeferred(t, st.opts(t.TempDir()))
				if err := s.Apply(putBatch("k", "old"), 10); err != nil {
					t.Fatal(err)
				}
				if deferred, err := s.ApplyDeferred(putBatch("k", "new"), 20); err != nil || !deferred {
					t.Fatalf("ApplyDeferred: deferred %v, %v", deferred, err)
				}
				type result struct {
					v   string
					err error
				}
				res := make(chan result, 1)
				go func() {
					v, err := op.run(s)
					res <- result{v, err}
				}()
				var r result
				select {
				case r = <-res:
				case <-time.After(laterTimeout):
					t.Fatal("the operation waited for a StartDeferred that never came")
				}
				if r.err != nil {
					t.Fatal(r.err)
				}
				w, ok := want[op.name]
				if !ok {
					w = "new"
				}
				if w != "" && r.v != w {
					t.Fatalf("saw %q, want %q", r.v, w)
				}
				if got := getString(t, s, "k"); got != "new" {
					t.Fatalf("k = %q after, want new", got)
				}
			})
		}
	}
}

// TestApplyDeferredCloseWrites: Close writes a deferred batch nobody
// started; the reopened store has it.
func TestApplyDeferredCloseWrites(t *testing.T) {
	dir := t.TempDir()
	s, err := storage.OpenBadger(storage.Options{Dir: dir, HousekeepingInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	if deferred, err := s.ApplyDeferred(putBatch("k", "v"), 10); err != nil || !deferred {
		t.Fatalf("ApplyDeferred: deferred %v, %v", deferred, err)
	}
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(laterTimeout):
		t.Fatal("Close waited for a StartDeferred that never came")
	}
	s = openDeferred(t, storage.Options{Dir: dir, HousekeepingInterval: -1})
	if got := getString(t, s, "k"); got != "v" || s.AppliedLSN() != 10 {
		t.Fatalf("after reopen k = %q, AppliedLSN %d; want v at 10", got, s.AppliedLSN())
	}
}

// TestApplyDeferredStartsApplier: at most one batch is left deferred — a
// second enqueue starts the applier (seen entering its write with no read,
// drain or wait anywhere) — and a batch queued while an applier runs is
// taken by it, while StartDeferred then does nothing.
func TestApplyDeferredStartsApplier(t *testing.T) {
	cases := []struct {
		name  string
		first func(s *storage.Badger) error
	}{
		{"after a deferred batch", func(s *storage.Badger) error {
			deferred, err := s.ApplyDeferred(putBatch("a", "1"), 10)
			if err == nil && !deferred {
				err = errors.New("the first lone batch was not deferred")
			}
			return err
		}},
		{"after ApplyLater", func(s *storage.Badger) error { return s.ApplyLater(putBatch("a", "1"), 10) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openDeferred(t, storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1})
			entered := make(chan struct{}, 4)
			release := make(chan struct{})
			storage.HoldLater(s, func() error {
				entered <- struct{}{}
				<-release
				return nil
			})
			if err := c.first(s); err != nil {
				t.Fatal(err)
			}
			deferred, err := s.ApplyDeferred(putBatch("b", "2"), 11)
			if err != nil || deferred {
				t.Fatalf("second ApplyDeferred: deferred %v, %v; want handed to an applier", deferred, err)
			}
			select {
			case <-entered:
			case <-time.After(laterTimeout):
				t.Fatal("no applier started")
			}
			// The applier is held inside a write: a deferred batch now goes to
			// it, and StartDeferred must not start a second one (which would
			// enter the hook while the first is held).
			deferred, err = s.ApplyDeferred(putBatch("c", "3"), 12)
			if err != nil || deferred {
				t.Fatalf("ApplyDeferred beside a running applier: deferred %v, %v", deferred, err)
			}
			s.StartDeferred()
			if len(entered) != 0 {
				t.Fatal("StartDeferred started a second applier beside the running one")
			}
			close(release)
			if err := s.Sync(); err != nil {
				t.Fatal(err)
			}
			for k, v := range map[string]string{"a": "1", "b": "2", "c": "3"} {
				if got := getString(t, s, k); got != v {
					t.Fatalf("%s = %q, want %q", k, got, v)
				}
			}
			if _, b := s.LaterStats(); b != 3 {
				t.Fatalf("%d batches written, want 3", b)
			}
		})
	}
}

// TestApplyDeferredStartFailure: a failed write started by StartDeferred
// stops the store as any applier's failure does: the hook runs once, and
// later reads and writes fail with ErrApplyFailed.
func TestApplyDeferredStartFailure(t *testing.T) {
	s := openDeferred(t, storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1})
	boom := errors.New("disk on fire")
	storage.HoldLater(s, func() error { return boom })
	failed := make(chan error, 2)
	s.OnApplyFailure(func(err error) { failed <- err })
	if deferred, err := s.ApplyDeferred(putBatch("k", "v"), 10); err != nil || !deferred {
		t.Fatalf("ApplyDeferred: deferred %v, %v", deferred, err)
	}
	s.StartDeferred()
	select {
	case err := <-failed:
		if !errors.Is(err, storage.ErrApplyFailed) || !errors.Is(err, boom) {
			t.Fatalf("hook got %v", err)
		}
	case <-time.After(laterTimeout):
		t.Fatal("failure hook did not run")
	}
	if _, _, err := s.Get(context.Background(), laterObj, []byte("k"), storage.Latest); !errors.Is(err, storage.ErrApplyFailed) {
		t.Fatalf("Get after the failed write: %v, want ErrApplyFailed", err)
	}
	if _, err := s.ApplyDeferred(putBatch("k", "w"), 11); !errors.Is(err, storage.ErrApplyFailed) {
		t.Fatalf("ApplyDeferred after the failed write: %v, want ErrApplyFailed", err)
	}
	if len(failed) != 0 {
		t.Fatal("failure hook ran twice")
	}
}

// TestApplyDeferredReadModifyWrite: TestApplyLaterReadModifyWrite's
// counters, queued with ApplyDeferred and started by the writers after they
// drop the key's lock (as a session does once its response is sent), every
// other increment left for the next writer or reader to start. A read that
// missed a deferred increment would lose it.
func TestApplyDeferredReadModifyWrite(t *testing.T) {
	for _, st := range laterStores {
		t.Run(st.name, func(t *testing.T) {
			s := openDeferred(t, st.opts(t.TempDir()))
			const writers, each, keys = 8, 300, 3
			var locks [keys]sync.Mutex
			var lsn atomic.Uint64
			lsn.Store(100)
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			ctx := context.Background()
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range each {
						k := (w + i) % keys
						key := []byte(fmt.Sprintf("c%d", k))
						locks[k].Lock()
						v, _, err := s.Get(ctx, laterObj, key, storage.Latest)
						n := 0
						if err == nil && v != nil {
							_, err = fmt.Sscan(string(v), &n)
						}
						if err == nil {
							var b storage.Batch
							b.Put(laterObj, key, []byte(fmt.Sprint(n+1)))
							_, err = s.ApplyDeferred(&b, txlog.LSN(lsn.Add(1)))
						}
						locks[k].Unlock()
						if err != nil {
							errs <- err
							return
						}
						if i%2 == 0 {
							s.StartDeferred()
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			total := 0
			for k := range keys {
				var n int
				if _, err := fmt.Sscan(getString(t, s, fmt.Sprintf("c%d", k)), &n); err != nil {
					t.Fatal(err)
				}
				total += n
			}
			if total != writers*each {
				t.Fatalf("counters sum to %d, want %d (lost updates)", total, writers*each)
			}
		})
	}
}

// openDeferred opens a store whose ApplyDeferred leaves one batch queued at
// most, as it did before groups (the tests above were written for that);
// the group's own tests are in applydeferred_group_test.go.
func openDeferred(t *testing.T, opts storage.Options) *storage.Badger {
	t.Helper()
	s := openLater(t, opts)
	storage.SetDeferGroup(s, 1, 0, 0)
	return s
}
