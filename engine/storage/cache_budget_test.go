package storage_test

import (
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestCacheBudgetShared: stores sharing a budget (an instance's databases)
// stay within it together, and the least recently used object of any store
// is evicted first.
func TestCacheBudgetShared(t *testing.T) {
	const rows = 200
	fill := func(s *storage.Badger, obj uint32) {
		b := new(storage.Batch)
		for i := 0; i < rows; i++ {
			b.Put(obj, []byte(fmt.Sprintf("k%04d", i)), make([]byte, 100))
		}
		if err := s.Apply(b, txlog.LSN(10+obj)); err != nil {
			t.Fatal(err)
		}
	}
	// Measure one object's size with a private budget.
	probe, err := storage.OpenBadger(storage.CacheAfter(storage.Options{InMemory: true, HousekeepingInterval: -1}, 64<<20, 1))
	if err != nil {
		t.Fatal(err)
	}
	fill(probe, 1)
	reviewScan(t, probe, 1, false, storage.Latest)
	storage.WaitCacheLoads(probe)
	one := probe.CacheStats().Bytes
	probe.Close()
	if one == 0 {
		t.Fatal("the probe object was not cached")
	}

	budget := storage.NewCacheBudget(one * 5 / 2) // room for two objects, not three
	open := func() *storage.Badger {
		o := storage.CacheAfter(storage.Options{InMemory: true, HousekeepingInterval: -1}, 0, 1)
		o.CacheBudget = budget
		s, err := storage.OpenBadger(o)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	fill(a, 1)
	fill(b, 2)
	fill(a, 3)
	for _, step := range []struct {
		s   *storage.Badger
		obj uint32
	}{{a, 1}, {b, 2}, {a, 3}} {
		reviewScan(t, step.s, step.obj, false, storage.Latest)
		storage.WaitCacheLoads(step.s)
		if used := budget.Used(); used > one*5/2 {
			t.Fatalf("after loading object %d: %d bytes cached over both stores, budget %d", step.obj, used, one*5/2)
		}
	}
	// a's object 1 was the least recently used: evicted, b's object stays.
	if sa, sb := a.CacheStats(), b.CacheStats(); sa.Evictions != 1 || sb.Evictions != 0 || sb.Objects != 1 || sa.Objects != 1 {
		t.Fatalf("store a %+v, store b %+v; want a's oldest object evicted and b's kept", sa, sb)
	}
	if got := budget.Used(); got != a.CacheStats().Bytes+b.CacheStats().Bytes {
		t.Fatalf("budget counts %d bytes, the stores %d + %d", got, a.CacheStats().Bytes, b.CacheStats().Bytes)
	}
	// A closed store gives its bytes back.
	a.Close()
	if got := budget.Used(); got != b.CacheStats().Bytes {
		t.Fatalf("after closing store a the budget counts %d bytes, store b holds %d", got, b.CacheStats().Bytes)
	}
}
