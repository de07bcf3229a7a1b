package storage_test

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// TestWriteSetBatchAllocs pins the allocations of turning a write set into
// its batch at commit: every single-row autocommit write makes one, so the
// batch and its op share one allocation and the keys another (three before
// a57d4c3). A count, not a time: it fails on the old code at any load.
func TestWriteSetBatchAllocs(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows int
		max  float64
	}{
		{"one row", 1, 2},
		{"two rows", 2, 3},
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
