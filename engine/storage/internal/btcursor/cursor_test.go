package btcursor

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/btree"
)

func TestCursor(t *testing.T) {
	tree := btree.NewG(4, func(a, b string) bool { return a < b })
	var all []string
	for i := range 300 { // more than two chunks
		k := fmt.Sprintf("k%03d", i)
		tree.ReplaceOrInsert(k)
		all = append(all, k)
	}
	id := func(s string) string { return s }
	tests := []struct {
		name    string
		lo, hi  string
		reverse bool
		want    []string
	}{
		{"all", "", "z", false, all},
		{"all reverse", "", "z", true, reversed(all)},
		{"bounded", "k010", "k200", false, all[10:200]},
		{"bounded reverse", "k010", "k200", true, reversed(all[10:200])},
		{"between keys", "k010x", "k020x", false, all[11:21]},
		{"between keys reverse", "k010x", "k020x", true, reversed(all[11:21])},
		{"empty", "k100", "k100", false, nil},
		{"empty reverse", "k100", "k100", true, nil},
		{"before all", "a", "b", false, nil},
		{"after all reverse", "x", "z", true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New(tree, id, id, tc.lo, tc.hi, tc.reverse)
			var got []string
			for k, ok := c.Next(); ok; k, ok = c.Next() {
				got = append(got, k)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %d keys %v…, want %d keys", len(got), head(got), len(tc.want))
			}
			if _, ok := c.Next(); ok {
				t.Error("Next after the end returned an item")
			}
		})
	}
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

func head(s []string) []string { return s[:min(len(s), 5)] }
