package storagetest

import (
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

func lsn(v uint64) txlog.LSN { return txlog.LSN(v) }

// testWriteSetMerge checks read-your-own-writes iteration: inserts before, between
// and after base keys, overwrites, deletes of base keys, deletes of own inserts,
// bounds and direction.
func testWriteSetMerge(t *testing.T, open Opener) {
	s := mustOpen(t, open)
	MustApply(t, s, Puts(1, "b", "base-b", "d", "base-d", "f", "base-f", "h", "base-h"), 10)
	MustApply(t, s, Puts(2, "a", "other-object"), 10)
	w := storage.NewWriteSet(0)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.Put(1, []byte("a"), []byte("ws-a")))   // before every base key
	must(w.Put(1, []byte("d"), []byte("ws-d")))   // overwrite
	must(w.Delete(1, []byte("f")))                // delete a base key
	must(w.Put(1, []byte("g"), []byte("ws-g")))   // between base keys
	must(w.Put(1, []byte("z"), []byte("tmp")))    // inserted, then deleted again
	must(w.Delete(1, []byte("z")))                //
	must(w.Put(1, []byte("zz"), []byte("ws-zz"))) // after every base key
	must(w.Delete(1, []byte("q")))                // delete of a key nobody has
	must(w.Put(3, []byte("a"), []byte("obj3")))   // another object
	all := []KV{{"a", "ws-a"}, {"b", "base-b"}, {"d", "ws-d"}, {"g", "ws-g"}, {"h", "base-h"}, {"zz", "ws-zz"}}
	rev := slices.Clone(all)
	slices.Reverse(rev)
	tests := []struct {
		name    string
		lo, hi  string
		reverse bool
		want    []KV
	}{
		{"all", "", "", false, all},
		{"all reverse", "", "", true, rev},
		{"bounded", "b", "h", false, all[1:4]},
		{"bounded reverse", "b", "h", true, []KV{{"g", "ws-g"}, {"d", "ws-d"}, {"b", "base-b"}}},
		{"only deleted", "e", "fz", false, nil},
		{"from deleted", "f", "", false, []KV{{"g", "ws-g"}, {"h", "base-h"}, {"zz", "ws-zz"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			it, err := w.NewIterator(s, 1, bound(tc.lo), bound(tc.hi), tc.reverse, 10)
			if err != nil {
				t.Fatal(err)
			}
			if got := Collect(t, it); !slices.Equal(got, tc.want) {
				t.Errorf("merged scan = %v\nwant %v", got, tc.want)
			}
		})
	}
	t.Run("snapshot at creation", func(t *testing.T) {
		it, err := w.NewIterator(s, 1, nil, nil, false, 10)
		if err != nil {
			t.Fatal(err)
		}
		must(w.Put(1, []byte("c"), []byte("later")))
		if got := Collect(t, it); !slices.Equal(got, all) {
			t.Errorf("scan = %v, want %v (write after NewIterator must not show)", got, all)
		}
		must(w.Delete(1, []byte("c")))
	})
	t.Run("batch", func(t *testing.T) {
		MustApply(t, s, w.Batch(), 20)
		if got := ScanRange(t, s, 1, "", "", false, 20); !slices.Equal(got, all) {
			t.Errorf("store after commit = %v, want %v", got, all)
		}
		want3 := []KV{{"a", "obj3"}}
		if got := ScanRange(t, s, 3, "", "", false, 20); !slices.Equal(got, want3) {
			t.Errorf("object 3 after commit = %v, want %v", got, want3)
		}
	})
}

func testWriteSetGet(t *testing.T, open Opener) {
	s := mustOpen(t, open)
	MustApply(t, s, Puts(1, "a", "base-a", "b", "base-b"), 10)
	w := storage.NewWriteSet(0)
	if err := w.Put(1, []byte("a"), []byte("ws-a")); err != nil {
		t.Fatal(err)
	}
	if err := w.Delete(1, []byte("b")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key   string
		want  string
		found bool
	}{
		{"a", "ws-a", true},
		{"b", "", false},
		{"c", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			v, ok, err := w.Get(t.Context(), s, 1, []byte(tc.key), 10)
			if err != nil {
				t.Fatal(err)
			}
			if string(v) != tc.want || ok != tc.found {
				t.Errorf("Get = %q, %v; want %q, %v", v, ok, tc.want, tc.found)
			}
		})
	}
}
