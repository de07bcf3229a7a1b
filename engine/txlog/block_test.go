package txlog

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"
)

// buildBlock seals a block at offset holding recs.
func buildBlock(offset, synced uint64, recs ...Record) []byte {
	var b blockBuilder
	b.reset(offset)
	for _, r := range recs {
		b.add(AppendRecord(nil, r))
	}
	raw, _ := b.seal(synced)
	return raw
}

func TestDecodeBlockRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		offset uint64
		recs   []Record
	}{
		{"one record", 0, []Record{Begin{Txn: 1}}},
		{"all kinds", 512 * 9, sampleRecords()},
		{"large offset", 1 << 40, []Record{Commit{Txn: 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := buildBlock(tt.offset, 0, tt.recs...)
			if len(raw)%BlockAlign != 0 {
				t.Fatalf("block of %d bytes is not aligned", len(raw))
			}
			b, err := DecodeBlock(append(bytes.Clone(raw), 1, 2, 3)) // trailing bytes belong to the next block
			if err != nil {
				t.Fatal(err)
			}
			if b.Offset != tt.offset || !bytes.Equal(b.Raw, raw) || b.End() != tt.offset+uint64(len(raw)) {
				t.Fatalf("block offset %d len %d", b.Offset, len(b.Raw))
			}
			for i, e := range b.Records {
				if e.LSN != MakeLSN(tt.offset, uint16(i+1)) || !reflect.DeepEqual(e.Record, tt.recs[i]) {
					t.Fatalf("entry %d = %s %#v", i, e.LSN, e.Record)
				}
			}
		})
	}
}

func TestDecodeBlockErrors(t *testing.T) {
	good := buildBlock(1024, 512, txn(1, "x")...)
	mutate := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	reseal := func(b []byte) []byte { // fix the checksum after editing the header or records
		h, _ := parseHeader(b, 1024)
		putHeader(b, h)
		return b
	}
	tests := []struct {
		name string
		raw  []byte
	}{
		{"empty", nil},
		{"short header", good[:20]},
		{"truncated", good[:100]},
		{"bad magic", mutate(func(b []byte) []byte { b[0] = 'X'; return b })},
		{"bad checksum", mutate(func(b []byte) []byte { b[40] ^= 1; return b })},
		{"bad version", mutate(func(b []byte) []byte { b[34] = 9; return b })},
		{"size not aligned", mutate(func(b []byte) []byte { b[24] = 1; return b })},
		{"used beyond size", mutate(func(b []byte) []byte { b[29] = 0xFF; return b })},
		{"synced beyond offset", mutate(func(b []byte) []byte { b[17] = 0xFF; return reseal(b) })},
		{"more records than data", mutate(func(b []byte) []byte { b[32] = 9; return reseal(b) })},
		{"fewer records than data", mutate(func(b []byte) []byte { b[32] = 1; return reseal(b) })},
		{"unaligned offset", mutate(func(b []byte) []byte {
			b[8] = 1
			h, _ := parseHeader(good, 1024)
			h.offset = 1025
			putHeader(b, h)
			return b
		})},
		{"offset beyond LSN range", mutate(func(b []byte) []byte {
			h, _ := parseHeader(good, 1024)
			h.offset = 1 << 48
			putHeader(b, h)
			return b
		})},
		{"bad record", mutate(func(b []byte) []byte { b[headerSize+1] = 0xEE; return reseal(b) })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeBlock(tt.raw); !errors.Is(err, ErrBadBlock) {
				t.Fatalf("DecodeBlock = %v, want ErrBadBlock", err)
			}
		})
	}
}

func TestLSNFormat(t *testing.T) {
	tests := []struct {
		lsn     LSN
		str     string
		numeric string
	}{
		{0, "00000000:00000000:0000", "0"},
		{MakeLSN(0, 1), "00000001:00000000:0001", "1000000000000001"},
		{MakeLSN(SegmentSize+512*16, 3), "00000002:00000010:0003", "2000000001600003"},
	}
	for _, tt := range tests {
		t.Run(tt.str, func(t *testing.T) {
			if got := tt.lsn.String(); got != tt.str {
				t.Fatalf("String = %s, want %s", got, tt.str)
			}
			if got := tt.lsn.Numeric().String(); got != tt.numeric {
				t.Fatalf("Numeric = %s, want %s", got, tt.numeric)
			}
			{
				back, err := ParseLSN(tt.str)
				if err != nil || back != tt.lsn {
					t.Fatalf("ParseLSN(%s) = %s, %v", tt.str, back, err)
				}
			}
		})
	}
	for _, bad := range []string{"", "1:2", "0000000G:00000000:0001", "00000000:00000000:0001", "00000001:00020000:0001", "00000001:00000000:00001"} {
		if _, err := ParseLSN(bad); err == nil {
			t.Errorf("ParseLSN(%q) succeeded", bad)
		}
	}
}

