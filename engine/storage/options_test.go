package storage

import (
	"fmt"
	"slices"
	"testing"

	"github.com/dgraph-io/badger/v4/options"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestScanAcrossProfiles checks the read path of the uncompressed, cache-less
// profile (options.go) on SSTables, not only memtables: a store first written
// with the previous profile (Snappy, 8 MiB block cache), then reopened and
// written with the current one, so scans merge compressed and uncompressed
// tables. Each object's scan must stop at its neighbours' keys and a read as
// of an LSN must never see a newer version.
func TestScanAcrossProfiles(t *testing.T) {
	dir := t.TempDir()
	const nkeys = 3000 // ~100 blocks per object: many block boundaries
	key := func(i int) string { return fmt.Sprintf("k%05d", i) }
	val := func(obj uint32, i int, lsn txlog.LSN) string {
		return fmt.Sprintf("obj%d-row%05d-at%d-%080d", obj, i, lsn, i)
	}
	// model[asOf][obj] is what a scan as of asOf must return, in key order.
	type kv struct{ k, v string }
	model := map[txlog.LSN]map[uint32][]kv{}
	state := map[uint32]map[string]string{1: {}, 2: {}, 3: {}}
	snapshot := func(at txlog.LSN) {
		m := map[uint32][]kv{}
		for obj, rows := range state {
			for k, v := range rows {
				m[obj] = append(m[obj], kv{k, v})
			}
			slices.SortFunc(m[obj], func(a, b kv) int {
				if a.k < b.k {
					return -1
				}
				if a.k > b.k {
					return 1
				}
				return 0
			})
		}
		model[at] = m
	}
	apply := func(s *Badger, at txlog.LSN, fill func(b *Batch)) {
		t.Helper()
		var b Batch
		fill(&b)
		if err := s.Apply(&b, at); err != nil {
			t.Fatalf("Apply at %d: %v", at, err)
		}
		snapshot(at)
	}
	put := func(b *Batch, obj uint32, i int, at txlog.LSN) {
		b.Put(obj, []byte(key(i)), []byte(val(obj, i, at)))
		state[obj][key(i)] = val(obj, i, at)
	}
	del := func(b *Batch, obj uint32, i int) {
		b.Delete(obj, []byte(key(i)))
		delete(state[obj], key(i))
	}

	legacy := badgerOptions(Options{Dir: dir}).
		WithCompression(options.Snappy).
		WithBlockCacheSize(8 << 20)
	s, err := openBadger(Options{Dir: dir, HousekeepingInterval: -1}, legacy)
	if err != nil {
		t.Fatalf("open with the old profile: %v", err)
	}
	apply(s, 10, func(b *Batch) {
		for obj := uint32(1); obj <= 3; obj++ {
			for i := 0; i < nkeys; i++ {
				put(b, obj, i, 10)
			}
		}
	})
	apply(s, 20, func(b *Batch) {
		for i := 0; i < nkeys; i += 3 {
			put(b, 2, i, 20)
		}
		del(b, 2, 1)
	})
	if err := s.Close(); err != nil { // flushes the memtables to SSTables
		t.Fatal(err)
	}

	reopen := func() *Badger {
		t.Helper()
		s, err := OpenBadger(Options{Dir: dir, HousekeepingInterval: -1})
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		return s
	}
	s = reopen()
	apply(s, 30, func(b *Batch) {
		for i := 0; i < nkeys; i += 2 {
			put(b, 2, i, 30)
		}
		del(b, 2, 0)
		del(b, 3, nkeys-1)
	})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = reopen()
	defer s.Close()

	for _, asOf := range []txlog.LSN{10, 15, 20, 25, 30, Latest} {
		want := model[min(asOf/10*10, 30)]
		for obj := uint32(1); obj <= 3; obj++ {
			for _, reverse := range []bool{false, true} {
				t.Run(fmt.Sprintf("obj%d@%d/reverse=%v", obj, asOf, reverse), func(t *testing.T) {
					it, err := s.NewIterator(obj, nil, nil, reverse, asOf)
					if err != nil {
						t.Fatal(err)
					}
					defer it.Close()
					exp := slices.Clone(want[obj])
					if reverse {
						slices.Reverse(exp)
					}
					n := 0
					for it.Next() {
						if n >= len(exp) {
							t.Fatalf("extra row %q (another object's key or a deleted one)", it.Key())
						}
						if string(it.Key()) != exp[n].k || string(it.Value()) != exp[n].v {
							t.Fatalf("row %d = %q → %q, want %q → %q", n, it.Key(), it.Value(), exp[n].k, exp[n].v)
						}
						n++
					}
					if err := it.Err(); err != nil {
						t.Fatal(err)
					}
					if n != len(exp) {
						t.Fatalf("%d rows, want %d", n, len(exp))
					}
				})
			}
		}
	}
}
