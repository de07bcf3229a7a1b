package txlog

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"
)

// holdSync makes l's flusher stop between its write and its fdatasync until the
// returned release function is called (once per held flush). It must be called
// before the first Append: the flusher reads syncFile after it is kicked.
func holdSync(l *Log) (entered <-chan struct{}, release func()) {
	in := make(chan struct{}, 16)
	gate := make(chan struct{}, 16)
	setSyncFile(l, func(f *os.File) error {
		in <- struct{}{}
		<-gate
		return datasync(f)
	})
	return in, func() { gate <- struct{}{} }
}

// TestWrittenReaderSeesUnsyncedBlocks: a written reader returns a block as soon as
// the flusher has written it, before its fdatasync, while durable readers,
// FlushedLSN and WaitDurable still wait for the sync.
func TestWrittenReaderSeesUnsyncedBlocks(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	entered, release := holdSync(l)
	wr, err := l.NewWrittenReader(0)
	if err != nil {
		t.Fatal(err)
	}
	dr, err := l.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	wch := l.WrittenNotify()
	lsn, err := l.Append(txn(1, "v")...)
	if err != nil {
		t.Fatal(err)
	}
	durable := make(chan error, 1)
	go func() { durable <- l.WaitDurable(context.Background(), lsn) }()
	<-entered // the block is written, its sync is held

	select {
	case <-wch:
	case <-time.After(10 * time.Second):
		t.Fatal("WrittenNotify not closed after the write")
	}
	b, err := wr.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(b.Records); n != 3 || b.Records[n-1].LSN != lsn {
		t.Fatalf("written reader got %d records ending %v, want 3 ending %s", n, b.Records, lsn)
	}
	if got := l.WrittenLSN(); got != lsn {
		t.Errorf("WrittenLSN = %s, want %s", got, lsn)
	}
	if got := l.FlushedLSN(); got != 0 {
		t.Errorf("FlushedLSN = %s before the sync, want 0", got)
	}
	if _, ok, err := dr.TryNext(); ok || err != nil {
		t.Errorf("durable reader returned a block before the sync (ok=%v err=%v)", ok, err)
	}
	select {
	case err := <-durable:
		t.Fatalf("WaitDurable returned %v before the sync", err)
	default:
	}

	release()
	if err := <-durable; err != nil {
		t.Fatal(err)
	}
	if _, ok, err := dr.TryNext(); !ok || err != nil {
		t.Errorf("durable reader after the sync: ok=%v err=%v", ok, err)
	}
	if l.WrittenEnd() != l.DurableEnd() {
		t.Errorf("WrittenEnd %d != DurableEnd %d after the sync", l.WrittenEnd(), l.DurableEnd())
	}
}

// TestWrittenEndFollowsDurable: the written end never lags the durable end —
// after recovery, AppendBlocks and TruncateAfter it equals it.
func TestWrittenEndFollowsDurable(t *testing.T) {
	src := mustOpen(t, t.TempDir(), testOptions())
	var lsns []LSN
	for i := uint64(1); i <= 3; i++ {
		lsns = append(lsns, mustCommit(t, src, txn(i, "value")...))
	}
	dir := t.TempDir()
	dst := mustOpen(t, dir, testOptions())
	r, err := src.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for {
		b, ok, err := r.TryNext()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		raw = append(raw, b.Raw...)
	}
	check := func(what string, l *Log, wantLSN LSN) {
		t.Helper()
		if l.WrittenEnd() != l.DurableEnd() || l.WrittenLSN() != l.FlushedLSN() || l.WrittenLSN() != wantLSN {
			t.Errorf("%s: written %d/%s, durable %d/%s, want LSN %s", what,
				l.WrittenEnd(), l.WrittenLSN(), l.DurableEnd(), l.FlushedLSN(), wantLSN)
		}
	}
	if err := dst.AppendBlocks(raw); err != nil {
		t.Fatal(err)
	}
	check("after AppendBlocks", dst, lsns[2])
	if err := dst.TruncateAfter(lsns[0]); err != nil {
		t.Fatal(err)
	}
	check("after TruncateAfter", dst, lsns[0])
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	re := mustOpen(t, dir, testOptions())
	check("after reopening", re, lsns[0])
	check("principal", src, lsns[2])
}

// TestTryNextRaw: the raw reader returns the same bytes as TryNext, block by
// block (fillers included), with the block's last record LSN (0 for a filler).
func TestTryNextRaw(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	for i := uint64(1); i <= 40; i++ {
		size := 10
		if i%10 == 0 {
			size = 100000 // forces filler blocks at segment ends
		}
		mustCommit(t, l, txn(i, string(make([]byte, size)))...)
	}
	full, err := l.NewReader(0)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := l.NewWrittenReader(0)
	if err != nil {
		t.Fatal(err)
	}
	var buf []byte
	blocks, fillers := 0, 0
	for {
		b, ok, err := full.TryNext()
		if err != nil {
			t.Fatal(err)
		}
		prev := len(buf)
		var last LSN
		var okRaw bool
		buf, last, okRaw, err = raw.TryNextRaw(buf)
		if err != nil {
			t.Fatal(err)
		}
		if ok != okRaw {
			t.Fatalf("block %d: TryNext ok=%v, TryNextRaw ok=%v", blocks, ok, okRaw)
		}
		if !ok {
			break
		}
		blocks++
		var want LSN
		if n := len(b.Records); n > 0 {
			want = b.Records[n-1].LSN
		} else {
			fillers++
		}
		if !bytes.Equal(buf[prev:], b.Raw) || last != want {
			t.Fatalf("block %d at %d: raw bytes equal=%v, last %s want %s", blocks, b.Offset, bytes.Equal(buf[prev:], b.Raw), last, want)
		}
	}
	if fillers == 0 || blocks < 40 {
		t.Fatalf("compared %d blocks with %d fillers; want fillers and ≥ 40 blocks", blocks, fillers)
	}
}
