package txn

import (
	"context"
	"testing"
)

// TestKinOwners: owners of one lock workspace (SetKin: a session's
// transaction and its cursor's held row locks) never block one another, a
// stranger is blocked by either, and a kin request goes ahead of a stranger
// queued for the lock its kin holds (it would otherwise wait for that
// stranger, which waits for the kin: a hang no deadlock search sees).
func TestKinOwners(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	cursor, tx, stranger := h.m.NewOwner(51), h.m.NewOwner(51), h.m.NewOwner(52)
	cursor.SetKin(7)
	tx.SetKin(7)
	h.mustLock(cursor, resA, ModeU)
	if err := h.m.Lock(ctx, tx, resA, ModeX, ForTransaction, 0); err != nil {
		t.Fatalf("kin X over U: %v", err)
	}
	h.m.ReleaseAll(tx)
	if h.m.Free(stranger, resA, ModeX) || h.m.Free(nil, resA, ModeX) {
		t.Fatal("a stranger (or no owner) may take X over the kin's U")
	}
	waiting := h.lockAsync(ctx, stranger, resA, ModeX, WaitForever)
	if err := h.m.Lock(ctx, tx, resA, ModeX, ForTransaction, 0); err != nil {
		t.Fatalf("kin X with a stranger queued: %v", err)
	}
	h.m.ReleaseAll(tx)
	h.m.ReleaseAll(cursor)
	if err := <-waiting; err != nil {
		t.Fatalf("stranger after the kin released: %v", err)
	}
	h.m.ReleaseAll(stranger)
}
