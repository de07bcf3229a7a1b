package storage

import (
	"fmt"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// crashClose closes s as a crash leaves it: the writes are in badger (as a
// SIGKILL leaves badger's mapped memtable), but the applied LSN is not
// stored again (Close would: persistApplied).
func crashClose(t *testing.T, s *Badger) {
	t.Helper()
	s.later.shut()
	s.closed.Store(true)
	close(s.stop)
	<-s.done
	if s.cache != nil {
		s.cache.wg.Wait()
		s.cache.unregister()
	}
	if err := s.db.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCacheLoadAfterCrash: after a crash badger holds the writes made since
// the last Sync above the applied LSN it stored, and crash recovery, finding
// them present, writes nothing that would raise it. An object loaded into the
// buffer pool then must still hold those rows: the load read badger as of the
// stale applied LSN, so the first scan (from badger) returned every row and
// the next one (from the cache) none written since the last checkpoint — a
// new principal's acknowledged rows vanishing after a power loss of both
// partners (tests/mirroring TestReviewBothPartnersKilled, issue #6).
func TestCacheLoadAfterCrash(t *testing.T) {
	const obj = 1
	key := func(i int) []byte { return fmt.Appendf(nil, "k%03d", i) }
	tests := []struct {
		name string
		opts func(Options) Options
	}{
		{"background load after reads", func(o Options) Options { return CacheAfter(o, 1<<20, 1) }},
		{"eager load", func(o Options) Options { return EagerCache(o, 1<<20) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := OpenBadger(Options{Dir: dir, HousekeepingInterval: -1})
			if err != nil {
				t.Fatal(err)
			}
			apply := func(at txlog.LSN, del bool, keys ...int) {
				t.Helper()
				var b Batch
				for _, i := range keys {
					if del {
						b.Delete(obj, key(i))
					} else {
						b.Put(obj, key(i), fmt.Appendf(nil, "v%d@%d", i, at))
					}
				}
				if err := s.Apply(&b, at); err != nil {
					t.Fatal(err)
				}
			}
			apply(100, false, 1, 2, 3)
			if err := s.Sync(); err != nil { // a checkpoint: applied 100 stored
				t.Fatal(err)
			}
			apply(200, false, 4, 5)
			apply(210, true, 1)
			apply(220, false, 2, 6)
			crashClose(t, s)

			s, err = OpenBadger(tc.opts(Options{Dir: dir, HousekeepingInterval: -1}))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if got := s.AppliedLSN(); got != 100 {
				t.Fatalf("AppliedLSN after the crash = %s, want the stored 100 (the test needs it to lag)", got)
			}
			want := []string{"k002=v2@220", "k003=v3@100", "k004=v4@200", "k005=v5@200", "k006=v6@220"}
			for scan := range 3 {
				it, err := s.NewIterator(obj, nil, nil, false, Latest)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for it.Next() {
					got = append(got, fmt.Sprintf("%s=%s", it.Key(), it.Value()))
				}
				if err := it.Err(); err != nil {
					t.Fatal(err)
				}
				it.Close()
				if !slices.Equal(got, want) {
					t.Errorf("scan %d as of Latest (cache floor %d) = %v, want %v", scan, CacheFloor(s, obj), got, want)
				}
				WaitCacheLoads(s)
			}
			if CacheFloor(s, obj) == 0 {
				t.Fatal("the object was not loaded into the buffer pool; the test checks nothing")
			}
			// A write after the load is merged as before.
			apply(230, false, 7)
			if v, ok, err := s.Get(t.Context(), obj, key(7), Latest); err != nil || !ok || string(v) != "v7@230" {
				t.Errorf("k007 after a write at 230 = %q, %v, %v", v, ok, err)
			}
		})
	}
}
