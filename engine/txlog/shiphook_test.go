package txlog

import (
	"bytes"
	"context"
	"testing"
)

// TestShipHook: a ship hook sees each flush's blocks before they are written
// (the written log has not moved, the bytes are not readable yet), exactly as
// they then land on disk, contiguous from batch to batch. When it takes the
// batch the flush writes it directly (where direct writes are available);
// when it declines, the flush runs as without it: pwrite, the written hook
// between write and sync, fdatasync. The written hook runs in both cases.
func TestShipHook(t *testing.T) {
	tests := []struct {
		name string
		take bool
	}{
		{"taken: direct write", true},
		{"declined: pwrite, written hook, fdatasync", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustOpen(t, t.TempDir(), testOptions())
			var shipped []byte    // every block the hook saw, in order
			var nextOff uint64    // where the next batch must start
			var writtenCalls int  // written hook calls
			var problems []string // checked inside the hook, reported after
			l.SetShipHook(func(blocks []BatchBlock) bool {
				if len(blocks) == 0 {
					problems = append(problems, "empty batch")
					return false
				}
				if blocks[0].Offset != nextOff {
					problems = append(problems, "batch does not continue the previous one")
				}
				if l.WrittenEnd() > blocks[0].Offset {
					problems = append(problems, "written end moved before the batch was written")
				}
				for _, b := range blocks {
					if b.Offset != nextOff {
						problems = append(problems, "blocks not contiguous")
					}
					nextOff = b.Offset + b.Size
					shipped = append(shipped, b.Raw...)
				}
				return tt.take
			})
			l.SetWrittenHook(func() { writtenCalls++ })
			ctx := context.Background()
			var last LSN
			for i := uint64(1); i <= 20; i++ {
				lsn, err := l.Append(txn(i, "value")...)
				if err != nil {
					t.Fatal(err)
				}
				if err := l.WaitDurable(ctx, lsn); err != nil {
					t.Fatal(err)
				}
				last = lsn
			}
			if len(problems) > 0 {
				t.Fatalf("in the hook: %v", problems)
			}
			if got := l.WrittenLSN(); got != last {
				t.Fatalf("WrittenLSN = %s, want %s", got, last)
			}
			if writtenCalls == 0 {
				t.Fatal("written hook never called")
			}
			r, err := l.NewReader(0)
			if err != nil {
				t.Fatal(err)
			}
			var onDisk []byte
			for {
				var ok bool
				onDisk, _, ok, err = r.TryNextRaw(onDisk)
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					break
				}
			}
			if !bytes.Equal(shipped, onDisk) {
				t.Fatalf("the hook saw %d bytes, the log holds %d different ones", len(shipped), len(onDisk))
			}
			direct := l.segs.direct.writes.Load() > 0
			if !tt.take && direct {
				t.Fatal("a declined batch was written directly: the written hook would run after the sync")
			}
			if tt.take && !directUsed(t, l) {
				t.Log("(buffered)")
			}
		})
	}
}

// TestReaderSkipTo: SkipTo moves a reader forward past blocks its owner has
// already (never back), and the reader continues with the block there.
func TestReaderSkipTo(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	var ends []uint64 // block ends, one commit per flush
	for i := uint64(1); i <= 3; i++ {
		mustCommit(t, l, txn(i, "v")...)
		ends = append(ends, l.DurableEnd())
	}
	r, err := l.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	r.SkipTo(ends[1])
	if r.Position() != ends[1] {
		t.Fatalf("Position = %d after SkipTo(%d)", r.Position(), ends[1])
	}
	r.SkipTo(ends[0]) // backwards: ignored
	if r.Position() != ends[1] {
		t.Fatalf("SkipTo moved the reader back to %d", r.Position())
	}
	b, err := r.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if b.Offset != ends[1] || len(b.Records) != 3 || b.Records[0].Record.(Begin).Txn != 3 {
		t.Fatalf("after SkipTo got the block at %d with %v, want txn 3's at %d", b.Offset, b.Records, ends[1])
	}
}
