package txn

import (
	"context"
	"encoding/binary"
	"fmt"
	"runtime"
	"testing"
)

// TestHoldsBookkeeping drives the slice-and-index bookkeeping of holds
// (owner.held with its index past heldScan, head.holders, the embedded first
// grant and reused heads) through every way a hold ends, and checks after each
// step that Held, Locks and a second owner's view agree with a plain model.
func TestHoldsBookkeeping(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		keys    int  // key locks taken by owner a
		shared  bool // owner b also holds S on every even key
		release string
	}{
		{"one key, release all", 1, false, "all"},
		{"at the scan bound, unlock odd statement holds", heldScan, false, "stmt"},
		{"past the scan bound, release every third", heldScan + 1, true, "some"},
		{"many keys shared, release all", 50, true, "all"},
		{"many keys, release in reverse", 40, false, "reverse"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			m := h.m
			a, b := m.NewOwner(1), m.NewOwner(2)
			key := func(i int) Resource { return KeyResource(1, 10, fmt.Appendf(nil, "k%03d", i)) }
			obj := ObjectResource(1, 10)
			want := map[Resource]Mode{} // owner a's holds
			h.mustLock(a, obj, ModeIX)
			want[obj] = ModeIX
			for i := range tc.keys {
				dur := ForTransaction
				mode := ModeX
				if tc.shared && i%2 == 0 {
					mode = ModeS
					h.mustLock(b, key(i), ModeS)
				}
				if tc.release == "stmt" && i%2 == 1 {
					dur = ForStatement
				}
				if err := m.Lock(ctx, a, key(i), mode, dur, WaitForever); err != nil {
					t.Fatal(err)
				}
				want[key(i)] = mode
			}
			// Raising a held mode keeps one grant.
			if err := m.Lock(ctx, a, obj, ModeX, ForTransaction, 0); err != nil && !tc.shared {
				t.Fatal(err)
			} else if err == nil {
				want[obj] = ModeX
			}
			check := func(step string) {
				t.Helper()
				for r, md := range want {
					if got := m.Held(a, r); got != md {
						t.Fatalf("%s: Held(a, %s) = %s, want %s", step, r, got, md)
					}
				}
				n := 0
				for _, li := range m.Locks() {
					if li.OwnerID == a.ID() {
						n++
						if want[li.Resource] != li.Mode {
							t.Fatalf("%s: Locks shows %s %s for a, want %s", step, li.Resource, li.Mode, want[li.Resource])
						}
					}
				}
				if n != len(want) {
					t.Fatalf("%s: Locks shows %d holds of a, want %d", step, n, len(want))
				}
				if len(a.held) != len(want) {
					t.Fatalf("%s: a.held has %d entries, want %d", step, len(a.held), len(want))
				}
				for i, g := range a.held {
					if g.opos != i || g.head.holders[g.hpos] != g || g.owner != a {
						t.Fatalf("%s: grant %d (%s) positions inconsistent", step, i, g.res)
					}
				}
			}
			check("after locking")
			switch tc.release {
			case "stmt":
				m.ReleaseStatement(a)
				for i := range tc.keys {
					if i%2 == 1 {
						delete(want, key(i))
					}
				}
				check("after ReleaseStatement")
			case "some":
				for i := 0; i < tc.keys; i += 3 {
					m.Release(a, key(i))
					delete(want, key(i))
				}
				check("after Release of every third")
			case "reverse":
				for i := tc.keys - 1; i >= tc.keys/2; i-- {
					m.Release(a, key(i))
					delete(want, key(i))
					check(fmt.Sprintf("after Release(k%03d)", i))
				}
			}
			// A released key is free for b at once; a held one is not.
			for i := range tc.keys {
				err := m.Lock(ctx, b, key(i), ModeX, ForStatement, 0)
				_, held := want[key(i)]
				if held && err == nil {
					t.Fatalf("b got X on k%03d that a holds", i)
				}
				if !held && err != nil && !(tc.shared && i%2 == 0) {
					t.Fatalf("b could not lock released k%03d: %v", i, err)
				}
			}
			m.ReleaseStatement(b)
			m.ReleaseAll(a)
			want = map[Resource]Mode{}
			check("after ReleaseAll")
			// Reused heads start clean: a new owner gets X everywhere b does not hold.
			c := m.NewOwner(3)
			for i := range tc.keys {
				err := m.Lock(ctx, c, key(i), ModeX, ForTransaction, 0)
				if (err == nil) == (tc.shared && i%2 == 0) {
					t.Fatalf("c on k%03d: %v (b holds S: %v)", i, err, tc.shared && i%2 == 0)
				}
			}
			m.ReleaseAll(c)
			m.ReleaseAll(b)
		})
	}
}

// TestLockTableShrinksAfterBigTransaction: once a transaction that held a
// lock per row of a 100,000-row write ends, the lock table gives its room
// back. The map of lock heads kept the buckets of its largest size, about
// 120 bytes per lock once held (12 MB here), until the server stopped.
func TestLockTableShrinksAfterBigTransaction(t *testing.T) {
	const n = 100_000
	m := NewManager()
	ctx := context.Background()
	small := m.NewOwner(52) // another transaction's locks stay in the table
	for i := range 10 {
		if err := m.Lock(ctx, small, KeyResource(1, 11, []byte{byte(i)}), ModeX, ForTransaction, WaitForever); err != nil {
			t.Fatal(err)
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	o := m.NewOwner(51)
	for i := range n {
		if err := m.Lock(ctx, o, KeyResource(1, 10, binary.BigEndian.AppendUint32([]byte{0x80}, uint32(i))), ModeX, ForTransaction, WaitForever); err != nil {
			t.Fatal(err)
		}
	}
	m.ReleaseAll(o)
	runtime.GC()
	runtime.ReadMemStats(&after)
	if kept := int64(after.HeapAlloc) - int64(before.HeapAlloc); kept > 2<<20 {
		t.Errorf("the lock table keeps %d bytes after a transaction that held %d locks ended; want under 2 MB", kept, n)
	}
	if got := m.Held(small, KeyResource(1, 11, []byte{3})); got != ModeX {
		t.Errorf("the other transaction's lock after the shrink: %v, want X", got)
	}
}
