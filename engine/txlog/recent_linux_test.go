package txlog

import (
	"bytes"
	"os"
	"strconv"
	"testing"
)

// readCalls is this process's count of read system calls (/proc/self/io syscr).
func readCalls(t *testing.T) uint64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		t.Skipf("no /proc/self/io: %v", err)
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("syscr: ")); ok {
			n, err := strconv.ParseUint(string(v), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no syscr in /proc/self/io")
	return 0
}

// TestMirrorRedoScanReadsNoFile: a mirror's redo scans the log it has just
// hardened; AppendBlocks writes it with O_DIRECT, which leaves nothing in the
// page cache, so a scan that read the file made a device read each time
// (recent.go). The scan of the newest hardened log makes no read call.
func TestMirrorRedoScanReadsNoFile(t *testing.T) {
	p := mustOpen(t, t.TempDir(), testOptions())
	m := mustOpen(t, t.TempDir(), testOptions())
	for i := 1; i <= 20; i++ {
		mustCommit(t, p, txn(uint64(i), "row")...)
	}
	ship(t, p, m, 1)
	for i := 21; i <= 35; i++ {
		mustCommit(t, p, txn(uint64(i), "row")...)
	}
	ship(t, p, m, 3)
	// The redo window: what the last appends hardened.
	from := scanAll(t, m)[60].LSN
	base := readCalls(t)
	idle := readCalls(t) - base // reading /proc/self/io itself
	n := 0
	before := readCalls(t)
	if err := m.Scan(from, func(LSN, Record) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	reads := readCalls(t) - before - idle
	if n != 45 {
		t.Fatalf("scanned %d records, want 45", n)
	}
	if reads != 0 {
		t.Errorf("the scan of the newest hardened log made %d read calls, want 0 (served from memory)", reads)
	}
}
