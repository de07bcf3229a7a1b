package txn

import (
	"slices"
	"testing"
)

func TestLocksView(t *testing.T) {
	h := newHarness(t)
	sess, o1, o2 := h.m.NewOwner(51), h.m.NewOwner(52), h.m.NewOwner(53)
	db := DatabaseResource(1)
	tbl := ObjectResource(1, 10)
	h.mustLock(sess, db, ModeS)
	h.mustLock(o1, tbl, ModeIX)
	h.mustLock(o1, resA, ModeX)
	h.mustLock(o2, tbl, ModeIS)
	wait := h.lockAsync(t.Context(), o2, resA, ModeS, WaitForever)
	want := []LockInfo{
		{db, sess.ID(), 51, ModeS, StatusGrant},
		{tbl, o1.ID(), 52, ModeIX, StatusGrant},
		{tbl, o2.ID(), 53, ModeIS, StatusGrant},
		{resA, o1.ID(), 52, ModeX, StatusGrant},
		{resA, o2.ID(), 53, ModeS, StatusWait},
	}
	if got := h.m.Locks(); !slices.Equal(got, want) {
		t.Errorf("Locks() =\n%v\nwant\n%v", got, want)
	}
	h.m.ReleaseAll(o1)
	mustErr(t, <-wait, nil)
	h.m.ReleaseAll(o2)
	h.m.Release(sess, db)
	if got := h.m.Locks(); len(got) != 0 {
		t.Errorf("Locks() after release = %v", got)
	}
}
