package txlog

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

func TestAppendScanReopen(t *testing.T) {
	tests := []struct {
		name  string
		start uint64
		txns  int
		value int // bytes per row image
		segs  int // segment files expected
	}{
		{"empty", 0, 0, 0, 0},
		{"one txn", 0, 1, 10, 2},
		{"many small", 0, 500, 20, 2},
		{"crosses segments", 0, 60, 9000, 4},
		{"mirror start mid segment", 3 * testSegment / 2, 40, 3000, 2},
		{"record near max", 0, 3, testSegment - 1024, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			opts := testOptions()
			opts.Start = tt.start
			l := mustOpen(t, dir, opts)
			var want []Record
			var last LSN
			for i := 1; i <= tt.txns; i++ {
				recs := txn(uint64(i), string(make([]byte, tt.value)))
				last = mustCommit(t, l, recs...)
				want = append(want, recs...)
			}
			check := func(l *Log) {
				t.Helper()
				got := scanAll(t, l)
				if len(got) != len(want) {
					t.Fatalf("scanned %d records, want %d", len(got), len(want))
				}
				for i, e := range got {
					if !reflect.DeepEqual(e.Record, cloneRecord(want[i])) {
						t.Fatalf("record %d = %#v, want %#v", i, e.Record, want[i])
					}
					if i > 0 && e.LSN <= got[i-1].LSN {
						t.Fatalf("LSNs not increasing: %s after %s", e.LSN, got[i-1].LSN)
					}
				}
				if l.FlushedLSN() != last {
					t.Fatalf("FlushedLSN = %s, want %s", l.FlushedLSN(), last)
				}
				if l.RetainedFrom() != tt.start {
					t.Fatalf("RetainedFrom = %d, want %d", l.RetainedFrom(), tt.start)
				}
			}
			check(l)
			end := l.EndOfLog()
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			// The segments written plus the one prepared ahead.
			if n := len(segmentFiles(t, dir)); n != tt.segs {
				t.Fatalf("%d segment files, want %d", n, tt.segs)
			}
			l2 := mustOpen(t, dir, testOptions())
			check(l2)
			if l2.EndOfLog() != end {
				t.Fatalf("EndOfLog after reopen = %s, want %s", l2.EndOfLog(), end)
			}
			// Appending continues after the recovered end.
			lsn := mustCommit(t, l2, Begin{Txn: 99999})
			if lsn <= last {
				t.Fatalf("LSN after reopen %s not above %s", lsn, last)
			}
		})
	}
}

