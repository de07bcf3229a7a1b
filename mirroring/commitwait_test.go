package mirroring

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestCommitWaitsWakeCovered: commits block in any LSN order; each release
// returns exactly the commits it covers (and leaves the others on the list,
// which blocked counts), a canceled commit leaves the list, fail ends the rest.
func TestCommitWaitsWakeCovered(t *testing.T) {
	tests := []struct {
		name     string
		lsns     []txlog.LSN // blocked in this order
		cancel   txlog.LSN   // this one's context is canceled first (0: none)
		releases []txlog.LSN
		want     [][]txlog.LSN // returned after each release, sorted
	}{
		{"in order", []txlog.LSN{10, 20, 30}, 0, []txlog.LSN{20, 30}, [][]txlog.LSN{{10, 20}, {30}}},
		{"out of order", []txlog.LSN{30, 10, 20}, 0, []txlog.LSN{15, 25, 35}, [][]txlog.LSN{{10}, {20}, {30}}},
		{"duplicates", []txlog.LSN{20, 20, 10}, 0, []txlog.LSN{19, 20}, [][]txlog.LSN{{10}, {20, 20}}},
		{"canceled in the middle", []txlog.LSN{10, 20, 30}, 20, []txlog.LSN{25, 30}, [][]txlog.LSN{{10}, {30}}},
		{"release below all", []txlog.LSN{10, 20}, 0, []txlog.LSN{5, 20}, [][]txlog.LSN{nil, {10, 20}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newCommitWaits(1)
			type result struct {
				lsn txlog.LSN
				err error
			}
			done := make(chan result, len(tt.lsns))
			var cancelIt context.CancelFunc
			for i, lsn := range tt.lsns {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				if lsn == tt.cancel && cancelIt == nil {
					cancelIt = cancel
				}
				go func() { done <- result{lsn, w.wait(ctx, lsn)} }()
				for w.blocked() < i+1 {
					runtime.Gosched()
				}
			}
			if cancelIt != nil {
				cancelIt()
				if r := <-done; r.lsn != tt.cancel || !errors.Is(r.err, context.Canceled) {
					t.Fatalf("canceled wait returned %s: %v", r.lsn, r.err)
				}
			}
			left := len(tt.lsns)
			if cancelIt != nil {
				left--
			}
			for i, rel := range tt.releases {
				w.release(rel)
				left -= len(tt.want[i])
				// The covered commits come off the list at once; the others stay.
				if got := w.blocked(); got != left {
					t.Fatalf("after release(%s): %d blocked, want %d", rel, got, left)
				}
				var got []txlog.LSN
				for range tt.want[i] {
					select {
					case r := <-done:
						if r.err != nil {
							t.Fatalf("wait(%s): %v", r.lsn, r.err)
						}
						got = append(got, r.lsn)
					case <-time.After(10 * time.Second):
						t.Fatalf("after release(%s): got %v, still waiting for %v", rel, got, tt.want[i])
					}
				}
				slices.Sort(got)
				if !slices.Equal(got, tt.want[i]) {
					t.Fatalf("after release(%s): returned %v, want %v", rel, got, tt.want[i])
				}
			}
			if w.blocked() != 0 {
				t.Fatalf("%d still blocked after the last release", w.blocked())
			}
		})
	}
}

// TestCommitWaitsFailWakesAll: fail and reset wake every blocked commit, whatever
// its LSN; after reset below a waiter, it blocks again.
func TestCommitWaitsFailWakesAll(t *testing.T) {
	w := newCommitWaits(1)
	done := make(chan error, 3)
	for _, lsn := range []txlog.LSN{5, 50, 500} {
		go func() { done <- w.wait(context.Background(), lsn) }()
	}
	for w.blocked() < 3 {
		runtime.Gosched()
	}
	w.reset(50) // 5 and 50 return, 500 blocks again
	for i := 0; i < 2; i++ {
		if err := <-done; err != nil {
			t.Fatalf("after reset: %v", err)
		}
	}
	for w.blocked() < 1 {
		runtime.Gosched()
	}
	failure := errors.New("no quorum")
	w.fail(failure)
	if err := <-done; !errors.Is(err, failure) {
		t.Fatalf("after fail: %v", err)
	}
	if n := w.blocked(); n != 0 {
		t.Fatalf("%d blocked after fail", n)
	}
}
