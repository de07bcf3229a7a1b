package txlog

import (
	"context"
	"errors"
	"testing"
)

func TestTruncateAfter(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	var commits []LSN
	for i := 1; i <= 30; i++ {
		size := 10
		if i%5 == 0 {
			size = 60000
		}
		commits = append(commits, mustCommit(t, l, txn(uint64(i), string(make([]byte, size)))...))
	}
	cp := mustCommit(t, l, Checkpoint{RedoStart: commits[len(commits)-1]})
	if err := l.SetCheckpoint(cp); err != nil {
		t.Fatal(err)
	}
	keep := commits[11]
	behind, err := l.NewReader(commits[3])
	if err != nil {
		t.Fatal(err)
	}
	ahead, err := l.NewReader(commits[20])
	if err != nil {
		t.Fatal(err)
	}

	if err := l.TruncateAfter(keep); err != nil {
		t.Fatal(err)
	}
	if l.FlushedLSN() != keep || l.CheckpointLSN() != 0 {
		t.Fatalf("after TruncateAfter: flushed %s checkpoint %s; want %s, 0", l.FlushedLSN(), l.CheckpointLSN(), keep)
	}
	// Idempotent; no-op at or past the end.
	if err := l.TruncateAfter(keep); err != nil {
		t.Fatal(err)
	}
	next := mustCommit(t, l, txn(500, "new fork")...)
	if next <= keep {
		t.Fatalf("LSN after truncation %s not above %s", next, keep)
	}
	// A reader past the cut stays diverged even once new log has grown past its
	// position again; one before the cut reads on.
	grown := 0
	for ; l.DurableEnd() <= ahead.Position(); grown++ {
		mustCommit(t, l, txn(uint64(1000+grown), string(make([]byte, 20000)))...)
	}
	if _, err := ahead.Next(context.Background()); !errors.Is(err, ErrDiverged) {
		t.Fatalf("reader past the cut: %v, want ErrDiverged", err)
	}
	if _, err := behind.Next(context.Background()); err != nil {
		t.Fatalf("reader before the cut: %v", err)
	}
	l.Close()
	l2 := mustOpen(t, dir, testOptions())
	got := commitLSNs(scanAll(t, l2))
	if len(got) != 13+grown || got[12] != keep || got[500] != next || got[13] != 0 {
		t.Fatalf("commits after truncation and reopen: %v", got)
	}
}

func TestTruncateAfterErrors(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	first := mustCommit(t, l, txn(1, "a")...)
	mustCommit(t, l, txn(2, "b")...)
	tests := []struct {
		name    string
		lsn     LSN
		pending bool
		want    error
	}{
		{"pending appends", first, true, ErrPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.pending {
				if _, err := l.Append(Begin{Txn: 9}); err != nil {
					t.Fatal(err)
				}
			}
			if err := l.TruncateAfter(tt.lsn); !errors.Is(err, tt.want) {
				t.Fatalf("TruncateAfter = %v, want %v", err, tt.want)
			}
		})
	}
	if err := l.TruncateAfter(MakeLSN(first.BlockOffset(), 60)); err == nil {
		t.Fatal("TruncateAfter of a slot past the block's records succeeded")
	}
}

// TestTruncateAfterInterrupted: a cut recorded in the control file but not carried
// out (crash) is completed by Open.
func TestTruncateAfterInterrupted(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	var commits []LSN
	for i := 1; i <= 10; i++ {
		commits = append(commits, mustCommit(t, l, txn(uint64(i), string(make([]byte, 40000)))...))
	}
	blocks := durableBlocks(t, l)
	l.Close()
	var cut uint64
	for _, b := range blocks {
		if b.Offset == commits[4].BlockOffset() {
			cut = b.End()
		}
	}
	if err := writeControl(dir, control{cut: cut, segSize: testSegment}); err != nil {
		t.Fatal(err)
	}
	l2 := mustOpen(t, dir, testOptions())
	if l2.FlushedLSN() != commits[4] || l2.DurableEnd() != cut {
		t.Fatalf("after interrupted cut: flushed %s end %d, want %s %d", l2.FlushedLSN(), l2.DurableEnd(), commits[4], cut)
	}
}

func TestTruncateBefore(t *testing.T) {
	dir := t.TempDir()
	l := mustOpen(t, dir, testOptions())
	var commits []LSN
	for i := 1; i <= 40; i++ {
		commits = append(commits, mustCommit(t, l, txn(uint64(i), string(make([]byte, 30000)))...))
		if i == 6 {
			early := mustCommit(t, l, Checkpoint{RedoStart: commits[5]})
			if err := l.SetCheckpoint(early); err != nil {
				t.Fatal(err)
			}
		}
	}
	old, err := l.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	target := commits[30]
	if err := l.TruncateBefore(target); err == nil {
		t.Fatal("TruncateBefore past the last checkpoint succeeded")
	}
	cp := mustCommit(t, l, Checkpoint{RedoStart: target})
	if err := l.SetCheckpoint(cp); err != nil {
		t.Fatal(err)
	}
	if err := l.TruncateBefore(MakeLSN(l.DurableEnd()+testSegment, 1)); err == nil {
		t.Fatal("TruncateBefore beyond the durable log succeeded")
	}
	before := len(segmentFiles(t, dir))
	if err := l.TruncateBefore(target); err != nil {
		t.Fatal(err)
	}
	want := target.BlockOffset() / testSegment * testSegment
	if l.RetainedFrom() != want {
		t.Fatalf("RetainedFrom = %d, want %d", l.RetainedFrom(), want)
	}
	if after := len(segmentFiles(t, dir)); after != before-int(want/testSegment) {
		t.Fatalf("%d segment files after truncation, want %d", after, before-int(want/testSegment))
	}
	if _, err := l.NewReader(commits[0]); !errors.Is(err, ErrTruncated) {
		t.Fatalf("NewReader before RetainedFrom = %v, want ErrTruncated", err)
	}
	if err := l.Scan(commits[0], func(LSN, Record) error { return nil }); !errors.Is(err, ErrTruncated) {
		t.Fatalf("Scan before RetainedFrom = %v, want ErrTruncated", err)
	}
	if _, err := old.Next(context.Background()); !errors.Is(err, ErrTruncated) {
		t.Fatalf("reader left behind = %v, want ErrTruncated", err)
	}
	// A no-op when nothing more can go.
	if err := l.TruncateBefore(target); err != nil {
		t.Fatal(err)
	}
	first := scanAll(t, l)[0].LSN
	l.Close()
	l2 := mustOpen(t, dir, testOptions())
	if l2.RetainedFrom() != want || scanAll(t, l2)[0].LSN != first {
		t.Fatalf("after reopen RetainedFrom %d", l2.RetainedFrom())
	}
}
