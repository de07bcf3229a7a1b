package txlog

import (
	"errors"
	"testing"
)

// TestAppendBlocksLazy: a lazy append writes a batch of principal flushes
// with one fdatasync (plus its marker's) where AppendBlocks syncs before
// every block that claims the one before it durable; after a crash that
// damaged a block inside the lazy batch, recovery cuts the log there (a torn
// tail: nothing in the batch was acknowledged) instead of failing with
// ErrCorrupt, which AppendBlocks' copy of the same damage still gets, as does
// damage before the lazy range.
func TestAppendBlocksLazy(t *testing.T) {
	p := mustOpen(t, t.TempDir(), testOptions())
	for i := 1; i <= 8; i++ {
		mustCommit(t, p, txn(uint64(i), "one flush each")...) // a block each
	}
	blocks := durableBlocks(t, p)
	if len(blocks) != 8 {
		t.Fatalf("%d blocks, want 8", len(blocks))
	}
	concat := func(bs []Block) []byte {
		var raw []byte
		for _, b := range bs {
			raw = append(raw, b.Raw...)
		}
		return raw
	}
	tests := []struct {
		name        string
		strict      int  // blocks appended with AppendBlocks first
		lazy        bool // the rest with AppendBlocksLazy (else AppendBlocks)
		wantSyncs   uint64
		victim      int // block damaged after the append
		wantCorrupt bool
	}{
		{name: "AppendBlocks, a block damaged", wantSyncs: 8, victim: 4, wantCorrupt: true},
		{name: "lazy, a block inside the batch damaged", lazy: true, wantSyncs: 2, victim: 4},
		{name: "lazy, its first block damaged", lazy: true, wantSyncs: 2, victim: 0},
		{name: "lazy after strict, damage before the lazy range", strict: 3, lazy: true, wantSyncs: 3 + 2, victim: 1, wantCorrupt: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			m := mustOpen(t, dir, testOptions())
			before := m.Stats().Flushes
			if tt.strict > 0 {
				if err := m.AppendBlocks(concat(blocks[:tt.strict])); err != nil {
					t.Fatal(err)
				}
			}
			rest := concat(blocks[tt.strict:])
			var err error
			if tt.lazy {
				err = m.AppendBlocksLazy(rest)
			} else {
				err = m.AppendBlocks(rest)
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Stats().Flushes - before; got != tt.wantSyncs {
				t.Errorf("%d fdatasyncs, want %d", got, tt.wantSyncs)
			}
			if m.HardenedLSN() != p.FlushedLSN() {
				t.Fatalf("hardened %s, principal flushed %s", m.HardenedLSN(), p.FlushedLSN())
			}
			m.Close()
			// What a crash during the batch's write can leave: one block
			// damaged, later ones of the same write intact.
			flipByte(40)(t, dir, blocks[tt.victim].Offset)
			m2, err := Open(dir, testOptions())
			if tt.wantCorrupt {
				if !errors.Is(err, ErrCorrupt) {
					if m2 != nil {
						m2.Close()
					}
					t.Fatalf("Open = %v, want ErrCorrupt", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open = %v, want the damaged block cut as a torn tail", err)
			}
			defer m2.Close()
			if m2.DurableEnd() != blocks[tt.victim].Offset {
				t.Fatalf("DurableEnd = %d, want %d (the damaged block's offset)", m2.DurableEnd(), blocks[tt.victim].Offset)
			}
			// The mirror continues from there: the principal ships the rest again.
			if err := m2.AppendBlocks(concat(blocks[tt.victim:])); err != nil {
				t.Fatalf("append the cut blocks again: %v", err)
			}
			if m2.HardenedLSN() != p.FlushedLSN() {
				t.Fatalf("hardened %s after the reshipment, principal flushed %s", m2.HardenedLSN(), p.FlushedLSN())
			}
		})
	}
}

func TestDecodeLazy(t *testing.T) {
	good := lazyRange{from: 4096, to: 8192}.encode()
	torn := append([]byte(nil), good...)
	torn[20] ^= 1
	for _, tc := range []struct {
		name string
		b    []byte
		want lazyRange
	}{
		{"whole", good, lazyRange{4096, 8192}},
		{"torn", torn, lazyRange{}},
		{"short", good[:20], lazyRange{}},
		{"empty", nil, lazyRange{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := decodeLazy(tc.b); got != tc.want {
				t.Fatalf("decodeLazy = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestLazyMarkerAfterCut: the lazy marker covers only log written lazily.
// Once the log is cut below its end — TruncateAfter (failover, a fork) or
// recovery cutting a torn batch — later log at those offsets is written
// with AppendBlocks (SAFETY FULL) or by the principal's own flushes, each
// block durable before the next claims it; damage there is corruption
// (ErrCorrupt), not a torn tail whose valid, acknowledged blocks recovery
// would zero. On the old code the stale marker still covered them: Open
// cut the log at the damage and succeeded.
func TestLazyMarkerAfterCut(t *testing.T) {
	p := mustOpen(t, t.TempDir(), testOptions())
	for i := 1; i <= 8; i++ {
		mustCommit(t, p, txn(uint64(i), "one flush each")...)
	}
	blocks := durableBlocks(t, p)
	concat := func(bs []Block) []byte {
		var raw []byte
		for _, b := range bs {
			raw = append(raw, b.Raw...)
		}
		return raw
	}
	tests := []struct {
		name string
		cut  func(t *testing.T, dir string, m *Log) *Log // returns the log to continue with
	}{
		{"TruncateAfter", func(t *testing.T, dir string, m *Log) *Log {
			if err := m.TruncateAfter(MakeLSN(blocks[2].Offset, uint16(len(blocks[2].Records)))); err != nil {
				t.Fatal(err)
			}
			return m
		}},
		{"recovery cut a torn batch", func(t *testing.T, dir string, m *Log) *Log {
			m.Close()
			flipByte(40)(t, dir, blocks[3].Offset)
			m2, err := Open(dir, testOptions())
			if err != nil {
				t.Fatalf("Open = %v, want the torn batch cut", err)
			}
			return m2
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			m := mustOpen(t, dir, testOptions())
			if err := m.AppendBlocksLazy(concat(blocks)); err != nil {
				t.Fatal(err)
			}
			m = tt.cut(t, dir, m)
			if m.DurableEnd() != blocks[3].Offset {
				t.Fatalf("DurableEnd = %d after the cut, want %d", m.DurableEnd(), blocks[3].Offset)
			}
			if err := m.AppendBlocks(concat(blocks[3:])); err != nil {
				t.Fatal(err)
			}
			m.Close()
			flipByte(40)(t, dir, blocks[5].Offset)
			m2, err := Open(dir, testOptions())
			if !errors.Is(err, ErrCorrupt) {
				if m2 != nil {
					m2.Close()
				}
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
		})
	}
}
