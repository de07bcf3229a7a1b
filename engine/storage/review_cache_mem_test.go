package storage_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestReviewCacheMemoryAccounting: the buffer pool's budget must bound the
// memory it holds. A load copies keys and values into blocks of at least
// loadBlockBytes (256 KiB) and entries into slabs of loadSlabEntries (1024
// centry, ~90 KiB), allocated whole from the first row (cache_load.go
// readObject), but accounts only the rows' sizes: a small hot object (a
// lookup table read loadAfter times) costs ~350 KiB of heap and counts ~150
// bytes. Many small objects make the pool hold far more than CacheBytes.
func TestReviewCacheMemoryAccounting(t *testing.T) {
	const objects = 100
	s, err := storage.OpenBadger(storage.CacheAfter(storage.Options{InMemory: true, HousekeepingInterval: -1}, 64<<20, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := new(storage.Batch)
	for obj := uint32(1); obj <= objects; obj++ {
		b.Put(obj, []byte("k"), []byte("small lookup row"))
	}
	if err := s.Apply(b, txlog.LSN(10)); err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	for obj := uint32(1); obj <= objects; obj++ {
		reviewScan(t, s, obj, false, storage.Latest)
		storage.WaitCacheLoads(s)
	}
	after := heap()
	st := s.CacheStats()
	if st.Loads != objects {
		t.Fatalf("loads %d, want %d", st.Loads, objects)
	}
	held := int64(after) - int64(before)
	t.Logf("%d one-row objects cached: accounted %d bytes, heap grew %d bytes", objects, st.Bytes, held)
	if limit := 4*st.Bytes + 1<<20; held > limit {
		t.Errorf("the cache holds ~%d bytes of heap for %d accounted (%s): the budget does not bound its memory",
			held, st.Bytes, fmt.Sprintf("%.0fx", float64(held)/float64(st.Bytes)))
	}
}
