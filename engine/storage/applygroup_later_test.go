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

// laterTimeout bounds every wait of these tests; it is a deadlock guard, not
// a timing assertion (nothing here should take more than milliseconds).
const laterTimeout = 2 * time.Minute

const laterObj = 7

func putBatch(kv ...string) *storage.Batch {
	var b storage.Batch
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			b.Delete(laterObj, []byte(kv[i]))
		} else {
			b.Put(laterObj, []byte(kv[i]), []byte(kv[i+1]))
		}
	}
	return &b
}

// laterStores are the store configurations ApplyLater is tested on: without
// the buffer pool, and with every object cached on first use.
var laterStores = []struct {
	name string
	opts func(dir string) storage.Options
}{
	{"badger", func(dir string) storage.Options { return storage.Options{Dir: dir, HousekeepingInterval: -1} }},
	{"buffer pool", func(dir string) storage.Options {
		return storage.EagerCache(storage.Options{Dir: dir, HousekeepingInterval: -1}, 64<<20)
	}},
}

func openLater(t *testing.T, opts storage.Options) *storage.Badger {
	t.Helper()
	s, err := storage.OpenBadger(opts)
	if err != nil {
		t.Fatalf("OpenBadger: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func getString(t *testing.T, s *storage.Badger, key string) string {
	t.Helper()
	v, ok, err := s.Get(context.Background(), laterObj, []byte(key), storage.Latest)
	if err != nil {
		t.Fatalf("Get %s: %v", key, err)
	}
	if !ok {
		return "<absent>"
	}
	return string(v)
}

// TestApplyLaterVisibility: a write queued by ApplyLater is seen by every
// read and write that starts after ApplyLater returned. The applier is held
// before writing, so each operation below must wait for it (the test sees
// the wait begin, then lets the applier go) and then see the new value; an
// operation that does not wait returns while the applier is still held and
// fails the test.
func TestApplyLaterVisibility(t *testing.T) {
	ctx := context.Background()
	ops := []struct {
		name string
		// run performs the operation and returns what it saw of key "k"
		// (or, for writes, what a Get sees right after it).
		run func(s *storage.Badger) (string, error)
	}{
		{"Get of the key", func(s *storage.Badger) (string, error) {
			v, _, err := s.Get(ctx, laterObj, []byte("k"), storage.Latest)
			return string(v), err
		}},
		{"Get as of the version", func(s *storage.Badger) (string, error) {
			v, _, err := s.Get(ctx, laterObj, []byte("k"), 20)
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
			if err := s.Sync(); err != nil {
				return "", err
			}
			return fmt.Sprint(uint64(s.AppliedLSN())), nil
		}},
		{"Apply", func(s *storage.Badger) (string, error) {
			if err := s.Apply(putBatch("other", "x"), 30); err != nil {
				return "", err
			}
			return fmt.Sprint(uint64(s.AppliedLSN())), nil
		}},
		{"ApplyGroup", func(s *storage.Badger) (string, error) {
			g := []storage.Versioned{{Batch: putBatch("o1", "x"), At: 30}, {Batch: putBatch("o2", "y"), At: 31}}
			if err := s.ApplyGroup(g); err != nil {
				return "", err
			}
			return fmt.Sprint(s.AppliedLSN() >= 20), nil
		}},
		{"Present", func(s *storage.Badger) (string, error) {
			ok, err := s.Present(putBatch("k", "new"), 20)
			return fmt.Sprint(ok), err
		}},
	}
	want := map[string]string{"Sync": "20", "Apply": "30", "ApplyGroup": "true", "Present": "true"}
	for _, st := range laterStores {
		for _, op := range ops {
			t.Run(st.name+"/"+op.name, func(t *testing.T) {
				s := openLater(t, st.opts(t.TempDir()))
				if err := s.Apply(putBatch("k", "old", "z", "1"), 10); err != nil {
					t.Fatal(err)
				}
				release := make(chan struct{})
				storage.HoldLater(s, func() error { <-release; return nil })
				waiting := make(chan struct{}, 1)
				storage.OnLaterWait(s, func() {
					select {
					case waiting <- struct{}{}:
					default:
					}
				})
				if err := s.ApplyLater(putBatch("k", "new"), 20); err != nil {
					t.Fatal(err)
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
				select {
				case r := <-res:
					close(release)
					t.Fatalf("returned %q, %v while the queued write was held: it did not wait", r.v, r.err)
				case <-waiting:
				case <-time.After(laterTimeout):
					t.Fatal("neither returned nor waited")
				}
				close(release)
				var r result
				select {
				case r = <-res:
				case <-time.After(laterTimeout):
					t.Fatal("did not return after the write")
				}
				if r.err != nil {
					t.Fatal(r.err)
				}
				w, ok := want[op.name]
				if !ok {
					w = "new"
				}
				if r.v != w {
					t.Fatalf("saw %q, want %q", r.v, w)
				}
				if got := getString(t, s, "k"); got != "new" {
					t.Fatalf("k = %q after, want new", got)
				}
			})
		}
	}
}

// TestApplyLaterOtherKeysDoNotWait: while a queued write is held, a Get of a
// key it does not write and an iterator over another object neither wait nor
// see it.
func TestApplyLaterOtherKeysDoNotWait(t *testing.T) {
	for _, st := range laterStores {
		t.Run(st.name, func(t *testing.T) {
			s := openLater(t, st.opts(t.TempDir()))
			var other storage.Batch
			other.Put(laterObj+1, []byte("a"), []byte("1"))
			if err := s.Apply(&other, 5); err != nil {
				t.Fatal(err)
			}
			if err := s.Apply(putBatch("z", "1"), 10); err != nil {
				t.Fatal(err)
			}
			release := make(chan struct{})
			defer close(release)
			storage.HoldLater(s, func() error { <-release; return nil })
			var waited atomic.Bool
			storage.OnLaterWait(s, func() { waited.Store(true) })
			if err := s.ApplyLater(putBatch("k", "new"), 20); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				if v, _, err := s.Get(context.Background(), laterObj, []byte("z"), storage.Latest); err != nil || string(v) != "1" {
					done <- fmt.Errorf("z = %q, %v; want 1", v, err)
					return
				}
				it, err := s.NewIterator(laterObj+1, nil, nil, false, storage.Latest)
				if err != nil {
					done <- err
					return
				}
				n := 0
				for it.Next() {
					n++
				}
				it.Close()
				if n != 1 {
					done <- fmt.Errorf("other object has %d rows, want 1", n)
					return
				}
				done <- nil
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(laterTimeout):
				t.Fatal("a read of an unqueued key waited for the held write")
			}
			if waited.Load() {
				t.Fatal("a read of an unqueued key waited")
			}
		})
	}
}

// TestApplyLaterGroups: batches queued while the applier writes go into its
// next write together, each at its own version; AppliedLSN is the highest.
func TestApplyLaterGroups(t *testing.T) {
	s := openLater(t, storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1})
	entered := make(chan struct{}, 1)
	release := make(chan struct{})
	var first atomic.Bool
	storage.HoldLater(s, func() error {
		if first.CompareAndSwap(false, true) {
			entered <- struct{}{}
			<-release
		}
		return nil
	})
	if err := s.ApplyLater(putBatch("k", "v10"), 10); err != nil {
		t.Fatal(err)
	}
	select {
	case <-entered:
	case <-time.After(laterTimeout):
		t.Fatal("applier did not start")
	}
	const n = 20
	for i := range n {
		at := txlog.LSN(11 + i)
		if err := s.ApplyLater(putBatch("k", fmt.Sprintf("v%d", at), fmt.Sprintf("r%02d", i), "x"), at); err != nil {
			t.Fatal(err)
		}
	}
	close(release)
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
	writes, batches := s.LaterStats()
	if writes != 2 || batches != n+1 {
		t.Fatalf("%d writes of %d batches, want 2 of %d", writes, batches, n+1)
	}
	if got := s.AppliedLSN(); got != 10+n {
		t.Fatalf("AppliedLSN %d, want %d", got, 10+n)
	}
	ctx := context.Background()
	for at := txlog.LSN(10); at <= 10+n; at++ {
		v, _, err := s.Get(ctx, laterObj, []byte("k"), at)
		if err != nil || string(v) != fmt.Sprintf("v%d", at) {
			t.Fatalf("k as of %d = %q, %v", at, v, err)
		}
	}
}

// TestApplyLaterFailure: a failed queued write stops the store: the hook
// runs once, and reads (of any key), ApplyLater, Apply and Sync fail with
// ErrApplyFailed.
func TestApplyLaterFailure(t *testing.T) {
	s := openLater(t, storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1})
	if err := s.Apply(putBatch("z", "1"), 5); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk on fire")
	storage.HoldLater(s, func() error { return boom })
	failed := make(chan error, 2)
	s.OnApplyFailure(func(err error) { failed <- err })
	if err := s.ApplyLater(putBatch("k", "v"), 10); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-failed:
		if !errors.Is(err, storage.ErrApplyFailed) || !errors.Is(err, boom) {
			t.Fatalf("hook got %v", err)
		}
	case <-time.After(laterTimeout):
		t.Fatal("failure hook did not run")
	}
	checks := map[string]error{
		"ApplyLater": s.ApplyLater(putBatch("k", "w"), 11),
		"Apply":      s.Apply(putBatch("k", "w"), 12),
		"Sync":       s.Sync(),
	}
	_, _, checks["Get of another key"] = s.Get(context.Background(), laterObj, []byte("z"), storage.Latest)
	_, checks["NewIterator"] = s.NewIterator(laterObj, nil, nil, false, storage.Latest)
	for name, err := range checks {
		if !errors.Is(err, storage.ErrApplyFailed) {
			t.Errorf("%s: %v, want ErrApplyFailed", name, err)
		}
	}
	if len(failed) != 0 {
		t.Fatal("failure hook ran twice")
	}
}

