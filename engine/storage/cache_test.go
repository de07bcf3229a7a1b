package storage_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
)

// openCached opens a badger store with the buffer pool on and every object
// loaded on first use, so that every read the cache can answer comes from it.
func openCached(t testing.TB, dir string, budget int64) *storage.Badger {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	s, err := storage.OpenBadger(storage.EagerCache(storage.Options{Dir: dir, HousekeepingInterval: -1}, budget))
	if err != nil {
		t.Fatalf("OpenBadger: %v", err)
	}
	return s
}

func TestBadgerConformanceCached(t *testing.T) {
	for _, budget := range []int64{64 << 20, 4 << 10} {
		t.Run(fmt.Sprint("budget=", budget), func(t *testing.T) {
			storagetest.Run(t, func(t *testing.T) storage.Store {
				s := openCached(t, "", budget)
				return s
			})
		})
	}
}

// TestCacheServesReads checks that reads of a loaded object come from the
// cache (counters), including reads as of LSNs between its writes.
func TestCacheServesReads(t *testing.T) {
	s := openCached(t, "", 64<<20)
	defer s.Close()
	ctx := context.Background()
	storagetest.MustApply(t, s, storagetest.Puts(1, "a", "a1", "b", "b1"), 10)
	storagetest.MustApply(t, s, storagetest.Puts(1, "a", "a2"), 20)
	del := new(storage.Batch)
	del.Delete(1, []byte("b"))
	storagetest.MustApply(t, s, del, 30)
	tests := []struct {
		asOf storagetest.LSN
		want []storagetest.KV
	}{
		{storage.Latest, []storagetest.KV{{Key: "a", Value: "a2"}}},
		{30, []storagetest.KV{{Key: "a", Value: "a2"}}},
	}
	for _, tc := range tests {
		before := s.CacheStats().HitScans
		got := storagetest.ScanRange(t, s, 1, "", "", false, tc.asOf)
		if !slices.Equal(got, tc.want) {
			t.Errorf("scan@%d = %v, want %v", tc.asOf, got, tc.want)
		}
		if s.CacheStats().HitScans != before+1 {
			t.Errorf("scan@%d did not come from the cache", tc.asOf)
		}
	}
	// Pinned old snapshot: the versions it needs are kept.
	release, err := s.Pin(20)
	if err != nil {
		t.Fatal(err)
	}
	storagetest.MustApply(t, s, storagetest.Puts(1, "a", "a4"), 40)
	storagetest.MustApply(t, s, storagetest.Puts(1, "a", "a5"), 50)
	if got, want := storagetest.ScanRange(t, s, 1, "", "", false, 20), []storagetest.KV{{Key: "a", Value: "a2"}, {Key: "b", Value: "b1"}}; !slices.Equal(got, want) {
		t.Errorf("scan@20 = %v, want %v", got, want)
	}
	release()
	before := s.CacheStats().HitGets
	v, ok, err := s.Get(ctx, 1, []byte("a"), 45)
	if err != nil || !ok || string(v) != "a4" {
		t.Errorf("Get a@45 = %q, %v, %v; want a4", v, ok, err)
	}
	if s.CacheStats().HitGets != before+1 {
		t.Errorf("Get did not come from the cache")
	}
}
