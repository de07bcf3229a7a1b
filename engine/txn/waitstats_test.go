package txn

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestLockWaits: only requests that queue are counted, per requested mode,
// whether they end granted, timed out or cancelled.
func TestLockWaits(t *testing.T) {
	res := ObjectResource(5, 7)
	cases := []struct {
		name    string
		held    Mode // held by another owner first (ModeNone: nothing)
		want    Mode
		timeout time.Duration
		cancel  bool
		waited  bool
		err     error
	}{
		{name: "granted at once", held: ModeNone, want: ModeX, timeout: WaitForever},
		{name: "compatible", held: ModeIS, want: ModeIX, timeout: WaitForever},
		{name: "no wait requested", held: ModeX, want: ModeS, timeout: 0, err: ErrLockTimeout},
		{name: "timed out", held: ModeX, want: ModeS, timeout: time.Millisecond, waited: true, err: ErrLockTimeout},
		{name: "cancelled", held: ModeS, want: ModeX, timeout: WaitForever, cancel: true, waited: true, err: context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := NewManager()
			holder, asker := m.NewOwner(1), m.NewOwner(2)
			if c.held != ModeNone {
				if err := m.Lock(context.Background(), holder, res, c.held, ForTransaction, WaitForever); err != nil {
					t.Fatal(err)
				}
			}
			ctx := context.Background()
			if c.cancel {
				var cancel context.CancelFunc
				ctx, cancel = context.WithCancel(ctx)
				m.testHookBlocked = func(*Owner, Resource) { cancel() }
			}
			err := m.Lock(ctx, asker, res, c.want, ForTransaction, c.timeout)
			if !errors.Is(err, c.err) && err != c.err {
				t.Fatalf("Lock = %v, want %v", err, c.err)
			}
			for _, w := range m.LockWaits() {
				want := uint64(0)
				if c.waited && w.Mode == c.want {
					want = 1
				}
				if w.Count != want || w.Max > w.Total || (w.Count == 0 && w.Total != 0) {
					t.Errorf("%s: count %d total %v max %v, want count %d", w.Mode, w.Count, w.Total, w.Max, want)
				}
			}
		})
	}
}
