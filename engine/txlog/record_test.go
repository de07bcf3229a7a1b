package txlog

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// sampleRecords holds one record of every kind, with edge values.
func sampleRecords() []Record {
	return []Record{
		Begin{Txn: 1},
		Begin{Txn: 1<<64 - 1},
		Insert{Txn: 7, Object: 1<<32 - 1, Key: []byte("k1"), After: []byte("row image")},
		Insert{Txn: 7, Object: 0},
		Update{Txn: 8, Object: 42, Key: []byte{0}, Before: []byte("old"), After: []byte("new")},
		Delete{Txn: 9, Object: 3, Key: []byte("gone"), Before: []byte("was")},
		Commit{Txn: 9, Time: time.Date(2026, 11, 26, 2, 30, 0, 123456789, time.UTC)},
		Commit{Txn: 10},
		Commit{Txn: 11, Time: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)},
		Commit{Txn: 14, Time: time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC), Mark: "PriceUpdate", MarkDescription: "Update product list prices"},
		Commit{Txn: 15, Mark: "m"},
		Abort{Txn: 12},
		DDL{Txn: 13, Payload: []byte("CREATE TABLE t (a int)")},
		Checkpoint{RedoStart: MakeLSN(4096, 3)},
		Checkpoint{RedoStart: MakeLSN(512, 1), Active: []ActiveTxn{{Txn: 5, First: MakeLSN(512, 2)}, {Txn: 6, First: 1<<64 - 1}}},
		BackupEnd{Payload: []byte("backup-set-1")},
		MirroringBegin{RoleSeq: 1, Payload: []byte("partner")},
		RoleChange{RoleSeq: 2},
		Fork{RoleSeq: 3, ForkLSN: MakeLSN(1<<30, 9), Payload: []byte("forced")},
	}
}

func TestRecordRoundTrip(t *testing.T) {
	for _, r := range sampleRecords() {
		t.Run(r.Kind().String(), func(t *testing.T) {
			enc := AppendRecord(nil, r)
			if len(enc) != EncodedSize(r) {
				t.Fatalf("EncodedSize = %d, encoding has %d bytes", EncodedSize(r), len(enc))
			}
			got, err := DecodeRecord(enc)
			if err != nil {
				t.Fatalf("DecodeRecord: %v", err)
			}
			if err := checkRecord(enc); err != nil {
				t.Fatalf("checkRecord: %v", err)
			}
			if !reflect.DeepEqual(got, r) {
				t.Fatalf("round trip:\n got %#v\nwant %#v", got, r)
			}
		})
	}
}

func TestDecodeRecordErrors(t *testing.T) {
	valid := AppendRecord(nil, Update{Txn: 1, Object: 2, Key: []byte("k"), Before: []byte("b"), After: []byte("a")})
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"unknown kind", []byte{0xEE, 1}},
		{"kind zero", []byte{0}},
		{"truncated varint", []byte{byte(KindBegin), 0x80}},
		{"missing field", []byte{byte(KindInsert), 1}},
		{"length past end", []byte{byte(KindDDL), 1, 5, 'a'}},
		{"trailing bytes", append(AppendRecord(nil, Abort{Txn: 1}), 0)},
		{"object out of range", []byte{byte(KindDelete), 1, 0x80, 0x80, 0x80, 0x80, 0x10, 0, 0}},
		{"huge active count", []byte{byte(KindCheckpoint), 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}},
		{"truncated update", valid[:len(valid)-1]},
		{"empty mark name", append(AppendRecord(nil, Commit{Txn: 1}), 0, 0)},
		{"truncated mark", AppendRecord(nil, Commit{Txn: 1, Mark: "mark"})[:6]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := DecodeRecord(tt.in)
			if err == nil {
				t.Fatalf("DecodeRecord(%x) = %#v, want error", tt.in, r)
			}
			if cerr := checkRecord(tt.in); cerr == nil || cerr.Error() != err.Error() {
				t.Fatalf("checkRecord(%x) = %v, want DecodeRecord's %v", tt.in, cerr, err)
			}
			if !errors.Is(err, errRecord) {
				t.Fatalf("error %v does not wrap errRecord", err)
			}
		})
	}
}

func TestTxnOf(t *testing.T) {
	tests := []struct {
		r    Record
		txn  uint64
		want bool
	}{
		{Begin{Txn: 4}, 4, true},
		{Insert{Txn: 5}, 5, true},
		{Commit{Txn: 6}, 6, true},
		{Checkpoint{}, 0, false},
		{Fork{RoleSeq: 2}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.r.Kind().String(), func(t *testing.T) {
			txn, ok := TxnOf(tt.r)
			if txn != tt.txn || ok != tt.want {
				t.Fatalf("TxnOf = %d, %v; want %d, %v", txn, ok, tt.txn, tt.want)
			}
		})
	}
}

// FuzzDecodeRecord: decoding arbitrary bytes returns a record or an error, never
// panics, and a decoded record re-encodes to bytes that decode to the same record.
func FuzzDecodeRecord(f *testing.F) {
	for _, r := range sampleRecords() {
		f.Add(AppendRecord(nil, r))
	}
	f.Add([]byte{byte(KindCheckpoint), 0, 3, 1, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeRecord(b)
		// The mirror's check (checkRecord) accepts exactly what decodes.
		if cerr := checkRecord(b); (cerr == nil) != (err == nil) || (err != nil && cerr.Error() != err.Error()) {
			t.Fatalf("checkRecord(%x) = %v, DecodeRecord's error %v", b, cerr, err)
		}
		if err != nil {
			return
		}
		again, err := DecodeRecord(AppendRecord(nil, r))
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if !reflect.DeepEqual(again, r) {
			t.Fatalf("re-decode differs:\n%#v\n%#v", again, r)
		}
	})
}
