package storage_test

import (
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestReviewCacheEvictionThrash: two hot objects that do not fit the budget
// together, scanned in turn. Eviction keeps an object's heat (noteRead's
// counter), so the first read of an evicted object starts a full reload at
// once, which evicts the other, whose next read reloads it: every scan pays a
// whole-object load (a badger scan of the object, applyMu held for the merge)
// on top of the badger scan it was served by, and the cache serves nothing.
// (Forgetting the heat on eviction alone does not cure it when one scan
// reaches loadAfter, as here; it needs admission control, e.g. not loading an
// object whose size would evict one used since its own last load, or a
// growing threshold per eviction.) A table scan cycle over a working set
// larger than the budget, the common case for a 256 MiB pool, hits this.
func TestReviewCacheEvictionThrash(t *testing.T) {
	const rows = 400
	s, err := storage.OpenBadger(storage.CacheAfter(storage.Options{InMemory: true, HousekeepingInterval: -1}, 64<<10, rows))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for obj := uint32(1); obj <= 2; obj++ {
		b := new(storage.Batch)
		for i := range rows {
			b.Put(obj, fmt.Appendf(nil, "k%05d", i), make([]byte, 20))
		}
		if err := s.Apply(b, txlog.LSN(obj*10)); err != nil {
			t.Fatal(err)
		}
	}
	const scans = 20
	for i := range scans {
		obj := uint32(1 + i%2)
		if got := reviewScan(t, s, obj, false, storage.Latest); len(got) != rows {
			t.Fatalf("scan %d of object %d: %d rows, want %d", i, obj, len(got), rows)
		}
		storage.WaitCacheLoads(s)
	}
	st := s.CacheStats()
	t.Logf("%d scans: %+v", scans, st)
	if st.Loads > scans/4 {
		t.Errorf("%d scans of two objects over budget made %d whole-object loads (%d evictions, %d scans served): want at most %d",
			scans, st.Loads, st.Evictions, st.HitScans, scans/4)
	}
}
