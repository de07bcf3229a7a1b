package txn

import (
	"context"
	"testing"
)

// TestLockInstant: an instant lock returns at once on a free key and holds
// nothing; on a key another owner holds X it waits until the holder ends,
// then holds nothing either (no head is left once everyone released), and
// it keeps what the owner held before.
func TestLockInstant(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	reader, writer := h.m.NewOwner(51), h.m.NewOwner(52)
	if !h.m.KeyFree(nil, 1, 10, []byte("a"), ModeS) || !h.m.KeyFree(reader, 1, 10, []byte("a"), ModeS) {
		t.Fatal("a key nobody locks is not free")
	}
	if waited, err := h.m.LockInstant(ctx, reader, resA, ModeS, WaitForever); waited || err != nil {
		t.Fatalf("free key: waited %v, %v", waited, err)
	}
	h.mustLock(writer, resA, ModeX)
	if h.m.KeyFree(reader, 1, 10, []byte("a"), ModeS) {
		t.Fatal("a key held X is free for S")
	}
	if !h.m.KeyFree(writer, 1, 10, []byte("a"), ModeS) {
		t.Fatal("the holder's own key is not free for it")
	}
	mustErr(t, func() error { _, err := h.m.LockInstant(ctx, reader, resA, ModeS, 0); return err }(), ErrLockTimeout)

	type result struct {
		waited bool
		err    error
	}
	done := make(chan result, 1)
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		w, err := h.m.LockInstant(ctx, reader, resA, ModeS, WaitForever)
		done <- result{w, err}
	}()
	if got := <-h.blocked; got != reader {
		t.Fatalf("owner %d blocked, want the reader", got.ID())
	}
	h.m.ReleaseAll(writer)
	if r := <-done; !r.waited || r.err != nil {
		t.Fatalf("after the writer ended: waited %v, %v; want waited", r.waited, r.err)
	}
	if got := h.m.Held(reader, resA); got != ModeNone {
		t.Fatalf("reader holds %s after an instant lock, want nothing", got)
	}

	// A statement-duration S the reader had stays.
	if err := h.m.Lock(ctx, reader, resB, ModeS, ForStatement, WaitForever); err != nil {
		t.Fatal(err)
	}
	other := h.m.NewOwner(53)
	h.mustLock(other, resB, ModeS)
	if waited, err := h.m.LockInstant(ctx, reader, resB, ModeS, WaitForever); waited || err != nil {
		t.Fatalf("held key: waited %v, %v", waited, err)
	}
	if got := h.m.Held(reader, resB); got != ModeS {
		t.Fatalf("reader holds %s, want its S kept", got)
	}
	h.m.ReleaseAll(reader)
	h.m.ReleaseAll(other)
}

// BenchmarkKeyFree is a READ COMMITTED row check on a key nobody locks.
func BenchmarkKeyFree(b *testing.B) {
	m := NewManager()
	key := []byte("key-000001")
	b.ReportAllocs()
	for b.Loop() {
		if !m.KeyFree(nil, 1, 10, key, ModeS) {
			b.Fatal("not free")
		}
	}
}
