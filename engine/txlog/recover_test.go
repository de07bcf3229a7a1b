package txlog

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// durableBlocks returns every durable block of l.
// closedLogOfCommits writes n one-row commits (row text rowText) to a new
// log in dir, closes it and returns its durable blocks: the log the damage
// and version tests start from.
func closedLogOfCommits(t testing.TB, dir string, n int, rowText string) []Block {
	t.Helper()
	l := mustOpen(t, dir, testOptions())
	for i := 1; i <= n; i++ {
		mustCommit(t, l, txn(uint64(i), rowText)...)
	}
	blocks := durableBlocks(t, l)
	l.Close()
	return blocks
}

func durableBlocks(t testing.TB, l *Log) []Block {
	t.Helper()
	r, err := l.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	var out []Block
	for {
		b, ok, err := r.TryNext()
		if err != nil {
			t.Fatalf("TryNext: %v", err)
		}
		if !ok {
			return out
		}
		out = append(out, b)
	}
}

// damage modifies the stored log at stream offset off.
type damage func(t *testing.T, dir string, off uint64)

func flipByte(delta uint64) damage {
	return func(t *testing.T, dir string, off uint64) {
		t.Helper()
		f, err := os.OpenFile(segmentPath(dir, off), os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		b := make([]byte, 1)
		pos := int64((off + delta) % testSegment)
		if _, err := f.ReadAt(b, pos); err != nil {
			t.Fatal(err)
		}
		b[0] ^= 0x5A
		if _, err := f.WriteAt(b, pos); err != nil {
			t.Fatal(err)
		}
	}
}

func truncateAt(delta uint64) damage {
	return func(t *testing.T, dir string, off uint64) {
		t.Helper()
		if err := os.Truncate(segmentPath(dir, off), int64((off+delta)%testSegment)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTornTail: damage confined to the last flush is cut off; the log reopens at
// the end of the last intact block and appending continues.
func TestTornTail(t *testing.T) {
	tests := []struct {
		name   string
		damage damage
	}{
		{"truncated mid block", truncateAt(40)},
		{"truncated in header", truncateAt(10)},
		{"flipped record byte", flipByte(40)},
		{"flipped magic", flipByte(0)},
		{"flipped offset", flipByte(9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			blocks := closedLogOfCommits(t, dir, 20, "some row")
			victim := blocks[len(blocks)-1]
			tt.damage(t, dir, victim.Offset)

			l2 := mustOpen(t, dir, testOptions())
			prev := blocks[len(blocks)-2]
			if got, want := l2.FlushedLSN(), prev.Records[len(prev.Records)-1].LSN; got != want {
				t.Fatalf("FlushedLSN after repair = %s, want %s", got, want)
			}
			if l2.DurableEnd() != victim.Offset {
				t.Fatalf("DurableEnd = %d, want %d", l2.DurableEnd(), victim.Offset)
			}
			lsn := mustCommit(t, l2, txn(100, "after repair")...)
			if lsn.BlockOffset() != victim.Offset {
				t.Fatalf("new block at %d, want %d (the cut point)", lsn.BlockOffset(), victim.Offset)
			}
			l2.Close()
			l3 := mustOpen(t, dir, testOptions())
			commits := commitLSNs(scanAll(t, l3))
			if len(commits) != 20 || commits[100] != lsn || commits[20] != 0 {
				t.Fatalf("after repair and append: commits %v", commits)
			}
		})
	}
}

// TestTornMultiBlockWrite: one flush wrote several blocks and its first block was
// torn; the later blocks of the same write (synced ≤ the torn offset) are part of
// the torn tail, not proof of mid-log corruption.
func TestTornMultiBlockWrite(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	mustCommit(t, l, txn(1, "first")...)
	var last LSN
	// Hold the write path so that every block sealed meanwhile carries the same
	// synced field (the end of txn 1), as the blocks of one write do.
	l.ioMu.Lock()
	for i := 2; i <= 40; i++ { // ~4 KiB each: several 60 KiB blocks
		var err error
		if last, err = l.Append(txn(uint64(i), string(make([]byte, 4000)))...); err != nil {
			l.ioMu.Unlock()
			t.Fatal(err)
		}
	}
	l.mu.Lock()
	l.sealLocked()
	l.mu.Unlock()
	l.ioMu.Unlock()
	if err := l.WaitDurable(context.Background(), last); err != nil {
		t.Fatal(err)
	}
	blocks := durableBlocks(t, l)
	if len(blocks) < 3 {
		t.Fatalf("only %d blocks", len(blocks))
	}
	l.Close()
	flipByte(100)(t, dir, blocks[1].Offset)
	l2 := mustOpen(t, dir, testOptions())
	if l2.DurableEnd() != blocks[1].Offset {
		t.Fatalf("DurableEnd = %d, want %d", l2.DurableEnd(), blocks[1].Offset)
	}
	// The stale later blocks were zeroed: a short new block followed by them must
	// not resurrect them.
	lsn := mustCommit(t, l2, Begin{Txn: 1000})
	l2.Close()
	l3 := mustOpen(t, dir, testOptions())
	if l3.FlushedLSN() != lsn {
		t.Fatalf("FlushedLSN = %s, want %s (stale blocks resurrected?)", l3.FlushedLSN(), lsn)
	}
}

// TestMidLogCorruption: damage to a block that later flushes show was durable is
// reported as ErrCorrupt, never cut off.
func TestMidLogCorruption(t *testing.T) {
	tests := []struct {
		name   string
		victim func(n int) int // index of the damaged block among n
		damage damage
	}{
		{"first block flipped", func(int) int { return 0 }, flipByte(40)},
		{"middle block flipped", func(n int) int { return n / 2 }, flipByte(40)},
		{"second to last block header", func(n int) int { return n - 2 }, flipByte(20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			blocks := closedLogOfCommits(t, dir, 20, "row")
			tt.damage(t, dir, blocks[tt.victim(len(blocks))].Offset)
			if l2, err := Open(dir, testOptions()); !errors.Is(err, ErrCorrupt) {
				if l2 != nil {
					l2.Close()
				}
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
		})
	}
}

// TestCorruptionBeforeCheckpoint: Open scans from the checkpoint, so damage before
// it is found by Scan, which reports ErrCorrupt.
func TestCorruptionBeforeCheckpoint(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	for i := 1; i <= 5; i++ {
		mustCommit(t, l, txn(uint64(i), "row")...)
	}
	cp := mustCommit(t, l, Checkpoint{RedoStart: l.FlushedLSN()})
	if err := l.SetCheckpoint(cp); err != nil {
		t.Fatal(err)
	}
	blocks := durableBlocks(t, l)
	l.Close()
	flipByte(50)(t, dir, blocks[1].Offset)
	l2 := mustOpen(t, dir, testOptions())
	if err := l2.Scan(0, func(LSN, Record) error { return nil }); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Scan over damaged block = %v, want ErrCorrupt", err)
	}
	if err := l2.Scan(cp, func(LSN, Record) error { return nil }); err != nil {
		t.Fatalf("Scan from the checkpoint: %v", err)
	}
	l2.Close()
	// Damage to the checkpoint's own block is corruption, not a torn tail.
	flipByte(38)(t, dir, cp.BlockOffset())
	if _, err := Open(dir, testOptions()); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open with damaged checkpoint block = %v, want ErrCorrupt", err)
	}
}

func TestControlFileDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"missing", func(t *testing.T, p string) {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}},
		{"flipped", func(t *testing.T, p string) {
			b, _ := os.ReadFile(p)
			b[10] ^= 1
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"short", func(t *testing.T, p string) {
			if err := os.Truncate(p, 5); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			l := mustOpen(t, dir, testOptions())
			mustCommit(t, l, txn(1, "x")...)
			l.Close()
			tt.damage(t, filepath.Join(dir, controlName))
			if _, err := Open(dir, testOptions()); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestOpenOptionErrors(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"unaligned start", Options{Start: 100, SegmentSize: testSegment}},
		{"bad segment size", Options{SegmentSize: 1000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if l, err := Open(t.TempDir(), tt.opts); err == nil {
				l.Close()
				t.Fatal("Open succeeded")
			}
		})
	}
}

// TestSegmentSizeIsFixed: a log keeps the segment size it was created with.
func TestSegmentSizeIsFixed(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	lsn := mustCommit(t, l, txn(1, "x")...)
	l.Close()
	if _, err := Open(dir, Options{SegmentSize: 2 * testSegment}); err == nil {
		t.Fatal("Open with another segment size succeeded")
	}
	l2 := mustOpen(t, dir, Options{}) // 0: the recorded size
	if l2.segSize != testSegment || l2.FlushedLSN() != lsn {
		t.Fatalf("reopened with segment size %d, flushed %s", l2.segSize, l2.FlushedLSN())
	}
}

// TestMissingOrLeftoverFiles: a segment missing inside the log is corruption; a
// leftover temporary file from an interrupted segment creation is removed.
func TestMissingOrLeftoverFiles(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	for i := 1; i <= 30; i++ {
		mustCommit(t, l, txn(uint64(i), string(make([]byte, 30000)))...)
	}
	l.Close()
	tmp := filepath.Join(dir, segmentName(99)+".tmp")
	if err := os.WriteFile(tmp, []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	l2 := mustOpen(t, dir, testOptions())
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Fatalf("temporary file survived Open: %v", err)
	}
	l2.Close()
	if err := os.Remove(filepath.Join(dir, segmentName(1))); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, testOptions()); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open with a segment missing = %v, want ErrCorrupt", err)
	}
}
