package storage_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestCacheLoadKeepsPinnedVersions loads an object after a reader pinned an
// older version (a database snapshot on a mirror, whose tables are loaded
// only when the snapshot reads them; a snapshot after a restart): the load
// keeps what the pinned reader sees, so its reads come from the buffer pool
// and not from badger (OldReads), and they see the object as of the pin —
// rows updated, deleted and inserted since, and a replay of a write older
// than a delete (redo) merged into the loaded entries.
func TestCacheLoadKeepsPinnedVersions(t *testing.T) {
	const obj = 1
	s := openLoadOnRead(t, 1<<20)
	apply := func(at txlog.LSN, kv ...string) { // value "" deletes
		t.Helper()
		b := new(storage.Batch)
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == "" {
				b.Delete(obj, []byte(kv[i]))
			} else {
				b.Put(obj, []byte(kv[i]), []byte(kv[i+1]))
			}
		}
		if err := s.Apply(b, at); err != nil {
			t.Fatalf("apply at %d: %v", at, err)
		}
	}
	apply(5, "a", "a5", "b", "b5", "e", "e5", "f", "f5", "g", "g5")
	apply(8, "f", "", "g", "")
	apply(10, "c", "c10")
	release, err := s.Pin(10) // the snapshot
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	apply(20, "a", "a20", "b", "", "d", "d20")
	apply(25, "f", "f25", "e", "")
	apply(30, "a", "a30")

	// Load after every write, as of 30 (a read of Latest counts towards it).
	storagetest.ScanRange(t, s, obj, "", "", false, storage.Latest)
	storage.WaitCacheLoads(s)
	if st := s.CacheStats(); st.Loads != 1 {
		t.Fatalf("loads = %d, want 1", st.Loads)
	}
	// A replay of f's and g's puts at 5 (older than their delete at 8).
	apply(5, "f", "f5", "g", "g5")

	kv := func(pairs ...string) []storagetest.KV {
		var out []storagetest.KV
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, storagetest.KV{Key: pairs[i], Value: pairs[i+1]})
		}
		return out
	}
	tests := []struct {
		asOf txlog.LSN
		want []storagetest.KV
	}{
		{10, kv("a", "a5", "b", "b5", "c", "c10", "e", "e5")},
		{20, kv("a", "a20", "c", "c10", "d", "d20", "e", "e5")},
		{25, kv("a", "a20", "c", "c10", "d", "d20", "f", "f25")},
		{storage.Latest, kv("a", "a30", "c", "c10", "d", "d20", "f", "f25")},
	}
	ctx := context.Background()
	for _, tc := range tests {
		before := s.CacheStats()
		for _, reverse := range []bool{false, true} {
			got := storagetest.ScanRange(t, s, obj, "", "", reverse, tc.asOf)
			if reverse {
				slices.Reverse(got)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("scan@%d (reverse %v) = %v, want %v", tc.asOf, reverse, got, tc.want)
			}
		}
		for _, k := range []string{"a", "b", "c", "d", "e", "f", "g"} {
			v, found, err := s.Get(ctx, obj, []byte(k), tc.asOf)
			i := slices.IndexFunc(tc.want, func(x storagetest.KV) bool { return x.Key == k })
			if err != nil || found != (i >= 0) || found && string(v) != tc.want[i].Value {
				t.Errorf("Get %s@%d = %q, %v, %v", k, tc.asOf, v, found, err)
			}
		}
		after := s.CacheStats()
		if after.OldReads != before.OldReads || after.HitScans != before.HitScans+2 || after.HitGets != before.HitGets+7 {
			t.Errorf("reads @%d not all from the buffer pool: before %+v, after %+v", tc.asOf, before, after)
		}
	}
}

// TestCacheLoadVersionsTooBig: when the versions a pinned reader needs do
// not fit in the budget beside the rows, the load caches the newest rows
// alone, as loads did before they kept versions: reads of the newest rows
// still come from the pool, and the pinned reader reads badger.
func TestCacheLoadVersionsTooBig(t *testing.T) {
	const obj = 1
	s := openLoadOnRead(t, 4<<10)
	keys := []string{"k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"}
	for at := txlog.LSN(10); at <= 50; at += 10 {
		b := new(storage.Batch)
		for _, k := range keys {
			b.Put(obj, []byte(k), []byte(fmt.Sprintf("%s-%d-%0100d", k, at, 0)))
		}
		if err := s.Apply(b, at); err != nil {
			t.Fatal(err)
		}
		if at == 10 {
			release, err := s.Pin(10)
			if err != nil {
				t.Fatal(err)
			}
			defer release()
		}
	}
	storagetest.ScanRange(t, s, obj, "", "", false, storage.Latest)
	storage.WaitCacheLoads(s)
	if st := s.CacheStats(); st.Loads != 1 || st.Objects != 1 {
		t.Fatalf("the object is not cached: %+v", st)
	}
	for _, tc := range []struct {
		asOf txlog.LSN
		old  bool // read from badger
	}{{storage.Latest, false}, {10, true}} {
		before := s.CacheStats()
		got := storagetest.ScanRange(t, s, obj, "", "", false, tc.asOf)
		if len(got) != len(keys) || got[0].Value != fmt.Sprintf("k0-%d-%0100d", min(tc.asOf, 50), 0) {
			t.Errorf("scan@%d = %v", tc.asOf, got)
		}
		if old := s.CacheStats().OldReads > before.OldReads; old != tc.old {
			t.Errorf("scan@%d read badger: %v, want %v", tc.asOf, old, tc.old)
		}
	}
}

// openLoadOnRead opens an in-memory store whose buffer pool (budget bytes)
// loads an object in the background after one row read from badger; the
// test closes it.
func openLoadOnRead(t *testing.T, budget int64) *storage.Badger {
	t.Helper()
	s, err := storage.OpenBadger(storage.CacheAfter(storage.Options{InMemory: true, HousekeepingInterval: -1}, budget, 1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}
