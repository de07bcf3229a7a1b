package txn

import (
	"context"
	"slices"
	"testing"
)

// TestKeysHeld: the keys of one object others hold against an owner, in
// order and within the range asked, forgotten once released.
func TestKeysHeld(t *testing.T) {
	m := NewManager()
	ctx := context.Background()
	w, r := m.NewOwner(51), m.NewOwner(52)
	lock := func(o *Owner, obj uint32, key string, mode Mode) {
		t.Helper()
		if err := m.Lock(ctx, o, KeyResource(1, obj, []byte(key)), mode, ForTransaction, 0); err != nil {
			t.Fatal(err)
		}
	}
	lock(w, 10, "c", ModeX)
	lock(w, 10, "a", ModeX)
	lock(w, 10, "e", ModeS) // S: no conflict with a reader's S
	lock(w, 11, "b", ModeX) // another object
	lock(r, 10, "d", ModeX) // the reader's own
	tests := []struct {
		name         string
		o            *Owner
		lower, upper string
		mode         Mode
		want         []string
	}{
		{name: "all", o: r, mode: ModeS, want: []string{"a", "c"}},
		{name: "range", o: r, lower: "b", upper: "d", mode: ModeS, want: []string{"c"}},
		{name: "upper excluded", o: r, upper: "c", mode: ModeS, want: []string{"a"}},
		{name: "no owner", mode: ModeS, want: []string{"a", "c", "d"}},
		{name: "exclusive", o: r, mode: ModeX, want: []string{"a", "c", "e"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var lo, hi []byte
			if tc.lower != "" {
				lo = []byte(tc.lower)
			}
			if tc.upper != "" {
				hi = []byte(tc.upper)
			}
			if got := m.KeysHeld(tc.o, 1, 10, lo, hi, tc.mode); !slices.Equal(got, tc.want) {
				t.Fatalf("KeysHeld = %q, want %q", got, tc.want)
			}
		})
	}
	m.ReleaseAll(w)
	if got := m.KeysHeld(r, 1, 10, nil, nil, ModeS); len(got) != 0 {
		t.Fatalf("after release: %q, want none", got)
	}
}

// TestHeldKeyTreesSwept: the trees of indexes whose keys are no longer
// locked are dropped once there are many. Every #temp table is a new index
// of tempdb, so a tree kept per index ever locked grew the lock manager
// without bound on a server whose procedures create temp tables.
func TestHeldKeyTreesSwept(t *testing.T) {
	m := NewManager()
	ctx := context.Background()
	o, keep := m.NewOwner(51), m.NewOwner(52)
	lock := func(o *Owner, obj uint32, key string) {
		t.Helper()
		if err := m.Lock(ctx, o, KeyResource(2, obj, []byte(key)), ModeX, ForTransaction, 0); err != nil {
			t.Fatal(err)
		}
	}
	lock(keep, 1, "held")
	for obj := uint32(2); obj <= 5000; obj++ {
		lock(o, obj, "a")
		lock(o, obj, "b")
		m.ReleaseAll(o)
	}
	if n := len(m.keys); n > 2*minKeysSweep {
		t.Errorf("%d held-key trees after 5,000 indexes were locked and released, want at most %d", n, 2*minKeysSweep)
	}
	if got := m.KeysHeld(nil, 2, 1, nil, nil, ModeS); !slices.Equal(got, []string{"held"}) {
		t.Errorf("the key still held: KeysHeld = %q", got)
	}
}
