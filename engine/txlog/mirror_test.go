package txlog

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// ship copies every durable block of from that to does not have yet, chunk blocks
// per AppendBlocks call.
func ship(t testing.TB, from, to *Log, chunk int) {
	t.Helper()
	r, err := from.NewReader(MakeLSN(to.DurableEnd(), 0))
	if err != nil {
		t.Fatal(err)
	}
	var buf []byte
	n := 0
	for {
		b, ok, err := r.TryNext()
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			buf = append(buf, b.Raw...)
			n++
		}
		if (!ok || n == chunk) && len(buf) > 0 {
			if err := to.AppendBlocks(buf); err != nil {
				t.Fatalf("AppendBlocks: %v", err)
			}
			buf, n = nil, 0
		}
		if !ok {
			return
		}
	}
}

// sameFiles fails unless dirs a and b hold byte-identical segment files.
func sameFiles(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := segmentFiles(t, a), segmentFiles(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("segment files differ: %v vs %v", fa, fb)
	}
	for i := range fa {
		if fa[i] != fb[i] {
			t.Fatalf("segment files differ: %v vs %v", fa, fb)
		}
		x, _ := os.ReadFile(filepath.Join(a, fa[i]))
		y, _ := os.ReadFile(filepath.Join(b, fb[i]))
		if !bytes.Equal(x, y) {
			t.Fatalf("segment %s differs", fa[i])
		}
	}
}

// principalWorkload commits a mix of small and segment-crossing transactions.
func principalWorkload(t testing.TB, l *Log, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		size := 30
		if i%7 == 0 {
			size = 50000
		}
		mustCommit(t, l, txn(uint64(i), string(bytes.Repeat([]byte{byte(i)}, size)))...)
	}
}

func TestMirrorByteIdentical(t *testing.T) {
	for _, chunk := range []int{1, 3, 1000} {
		t.Run("chunk", func(t *testing.T) {
			pdir, mdir := t.TempDir(), t.TempDir()
			p := mustOpen(t, pdir, testOptions())
			m := mustOpen(t, mdir, testOptions())
			principalWorkload(t, p, 1, 30)
			ship(t, p, m, chunk)
			principalWorkload(t, p, 30, 60)
			ship(t, p, m, chunk)
			if m.HardenedLSN() != p.FlushedLSN() || m.DurableEnd() != p.DurableEnd() {
				t.Fatalf("mirror hardened %s end %d, principal %s end %d",
					m.HardenedLSN(), m.DurableEnd(), p.FlushedLSN(), p.DurableEnd())
			}
			// Re-sending what the mirror has is harmless.
			ship(t, p, m, chunk)
			p.Close()
			m.Close()
			sameFiles(t, pdir, mdir)
			m2 := mustOpen(t, mdir, testOptions())
			if got := len(commitLSNs(scanAll(t, m2))); got != 59 {
				t.Fatalf("mirror recovered %d commits, want 59", got)
			}
		})
	}
}

func TestAppendBlocksRejects(t *testing.T) {
	pdir := t.TempDir()
	p := mustOpen(t, pdir, testOptions())
	principalWorkload(t, p, 1, 10)
	blocks := durableBlocks(t, p)
	other := mustOpen(t, t.TempDir(), testOptions())
	principalWorkload(t, other, 100, 110)
	otherBlocks := durableBlocks(t, other)

	flipped := bytes.Clone(blocks[1].Raw)
	flipped[40] ^= 1
	tests := []struct {
		name    string
		have    int // blocks the mirror already holds
		send    []byte
		want    error
		pending bool
	}{
		{"gap", 1, blocks[2].Raw, ErrGap, false},
		{"checksum", 1, flipped, ErrBadBlock, false},
		{"truncated block", 1, blocks[1].Raw[:100], ErrBadBlock, false},
		{"not a block", 0, make([]byte, 512), ErrBadBlock, false},
		{"overlap mismatch", 3, otherBlocks[1].Raw, ErrDiverged, false},
		{"bad block after good ones", 1, append(bytes.Clone(blocks[1].Raw), flipped...), ErrBadBlock, false},
		{"pending appends", 1, blocks[1].Raw, ErrPending, true},
		{"repeat mismatch", 1, append(append(bytes.Clone(blocks[1].Raw), blocks[2].Raw...), otherBlocks[2].Raw...), ErrDiverged, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustOpen(t, t.TempDir(), testOptions())
			for i := 0; i < tt.have; i++ {
				if err := m.AppendBlocks(blocks[i].Raw); err != nil {
					t.Fatal(err)
				}
			}
			if tt.pending {
				if _, err := m.Append(Begin{Txn: 1}); err != nil {
					t.Fatal(err)
				}
			}
			end := m.DurableEnd()
			if err := m.AppendBlocks(tt.send); !errors.Is(err, tt.want) {
				t.Fatalf("AppendBlocks = %v, want %v", err, tt.want)
			}
			if m.DurableEnd() != end {
				t.Fatalf("rejected AppendBlocks moved the end from %d to %d", end, m.DurableEnd())
			}
		})
	}
}

