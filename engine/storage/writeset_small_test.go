package storage_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// TestWriteSetSmallToTree checks the write set's two representations (a
// sorted slice up to 8 keys, then a B-tree) and the move between them, with
// no iterator opened until the end (an iterator moves the set to the tree):
// Lookup, Len, Bytes and Batch order after writes, a statement rollback that
// crosses the bound in either direction, and Reset.
func TestWriteSetSmallToTree(t *testing.T) {
	cases := []struct {
		name         string
		before, stmt int // keys written before the mark, and after it
		rollback     bool
	}{
		{"one key", 1, 0, false},
		{"at the bound", 8, 0, false},
		{"past the bound", 9, 0, false},
		{"crosses the bound in a statement, kept", 5, 6, false},
		{"crosses the bound in a statement, rolled back", 5, 6, true},
		{"large, rollback inside the tree", 20, 7, true},
		{"only the statement's keys, rolled back", 0, 3, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := storage.NewWriteSet(0)
			model := map[string]*string{}
			key := func(i int) string { return fmt.Sprintf("k%02d", (i*7)%97) } // not in key order
			write := func(i int, del bool) {
				t.Helper()
				k := key(i)
				if del {
					mustWS(t, w.Delete(1, []byte(k)))
					model[k] = nil
					return
				}
				v := fmt.Sprintf("v%d", i)
				mustWS(t, w.Put(1, []byte(k), []byte(v)))
				model[k] = &v
			}
			check := func(step string) {
				t.Helper()
				if w.Len() != len(model) {
					t.Fatalf("%s: Len %d, want %d", step, w.Len(), len(model))
				}
				for k, v := range model {
					got, deleted, found := w.Lookup(1, []byte(k))
					if !found || deleted != (v == nil) || (v != nil && string(got) != *v) {
						t.Fatalf("%s: Lookup(%s) = %q deleted=%v found=%v, want %v", step, k, got, deleted, found, v)
					}
				}
				if _, _, found := w.Lookup(1, []byte("absent")); found {
					t.Fatalf("%s: Lookup of an absent key found it", step)
				}
				var keys []string
				for _, op := range w.Batch().Ops() {
					keys = append(keys, string(op.Key))
					if v := model[string(op.Key)]; op.Delete != (v == nil) || (v != nil && string(op.Value) != *v) {
						t.Fatalf("%s: Batch op %s = %q delete=%v, want %v", step, op.Key, op.Value, op.Delete, v)
					}
				}
				if want := slices.Sorted(maps.Keys(model)); !slices.Equal(keys, want) {
					t.Fatalf("%s: Batch keys %v, want %v", step, keys, want)
				}
			}
			for i := range tc.before {
				write(i, false)
			}
			check("before the mark")
			saved, bytes := maps.Clone(model), w.Bytes()
			m := w.Mark()
			for i := range tc.stmt {
				// Overwrite, delete and add: every undo kind.
				write(tc.before-1-i, i%3 == 1)
				write(tc.before+i, false)
			}
			check("after the statement")
			if tc.rollback {
				w.RollbackTo(m)
				model = saved
				check("after the rollback")
				if w.Bytes() != bytes {
					t.Fatalf("Bytes after rollback %d, want %d", w.Bytes(), bytes)
				}
			}
			w.Release(m)
			check("after release")
			var want []string
			for _, k := range slices.Sorted(maps.Keys(model)) {
				if model[k] != nil {
					want = append(want, k+"="+*model[k])
				}
			}
			var got []string
			for _, kv := range wsScan(t, w) {
				got = append(got, kv.Key+"="+kv.Value)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("scan %v, want %v", got, want)
			}
			w.Reset()
			model = map[string]*string{}
			check("after Reset")
			write(1, false)
			check("reused after Reset")
		})
	}
}
