package exec

import (
	"reflect"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sampleStatsEntry is a statistics object as a build leaves it: a NULL
// step first, a filtered one's unfiltered rows.
func sampleStatsEntry() *histEntry {
	typ := types.Type{ID: types.VarChar, Length: 20}
	c := &statsContents{rows: 40, sampled: 20, unfiltered: 100, density: []float64{0.25, 0.025}, avgLen: []float64{3.5, 7.5}, typ: typ,
		steps: []histStep{
			{hi: types.Null(types.VarChar), eqRows: 2},
			{hi: types.NewString(types.VarChar, "apple"), rangeRows: 0, eqRows: 10, avgRange: 1},
			{hi: types.NewString(types.VarChar, "pear"), rangeRows: 18, eqRows: 10, distinctRange: 2, avgRange: 9},
		}}
	return &histEntry{c: c, cols: []int{2, 0}, filter: "([f]>(0))", base: 17, every: 2}
}

// TestStatsRecordRoundTrip: a statistics record decodes to what was
// encoded, the last update with it.
func TestStatsRecordRoundTrip(t *testing.T) {
	h := sampleStatsEntry()
	upd := statsState{base: 17, updated: time.Date(2026, 11, 29, 12, 0, 0, 123456789, time.UTC), rows: 40, steps: 3}
	for _, updated := range []bool{false, true} {
		b, err := encodeStats(h, upd, updated)
		if err != nil {
			t.Fatal(err)
		}
		got, st, gotUpdated, ok := decodeStats(b)
		if !ok {
			t.Fatalf("updated=%v: the record does not decode: %s", updated, b)
		}
		if !reflect.DeepEqual(got, h) {
			t.Errorf("updated=%v: decoded %+v (%+v)\nwant %+v (%+v)", updated, got, got.c, h, h.c)
		}
		if gotUpdated != updated || updated && !reflect.DeepEqual(st, upd) {
			t.Errorf("updated=%v: last update %v %+v, want %+v", updated, gotUpdated, st, upd)
		}
	}
}

// FuzzDecodeStats: a damaged record is refused (then built again), never
// a panic or contents that do not hold together.
func FuzzDecodeStats(f *testing.F) {
	b, _ := encodeStats(sampleStatsEntry(), statsState{}, false)
	f.Add(b)
	f.Add([]byte(`{"v":1,"cols":[0],"density":[1],"avg_len":[1],"range":[1],"eq":[1],"distinct":[1],"avg_range":[1],"hi":""}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, _, _, ok := decodeStats(b)
		if !ok {
			return
		}
		if len(h.cols) == 0 || len(h.c.density) != len(h.cols) || h.every < 1 {
			t.Fatalf("accepted a record that does not hold together: %+v", h)
		}
	})
}
