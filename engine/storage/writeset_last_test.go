package storage

import (
	"fmt"
	"testing"
)

// TestWriteSetLastKey: the largest key with an entry in [lower, upper) of
// one object, puts and deletes alike, in the small slice and in the tree.
func TestWriteSetLastKey(t *testing.T) {
	for _, n := range []int{3, 40} { // below and above smallWriteSet
		w := NewWriteSet(0)
		for i := 0; i < n; i++ {
			if err := w.Put(7, []byte(fmt.Sprintf("k%03d", i*2)), []byte("v")); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Put(8, []byte("k999"), []byte("v")); err != nil { // another object
			t.Fatal(err)
		}
		if err := w.Delete(7, []byte("k001")); err != nil {
			t.Fatal(err)
		}
		last := fmt.Sprintf("k%03d", (n-1)*2)
		for _, tc := range []struct {
			lower, upper string
			want         string
			ok           bool
		}{
			{"k", "l", last, true},
			{"k000", "k002", "k001", true}, // a delete counts
			{"k000", "k001", "k000", true},
			{"k002", "k002", "", false},
			{"k000", "k000", "", false},
			{"a", "k000", "", false},
			{"l", "m", "", false},
			{"k004", "k005", "k004", true},
		} {
			got, ok := w.LastKey(7, []byte(tc.lower), []byte(tc.upper))
			if string(got) != tc.want || ok != tc.ok {
				t.Errorf("n=%d [%s, %s): %q %v, want %q %v", n, tc.lower, tc.upper, got, ok, tc.want, tc.ok)
			}
		}
	}
}
