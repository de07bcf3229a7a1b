package storage_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/memstore"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// flatRig writes the same batches to a cached badger store and to memstore
// (the reference), for comparing scans of the buffer pool's flat views.
type flatRig struct {
	t   *testing.T
	bg  *storage.Badger
	ref *memstore.Store
	lsn txlog.LSN
}

func newFlatRig(t *testing.T) *flatRig {
	t.Helper()
	bg := openCached(t, "", 64<<20)
	t.Cleanup(func() { bg.Close() })
	return &flatRig{t: t, bg: bg, ref: memstore.New()}
}

// apply writes ops (key → value, "" deletes) to object 1 of both stores at
// the next LSN and returns that LSN.
func (r *flatRig) apply(ops map[string]string) txlog.LSN {
	r.t.Helper()
	r.lsn++
	keys := make([]string, 0, len(ops))
	for k := range ops {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b1, b2 := new(storage.Batch), new(storage.Batch)
	for _, k := range keys {
		if v := ops[k]; v == "" {
			b1.Delete(1, []byte(k))
			b2.Delete(1, []byte(k))
		} else {
			b1.Put(1, []byte(k), []byte(v))
			b2.Put(1, []byte(k), []byte(v))
		}
	}
	storagetest.MustApply(r.t, r.bg, b1, r.lsn)
	storagetest.MustApply(r.t, r.ref, b2, r.lsn)
	return r.lsn
}

// check compares one scan of both stores.
func (r *flatRig) check(lo, hi string, reverse bool, asOf txlog.LSN) {
	r.t.Helper()
	got := storagetest.ScanRange(r.t, r.bg, 1, lo, hi, reverse, asOf)
	want := storagetest.ScanRange(r.t, r.ref, 1, lo, hi, reverse, asOf)
	if !slices.Equal(got, want) {
		r.t.Fatalf("scan [%q, %q) reverse=%v @%d:\ngot  %v\nwant %v", lo, hi, reverse, asOf, got, want)
	}
}

// fullScan scans object 1 of the badger store from start to end.
func (r *flatRig) fullScan() {
	r.t.Helper()
	storagetest.ScanRange(r.t, r.bg, 1, "", "", false, storage.Latest)
}

// TestCacheFlatViewScans checks that scans walking a flat view return what
// the tree walk returns (memstore is the reference): every bound (none, below
// the first key, between keys, on a key, past the last), both directions,
// and reads as of pinned LSNs that see older versions and deletes.
func TestCacheFlatViewScans(t *testing.T) {
	r := newFlatRig(t)
	rng := rand.New(rand.NewPCG(7, 7))
	key := func(i int) string { return fmt.Sprintf("k%03d", i) }
	ops := map[string]string{}
	for i := 0; i < 300; i += 2 { // even keys only: odd bounds fall between keys
		ops[key(i)] = "v0-" + key(i)
	}
	r.apply(ops)
	var lsns []txlog.LSN
	for range 6 {
		ops := map[string]string{}
		for range 40 {
			i := 2 * rng.IntN(160) // some keys past the first load's last
			if rng.IntN(4) == 0 {
				ops[key(i)] = ""
			} else {
				ops[key(i)] = fmt.Sprintf("v%d-%s", r.lsn+1, key(i))
			}
		}
		lsns = append(lsns, r.apply(ops))
	}
	release, err := r.bg.Pin(lsns[0])
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	// The pin keeps older versions in the entries; one more write makes the
	// snapshot the flat view will be built from hold several per key.
	lsns = append(lsns, r.apply(map[string]string{key(10): "late", key(12): ""}))
	if storage.HasFlatView(r.bg, 1) {
		t.Fatal("flat view before any full scan")
	}
	r.fullScan()
	if storage.HasFlatView(r.bg, 1) {
		t.Fatal("flat view after one full scan")
	}
	r.fullScan()
	if !storage.HasFlatView(r.bg, 1) {
		t.Fatal("no flat view after two full scans")
	}
	bounds := []string{"", "a", "k000", "k001", "k150", "k151", "k298", "k299", "k319", "k320", "z"}
	for _, asOf := range append([]txlog.LSN{storage.Latest}, lsns...) {
		for _, lo := range bounds {
			for _, hi := range bounds {
				for _, rev := range []bool{false, true} {
					r.check(lo, hi, rev, asOf)
				}
			}
		}
	}
	if !storage.HasFlatView(r.bg, 1) {
		t.Fatal("the scans above dropped the flat view")
	}
}

// TestCacheFlatViewLifetime checks when a flat view exists: built by the
// second forward scan of the whole object (of one snapshot) that reaches its
// end, not by the first, nor by a scan
// closed early, a bounded or a reverse scan, nor by a scan during which a
// write replaced the snapshot; dropped by a write, whose rows the next scan
// sees, and by the object leaving the cache; and that its bytes are counted
// against the budget exactly while it exists.
func TestCacheFlatViewLifetime(t *testing.T) {
	ctx := context.Background()
	const any = math.MinInt64
	view := int64(200 * storage.FlatEntBytes) // the view of 200 entries
	steps := []struct {
		name   string
		run    func(r *flatRig)
		want   bool  // a flat view afterwards
		dBytes int64 // change of the bytes accounted (any: not checked)
	}{
		{"scan closed after 3 rows", func(r *flatRig) {
			it, err := r.bg.NewIterator(1, nil, nil, false, storage.Latest)
			if err != nil {
				t.Fatal(err)
			}
			for range 3 {
				it.Next()
			}
			it.Close()
		}, false, 0},
		{"bounded scan", func(r *flatRig) { storagetest.ScanRange(r.t, r.bg, 1, "k000", "", false, storage.Latest) }, false, 0},
		{"reverse scan", func(r *flatRig) { storagetest.ScanRange(r.t, r.bg, 1, "", "", true, storage.Latest) }, false, 0},
		{"point read", func(r *flatRig) { _, _, _ = r.bg.Get(ctx, 1, []byte("k001"), storage.Latest) }, false, 0},
		{"full scan", func(r *flatRig) { r.fullScan() }, false, 0},
		{"second full scan", func(r *flatRig) { r.fullScan() }, true, view},
		{"scan again", func(r *flatRig) { r.check("", "", false, storage.Latest) }, true, 0},
		{"same-size write", func(r *flatRig) { r.apply(map[string]string{"k005": "w5"}) }, false, -view},
		{"one full scan of the new snapshot", func(r *flatRig) { r.fullScan() }, false, 0},
		{"same-size write again", func(r *flatRig) { r.apply(map[string]string{"k005": "v5"}) }, false, 0},
		{"full scan", func(r *flatRig) { r.fullScan() }, false, 0},
		{"second full scan of that snapshot", func(r *flatRig) { r.fullScan() }, true, view},
		{"write", func(r *flatRig) { r.apply(map[string]string{"k001": "new", "k002": "", "k999": "added"}) }, false, any},
		{"scan after the write sees it", func(r *flatRig) { r.check("", "", false, storage.Latest) }, false, any},
		{"and builds the view", func(r *flatRig) { r.check("", "", false, storage.Latest) }, true, any},
		{"write during a full scan", func(r *flatRig) {
			r.apply(map[string]string{"k003": "x"}) // a fresh snapshot without a view
			it, err := r.bg.NewIterator(1, nil, nil, false, storage.Latest)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for it.Next() {
				if n++; n == 50 {
					r.apply(map[string]string{"k004": "during"})
				}
			}
			if err := it.Close(); err != nil {
				t.Fatal(err)
			}
		}, false, any},
		{"scan after that sees the write", func(r *flatRig) { r.check("", "", false, storage.Latest) }, false, any},
		{"and builds the view", func(r *flatRig) { r.check("", "", false, storage.Latest) }, true, any},
		{"drop the object", func(r *flatRig) {
			r.lsn++
			if err := r.bg.DropObject(1, r.lsn); err != nil {
				t.Fatal(err)
			}
			if got := r.bg.CacheStats().Bytes; got != 0 {
				t.Fatalf("%d bytes accounted with nothing cached", got)
			}
		}, false, any},
	}
	r := newFlatRig(t)
	ops := map[string]string{}
	for i := range 200 {
		ops[fmt.Sprintf("k%03d", i)] = fmt.Sprint("v", i)
	}
	r.apply(ops)
	for _, st := range steps {
		before := r.bg.CacheStats().Bytes
		st.run(r)
		if got := storage.HasFlatView(r.bg, 1); got != st.want {
			t.Fatalf("after %s: flat view %v, want %v", st.name, got, st.want)
		}
		if d := r.bg.CacheStats().Bytes - before; st.dBytes != any && d != st.dBytes {
			t.Fatalf("after %s: bytes accounted changed by %d, want %d", st.name, d, st.dBytes)
		}
	}
}
