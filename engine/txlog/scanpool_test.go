package txlog

import (
	"context"
	"testing"
)

// TestScanAllocatesOnlyRecords: a Scan of a durable tail (a mirror's redo
// scans one per received frame) allocates nothing of its own — no scanner,
// read window or per-block entry slice — beyond boxing each record, measured
// here by decoding the same block's records directly. Before, it allocated
// three more per one-block Scan: its read window, the block's entry slice and
// an errors.As target that escaped on the good path of every block read.
func TestScanAllocatesOnlyRecords(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	from := LSN(0)
	for i := uint64(1); i <= 4; i++ { // four transactions, one block
		lsn, err := l.Append(txn(i, "row")...)
		if err != nil {
			t.Fatal(err)
		}
		if from == 0 {
			from = MakeLSN(lsn.BlockOffset(), 0) // the block's first record
		}
	}
	if err := l.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	sc := &scanner{segs: l.segs}
	h, raw, err := sc.block(from.BlockOffset(), l.DurableEnd())
	if err != nil {
		t.Fatal(err)
	}
	if int(h.size) != int(l.DurableEnd()-from.BlockOffset()) {
		t.Fatalf("the records span more than one block (block %d bytes, tail %d)", h.size, l.DurableEnd()-from.BlockOffset())
	}
	records := testing.AllocsPerRun(100, func() {
		if err := walkRecords(raw, h, func(_ uint16, rec []byte) error { _, err := DecodeRecord(rec); return err }); err != nil {
			t.Fatal(err)
		}
	})
	n := 0
	count := func(LSN, Record) error { n++; return nil } // made once: not the Scan's
	scan := testing.AllocsPerRun(100, func() {
		n = 0
		if err := l.Scan(from, count); err != nil {
			t.Fatal(err)
		}
	})
	if n != int(h.count) {
		t.Fatalf("Scan returned %d records, the block holds %d", n, h.count)
	}
	if scan > records {
		t.Errorf("Scan of one block: %.1f allocations, decoding its %d records alone %.1f", scan, n, records)
	}
}
