package txlog

import (
	"context"
	"os"
	"sync"
	"testing"
)

// TestWrittenHook: the hook runs once per flush, on the flushing goroutine,
// after the batch is written and published (WrittenLSN covers it, a written
// reader returns it) and before its fdatasync; removing it stops the calls.
func TestWrittenHook(t *testing.T) {
	tests := []struct {
		name    string
		commits int
		remove  bool // SetWrittenHook(nil) before the commits
	}{
		{"one flush", 1, false},
		{"three flushes", 3, false},
		{"removed", 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustOpen(t, t.TempDir(), testOptions())
			var mu sync.Mutex
			var events []string
			setSyncFile(l, func(f *os.File) error {
				mu.Lock()
				events = append(events, "sync")
				mu.Unlock()
				return datasync(f)
			})
			wr, err := l.NewWrittenReader(0)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			var lsn LSN
			l.SetWrittenHook(func() {
				// Published before the hook: the sender reads the batch here.
				b, ok, err := wr.TryNext()
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err != nil || !ok:
					events = append(events, "hook: nothing to read")
				case b.Records[len(b.Records)-1].LSN != l.WrittenLSN() || l.WrittenLSN() != lsn:
					events = append(events, "hook: written LSN does not cover the batch")
				case l.FlushedLSN() >= lsn:
					events = append(events, "hook: after the sync")
				default:
					events = append(events, "hook")
				}
			})
			if tt.remove {
				l.SetWrittenHook(nil)
			}
			for i := 0; i < tt.commits; i++ {
				lsn, err = l.Append(txn(uint64(i+1), "v")...)
				if err != nil {
					t.Fatal(err)
				}
				if err := l.WaitDurable(context.Background(), lsn); err != nil {
					t.Fatal(err)
				}
				if !tt.remove {
					want = append(want, "hook")
				}
				want = append(want, "sync")
			}
			mu.Lock()
			defer mu.Unlock()
			if len(events) != len(want) {
				t.Fatalf("events %q, want %q", events, want)
			}
			for i := range want {
				if events[i] != want[i] {
					t.Fatalf("events %q, want %q", events, want)
				}
			}
		})
	}
}
