package txn

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// harness runs lock requests in goroutines and learns, through the manager's test
// hook, when one has started waiting, so tests never sleep.
type harness struct {
	t       *testing.T
	m       *Manager
	blocked chan *Owner
	wg      sync.WaitGroup
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, m: NewManager(), blocked: make(chan *Owner, 1024)}
	h.m.testHookBlocked = func(o *Owner, _ Resource) { h.blocked <- o }
	t.Cleanup(func() {
		h.wg.Wait() // every goroutine a test started has returned: no leaks
		h.m.mu.Lock()
		defer h.m.mu.Unlock()
		if n := len(h.m.heads); n != 0 {
			t.Errorf("%d lock heads left after every owner released", n)
		}
	})
	return h
}

var (
	resA = KeyResource(1, 10, []byte("a"))
	resB = KeyResource(1, 10, []byte("b"))
	resC = KeyResource(1, 10, []byte("c"))
)

func (h *harness) mustLock(o *Owner, res Resource, mode Mode) {
	h.t.Helper()
	if err := h.m.Lock(context.Background(), o, res, mode, ForTransaction, WaitForever); err != nil {
		h.t.Fatalf("Lock(%d, %s, %s): %v", o.ID(), res, mode, err)
	}
}

// lockAsync starts a lock request and waits until it is either granted or waiting.
// The returned channel yields its result.
func (h *harness) lockAsync(ctx context.Context, o *Owner, res Resource, mode Mode, timeout time.Duration) <-chan error {
	h.t.Helper()
	done := make(chan error, 1)
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		done <- h.m.Lock(ctx, o, res, mode, ForTransaction, timeout)
	}()
	if got := <-h.blocked; got != o {
		h.t.Fatalf("owner %d blocked, want owner %d", got.ID(), o.ID())
	}
	return done
}

func mustErr(t *testing.T, got error, want error) {
	t.Helper()
	if !errors.Is(got, want) {
		t.Fatalf("err = %v, want %v", got, want)
	}
}

func TestBlockAndWake(t *testing.T) {
	h := newHarness(t)
	o1, o2 := h.m.NewOwner(51), h.m.NewOwner(52)
	h.mustLock(o1, resA, ModeX)
	done := h.lockAsync(t.Context(), o2, resA, ModeS, WaitForever)
	select {
	case err := <-done:
		t.Fatalf("S granted over X: %v", err)
	default:
	}
	h.m.ReleaseAll(o1)
	mustErr(t, <-done, nil)
	if got := h.m.Held(o2, resA); got != ModeS {
		t.Errorf("o2 holds %s, want S", got)
	}
	h.m.ReleaseAll(o2)
}

// TestFIFO: a compatible request queues behind an earlier incompatible waiter
// instead of overtaking it (no writer starvation).
func TestFIFO(t *testing.T) {
	h := newHarness(t)
	reader, writer, late := h.m.NewOwner(1), h.m.NewOwner(2), h.m.NewOwner(3)
	h.mustLock(reader, resA, ModeS)
	w := h.lockAsync(t.Context(), writer, resA, ModeX, WaitForever)
	l := h.lockAsync(t.Context(), late, resA, ModeS, WaitForever)
	h.m.ReleaseAll(reader)
	mustErr(t, <-w, nil)
	select {
	case <-l:
		t.Fatal("late reader granted while the writer holds X")
	default:
	}
	h.m.ReleaseAll(writer)
	mustErr(t, <-l, nil)
	h.m.ReleaseAll(late)
}

func TestFIFOGrantsCompatibleGroup(t *testing.T) {
	h := newHarness(t)
	w, r1, r2, w2 := h.m.NewOwner(1), h.m.NewOwner(2), h.m.NewOwner(3), h.m.NewOwner(4)
	h.mustLock(w, resA, ModeX)
	c1 := h.lockAsync(t.Context(), r1, resA, ModeS, WaitForever)
	c2 := h.lockAsync(t.Context(), r2, resA, ModeS, WaitForever)
	c3 := h.lockAsync(t.Context(), w2, resA, ModeX, WaitForever)
	h.m.ReleaseAll(w)
	mustErr(t, <-c1, nil) // both readers at the front are granted together
	mustErr(t, <-c2, nil)
	h.m.ReleaseAll(r1)
	select {
	case <-c3:
		t.Fatal("X granted while r2 holds S")
	default:
	}
	h.m.ReleaseAll(r2)
	mustErr(t, <-c3, nil)
	h.m.ReleaseAll(w2)
}

