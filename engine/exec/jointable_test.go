package exec

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// TestJoinTableIntKeys checks every shape an integer-keyed join table takes
// (sorted and dense → direct index, sorted and sparse → binary search, out
// of order → map, duplicates in each) against a model: each key's chain
// holds exactly the rows added with it, in insertion order.
func TestJoinTableIntKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	seq := func(lo, n, step int64) []int64 {
		var ks []int64
		for i := range n {
			ks = append(ks, lo+i*step)
		}
		return ks
	}
	shuffled := seq(-500, 1000, 1)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	cases := []struct {
		name      string
		keys      []int64
		wantDense bool
		wantSort  bool
	}{
		{"empty", nil, false, true},
		{"one key", []int64{42}, true, true},
		{"dense ascending from negative", seq(-1000, 3000, 1), true, true},
		{"every other id", seq(0, 3000, 2), true, true},
		{"gaps too wide", seq(0, 3000, 3), false, true},
		{"dense with duplicates", []int64{1, 1, 2, 3, 3, 3, 5, 6}, true, true},
		{"sparse ascending", seq(-1<<40, 500, 1<<30), false, true},
		{"extremes", []int64{math.MinInt64, -1, 0, math.MaxInt64}, false, true},
		{"extremes adjacent", []int64{math.MaxInt64 - 1, math.MaxInt64}, true, true},
		{"out of order late", append(seq(0, 100, 1), 50, 7, 200, 200, -3), false, false},
		{"shuffled", shuffled, false, false},
		{"dense across chunks", seq(5, 3*joinChunk+7, 1), true, true},
		{"duplicates across chunks", append(seq(0, joinChunk-10, 1), seq(joinChunk-10, 20, 0)...), true, true},
	}
	probes := []int64{math.MinInt64, math.MinInt64 + 1, -1 << 40, -1001, -1000, -501, -500, -3, -1, 0, 1, 2, 4, 7, 42, 50, 99, 100, 200, 2998, 2999, 3000, math.MaxInt64 - 1, math.MaxInt64}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			jt := newJoinTable(true)
			want := map[int64][]int64{} // key → row ids in insertion order
			for i, k := range tc.keys {
				r := Row{types.NewBigInt(int64(i)), types.NewBigInt(k)}
				if i%1000 == 999 {
					r = r[:1] // another width: kept whole, beside the chunks
				}
				jt.addInt(k, r)
				want[k] = append(want[k], int64(i))
			}
			jt.finish()
			if (jt.dense != nil) != tc.wantDense || jt.sorted != tc.wantSort {
				t.Fatalf("dense %v sorted %v, want %v %v", jt.dense != nil, jt.sorted, tc.wantDense, tc.wantSort)
			}
			for _, k := range append(probes, tc.keys...) {
				var got []int64
				for i := jt.lookupInt(k); i >= 0; i = jt.nextOf(i) {
					got = append(got, jt.row(i)[0].Int64())
				}
				if !slices.Equal(got, want[k]) {
					t.Fatalf("key %d: rows %v, want %v", k, got, want[k])
				}
			}
		})
	}
}
