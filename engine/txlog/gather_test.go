package txlog

import (
	"context"
	"testing"
	"time"
)

// TestGatherWaitsForLastCycle: a flush whose last cycle had three
// committers, with two of them registered, waits before it seals until the
// third has registered too, and writes all three in one flush. With the
// scheduler yields of session 29 (at most 30 µs) the flush sealed with the
// two, and the third went into a flush of its own.
func TestGatherWaitsForLastCycle(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	l.gatherFor = time.Minute // only the third committer can end the wait
	l.mu.Lock()
	l.active = 3
	l.mu.Unlock()
	// Hold the flush lock while the first two register: they cannot lead a
	// flush, so they park on the next one, which the flusher then runs.
	l.flushMu.Lock()
	errs := make(chan error, 3)
	commit := func(id uint64) {
		lsn, err := l.Append(txn(id, "v")...)
		if err != nil {
			t.Fatal(err)
		}
		go func() { errs <- l.WaitDurable(context.Background(), lsn) }()
	}
	flushes := l.Stats().Flushes
	commit(1)
	commit(2)
	waitParks(t, l, 2)
	l.flushMu.Unlock()
	waitFor(t, "the flush to wait for the third committer", func() bool { return l.gathers.Load() == 1 })
	select {
	case err := <-errs:
		t.Fatalf("a commit returned (%v) before the third committer registered", err)
	default:
	}
	commit(3)
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	st := l.Stats()
	if n := st.Flushes - flushes; n != 1 {
		t.Errorf("three commits took %d flushes, want 1", n)
	}
	if st.GatherWaits != 1 || st.GatherMisses != 0 {
		t.Errorf("gather waits %d, misses %d; want 1, 0", st.GatherWaits, st.GatherMisses)
	}
}

// TestGatherLoneCommitter: a committer alone never waits for company — not
// in a steady run, and after a busier cycle only once, for the bound, after
// which the population is counted again; a wait that gathered nobody turns
// gathering off for the next flushes.
func TestGatherLoneCommitter(t *testing.T) {
	t.Run("steady", func(t *testing.T) {
		l := mustOpen(t, t.TempDir(), testOptions())
		l.gatherFor = time.Minute // a wait would stall the test
		for i := range 200 {
			mustCommit(t, l, txn(uint64(i+1), "v")...)
		}
		if st := l.Stats(); st.GatherWaits != 0 {
			t.Errorf("a lone committer waited for company %d times", st.GatherWaits)
		}
	})
	t.Run("after a busier cycle", func(t *testing.T) {
		l := mustOpen(t, t.TempDir(), testOptions())
		const bound = 20 * time.Millisecond
		l.gatherFor = bound
		mustCommit(t, l, txn(1, "v")...)
		l.mu.Lock()
		l.active = 16 // the last cycle had 16 committers; 15 of them left
		l.mu.Unlock()
		start := time.Now()
		mustCommit(t, l, txn(2, "v")...)
		if d := time.Since(start); d < bound {
			t.Errorf("the first commit after the cycle of 16 returned after %v, before the bound %v", d, bound)
		}
		for i := range 50 {
			mustCommit(t, l, txn(uint64(i+3), "v")...)
		}
		st := l.Stats()
		if st.GatherWaits != 1 || st.GatherMisses != 1 {
			t.Errorf("gather waits %d, misses %d; want 1, 1", st.GatherWaits, st.GatherMisses)
		}
		l.mu.Lock()
		active := l.active
		l.mu.Unlock()
		if active != 1 {
			t.Errorf("population after the lone commits %d, want 1", active)
		}
	})
}

// TestGatherBound: gatherBound is gatherSpan times the last flush's write
// time, within [gatherMin, gatherMax].
func TestGatherBound(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	for _, tc := range []struct{ write, want time.Duration }{
		{0, gatherMin},
		{gatherMin / (2 * gatherSpan), gatherMin},
		{100 * time.Microsecond, 100 * time.Microsecond * gatherSpan},
		{time.Second, gatherMax},
	} {
		l.lastWrite = tc.write
		if got := l.gatherBound(); got != tc.want {
			t.Errorf("last write %v: bound %v, want %v", tc.write, got, tc.want)
		}
	}
}
