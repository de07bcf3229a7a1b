package txlog

import (
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// TestStatsWriteNanos: Stats.WriteNanos (io_stall_write_ms of the log file)
// covers the flushes' syncs — each sync made to sleep 1 ms adds at least
// that — and grows with every flush, direct writes included.
func TestStatsWriteNanos(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	var syncs atomic.Int64
	setSyncFile(l, func(f *os.File) error {
		syncs.Add(1)
		time.Sleep(time.Millisecond)
		return datasync(f)
	})
	if st := l.Stats(); st.WriteNanos != 0 || st.Flushes != 0 {
		t.Fatalf("fresh log: Stats = %+v, want no flush and no write time", st)
	}
	var last uint64
	for i := range 3 {
		mustCommit(t, l, txn(uint64(i+1), "v")...)
		st := l.Stats()
		if st.WriteNanos <= last {
			t.Errorf("commit %d: WriteNanos %d did not grow from %d", i, st.WriteNanos, last)
		}
		last = st.WriteNanos
	}
	if min := uint64(syncs.Load()) * uint64(time.Millisecond); last < min {
		t.Errorf("WriteNanos = %d after %d syncs of at least 1 ms each, want >= %d", last, syncs.Load(), min)
	}
}
