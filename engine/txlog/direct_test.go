package txlog

import (
	"context"
	"errors"
	"os"
	"sync/atomic"
	"syscall"
	"testing"
)

// directUsed reports whether l wrote with direct writes; where the file system
// refuses them (the log fell back by itself) the caller's checks still apply
// to the buffered path.
func directUsed(t *testing.T, l *Log) bool {
	t.Helper()
	if l.segs.direct.writes.Load() == 0 {
		if !directSupported || l.segs.direct.off.Load() {
			t.Logf("direct writes not available here: checked the buffered path")
			return false
		}
		t.Fatal("no direct write, and direct writes were not refused")
	}
	return true
}

// TestDirectWritesReadBack: blocks written through the O_DIRECT|O_DSYNC
// descriptor — by committers, the flusher and a mirror's AppendBlocks, across
// segment roll-overs — are what every buffered reader sees, even with the
// written range cached (as zeros) in the page cache before the write: Scan,
// Reader, a reopened log's recovery, AppendBlocks' comparison of a re-sent
// block, and the file read by path (the same inode the direct descriptor
// names).
func TestDirectWritesReadBack(t *testing.T) {
	dir, mdir := t.TempDir(), t.TempDir()
	l := mustOpen(t, dir, testOptions())
	m := mustOpen(t, mdir, testOptions())
	// Cache the first segment's zeros through the buffered descriptors.
	zeros := make([]byte, testSegment)
	for _, lg := range []*Log{l, m} {
		if _, err := lg.segs.file(0, true); err != nil {
			t.Fatal(err)
		}
		if _, err := lg.segs.readAt(zeros, 0); err != nil {
			t.Fatal(err)
		}
	}
	var want []Record
	commits := map[uint64]LSN{}
	for i := uint64(1); l.DurableEnd() < 3*testSegment; i++ {
		recs := txn(i, string(make([]byte, 700+int(i%500))))
		commits[i] = mustCommit(t, l, recs...)
		want = append(want, recs...)
		if i%7 == 0 {
			ship(t, l, m, 3)
		}
	}
	ship(t, l, m, 3)
	if !directUsed(t, l) || !directUsed(t, m) {
		t.Log("(buffered)")
	}
	check := func(name string, lg *Log) {
		t.Helper()
		got := scanAll(t, lg)
		if len(got) != len(want) {
			t.Fatalf("%s: Scan returned %d records, want %d", name, len(got), len(want))
		}
		for i := range want {
			if string(AppendRecord(nil, got[i].Record)) != string(AppendRecord(nil, want[i])) {
				t.Fatalf("%s: record %d at %s is %v, want %v", name, i, got[i].LSN, got[i].Record, want[i])
			}
		}
		for id, lsn := range commitLSNs(got) {
			if commits[id] != lsn {
				t.Fatalf("%s: commit of %d at %s, Append said %s", name, id, lsn, commits[id])
			}
		}
	}
	check("principal", l)
	check("mirror", m)
	// A re-sent block is compared with the local log read back.
	r, err := l.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	b, ok, err := r.TryNext()
	if err != nil || !ok {
		t.Fatalf("TryNext: %v %v", ok, err)
	}
	if err := m.AppendBlocks(b.Raw); err != nil {
		t.Fatalf("re-sent block: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, dir, mdir)
	check("principal reopened", mustOpen(t, dir, testOptions()))
	check("mirror reopened", mustOpen(t, mdir, testOptions()))
}

// TestDirectWriteFallback: when direct writes are refused (EINVAL: a file
// system without O_DIRECT, a sector size the block alignment does not meet),
// the refused write is done with pwrite + fdatasync, and so is every later
// one; commits and a mirror's hardening go on, and the log reads back.
func TestDirectWriteFallback(t *testing.T) {
	refuse := func(lg *Log) *atomic.Int64 {
		var tries atomic.Int64
		lg.segs.direct.write = func(*os.File, []byte, int64) (int, error) {
			tries.Add(1)
			return 0, &os.PathError{Op: "write", Path: "segment", Err: syscall.EINVAL}
		}
		return &tries
	}
	syncs := func(lg *Log) *atomic.Int64 {
		var n atomic.Int64
		lg.syncFile = func(f *os.File) error { n.Add(1); return datasync(f) }
		return &n
	}
	l := mustOpen(t, t.TempDir(), testOptions())
	m := mustOpen(t, t.TempDir(), testOptions())
	lTries, mTries := refuse(l), refuse(m)
	lSyncs := syncs(l)
	var lsns []LSN
	for i := uint64(1); i <= 50; i++ {
		lsns = append(lsns, mustCommit(t, l, txn(i, "fallback")...))
	}
	ship(t, l, m, 4)
	if !directSupported {
		t.Skip("no direct writes on this system")
	}
	for name, lg := range map[string]*Log{"principal": l, "mirror": m} {
		if !lg.segs.direct.off.Load() || lg.segs.direct.writes.Load() != 0 {
			t.Errorf("%s: direct writes still on after a refusal", name)
		}
	}
	// Once, or never where the file system already refused the descriptor.
	if lTries.Load() > 1 || mTries.Load() > 1 {
		t.Errorf("direct write tried %d (principal) and %d (mirror) times, want at most once each", lTries.Load(), mTries.Load())
	}
	if got := lSyncs.Load(); got < 50 {
		t.Errorf("principal fdatasyncs = %d for 50 lone commits after the fallback, want ≥ 50", got)
	}
	if got := len(commitLSNs(scanAll(t, m))); got != 50 {
		t.Errorf("mirror holds %d commits, want 50", got)
	}
	if got := commitLSNs(scanAll(t, l)); got[50] != lsns[49] {
		t.Errorf("principal's last commit at %s, want %s", got[50], lsns[49])
	}
}

// TestDirectWriteFailureIsSticky: a direct write that fails for another reason
// than a refusal (an I/O error) fails the flush like a failed fdatasync: the
// commit gets ErrFailed, and so does all later work; nothing falls back.
func TestDirectWriteFailureIsSticky(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	mustCommit(t, l, txn(1, "direct")...)
	if !directUsed(t, l) {
		t.Skip("no direct writes here")
	}
	l.segs.direct.write = func(*os.File, []byte, int64) (int, error) {
		return 0, &os.PathError{Op: "write", Path: "segment", Err: syscall.EIO}
	}
	lsn, err := l.Append(txn(2, "v")...)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.WaitDurable(context.Background(), lsn); !errors.Is(err, ErrFailed) {
		t.Fatalf("WaitDurable after a failed direct write: %v, want ErrFailed", err)
	}
	if _, err := l.Append(txn(3, "v")...); !errors.Is(err, ErrFailed) {
		t.Fatalf("Append after a failed flush: %v, want ErrFailed", err)
	}
	if l.segs.direct.off.Load() {
		t.Error("an I/O error switched direct writes off (only a refusal should)")
	}
}

// TestDirectDescriptorLifetime: a segment's direct descriptor goes with its
// file: TruncateBefore and TruncateAfter close it when they remove the
// segment, and a segment created again after TruncateAfter gets a new one, so
// blocks written after the cut land in the new file (read back by path).
func TestDirectDescriptorLifetime(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	var cutAt LSN
	for i := uint64(1); l.DurableEnd() < 3*testSegment+testSegment/2; i++ {
		lsn := mustCommit(t, l, txn(i, string(make([]byte, 900)))...)
		if cutAt == 0 && lsn.BlockOffset() >= testSegment+testSegment/2 {
			cutAt = lsn
		}
	}
	if !directUsed(t, l) {
		return
	}
	hasDirect := func(idx uint64) bool {
		l.segs.mu.Lock()
		defer l.segs.mu.Unlock()
		_, ok := l.segs.directs[idx]
		return ok
	}
	for idx := uint64(0); idx <= 3; idx++ {
		if !hasDirect(idx) {
			t.Fatalf("segment %d written without a direct descriptor", idx)
		}
	}
	dir2 := t.TempDir()
	l2 := mustOpen(t, dir2, testOptions())
	ship(t, l, l2, 5)
	ck := mustCommit(t, l, Checkpoint{})
	if err := l.SetCheckpoint(ck); err != nil {
		t.Fatal(err)
	}
	if err := l.TruncateBefore(ck); err != nil {
		t.Fatal(err)
	}
	if hasDirect(0) || hasDirect(1) || hasDirect(2) {
		t.Errorf("TruncateBefore left direct descriptors of removed segments open")
	}
	// A copy cut back into segment 1, then written again past it.
	if !hasDirect(3) {
		t.Fatal("segment 3 lost its descriptor")
	}
	if err := l2.TruncateAfter(cutAt); err != nil {
		t.Fatal(err)
	}
	l2.segs.mu.Lock()
	for idx := range l2.segs.directs {
		if idx > 1 {
			t.Errorf("TruncateAfter left the direct descriptor of removed segment %d", idx)
		}
	}
	l2.segs.mu.Unlock()
	var last LSN
	for i := uint64(1 << 30); l2.DurableEnd() < 3*testSegment; i++ {
		last = mustCommit(t, l2, txn(i, string(make([]byte, 900)))...)
	}
	raw, err := os.ReadFile(segmentPath(dir2, last.BlockOffset()))
	if err != nil {
		t.Fatal(err)
	}
	b, err := DecodeBlock(raw[last.BlockOffset()%testSegment:])
	if err != nil || b.Offset != last.BlockOffset() {
		t.Fatalf("the block written after the cut is not in the new segment file: %v", err)
	}
}
