package txn

import (
	"context"
	"testing"
)

// TestRangeHeldFollowsGrants: an index counts as range-locked while some
// owner holds a RangeS or RangeX mode on one of its keys, and RangeI-N or
// plain key locks do not count.
func TestRangeHeldFollowsGrants(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		mode Mode
		want bool
	}{
		{ModeS, false}, {ModeX, false}, {ModeRangeIN, false},
		{ModeRangeSS, true}, {ModeRangeSU, true}, {ModeRangeXX, true},
	}
	for _, tc := range tests {
		t.Run(tc.mode.String(), func(t *testing.T) {
			m := NewManager()
			o := m.NewOwner(51)
			if err := m.Lock(ctx, o, KeyResource(1, 10, []byte("k")), tc.mode, ForTransaction, 0); err != nil {
				t.Fatal(err)
			}
			if got := m.RangeHeld(1, 10); got != tc.want {
				t.Errorf("RangeHeld while %s held = %v, want %v", tc.mode, got, tc.want)
			}
			if m.RangeHeld(1, 11) {
				t.Error("another index counts as range-locked")
			}
			m.ReleaseAll(o)
			if m.RangeHeld(1, 10) {
				t.Error("still range-locked after ReleaseAll")
			}
		})
	}
}

// TestHeldBetween: a range reader finds the first key another owner holds
// against its range mode in a gap — an uncommitted insert's X — never its
// own, not one a reader shares, not the end of the index, and none once
// the writer ends, which raises the write epoch.
func TestHeldBetween(t *testing.T) {
	ctx := context.Background()
	m := NewManager()
	w, r, other, ender := m.NewOwner(51), m.NewOwner(52), m.NewOwner(53), m.NewOwner(54)
	lock := func(o *Owner, store uint32, key string, mode Mode) {
		t.Helper()
		if err := m.Lock(ctx, o, KeyResource(1, store, []byte(key)), mode, ForTransaction, 0); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"m", "d", "t"} {
		lock(w, 10, k, ModeX)
	}
	lock(r, 10, "e", ModeX)           // the reader's own insert is not in its way
	lock(other, 10, "f", ModeRangeSS) // another reader's range: shared
	lock(ender, 10, "", ModeRangeXX)  // the end of the index is no key
	lock(w, 11, "a", ModeX)           // another index
	tests := []struct {
		from, before string
		want         string
		found        bool
	}{
		{"", "", "d", true},
		{"d", "", "d", true},
		{"d\x00", "", "m", true},
		{"e", "m", "", false},
		{"c", "e", "d", true},
		{"m\x00", "z", "t", true},
		{"t\x00", "", "", false},
	}
	for _, tc := range tests {
		got, found := m.HeldBetween(r, 1, 10, tc.from, tc.before, ModeRangeSS)
		if got != tc.want || found != tc.found {
			t.Errorf("HeldBetween(%q, %q) = %q, %v; want %q, %v", tc.from, tc.before, got, found, tc.want, tc.found)
		}
	}
	if k, found := m.HeldBetween(r, 1, 12, "", "", ModeRangeSS); found {
		t.Errorf("found %q in an index nobody locked", k)
	}
	epoch := m.WriteEpoch()
	m.ReleaseAll(w)
	if m.WriteEpoch() == epoch {
		t.Error("releasing a writer did not raise the write epoch")
	}
	if k, found := m.HeldBetween(r, 1, 10, "", "", ModeRangeSS); found {
		t.Errorf("found %q after the writer released", k)
	}
	epoch = m.WriteEpoch()
	m.ReleaseAll(other) // a reader: no write
	if m.WriteEpoch() != epoch {
		t.Error("releasing a reader raised the write epoch")
	}
}
