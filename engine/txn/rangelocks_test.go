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

// TestInsertedBetween: a range reader finds another owner's uncommitted
// inserted keys in a gap, never its own, and none once the inserter ends.
func TestInsertedBetween(t *testing.T) {
	ctx := context.Background()
	m := NewManager()
	w, r := m.NewOwner(51), m.NewOwner(52)
	table := ObjectResource(1, 7)
	for _, o := range []*Owner{w, r} {
		if err := m.Lock(ctx, o, table, ModeIX, ForTransaction, 0); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"m", "d", "t"} {
		if err := m.Lock(ctx, w, KeyResource(1, 10, []byte(k)), ModeX, ForTransaction, 0); err != nil {
			t.Fatal(err)
		}
		m.NoteInsert(w, 1, 10, k)
	}
	m.NoteInsert(r, 1, 10, "e") // the reader's own insert is not in its way
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
		got, found := m.InsertedBetween(r, 1, 7, 10, tc.from, tc.before)
		if got != tc.want || found != tc.found {
			t.Errorf("InsertedBetween(%q, %q) = %q, %v; want %q, %v", tc.from, tc.before, got, found, tc.want, tc.found)
		}
	}
	if _, found := m.InsertedBetween(r, 1, 7, 11, "", ""); found {
		t.Error("found an insert in another index")
	}
	epoch := m.WriteEpoch()
	m.ReleaseAll(w)
	if m.WriteEpoch() == epoch {
		t.Error("releasing a writer did not raise the write epoch")
	}
	if k, found := m.InsertedBetween(r, 1, 7, 10, "", ""); found {
		t.Errorf("found %q after the inserter released", k)
	}
	epoch = m.WriteEpoch()
	m.ReleaseAll(r) // r wrote no key (its NoteInsert had no X lock behind it, but counts)
	if m.WriteEpoch() == epoch {
		t.Error("an owner that noted an insert did not raise the write epoch")
	}
}
