package txlog

import (
	"context"
	"os"
	"testing"
)

// TestRecoverySyncsUnsyncedTail: a process crash between the flusher's write
// and its fdatasync leaves the last blocks in the page cache only. Recovery
// finds them intact and makes them the durable log, so it must fdatasync them
// first: redo applies their commits to the store and the mirror is told they
// are the log (and they are not necessarily in the segment the next flush
// syncs). Whether the crash's blocks are fully synced is checked by watching
// which segments recovery syncs.
func TestRecoverySyncsUnsyncedTail(t *testing.T) {
	tests := []struct {
		name  string
		fill  int // records appended and made durable before the held flush
		value string
	}{
		{name: "first block", fill: 0, value: "v"},
		{name: "after durable blocks", fill: 20, value: "w"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			l := mustOpen(t, dir, testOptions())
			for i := 0; i < tc.fill; i++ {
				lsn, err := l.Append(txn(uint64(100+i), "fill")...)
				if err != nil {
					t.Fatal(err)
				}
				if err := l.WaitDurable(context.Background(), lsn); err != nil {
					t.Fatal(err)
				}
			}
			entered, release := holdSync(l)
			t.Cleanup(release) // before l's Close (cleanups run last-in first-out)
			lsn, err := l.Append(txn(1, tc.value)...)
			if err != nil {
				t.Fatal(err)
			}
			go func() { _ = l.WaitDurable(context.Background(), lsn) }()
			<-entered // written to the OS, its fdatasync held: the moment of the crash

			var synced []string
			prev := recoverSync
			recoverSync = func(f *os.File) error {
				synced = append(synced, f.Name())
				return prev(f)
			}
			t.Cleanup(func() { recoverSync = prev })
			l2 := mustOpen(t, dir, testOptions()) // the restarted process
			if got := l2.FlushedLSN(); got != lsn {
				t.Fatalf("recovered log ends at %s, want %s (the written block)", got, lsn)
			}
			seg, err := l2.segs.file(l2.segs.index(lsn.BlockOffset()), false)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, name := range synced {
				found = found || name == seg.Name()
			}
			if !found {
				t.Errorf("recovery made %s durable without syncing its segment %s (synced %v)", lsn, seg.Name(), synced)
			}
		})
	}
}
