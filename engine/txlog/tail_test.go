package txlog

import (
	"testing"
)

// TestTailBlocks checks that TailBlocks lists the last blocks in order, across a
// segment boundary, and that BlockSumAt agrees with it at every listed offset and
// finds nothing between block starts or past the end.
func TestTailBlocks(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	var last LSN
	for i := 1; i <= 40; i++ {
		size := 10
		if i%4 == 0 {
			size = 50000 // crosses testSegment after a few
		}
		last = mustCommit(t, l, txn(uint64(i), string(make([]byte, size)))...)
	}
	all, err := l.walk(0, l.DurableEnd())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 10 {
		t.Fatalf("only %d blocks written", len(all))
	}
	tests := []struct {
		name string
		n    int
		want int
	}{
		{"none", 0, 0},
		{"one", 1, 1},
		{"several", 5, 5},
		{"all", len(all), len(all)},
		{"more than exist", len(all) + 10, len(all)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := l.TailBlocks(tc.n)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == len(all) && len(got) < len(all) {
				// Reading at most two segments is the contract; accept fewer only
				// when the log spans more than two.
				if all[len(all)-len(got)].Offset/testSegment+1 < l.DurableEnd()/testSegment {
					return
				}
			}
			if len(got) != tc.want {
				t.Fatalf("TailBlocks(%d) = %d blocks, want %d", tc.n, len(got), tc.want)
			}
			wantSums := all[len(all)-len(got):]
			for i := range got {
				if got[i] != wantSums[i] {
					t.Fatalf("block %d: %+v, want %+v", i, got[i], wantSums[i])
				}
				s, ok, err := l.BlockSumAt(got[i].Offset)
				if err != nil || !ok || s != got[i] {
					t.Fatalf("BlockSumAt(%d) = %+v, %v, %v; want %+v", got[i].Offset, s, ok, err, got[i])
				}
			}
			if tc.want > 0 && got[len(got)-1].LastLSN() != last {
				t.Fatalf("last block's LSN %s, want %s", got[len(got)-1].LastLSN(), last)
			}
		})
	}
	inside := uint64(0)
	for _, b := range all {
		if b.Size > BlockAlign {
			inside = b.Offset + BlockAlign
			break
		}
	}
	if inside == 0 {
		t.Fatal("no block larger than BlockAlign")
	}
	for _, off := range []uint64{inside, l.DurableEnd(), l.DurableEnd() + 1<<20, 3} {
		if s, ok, err := l.BlockSumAt(off); ok || err != nil {
			t.Errorf("BlockSumAt(%d) = %+v, %v, %v; want no block", off, s, ok, err)
		}
	}
}

// TestTailBlocksThrough checks that the listing stops at the block holding an
// LSN (or, for a slot-0 LSN, before the block at its offset), including across
// a segment boundary, and is TailBlocks for an LSN at or past the durable end.
func TestTailBlocksThrough(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	for i := 1; i <= 40; i++ {
		size := 10
		if i%4 == 0 {
			size = 50000
		}
		mustCommit(t, l, txn(uint64(i), string(make([]byte, size)))...)
	}
	all, err := l.walk(0, l.DurableEnd())
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	last := func(k int) []BlockSum { return all[max(0, k-n):k] } // the n blocks before index k
	tests := []struct {
		name string
		lsn  LSN
		want []BlockSum
	}{
		{"in the middle", MakeLSN(all[len(all)/2].Offset, 1), last(len(all)/2 + 1)},
		{"slot 0 excludes the block", MakeLSN(all[len(all)/2].Offset, 0), last(len(all) / 2)},
		{"first block", MakeLSN(all[0].Offset, 1), last(1)},
		{"before the log", MakeLSN(all[0].Offset, 0), nil},
		{"last block", all[len(all)-1].LastLSN(), last(len(all))},
		{"past the end", MakeLSN(l.DurableEnd()+1<<20, 1), last(len(all))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := l.TailBlocksThrough(n, tc.lsn)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("TailBlocksThrough(%d, %s) = %d blocks %+v, want %+v", n, tc.lsn, len(got), got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("block %d: %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}
