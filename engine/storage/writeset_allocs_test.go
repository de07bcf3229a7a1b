package storage_test

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// TestWriteSetBatchAllocs pins the allocations of turning a write set into
// its batch at commit: every single-row autocommit write makes one, so the
// batch and its op share one allocation and the keys are the write set's
// own (three before a57d4c3, two before session 22's h2 cut the keys'
// copy). A count, not a time: it fails on the old code at any load.
func TestWriteSetBatchAllocs(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows int
		max  float64
	}{
		{"one row", 1, 1},
		{"two rows", 2, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := storage.NewWriteSet(0)
			for i := range tc.rows {
				if err := w.Put(1, []byte{byte(i)}, []byte("value")); err != nil {
					t.Fatal(err)
				}
			}
			var ops []storage.Op
			got := testing.AllocsPerRun(100, func() { ops = w.Batch().Ops() })
			if len(ops) != tc.rows {
				t.Fatalf("batch has %d ops, want %d", len(ops), tc.rows)
			}
			for i, op := range ops {
				if op.ObjectID != 1 || len(op.Key) != 1 || op.Key[0] != byte(i) || string(op.Value) != "value" {
					t.Errorf("op %d = %+v", i, op)
				}
			}
			if got > tc.max {
				t.Errorf("Batch: %.0f allocations, want at most %.0f", got, tc.max)
			}
		})
	}
}

// TestWriteSetPutAllocs pins Put's allocations into a new write set, as
// every single-row autocommit write does once: its key and value in one
// block and the first entry inside the WriteSet (three before: the value,
// the key's string and the entry slice). The entries read back whole.
func TestWriteSetPutAllocs(t *testing.T) {
	var w *storage.WriteSet
	n := 0
	got := testing.AllocsPerRun(100, func() {
		w = &storage.WriteSet{} // as exec embeds it in its transaction
		n++
		if err := w.Put(7, []byte{byte(n), 2}, []byte("row image")); err != nil {
			t.Fatal(err)
		}
	})
	if got > 2 { // the WriteSet itself, and the key and value's block
		t.Errorf("Put into a new write set: %.0f allocations, want at most 2", got)
	}
	if v, deleted, found := w.Lookup(7, []byte{byte(n), 2}); !found || deleted || string(v) != "row image" {
		t.Errorf("Lookup = %q %v %v", v, deleted, found)
	}
	if err := w.Delete(7, []byte{0xff}); err != nil {
		t.Fatal(err)
	}
	ops := w.Batch().Ops()
	if len(ops) != 2 || ops[0].ObjectID != 7 || string(ops[0].Key) != string([]byte{byte(n), 2}) || string(ops[0].Value) != "row image" || ops[0].Delete ||
		string(ops[1].Key) != "\xff" || !ops[1].Delete || ops[1].Value != nil {
		t.Errorf("ops = %+v", ops)
	}
	if k := ops[0].Key; cap(k) != len(k) {
		t.Errorf("an op's key has capacity %d beyond its length %d: an append would write into the write set", cap(k), len(k))
	}
}
