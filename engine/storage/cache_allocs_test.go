package storage_test

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
)

// TestCachedGetAllocs pins the allocations of a point read the buffer pool
// answers — the duplicate-key read of every single-row INSERT into a cached
// table: the value's copy only (the search probe, a second, comes from a
// pool since session 22). The read still finds the value, and misses
// nothing. A count, not a time: it fails on the old code at any load.
func TestCachedGetAllocs(t *testing.T) {
	s := openCached(t, "", 64<<20)
	defer s.Close()
	ctx := context.Background()
	storagetest.MustApply(t, s, storagetest.Puts(1, "a", "a1", "b", "b1"), 10)
	if _, _, err := s.Get(ctx, 1, []byte("a"), storage.Latest); err != nil { // loads object 1
		t.Fatal(err)
	}
	hits := s.CacheStats().HitGets
	key := []byte("b")
	var v []byte
	var found bool
	// The least of three counts: AllocsPerRun counts every goroutine's
	// allocations, and a store an earlier test left compacting may
	// allocate during one of them.
	got := 1e9
	for range 3 {
		got = min(got, testing.AllocsPerRun(100, func() {
			var err error
			if v, found, err = s.Get(ctx, 1, key, storage.Latest); err != nil {
				t.Fatal(err)
			}
		}))
	}
	if !found || string(v) != "b1" {
		t.Fatalf("Get b = %q, %v; want b1", v, found)
	}
	if s.CacheStats().HitGets <= hits {
		t.Fatal("the reads did not come from the cache")
	}
	if got > 1 {
		t.Errorf("cached Get: %.0f allocations, want at most 1 (the value's copy)", got)
	}
	if _, found, err := s.Get(ctx, 1, []byte("c"), storage.Latest); err != nil || found {
		t.Errorf("Get c = %v, %v; want not found", found, err)
	}
}
