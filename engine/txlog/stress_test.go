package txlog

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestStressGroupCommit runs committers against checkpoints that truncate the
// log (TruncateBefore wakes every waiter while flushes run) and segment
// roll-overs (the smallest segment size), with the recheck disabled, so that a
// lost wake-up shows as a committer that waits until its deadline. It runs for
// TXLOG_STRESS_SECONDS (default 2; skipped with -short).
func TestStressGroupCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("stress")
	}
	secs := 2
	if v, err := strconv.Atoi(os.Getenv("TXLOG_STRESS_SECONDS")); err == nil && v > 0 {
		secs = v
	}
	l := mustOpen(t, t.TempDir(), Options{SegmentSize: MinSegmentSize})
	l.recheck = 0
	var id atomic.Uint64
	var hung atomic.Bool
	var n, truncs atomic.Int64
	stop := time.Now().Add(time.Duration(secs) * time.Second)
	var wg sync.WaitGroup
	// commitMu is the engine's: commits hold it shared from Append to
	// WaitDurable, a checkpoint exclusively, and the truncation runs after it
	// (engine.Database.Checkpoint), so only committers can serve committers.
	var commitMu sync.RWMutex
	report := func(who string, err error) {
		if !hung.CompareAndSwap(false, true) {
			return
		}
		l.mu.Lock()
		t.Errorf("%s: %v; durable %d cur %d want %d inflight %v sealed %d nextWaiters %d kick %d",
			who, err, l.durable, l.cur.offset, l.want, l.inflight != nil, len(l.sealed), l.nextWaiters, len(l.kick))
		l.mu.Unlock()
		buf := make([]byte, 1<<20)
		t.Logf("%s", buf[:runtime.Stack(buf, true)])
	}
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for time.Now().Before(stop) && !hung.Load() {
				commitMu.RLock()
				lsn, err := l.Append(txn(id.Add(1), "v")...)
				if err != nil {
					commitMu.RUnlock()
					t.Error(err)
					return
				}
				if g%3 == 0 {
					runtime.Gosched()
				}
				// Generous: a lost wake-up waits forever, a slow disk does not.
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				err = l.WaitDurable(ctx, lsn)
				cancel()
				commitMu.RUnlock()
				if err != nil {
					report("committer "+strconv.Itoa(g), err)
					return
				}
				n.Add(1)
			}
		}(g)
	}
	wg.Add(1)
	go func() {
		// A checkpoint loop: each truncation that drops a segment wakes every
		// waiter (signalLocked) whatever flush is running.
		defer wg.Done()
		for time.Now().Before(stop) && !hung.Load() {
			commitMu.Lock()
			lsn, err := l.Append(Checkpoint{RedoStart: l.EndOfLog()})
			if err != nil {
				commitMu.Unlock()
				t.Error(err)
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			err = l.WaitDurable(ctx, lsn)
			cancel()
			if err == nil {
				err = l.SetCheckpoint(lsn)
			}
			commitMu.Unlock()
			if err != nil {
				report("checkpoint", err)
				return
			}
			// Truncate while commits run again (the engine truncates after
			// the quiesced part, so a truncation can meet any flush).
			time.Sleep(time.Duration(truncs.Load()%4) * 100 * time.Microsecond)
			if err := l.TruncateBefore(lsn); err != nil {
				t.Error(err)
				return
			}
			truncs.Add(1)
		}
	}()
	wg.Wait()
	t.Logf("%d commits, %d truncations, %d flushes, retained from %d", n.Load(), truncs.Load(), l.Stats().Flushes, l.RetainedFrom())
}