func TestLockTimeout(t *testing.T) {
	tests := []struct {
		name    string
		timeout time.Duration
	}{
		{"no wait", 0},
		{"1ms", LockTimeout(1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			o1, o2 := h.m.NewOwner(51), h.m.NewOwner(52)
			h.mustLock(o1, resA, ModeX)
			err := h.m.Lock(t.Context(), o2, resA, ModeU, ForTransaction, tc.timeout)
			if tc.timeout > 0 {
				<-h.blocked
			}
			mustErr(t, err, ErrLockTimeout)
			var se interface {
				SQLServerError() (int32, uint8, uint8)
			}
			if !errors.As(err, &se) {
				t.Fatal("error has no SQL Server identity")
			}
			if n, sev, st := se.SQLServerError(); n != 1222 || sev != 16 || st != 51 {
				t.Errorf("identity = %d/%d/%d, want 1222/16/51", n, sev, st)
			}
			if err.Error() != "Lock request time out period exceeded." {
				t.Errorf("message = %q", err)
			}
			if got := h.m.Held(o2, resA); got != ModeNone {
				t.Errorf("timed-out owner holds %s", got)
			}
			h.m.ReleaseAll(o1)
			h.mustLock(o2, resA, ModeX) // the queue is clean again
			h.m.ReleaseAll(o2)
		})
	}
}

// TestTimeoutUnblocksQueue: a waiter that times out must not keep the requests
// behind it waiting.
func TestTimeoutUnblocksQueue(t *testing.T) {
	h := newHarness(t)
	reader, writer, reader2 := h.m.NewOwner(1), h.m.NewOwner(2), h.m.NewOwner(3)
	h.mustLock(reader, resA, ModeS)
	ctx, cancel := context.WithCancel(t.Context())
	w := h.lockAsync(ctx, writer, resA, ModeX, WaitForever)
	r2 := h.lockAsync(t.Context(), reader2, resA, ModeS, WaitForever)
	cancel() // attention on the writer's session
	mustErr(t, <-w, context.Canceled)
	mustErr(t, <-r2, nil) // S is compatible with the remaining S holder
	h.m.ReleaseAll(reader)
	h.m.ReleaseAll(reader2)
	h.m.ReleaseAll(writer)
}

func TestCancel(t *testing.T) {
	h := newHarness(t)
	o1, o2 := h.m.NewOwner(1), h.m.NewOwner(2)
	h.mustLock(o1, resA, ModeX)
	ctx, cancel := context.WithCancel(t.Context())
	done := h.lockAsync(ctx, o2, resA, ModeX, WaitForever)
	cancel()
	mustErr(t, <-done, context.Canceled)
	if got := h.m.Held(o2, resA); got != ModeNone {
		t.Errorf("cancelled owner holds %s", got)
	}
	h.m.ReleaseAll(o1)
}

func TestDurations(t *testing.T) {
	h := newHarness(t)
	o, other := h.m.NewOwner(1), h.m.NewOwner(2)
	tbl := ObjectResource(1, 10)
	ctx := t.Context()
	steps := []struct {
		name string
		do   func() error
		want Mode // o's mode on tbl afterwards
	}{
		{"IX for the transaction", func() error { return h.m.Lock(ctx, o, tbl, ModeIX, ForTransaction, 0) }, ModeIX},
		{"S for the statement", func() error { return h.m.Lock(ctx, o, tbl, ModeS, ForStatement, 0) }, ModeSIX},
		{"statement ends", func() error { h.m.ReleaseStatement(o); return nil }, ModeIX},
		{"S again, unlocked early", func() error {
			if err := h.m.Lock(ctx, o, tbl, ModeS, ForStatement, 0); err != nil {
				return err
			}
			h.m.Unlock(o, tbl)
			return nil
		}, ModeIX},
		{"another owner's IS is compatible", func() error { return h.m.Lock(ctx, other, tbl, ModeIS, ForStatement, 0) }, ModeIX},
		{"another owner's S is not", func() error {
			if err := h.m.Lock(ctx, other, tbl, ModeS, ForStatement, 0); !errors.Is(err, ErrLockTimeout) {
				return fmt.Errorf("S over IX: %v, want 1222", err)
			}
			return nil
		}, ModeIX},
		{"commit", func() error { h.m.ReleaseAll(o); h.m.ReleaseStatement(other); return nil }, ModeNone},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := h.m.Held(o, tbl); got != s.want {
			t.Fatalf("%s: holds %s, want %s", s.name, got, s.want)
		}
	}
}

func TestConversionWaitsAheadOfNewRequests(t *testing.T) {
	h := newHarness(t)
	a, b, c := h.m.NewOwner(1), h.m.NewOwner(2), h.m.NewOwner(3)
	h.mustLock(a, resA, ModeU)
	h.mustLock(b, resA, ModeS)
	newReq := h.lockAsync(t.Context(), c, resA, ModeU, WaitForever) // U vs U: waits
	conv := h.lockAsync(t.Context(), a, resA, ModeX, WaitForever)   // U -> X: waits for b's S
	h.m.ReleaseAll(b)
	mustErr(t, <-conv, nil)
	if got := h.m.Held(a, resA); got != ModeX {
		t.Errorf("a holds %s, want X", got)
	}
	h.m.ReleaseAll(a)
	mustErr(t, <-newReq, nil)
	h.m.ReleaseAll(c)
}
