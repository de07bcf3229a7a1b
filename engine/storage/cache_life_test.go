package storage_test

import (
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
)

// fill writes rows keys "r00000".. with 50-byte values into obj at lsn.
func fill(t *testing.T, s storage.Store, obj uint32, rows int, lsn storagetest.LSN) {
	t.Helper()
	b := new(storage.Batch)
	for i := range rows {
		b.Put(obj, fmt.Appendf(nil, "r%05d", i), fmt.Appendf(nil, "%050d", i))
	}
	storagetest.MustApply(t, s, b, lsn)
}

func scanCount(t *testing.T, s storage.Reader, obj uint32) int {
	t.Helper()
	return len(storagetest.ScanRange(t, s, obj, "", "", false, storage.Latest))
}

// TestCacheLifecycle walks an object through the buffer pool: not cached
// until read enough, loaded in the background, served from memory, evicted
// for a hotter object, dropped, too big to cache, and gone after reopen.
func TestCacheLifecycle(t *testing.T) {
	dir := t.TempDir()
	// ~190 bytes accounted per row: 1,000 rows fit in 300 KB, 2,000 do not.
	s, err := storage.OpenBadger(storage.CacheAfter(storage.Options{Dir: dir, HousekeepingInterval: -1}, 300<<10, 500))
	if err != nil {
		t.Fatal(err)
	}
	fill(t, s, 1, 1000, 10)
	fill(t, s, 2, 1000, 11)
	fill(t, s, 3, 2000, 12)
	steps := []struct {
		name    string
		do      func()
		objects int
		loads   int64
		evicted int64
	}{
		{"written, not read", func() {}, 0, 0, 0},
		{"one scan loads 1", func() { scanCount(t, s, 1) }, 1, 1, 0},
		{"scan of 1 from memory", func() {
			before := s.CacheStats().HitScans
			if n := scanCount(t, s, 1); n != 1000 {
				t.Errorf("scan of 1: %d rows", n)
			}
			if s.CacheStats().HitScans != before+1 {
				t.Error("scan of 1 did not come from the cache")
			}
		}, 1, 1, 0},
		{"loading 2 evicts 1", func() { scanCount(t, s, 2) }, 1, 2, 1},
		{"3 is too big", func() { scanCount(t, s, 3); scanCount(t, s, 3) }, 1, 2, 1},
		{"drop 2", func() {
			if err := s.DropObject(2, 20); err != nil {
				t.Fatal(err)
			}
			if n := scanCount(t, s, 2); n != 0 {
				t.Errorf("dropped object has %d rows", n)
			}
		}, 0, 2, 1},
		{"1 reloads, and sees a write made after", func() {
			scanCount(t, s, 1)
			storage.WaitCacheLoads(s)
			storagetest.MustApply(t, s, storagetest.Puts(1, "r99999", "new"), 30)
			if n := scanCount(t, s, 1); n != 1001 {
				t.Errorf("scan of 1 after write: %d rows", n)
			}
		}, 1, 3, 1},
	}
	for _, st := range steps {
		st.do()
		storage.WaitCacheLoads(s)
		got := s.CacheStats()
		if got.Objects != st.objects || got.Loads != st.loads || got.Evictions != st.evicted {
			t.Fatalf("%s: objects %d, loads %d, evictions %d; want %d, %d, %d (%+v)",
				st.name, got.Objects, got.Loads, got.Evictions, st.objects, st.loads, st.evicted, got)
		}
		if got.Bytes > got.Budget {
			t.Fatalf("%s: %d bytes over the budget", st.name, got.Bytes)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = storage.OpenBadger(storage.CacheAfter(storage.Options{Dir: dir, HousekeepingInterval: -1}, 300<<10, 500))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st := s.CacheStats(); st.Objects != 0 || st.Bytes != 0 {
		t.Errorf("after reopen: %+v, want an empty cache", st)
	}
	if n := scanCount(t, s, 1); n != 1001 {
		t.Errorf("after reopen: %d rows of 1", n)
	}
}