func TestAppendErrors(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	tests := []struct {
		name string
		recs []Record
		want error
	}{
		{"too large", []Record{DDL{Payload: make([]byte, testSegment)}}, ErrRecordTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := l.Append(tt.recs...); !errors.Is(err, tt.want) {
				t.Fatalf("Append error %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := l.Append(); err == nil {
		t.Fatal("Append() with no records succeeded")
	}
	if err := l.WaitDurable(context.Background(), MakeLSN(1<<20, 1)); !errors.Is(err, ErrNotDurable) {
		t.Fatalf("WaitDurable beyond the end: %v, want ErrNotDurable", err)
	}
	l.Close()
	if _, err := l.Append(Begin{Txn: 1}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Append after Close: %v, want ErrClosed", err)
	}
}

func TestWaitDurableContext(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	lsn, err := l.Append(Begin{Txn: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// Either outcome is allowed for a cancelled context; it must not hang and the
	// record must become durable anyway.
	_ = l.WaitDurable(ctx, lsn)
	if err := l.WaitDurable(context.Background(), lsn); err != nil {
		t.Fatal(err)
	}
}

// TestCloseFlushes: records appended but never waited for are durable after Close.
func TestCloseFlushes(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	lsn, err := l.Append(txn(1, "x")...)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.WaitDurable(context.Background(), lsn); err != nil {
		t.Fatalf("WaitDurable after Close: %v", err)
	}
	l2 := mustOpen(t, dir, testOptions())
	if l2.FlushedLSN() != lsn {
		t.Fatalf("FlushedLSN after reopen = %s, want %s", l2.FlushedLSN(), lsn)
	}
}

// TestGroupCommit: 64 committers; every acknowledged commit is recovered after
// reopen with the LSN it was acknowledged at, exactly once.
func TestGroupCommit(t *testing.T) {
	const committers, perCommitter = 64, 40
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	var mu sync.Mutex
	acked := map[uint64]LSN{}
	var wg sync.WaitGroup
	errs := make(chan error, committers)
	for c := 0; c < committers; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; i < perCommitter; i++ {
				id := uint64(c*perCommitter + i + 1)
				lsn, err := l.Append(txn(id, fmt.Sprintf("value %d", id))...)
				if err == nil {
					err = l.WaitDurable(context.Background(), lsn)
				}
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				acked[id] = lsn
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l2 := mustOpen(t, dir, testOptions())
	entries := scanAll(t, l2)
	if len(entries) != 3*committers*perCommitter {
		t.Fatalf("recovered %d records, want %d", len(entries), 3*committers*perCommitter)
	}
	got := commitLSNs(entries)
	if !reflect.DeepEqual(got, acked) {
		t.Fatalf("recovered commits differ from acknowledged ones (%d vs %d)", len(got), len(acked))
	}
	// Each transaction's records are consecutive (one Append call).
	for i := 0; i < len(entries); i += 3 {
		b, ok := entries[i].Record.(Begin)
		if !ok || entries[i+2].Record.(Commit).Txn != b.Txn {
			t.Fatalf("records %d..%d are not one transaction", i, i+2)
		}
	}
}

func TestSetCheckpoint(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	for i := 1; i <= 50; i++ {
		mustCommit(t, l, txn(uint64(i), "before checkpoint")...)
	}
	cp := mustCommit(t, l, Checkpoint{RedoStart: l.FlushedLSN(), Active: []ActiveTxn{{Txn: 77, First: l.FlushedLSN()}}})
	if err := l.SetCheckpoint(cp + 1000); !errors.Is(err, ErrNotDurable) {
		t.Fatalf("SetCheckpoint beyond the durable log: %v", err)
	}
	if err := l.SetCheckpoint(cp); err != nil {
		t.Fatal(err)
	}
	last := mustCommit(t, l, txn(51, "after")...)
	l.Close()
	l2 := mustOpen(t, dir, testOptions())
	if l2.CheckpointLSN() != cp || l2.FlushedLSN() != last {
		t.Fatalf("after reopen checkpoint %s flushed %s, want %s %s", l2.CheckpointLSN(), l2.FlushedLSN(), cp, last)
	}
	var kinds []Kind
	if err := l2.Scan(cp, func(_ LSN, r Record) error { kinds = append(kinds, r.Kind()); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []Kind{KindCheckpoint, KindBegin, KindInsert, KindCommit}
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("scan from checkpoint: %v, want %v", kinds, want)
	}
}

func TestScanStopsOnError(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	mustCommit(t, l, txn(1, "a")...)
	stop := errors.New("stop")
	n := 0
	err := l.Scan(0, func(LSN, Record) error { n++; return stop })
	if err != stop || n != 1 {
		t.Fatalf("Scan = %v after %d calls, want stop after 1", err, n)
	}
}

// TestBackpressure: while the disk is stalled (the write path held), appenders are
// held back once maxPendingBytes of sealed log waits, and all proceed afterwards.
func TestBackpressure(t *testing.T) {
	l := mustOpen(t, t.TempDir(), Options{SegmentSize: 4 << 20})
	row := make([]byte, 50000)
	const n = 2 * maxPendingBytes / 50000
	l.ioMu.Lock()
	appended := make(chan int, n)
	done := make(chan LSN)
	go func() {
		var last LSN
		for i := 0; i < n; i++ {
			var err error
			if last, err = l.Append(Insert{Txn: uint64(i), Key: []byte("k"), After: row}); err != nil {
				t.Error(err)
				break
			}
			appended <- i
		}
		done <- last
	}()
	// Wait until the appender stops making progress: the flusher may already
	// have taken the first batch (and be stuck on the stalled write path), so
	// the sealed bytes it observes can be below the limit at any given moment.
	for stalled := false; !stalled; {
		select {
		case <-appended:
		case <-time.After(200 * time.Millisecond):
			stalled = true
		}
	}
	select {
	case <-done:
		t.Fatal("all appends completed while the write path was stalled")
	default:
	}
	l.ioMu.Unlock()
	last := <-done
	if err := l.WaitDurable(context.Background(), last); err != nil {
		t.Fatal(err)
	}
}