// FuzzDecodeBlock: arbitrary bytes give a block or an error, never a panic; a
// decoded block's records re-encode into a block that decodes identically.
func FuzzDecodeBlock(f *testing.F) {
	f.Add(buildBlock(0, 0, Begin{Txn: 1}))
	f.Add(buildBlock(512*3, 512, sampleRecords()...))
	f.Add(fillerHeader(4096, 8192, 0))
	f.Add(make([]byte, 600))
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkDecodedBlock(t, raw)
		// Also treat the input as a record area under a valid header and checksum,
		// so the fuzzer explores record parsing rather than checksum failures.
		if len(raw) > 0 && len(raw) < 4096 {
			area := raw[1:]
			used := headerSize + len(area)
			sealed := make([]byte, alignUp(uint64(used)))
			copy(sealed[headerSize:], area)
			putHeader(sealed, blockHeader{offset: 512, size: uint32(len(sealed)), used: uint32(used), count: uint16(raw[0])})
			checkDecodedBlock(t, sealed)
		}
	})
}

func checkDecodedBlock(t *testing.T, raw []byte) {
	{
		b, err := DecodeBlock(raw)
		// The mirror's check before hardening (checkBlock) accepts exactly
		// the blocks that decode, with the same error.
		cb, _, cerr := checkBlock(raw)
		if (cerr == nil) != (err == nil) || (err != nil && cerr.Error() != err.Error()) {
			t.Fatalf("checkBlock error %v, DecodeBlock's %v", cerr, err)
		}
		if err != nil {
			return
		}
		if cb.Offset != b.Offset || len(cb.Raw) != len(b.Raw) || cb.Records != nil {
			t.Fatalf("checkBlock = offset %d, %d bytes, %d records; DecodeBlock: offset %d, %d bytes", cb.Offset, len(cb.Raw), len(cb.Records), b.Offset, len(b.Raw))
		}
		if uint64(len(b.Raw))%BlockAlign != 0 || len(b.Raw) > len(raw) {
			t.Fatalf("decoded block has size %d from %d bytes", len(b.Raw), len(raw))
		}
		var recs []Record
		for _, e := range b.Records {
			recs = append(recs, e.Record)
		}
		again, err := DecodeBlock(buildBlock(b.Offset, 0, recs...))
		if err != nil {
			t.Fatalf("re-encoded block: %v", err)
		}
		if len(again.Records) != len(b.Records) {
			t.Fatalf("re-encoded block has %d records, want %d", len(again.Records), len(b.Records))
		}
	}
}

// TestTrimBlock trims a block of several records (the shape group commit
// leaves) at every slot: the result decodes, keeps exactly the records before
// the cut with their LSNs, and is no larger than the original.
func TestTrimBlock(t *testing.T) {
	var bb blockBuilder
	bb.reset(3 * BlockAlign)
	var want []Record
	for i := range 6 {
		r := Insert{Txn: uint64(i), Object: 1, Key: []byte{byte(i)}, After: bytes.Repeat([]byte{'x'}, 300)}
		want = append(want, r)
		bb.add(AppendRecord(nil, r))
	}
	raw, _ := bb.seal(BlockAlign)
	for keep := 1; keep <= len(want); keep++ {
		got, err := TrimBlock(raw, uint16(keep))
		if err != nil {
			t.Fatalf("TrimBlock(%d): %v", keep, err)
		}
		b, err := DecodeBlock(got)
		if err != nil {
			t.Fatalf("TrimBlock(%d) does not decode: %v", keep, err)
		}
		if b.Offset != 3*BlockAlign || len(b.Records) != keep || len(got) > len(raw) || len(got)%BlockAlign != 0 {
			t.Fatalf("TrimBlock(%d): offset %d, %d records, %d bytes (from %d)", keep, b.Offset, len(b.Records), len(got), len(raw))
		}
		for i, e := range b.Records {
			if e.LSN != MakeLSN(3*BlockAlign, uint16(i+1)) || !reflect.DeepEqual(e.Record, want[i]) {
				t.Fatalf("TrimBlock(%d) record %d = %v %#v", keep, i, e.LSN, e.Record)
			}
		}
	}
	for _, keep := range []uint16{0, 7} {
		if _, err := TrimBlock(raw, keep); err == nil {
			t.Fatalf("TrimBlock(%d) of a 6-record block succeeded", keep)
		}
	}
}

// BenchmarkVerifyReceivedBlock: what the mirror's AppendBlocks spends
// verifying a received block of 15 single-row transactions (a frame's worth
// at 16 sessions), decoding every record (DecodeBlock, as before) against
// only checking them (checkBlock).
func BenchmarkVerifyReceivedBlock(b *testing.B) {
	var recs []Record
	for i := uint64(1); i <= 15; i++ {
		recs = append(recs, Begin{Txn: i},
			Insert{Txn: i, Object: 7, Key: []byte("key-0000000001"), After: make([]byte, 60)},
			Commit{Txn: i, Time: time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC)})
	}
	raw := buildBlock(512, 0, recs...)
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := DecodeBlock(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("check", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := checkBlock(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
}
