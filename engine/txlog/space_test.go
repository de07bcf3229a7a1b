package txlog

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// TestLogFull: when a segment cannot be preallocated (ENOSPC), Append fails
// with ErrLogFull before logging anything, the log stays usable, and once space
// is back appends succeed; after a reopen exactly the acknowledged transactions
// are in the log.
func TestLogFull(t *testing.T) {
	for _, tc := range []struct {
		name      string
		failFrom  uint64 // first segment index whose creation fails
		valueSize int
	}{
		{name: "first segment", failFrom: 0, valueSize: 100},
		{name: "third segment small records", failFrom: 2, valueSize: 100},
		{name: "third segment large records", failFrom: 2, valueSize: 40 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			l := mustOpen(t, dir, testOptions())
			var full atomic.Bool
			full.Store(true)
			l.segs.mu.Lock()
			l.segs.failCreate = func(idx uint64) error {
				if full.Load() && idx >= tc.failFrom {
					return syscall.ENOSPC
				}
				return nil
			}
			l.segs.mu.Unlock()

			value := strings.Repeat("v", tc.valueSize)
			var acked []uint64
			id := uint64(0)
			var failures int
			for failures < 3 && id < 100000 {
				id++
				lsn, err := l.Append(txn(id, value)...)
				if err != nil {
					if !errors.Is(err, ErrLogFull) || !errors.Is(err, syscall.ENOSPC) {
						t.Fatalf("Append %d: %v, want ErrLogFull wrapping ENOSPC", id, err)
					}
					failures++
					continue
				}
				if err := l.WaitDurable(t.Context(), lsn); err != nil {
					t.Fatalf("WaitDurable %d: %v (a full disk must not fail the flusher)", id, err)
				}
				acked = append(acked, id)
			}
			if failures == 0 {
				t.Fatalf("no Append failed")
			}
			full.Store(false)
			for range 50 {
				id++
				mustCommit(t, l, txn(id, value)...)
				acked = append(acked, id)
			}
			if err := l.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			l2 := mustOpen(t, dir, testOptions())
			got := commitLSNs(scanAll(t, l2))
			if len(got) != len(acked) {
				t.Fatalf("reopened log has %d commits, acknowledged %d", len(got), len(acked))
			}
			for _, a := range acked {
				if _, ok := got[a]; !ok {
					t.Fatalf("acknowledged txn %d missing after reopen", a)
				}
			}
		})
	}
}

// TestFlushFailureSticky: after a failed write or fdatasync (simulated with
// fail, which the flusher's error path shares) every later Append fails with
// ErrFailed: the log never retries into an acknowledgement (fsyncgate).
func TestFlushFailureSticky(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	mustCommit(t, l, txn(1, "a")...)
	l.fail(fmt.Errorf("fdatasync log: %w", syscall.EIO))
	lsn, err := l.Append(txn(2, "b")...)
	if !errors.Is(err, ErrFailed) {
		t.Fatalf("Append after failure: lsn %s err %v, want ErrFailed", lsn, err)
	}
	if err := l.Flush(t.Context()); !errors.Is(err, ErrFailed) && err != nil {
		t.Fatalf("Flush after failure: %v", err)
	}
}