// TestApplyLaterClose: Close writes what is queued (a reopened store has it)
// and ApplyLater after Close fails.
func TestApplyLaterClose(t *testing.T) {
	dir := t.TempDir()
	s, err := storage.OpenBadger(storage.Options{Dir: dir, HousekeepingInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := s.ApplyLater(putBatch(fmt.Sprintf("k%02d", i), "v"), txlog.LSN(10+i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.ApplyLater(putBatch("late", "v"), 100); !errors.Is(err, storage.ErrClosed) {
		t.Fatalf("ApplyLater after Close: %v, want ErrClosed", err)
	}
	s = openLater(t, storage.Options{Dir: dir, HousekeepingInterval: -1})
	for i := range 50 {
		if got := getString(t, s, fmt.Sprintf("k%02d", i)); got != "v" {
			t.Fatalf("k%02d = %q after reopen", i, got)
		}
	}
	if got := s.AppliedLSN(); got != 59 {
		t.Fatalf("AppliedLSN %d after reopen, want 59", got)
	}
}

// TestApplyLaterReadModifyWrite: concurrent writers increment shared counters
// with Get then ApplyLater under a per-key mutex (the engine's X lock, held
// until ApplyLater returns). A Get that missed a queued increment would lose
// it; every increment must be in the final values.
func TestApplyLaterReadModifyWrite(t *testing.T) {
	for _, st := range laterStores {
		t.Run(st.name, func(t *testing.T) {
			s := openLater(t, st.opts(t.TempDir()))
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
							err = s.ApplyLater(&b, txlog.LSN(lsn.Add(1)))
						}
						locks[k].Unlock()
						if err != nil {
							errs <- err
							return
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
			writes, batches := s.LaterStats()
			t.Logf("%d batches in %d writes", batches, writes)
		})
	}
}

// TestApplyLaterBulkBatch: a batch too large to track key by key makes a Get
// of any key of its object wait for it, and then see it.
func TestApplyLaterBulkBatch(t *testing.T) {
	s := openLater(t, storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1})
	var kv []string
	for i := range 300 {
		kv = append(kv, fmt.Sprintf("b%03d", i), "v")
	}
	release := make(chan struct{})
	storage.HoldLater(s, func() error { <-release; return nil })
	waiting := make(chan struct{}, 1)
	storage.OnLaterWait(s, func() {
		select {
		case waiting <- struct{}{}:
		default:
		}
	})
	if err := s.ApplyLater(putBatch(kv...), 20); err != nil {
		t.Fatal(err)
	}
	res := make(chan string, 1)
	go func() {
		v, _, err := s.Get(context.Background(), laterObj, []byte("b299"), storage.Latest)
		res <- fmt.Sprint(string(v), err)
	}()
	select {
	case r := <-res:
		close(release)
		t.Fatalf("Get returned %q while the bulk batch was held", r)
	case <-waiting:
	case <-time.After(laterTimeout):
		t.Fatal("Get neither returned nor waited")
	}
	close(release)
	if r := <-res; r != "v<nil>" {
		t.Fatalf("Get saw %q, want v", r)
	}
}