// TestAppendBlocksRepeatInBatch: a principal that ships again after a replaced
// connection sends blocks the mirror has received but not yet hardened, so the
// hardener's batch holds them twice; the second copy is skipped.
func TestAppendBlocksRepeatInBatch(t *testing.T) {
	p := mustOpen(t, t.TempDir(), testOptions())
	principalWorkload(t, p, 1, 10)
	blocks := durableBlocks(t, p)
	m := mustOpen(t, t.TempDir(), testOptions())
	var raw []byte
	for _, b := range blocks[:3] {
		raw = append(raw, b.Raw...)
	}
	for _, b := range blocks[1:] {
		raw = append(raw, b.Raw...)
	}
	if err := m.AppendBlocks(raw); err != nil {
		t.Fatalf("AppendBlocks with blocks 1-2 twice: %v", err)
	}
	if m.HardenedLSN() != p.FlushedLSN() || m.DurableEnd() != p.DurableEnd() {
		t.Fatalf("mirror hardened %s end %d, principal %s end %d", m.HardenedLSN(), m.DurableEnd(), p.FlushedLSN(), p.DurableEnd())
	}
}

// TestForkReconcile: two logs share a prefix, both go on; the one that must follow
// the other drops its divergent tail with TruncateAfter and then receives the new
// principal's blocks, ending byte-identical.
func TestForkReconcile(t *testing.T) {
	adir, bdir := t.TempDir(), t.TempDir()
	a := mustOpen(t, adir, testOptions())
	b := mustOpen(t, bdir, testOptions())
	principalWorkload(t, a, 1, 12)
	ship(t, a, b, 4)
	failover, sharedEnd := b.HardenedLSN(), b.DurableEnd()
	principalWorkload(t, a, 12, 20)                       // old principal's unsent tail
	mustCommit(t, b, Fork{RoleSeq: 2, ForkLSN: failover}) // b is forced to serve
	principalWorkload(t, b, 200, 215)

	// b's blocks after the shared prefix overlap a's own tail with other bytes.
	r, err := b.NewReader(MakeLSN(sharedEnd, 0))
	if err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for {
		blk, ok, err := r.TryNext()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		raw = append(raw, blk.Raw...)
	}
	if err := a.AppendBlocks(raw); !errors.Is(err, ErrDiverged) {
		t.Fatalf("AppendBlocks of a divergent log = %v, want ErrDiverged", err)
	}
	if err := a.TruncateAfter(failover); err != nil {
		t.Fatal(err)
	}
	if a.FlushedLSN() != failover {
		t.Fatalf("after TruncateAfter FlushedLSN = %s, want %s", a.FlushedLSN(), failover)
	}
	ship(t, b, a, 2)
	a.Close()
	b.Close()
	sameFiles(t, adir, bdir)
}

