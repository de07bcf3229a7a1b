package txn

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

// runCycle makes n owners each hold X on their own key and then request the next
// owner's key, closing a waits-for cycle. It checks that exactly the owner at index
// victim gets 1205 and that, as each transaction in turn commits, every other
// request is granted.
func runCycle(t *testing.T, n int, setup func(os []*Owner), victim int) {
	t.Helper()
	h := newHarness(t)
	owners := make([]*Owner, n)
	res := make([]Resource, n)
	for i := range n {
		owners[i] = h.m.NewOwner(int32(51 + i))
		res[i] = KeyResource(1, 10, fmt.Appendf(nil, "k%d", i))
		h.mustLock(owners[i], res[i], ModeX)
	}
	setup(owners)
	results := make([]<-chan error, n)
	for i := range n {
		results[i] = h.lockAsync(t.Context(), owners[i], res[(i+1)%n], ModeX, WaitForever)
	}
	checkDeadlock(t, <-results[victim], owners[victim].SPID())
	if got := h.m.Deadlocks(); got != 1 {
		t.Errorf("Deadlocks() = %d after one cycle, want 1", got)
	}
	h.m.ReleaseAll(owners[victim]) // the victim's rollback
	// Owner i waits for owner i+1's key, so the grants run backwards round the cycle.
	for k := 1; k < n; k++ {
		i := (victim - k + n) % n
		if err := <-results[i]; err != nil {
			t.Fatalf("owner %d (not the victim): %v", i, err)
		}
		h.m.ReleaseAll(owners[i]) // commit
	}
}

func TestDeadlockTwoTransactions(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(os []*Owner)
		victim int
	}{
		{"youngest is the victim", func([]*Owner) {}, 1},
		{"lower priority is the victim", func(os []*Owner) { os[0].SetDeadlockPriority(-5) }, 0},
		{"less log is the victim", func(os []*Owner) { os[1].AddLogUsed(4096) }, 0},
		{"priority beats log", func(os []*Owner) { os[1].AddLogUsed(4096); os[1].SetDeadlockPriority(-1) }, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { runCycle(t, 2, tc.setup, tc.victim) })
	}
}

func TestDeadlockThreeCycle(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(os []*Owner)
		victim int
	}{
		{"youngest closes the cycle", func([]*Owner) {}, 2},
		{"middle has least log", func(os []*Owner) { os[0].AddLogUsed(100); os[2].AddLogUsed(100) }, 1},
		{"oldest has low priority", func(os []*Owner) { os[0].SetDeadlockPriority(-10) }, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { runCycle(t, 3, tc.setup, tc.victim) })
	}
}

// TestConversionDeadlock: two readers holding S both ask for X on the same key —
// the deadlock that U locks exist to prevent.
func TestConversionDeadlock(t *testing.T) {
	h := newHarness(t)
	o1, o2 := h.m.NewOwner(51), h.m.NewOwner(52)
	h.mustLock(o1, resA, ModeS)
	h.mustLock(o2, resA, ModeS)
	c1 := h.lockAsync(t.Context(), o1, resA, ModeX, WaitForever)
	c2 := h.lockAsync(t.Context(), o2, resA, ModeX, WaitForever)
	checkDeadlock(t, <-c2, 52)
	h.m.ReleaseAll(o2)
	mustErr(t, <-c1, nil)
	h.m.ReleaseAll(o1)
	if got := h.m.Deadlocks(); got != 1 {
		t.Errorf("Deadlocks() = %d, want 1", got)
	}
}

func TestNoFalseDeadlock(t *testing.T) {
	// o1 waits for o2, o2 waits for o3: a chain, not a cycle.
	h := newHarness(t)
	o1, o2, o3 := h.m.NewOwner(1), h.m.NewOwner(2), h.m.NewOwner(3)
	h.mustLock(o2, resA, ModeX)
	h.mustLock(o3, resB, ModeX)
	c1 := h.lockAsync(t.Context(), o1, resA, ModeS, WaitForever)
	c2 := h.lockAsync(t.Context(), o2, resB, ModeS, WaitForever)
	h.m.ReleaseAll(o3)
	mustErr(t, <-c2, nil)
	h.m.ReleaseAll(o2)
	mustErr(t, <-c1, nil)
	h.m.ReleaseAll(o1)
	if got := h.m.Deadlocks(); got != 0 {
		t.Errorf("Deadlocks() = %d for a chain, want 0", got)
	}
}

func checkDeadlock(t *testing.T, err error, spid int32) {
	t.Helper()
	if !errors.Is(err, ErrDeadlockVictim) {
		t.Fatalf("err = %v, want deadlock victim", err)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err %T is not *Error", err)
	}
	if e.Number != 1205 || e.Severity != 13 || e.State != 51 {
		t.Errorf("identity = %d/%d/%d, want 1205/13/51", e.Number, e.Severity, e.State)
	}
	want := fmt.Sprintf("Transaction (Process ID %d) was deadlocked on lock resources with another process "+
		"and has been chosen as the deadlock victim. Rerun the transaction.", spid)
	if e.Message != want {
		t.Errorf("message = %q\nwant      %q", e.Message, want)
	}
}

// TestStress runs transactions that X-lock random keys in random order. Deadlock
// victims roll back and retry. Checks: mutual exclusion on every key, every
// transaction eventually commits, and no lock state is left behind.
func TestStress(t *testing.T) {
	const (
		workers = 8
		txns    = 200
		keys    = 6
	)
	m := NewManager()
	var xs, ss [keys]atomic.Int32 // owners currently inside holding X / S on each key
	var deadlocks atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			o := m.NewOwner(int32(50 + w))
			for range txns {
				for {
					n := 1 + rng.IntN(3)
					var got []int
					ok := true
					for range n {
						k := rng.IntN(keys)
						mode := ModeX
						if rng.IntN(3) == 0 {
							mode = ModeS
						}
						err := m.Lock(context.Background(), o, KeyResource(1, 1, []byte{byte(k)}), mode, ForTransaction, WaitForever)
						if errors.Is(err, ErrDeadlockVictim) {
							deadlocks.Add(1)
							ok = false
							break
						}
						if err != nil {
							t.Errorf("Lock: %v", err)
							return
						}
						if !slices.Contains(got, k) {
							got = append(got, k)
						}
					}
					if ok {
						// Enter the "critical section" of every key held, check, leave.
						modes := make([]Mode, len(got))
						for i, k := range got {
							modes[i] = m.Held(o, KeyResource(1, 1, []byte{byte(k)}))
							if modes[i] == ModeX {
								xs[k].Add(1)
							} else {
								ss[k].Add(1)
							}
						}
						for i, k := range got {
							x, s := xs[k].Load(), ss[k].Load()
							if modes[i] == ModeX && (x != 1 || s != 0) || modes[i] == ModeS && x != 0 {
								t.Errorf("key %d held %s with %d X and %d S holders", k, modes[i], x, s)
							}
						}
						for i, k := range got {
							if modes[i] == ModeX {
								xs[k].Add(-1)
							} else {
								ss[k].Add(-1)
							}
						}
					}
					m.ReleaseAll(o)
					if ok {
						break
					}
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d deadlocks resolved", deadlocks.Load())
	if n := len(m.heads); n != 0 {
		t.Errorf("%d lock heads left", n)
	}
}
