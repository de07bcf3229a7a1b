package storage_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/storage/memstore"
	"github.com/mirrorsql/mirrorsql/engine/storage/storagetest"
)

// FuzzWriteSetMerge drives a base store and a write set with random operations and
// checks the merged iterator (both directions, random bounds) and Get against a
// plain map model. Each 3 input bytes are one operation: kind, key, value.
func FuzzWriteSetMerge(f *testing.F) {
	f.Add([]byte{0, 1, 1, 2, 1, 2, 3, 1, 0, 2, 5, 5})
	f.Add([]byte{0, 3, 1, 0, 4, 1, 4, 0, 0, 2, 3, 9, 5, 0, 0, 1, 4, 4})
	f.Add([]byte{4, 0, 0, 2, 1, 1, 4, 0, 0, 3, 1, 0, 5, 0, 0, 2, 2, 2, 6, 0, 0, 1, 7, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		base := memstore.New()
		baseModel := map[string]string{}
		w := storage.NewWriteSet(0)
		wsModel := map[string]*string{} // nil: deleted
		var marks []storage.Mark
		var saved []map[string]*string
		lsn := storagetest.LSN(0)
		key := func(b byte) []byte { return []byte{'k', 'a' + b%12} }
		for i := 0; i+2 < len(data); i += 3 {
			k, v := key(data[i+1]), string([]byte{'v', data[i+2]})
			switch data[i] % 8 {
			case 0: // base put (another committed transaction)
				lsn++
				storagetest.MustApply(t, base, storagetest.Puts(1, string(k), v), lsn)
				baseModel[string(k)] = v
			case 1: // base delete
				lsn++
				b := new(storage.Batch)
				b.Delete(1, k)
				storagetest.MustApply(t, base, b, lsn)
				delete(baseModel, string(k))
			case 2, 3: // own put
				mustWS(t, w.Put(1, k, []byte(v)))
				wsModel[string(k)] = &v
			case 4: // own delete
				mustWS(t, w.Delete(1, k))
				wsModel[string(k)] = nil
			case 5: // mark
				marks = append(marks, w.Mark())
				saved = append(saved, maps.Clone(wsModel))
			case 6: // rollback to the newest mark
				if n := len(marks); n > 0 {
					w.RollbackTo(marks[n-1])
					wsModel = maps.Clone(saved[n-1])
				}
			case 7: // release the newest mark
				if n := len(marks); n > 0 {
					w.Release(marks[n-1])
					marks, saved = marks[:n-1], saved[:n-1]
				}
			}
		}
		want := map[string]string{}
		maps.Copy(want, baseModel)
		for k, v := range wsModel {
			if v == nil {
				delete(want, k)
			} else {
				want[k] = *v
			}
		}
		var lo, hi []byte
		if len(data) > 0 {
			lo = key(data[0])
			hi = key(data[len(data)-1] + 3)
		}
		for _, reverse := range []bool{false, true} {
			var exp []storagetest.KV
			for _, k := range slices.Sorted(maps.Keys(want)) {
				if (lo == nil || k >= string(lo)) && (hi == nil || k < string(hi)) {
					exp = append(exp, storagetest.KV{Key: k, Value: want[k]})
				}
			}
			if reverse {
				slices.Reverse(exp)
			}
			it, err := w.NewIterator(base, 1, lo, hi, reverse, storage.Latest)
			if err != nil {
				t.Fatal(err)
			}
			if got := storagetest.Collect(t, it); !slices.Equal(got, exp) {
				t.Fatalf("reverse=%v [%q,%q): got %v\nwant %v", reverse, lo, hi, got, exp)
			}
		}
		for b := range byte(12) {
			k := key(b)
			v, ok, err := w.Get(t.Context(), base, 1, k, storage.Latest)
			if err != nil {
				t.Fatal(err)
			}
			if wv, wok := want[string(k)]; ok != wok || string(v) != wv {
				t.Fatalf("Get(%q) = %q, %v; want %q, %v", k, v, ok, wv, wok)
			}
		}
	})
}