// TestMirrorSyncsAtPrincipalFlushes: a chunk spanning several principal flushes is
// hardened with one fdatasync per principal flush, so that the mirror's log obeys
// the torn-tail rule (a block is on disk only after all log it claims durable),
// and a chunk from one principal flush takes one.
func TestMirrorSyncsAtPrincipalFlushes(t *testing.T) {
	p := mustOpen(t, t.TempDir(), testOptions())
	m := mustOpen(t, t.TempDir(), testOptions())
	for i := 1; i <= 5; i++ {
		mustCommit(t, p, txn(uint64(i), "one flush each")...)
	}
	var last LSN
	p.ioMu.Lock()              // keep the flusher from writing the full blocks one by one
	for i := 6; i <= 40; i++ { // several blocks sealed, one flush
		var err error
		if last, err = p.Append(txn(uint64(i), string(make([]byte, 5000)))...); err != nil {
			p.ioMu.Unlock()
			t.Fatal(err)
		}
	}
	p.mu.Lock()
	p.sealLocked()
	p.mu.Unlock()
	p.ioMu.Unlock()
	if err := p.WaitDurable(context.Background(), last); err != nil {
		t.Fatal(err)
	}
	blocks := durableBlocks(t, p)
	var head, tail []byte
	for i, b := range blocks {
		if i < 5 {
			head = append(head, b.Raw...)
		} else {
			tail = append(tail, b.Raw...)
		}
	}
	tests := []struct {
		name  string
		raw   []byte
		syncs uint64
	}{
		{"five principal flushes", head, 5},
		{"one principal flush of several blocks", tail, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := m.Stats().Flushes
			if err := m.AppendBlocks(tt.raw); err != nil {
				t.Fatal(err)
			}
			if got := m.Stats().Flushes - before; got != tt.syncs {
				t.Fatalf("%d fdatasyncs, want %d", got, tt.syncs)
			}
		})
	}
	if m.HardenedLSN() != p.FlushedLSN() {
		t.Fatalf("mirror hardened %s, principal flushed %s", m.HardenedLSN(), p.FlushedLSN())
	}
}

// TestSourceSyncedEnd: a log's last block says how much of the log its writer
// had made durable before sealing it; a mirror's byte copy reports the same,
// and it never exceeds the block itself (a principal's crash can only take back
// log at or after it).
func TestSourceSyncedEnd(t *testing.T) {
	p := mustOpen(t, t.TempDir(), testOptions())
	if got, err := p.SourceSyncedEnd(); err != nil || got != 0 {
		t.Fatalf("empty log: SourceSyncedEnd = %d, %v; want 0", got, err)
	}
	principalWorkload(t, p, 1, 20)
	m := mustOpen(t, t.TempDir(), testOptions())
	ship(t, p, m, 3)
	ps, err := p.SourceSyncedEnd()
	if err != nil {
		t.Fatal(err)
	}
	ms, err := m.SourceSyncedEnd()
	if err != nil {
		t.Fatal(err)
	}
	last := p.FlushedLSN().BlockOffset()
	if ps == 0 || ps > last || ms != ps {
		t.Fatalf("principal synced end %d, mirror %d; want equal, non-zero and at most the last block's offset %d", ps, ms, last)
	}
}

// TestAppendBlocksAllocsPerRecord: a mirror hardens what it receives after
// checking every record, and that check allocates nothing per record (redo
// decodes the records again from the log; the mirror's CPU per commit at 16
// sessions went partly to boxing each record into a Record it threw away).
// AppendBlocks of blocks of 64 transactions allocates as often as of blocks
// of 4.
func TestAppendBlocksAllocsPerRecord(t *testing.T) {
	perAppend := func(txns int) float64 {
		p := mustOpen(t, t.TempDir(), testOptions())
		const runs = 20
		for i := 0; i <= runs; i++ {
			var recs []Record
			for j := 0; j < txns; j++ {
				recs = append(recs, txn(uint64(i*txns+j+1), "row image")...)
			}
			mustCommit(t, p, recs...)
		}
		blocks := durableBlocks(t, p)
		if len(blocks) != runs+1 {
			t.Fatalf("principal wrote %d blocks, want %d", len(blocks), runs+1)
		}
		m := mustOpen(t, t.TempDir(), testOptions())
		next := 0
		return testing.AllocsPerRun(runs, func() {
			if err := m.AppendBlocks(blocks[next].Raw); err != nil {
				t.Fatal(err)
			}
			next++
		})
	}
	few, many := perAppend(4), perAppend(64)
	if many > few+1 {
		t.Fatalf("AppendBlocks allocates %.1f times for blocks of 64 transactions, %.1f for blocks of 4: the check allocates per record", many, few)
	}
}
