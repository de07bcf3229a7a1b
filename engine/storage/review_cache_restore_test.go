package storage_test

import (
	"fmt"
	"maps"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestReviewCacheLoadDuringRestore: a bulk Load (RESTORE) while a background
// buffer pool load of an object is reading badger: the restore must not
// deadlock with it, and afterwards reads (from the cache once it reloads)
// must show exactly the restored rows, never the old object's.
func TestReviewCacheLoadDuringRestore(t *testing.T) {
	const rows = 60000
	s, err := storage.OpenBadger(storage.CacheAfter(storage.Options{Dir: t.TempDir(), HousekeepingInterval: -1}, 256<<20, 10))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := new(storage.Batch)
	for i := range rows {
		b.Put(1, fmt.Appendf(nil, "old%06d", i), []byte("old value"))
	}
	if err := s.Apply(b, 10); err != nil {
		t.Fatal(err)
	}
	for round := range 3 {
		// Start a background load of object 1, then restore over it.
		reviewScan(t, s, 1, false, storage.Latest)
		want := map[string]string{}
		at := txlog.LSN(100 * (round + 1))
		err := s.Load(at, func(put func(obj uint32, key, val []byte) error) error {
			for i := range 50 {
				k, v := fmt.Sprintf("new%d-%03d", round, i), fmt.Sprintf("v%d", i)
				want[k] = v
				if err := put(1, []byte(k), []byte(v)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		storage.WaitCacheLoads(s)
		for range 3 { // badger, then (after a load) the cache
			if got := reviewScan(t, s, 1, false, storage.Latest); !maps.Equal(got, want) {
				t.Fatalf("round %d: after restore %d rows (%s), want %d", round, len(got), diffRows(got, want), len(want))
			}
			storage.WaitCacheLoads(s)
		}
		if st := s.CacheStats(); st.HitScans == 0 {
			t.Logf("round %d: no scan served from the cache yet: %+v", round, st)
		}
	}
}
