package txlog

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// TestReaderLive: a reader started on an empty log streams every block as it
// becomes durable, waking on Notify instead of polling, in LSN order.
func TestReaderLive(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	r, err := l.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	got := make(chan []uint64, 1)
	errc := make(chan error, 1)
	go func() {
		var commits []uint64
		var last LSN
		for len(commits) < n {
			b, err := r.Next(context.Background())
			if err != nil {
				errc <- err
				return
			}
			for _, e := range b.Records {
				if e.LSN <= last {
					errc <- fmt.Errorf("LSN %s after %s", e.LSN, last)
					return
				}
				last = e.LSN
				if c, ok := e.Record.(Commit); ok {
					commits = append(commits, c.Txn)
				}
			}
		}
		got <- commits
	}()
	for i := 1; i <= n; i++ {
		size := 10
		if i%50 == 0 {
			size = 100000 // forces filler blocks at segment ends
		}
		mustCommit(t, l, txn(uint64(i), string(make([]byte, size)))...)
	}
	select {
	case err := <-errc:
		t.Fatal(err)
	case commits := <-got:
		for i, id := range commits {
			if id != uint64(i+1) {
				t.Fatalf("commit %d is txn %d", i, id)
			}
		}
	}
}

// TestReaderSeesOnlyDurable: appended records are invisible until durable.
func TestReaderSeesOnlyDurable(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	r, err := l.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	ch := l.Notify()
	lsn, err := l.Append(txn(1, "not yet durable")...)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := r.TryNext(); ok || err != nil {
		t.Fatalf("TryNext before durability = %v, %v; want nothing", ok, err)
	}
	if l.FlushedLSN() != 0 {
		t.Fatalf("FlushedLSN = %s before any flush", l.FlushedLSN())
	}
	if err := l.WaitDurable(context.Background(), lsn); err != nil {
		t.Fatal(err)
	}
	<-ch // closed by the flush; a missing signal hangs the test
	b, ok, err := r.TryNext()
	if err != nil || !ok || len(b.Records) != 3 || b.Records[2].LSN != lsn {
		t.Fatalf("TryNext after durability = %+v, %v, %v", b, ok, err)
	}
}

func TestReaderFromLSN(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	var lsns []LSN
	for i := 1; i <= 10; i++ {
		lsns = append(lsns, mustCommit(t, l, txn(uint64(i), "v")...))
	}
	tests := []struct {
		name      string
		from      LSN
		wantFirst uint64 // offset of the first block returned
		wantErr   error
	}{
		{"zero is the start", 0, 0, nil},
		{"commit LSN", lsns[4], lsns[4].BlockOffset(), nil},
		{"end of log", l.EndOfLog(), 0, nil},
		{"beyond end", MakeLSN(l.DurableEnd()+BlockAlign, 1), 0, ErrNotDurable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := l.NewReader(tt.from)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("NewReader = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			b, ok, err := r.TryNext()
			if err != nil {
				t.Fatal(err)
			}
			if tt.from == l.EndOfLog() {
				if ok {
					t.Fatalf("reader at the end returned block %d", b.Offset)
				}
				return
			}
			if !ok || b.Offset != tt.wantFirst {
				t.Fatalf("first block %d (ok %v), want %d", b.Offset, ok, tt.wantFirst)
			}
		})
	}
}

func TestReaderClosed(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	mustCommit(t, l, txn(1, "v")...)
	r, err := l.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Next with cancelled context = %v", err)
	}
	l.Close()
	if _, err := r.Next(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Next after Close = %v, want ErrClosed", err)
	}
}
