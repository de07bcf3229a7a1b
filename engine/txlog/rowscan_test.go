package txlog

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"
)

// rowOf is the RowRecord ScanRows hands for a row record (false for the
// other kinds).
func rowOf(r Record) (RowRecord, bool) {
	switch v := r.(type) {
	case Begin:
		return RowRecord{Kind: KindBegin, Txn: v.Txn}, true
	case Insert:
		return RowRecord{Kind: KindInsert, Txn: v.Txn, Object: v.Object, Key: v.Key, After: v.After}, true
	case Update:
		return RowRecord{Kind: KindUpdate, Txn: v.Txn, Object: v.Object, Key: v.Key, Before: v.Before, After: v.After}, true
	case Delete:
		return RowRecord{Kind: KindDelete, Txn: v.Txn, Object: v.Object, Key: v.Key, Before: v.Before}, true
	case Commit:
		return RowRecord{Kind: KindCommit, Txn: v.Txn}, true
	case Abort:
		return RowRecord{Kind: KindAbort, Txn: v.Txn}, true
	}
	return RowRecord{}, false
}

// TestScanRowsMatchesScan: ScanRows hands the same records in the same order
// as Scan, from the start and from inside a block, the row kinds as a
// RowRecord (a marked commit's time and mark left out) and every other kind
// boxed as Scan boxes it.
func TestScanRowsMatchesScan(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	recs := []Record{
		Begin{Txn: 1 << 40},
		Insert{Txn: 1 << 40, Object: 7, Key: []byte("k1"), After: []byte("v1")},
		Update{Txn: 1 << 40, Object: 7, Key: []byte("k1"), Before: []byte("v1"), After: []byte("v2")},
		Delete{Txn: 1 << 40, Object: 7, Key: []byte("k0"), Before: []byte("old")},
		Commit{Txn: 1 << 40, Time: time.Unix(1700000000, 5).UTC(), Mark: "m1", MarkDescription: "before the upgrade"},
		Begin{Txn: 2},
		Insert{Txn: 2, Object: 8, Key: []byte("k2")},
		Abort{Txn: 2},
		DDL{Txn: 3, Payload: []byte(`{"catalog":{}}`)},
		Commit{Txn: 3},
		Checkpoint{RedoStart: MakeLSN(4096, 1), Active: []ActiveTxn{{Txn: 4, First: MakeLSN(4096, 2)}}},
	}
	for i, r := range recs {
		mustCommit(t, l, r)
		if i == 5 {
			mustCommit(t, l, txn(99, "between")...) // a second block
		}
	}
	all := scanAll(t, l)
	for _, from := range []LSN{0, all[3].LSN, all[len(all)-2].LSN} {
		var want, got []Entry
		if err := l.Scan(from, func(lsn LSN, r Record) error {
			want = append(want, Entry{LSN: lsn, Record: cloneRecord(r)})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		rows, others := 0, 0
		err := l.ScanRows(from, func(lsn LSN, r *RowRecord) error {
			rows++
			got = append(got, Entry{LSN: lsn, Record: rowRecordForTest(r)})
			return nil
		}, func(lsn LSN, r Record) error {
			others++
			got = append(got, Entry{LSN: lsn, Record: cloneRecord(r)})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || others == 0 || rows == 0 {
			t.Fatalf("from %s: ScanRows gave %d records (%d rows), Scan %d", from, len(got), rows, len(want))
		}
		for i := range want {
			w := want[i]
			if row, ok := rowOf(w.Record); ok {
				w.Record = rowRecordForTest(&row)
			}
			if got[i].LSN != w.LSN || !reflect.DeepEqual(got[i].Record, w.Record) {
				t.Errorf("from %s, record %d: ScanRows %s %#v, Scan %s %#v", from, i, got[i].LSN, got[i].Record, w.LSN, w.Record)
			}
		}
	}
}

// rowRecordForTest wraps a copy of r in a Record-shaped value for comparison.
type rowRecordCopy struct{ RowRecord }

func (rowRecordCopy) Kind() Kind                   { return 0 }
func (rowRecordCopy) appendFields(b []byte) []byte { return b }

func rowRecordForTest(r *RowRecord) Record {
	c := *r
	c.Key, c.Before, c.After = bytes.Clone(c.Key), bytes.Clone(c.Before), bytes.Clone(c.After)
	return rowRecordCopy{c}
}

// TestScanRowsAllocatesNothing: a scan of single-row transactions (a mirror's
// redo window) allocates nothing per record through ScanRows; Scan boxes
// every record (three allocations per transaction).
func TestScanRowsAllocatesNothing(t *testing.T) {
	l := mustOpen(t, t.TempDir(), testOptions())
	from := LSN(0)
	for i := uint64(1); i <= 4; i++ { // four transactions, one block
		lsn, err := l.Append(txn(1<<40+i, "row")...)
		if err != nil {
			t.Fatal(err)
		}
		if from == 0 {
			from = MakeLSN(lsn.BlockOffset(), 0)
		}
	}
	if err := l.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	n := 0
	row := func(LSN, *RowRecord) error { n++; return nil }
	other := func(LSN, Record) error { n++; return nil }
	box := func(LSN, Record) error { n++; return nil }
	rows := testing.AllocsPerRun(100, func() {
		n = 0
		if err := l.ScanRows(from, row, other); err != nil {
			t.Fatal(err)
		}
	})
	if n != 12 {
		t.Fatalf("ScanRows handed %d records, want 12", n)
	}
	boxed := testing.AllocsPerRun(100, func() {
		if err := l.Scan(from, box); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("a one-block scan of 4 single-row transactions: ScanRows %.1f allocations, Scan %.1f", rows, boxed)
	if rows > 0 {
		t.Errorf("ScanRows of 12 row records: %.1f allocations, want 0", rows)
	}
}
