package tds

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sync/atomic"
	"testing"
	"time"
)

// TestRowFieldsMatchRow checks that every Field kind encodes exactly as the
// boxed value does through Row, errors included, for the fast pairs and the
// fallbacks alike.
func TestRowFieldsMatchRow(t *testing.T) {
	utf8Coll := DefaultCollation
	utf8Coll[3] |= 0x04 // the UTF8 flag: varchar bytes are the UTF-8 text
	fixed := func(id byte) TypeInfo { return TypeInfo{ID: id, Length: fixedSize(id)} }
	tests := []struct {
		name string
		typ  TypeInfo
		f    Field
	}{
		{"int", TypeInt(), Field{Kind: FieldInt, Int: -123456}},
		{"int max", TypeInt(), Field{Kind: FieldInt, Int: math.MaxInt32}},
		{"int overflow", TypeInt(), Field{Kind: FieldInt, Int: math.MaxInt32 + 1}},
		{"tinyint", TypeTinyInt(), Field{Kind: FieldInt, Int: 255}},
		{"tinyint negative", TypeTinyInt(), Field{Kind: FieldInt, Int: -1}},
		{"smallint", TypeSmallInt(), Field{Kind: FieldInt, Int: -32768}},
		{"bigint", TypeBigInt(), Field{Kind: FieldInt, Int: math.MinInt64}},
		{"fixed int4", fixed(typeInt4), Field{Kind: FieldInt, Int: 7}},
		{"fixed int1 overflow", fixed(typeInt1), Field{Kind: FieldInt, Int: 256}},
		{"fixed int2 min", fixed(typeInt2), Field{Kind: FieldInt, Int: math.MinInt16}},
		{"fixed int2 overflow", fixed(typeInt2), Field{Kind: FieldInt, Int: math.MaxInt16 + 1}},
		{"fixed int8 min", fixed(typeInt8), Field{Kind: FieldInt, Int: math.MinInt64}},
		{"fixed flt8", fixed(typeFlt8), Field{Kind: FieldFloat, Float: -1.5e300}},
		{"fixed flt4", fixed(typeFlt4), Field{Kind: FieldFloat, Float: 0.1}},
		{"int into fixed flt8", fixed(typeFlt8), Field{Kind: FieldInt, Int: 3}},
		{"fixed money", fixed(typeMoney), Field{Kind: FieldAny, Any: NewDecimal(-15, 1)}},
		{"fixed datetime", fixed(typeDateTime), Field{Kind: FieldAny, Any: time.Date(2024, 2, 29, 1, 2, 3, 0, time.UTC)}},
		{"string into fixed int", fixed(typeInt4), Field{Kind: FieldString, Str: "1"}},
		{"bit", TypeBit(), Field{Kind: FieldInt, Int: 5}},
		{"fixed bit", fixed(typeBit), Field{Kind: FieldInt, Int: 0}},
		{"int into float", TypeFloat(), Field{Kind: FieldInt, Int: 3}},
		{"int into money", TypeMoney(), Field{Kind: FieldInt, Int: 3}},
		{"int into varchar", TypeVarChar(10), Field{Kind: FieldInt, Int: 3}},
		{"float", TypeFloat(), Field{Kind: FieldFloat, Float: -1.5e300}},
		{"real", TypeReal(), Field{Kind: FieldFloat, Float: 0.1}},
		{"float into int", TypeInt(), Field{Kind: FieldFloat, Float: 1}},
		{"varchar", TypeVarChar(20), Field{Kind: FieldString, Str: "row"}},
		{"varchar cp1252", TypeVarChar(20), Field{Kind: FieldString, Str: "café €"}},
		{"varchar outside cp1252", TypeVarChar(20), Field{Kind: FieldString, Str: "日本"}},
		{"varchar utf8 collation", TypeInfo{ID: typeBigVarChar, Length: 20, Collation: utf8Coll}, Field{Kind: FieldString, Str: "日本"}},
		{"varchar too long", TypeVarChar(2), Field{Kind: FieldString, Str: "abc"}},
		{"char", TypeChar(3), Field{Kind: FieldString, Str: "abc"}},
		{"varchar exactly full", TypeVarChar(3), Field{Kind: FieldString, Str: "abc"}},
		{"varchar non-ASCII too long", TypeVarChar(3), Field{Kind: FieldString, Str: "abcé"}},
		{"nvarchar too long", TypeNVarChar(2), Field{Kind: FieldString, Str: "abc"}},
		{"string into varbinary too long", TypeVarBinary(2), Field{Kind: FieldString, Str: "abc"}},
		{"varchar other code page", TypeInfo{ID: typeBigVarChar, Length: 20, Collation: winCollation(0x0419)}, Field{Kind: FieldString, Str: "Алло"}},
		{"real from FieldInt", TypeReal(), Field{Kind: FieldInt, Int: 1}},
		{"nvarchar", TypeNVarChar(20), Field{Kind: FieldString, Str: "héllo 😀"}},
		{"nchar", TypeNChar(2), Field{Kind: FieldString, Str: "ab"}},
		{"string into varbinary", TypeVarBinary(8), Field{Kind: FieldString, Str: "\x00\x01"}},
		{"string into int", TypeInt(), Field{Kind: FieldString, Str: "1"}},
		{"string into variant", TypeSQLVariant(), Field{Kind: FieldString, Str: "v"}},
		{"varbinary", TypeVarBinary(8), Field{Kind: FieldBinary, Str: "\x00\xff\x10"}},
		{"binary", TypeBinary(2), Field{Kind: FieldBinary, Str: "\x01\x02"}},
		{"binary too long", TypeBinary(2), Field{Kind: FieldBinary, Str: "\x01\x02\x03"}},
		{"bytes into nvarchar", TypeNVarChar(4), Field{Kind: FieldBinary, Str: "a\x00"}},
		{"odd bytes into nvarchar", TypeNVarChar(4), Field{Kind: FieldBinary, Str: "a"}},
		{"uniqueidentifier", TypeUniqueIdentifier(), Field{Kind: FieldBinary, Str: "0123456789abcdef"}},
		{"decimal", TypeDecimal(10, 2), Field{Kind: FieldAny, Any: NewDecimal(12345, 2)}},
		{"date", TypeDate(), Field{Kind: FieldAny, Any: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)}},
		{"bool", TypeBit(), Field{Kind: FieldAny, Any: true}},
		{"null int", TypeInt(), Field{}},
		{"null varchar", TypeVarChar(5), Field{}},
		{"null fixed int", fixed(typeInt4), Field{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Two columns, so that NULL rows take the ROW form (a NBCROW
			// bitmap is not shorter than one NULL's length prefix) and
			// the row with two NULLs the NBCROW form.
			for _, cols := range [][]Column{{{Name: "a", Type: tc.typ}}, {{Name: "a", Type: tc.typ}, {Name: "b", Type: tc.typ}}} {
				want, wantErr := encodeRowBoth(t, cols, tc.f, false)
				got, gotErr := encodeRowBoth(t, cols, tc.f, true)
				if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
					t.Fatalf("%d columns: RowFields error %v, Row error %v", len(cols), gotErr, wantErr)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("%d columns: RowFields wrote\n%x\nRow wrote\n%x", len(cols), got, want)
				}
			}
		})
	}
}

// encodeRowBoth sends one row with f in every column through RowFields
// (fields) or Row and returns the response bytes and the row's error.
func encodeRowBoth(t *testing.T, cols []Column, f Field, fields bool) ([]byte, error) {
	t.Helper()
	w, out, _ := newTestWriter(Done)
	if err := w.Columns(cols); err != nil {
		t.Fatal(err)
	}
	var err error
	if fields {
		fs := make([]Field, len(cols))
		for i := range fs {
			fs[i] = f
		}
		err = w.RowFields(fs)
	} else {
		vs := make([]any, len(cols))
		for i := range vs {
			vs[i] = f.Value()
		}
		err = w.Row(vs)
	}
	if ferr := w.finish(nil); ferr != nil {
		t.Fatal(ferr)
	}
	return out.Bytes(), err
}

// TestRowFieldsPLPAndDownlevel covers the rows RowFields hands to Row: a
// (max) column, and a TDS 7.1 client whose date columns are converted.
func TestRowFieldsPLPAndDownlevel(t *testing.T) {
	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		ver  uint32
		cols []Column
		fs   []Field
	}{
		{"nvarchar(max)", TDS74, []Column{{Name: "a", Type: TypeInt()}, {Name: "b", Type: TypeNVarChar(-1)}},
			[]Field{{Kind: FieldInt, Int: 1}, {Kind: FieldString, Str: "long text"}}},
		{"varbinary(max) NULL", TDS74, []Column{{Name: "a", Type: TypeVarBinary(-1)}, {Name: "b", Type: TypeInt()}},
			[]Field{{}, {Kind: FieldInt, Int: 2}}},
		{"date to TDS 7.1", TDS71Rev1, []Column{{Name: "d", Type: TypeDate()}, {Name: "i", Type: TypeInt()}},
			[]Field{{Kind: FieldAny, Any: day}, {Kind: FieldInt, Int: 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var outs [2][]byte
			for k, fields := range []bool{false, true} {
				w, out, _ := newTestWriter(Done)
				w.ver = tc.ver
				if err := w.Columns(tc.cols); err != nil {
					t.Fatal(err)
				}
				var err error
				if fields {
					err = w.RowFields(tc.fs)
				} else {
					vs := make([]any, len(tc.fs))
					for i, f := range tc.fs {
						vs[i] = f.Value()
					}
					err = w.Row(vs)
				}
				if err != nil {
					t.Fatalf("fields=%v: %v", fields, err)
				}
				if err := w.finish(nil); err != nil {
					t.Fatal(err)
				}
				outs[k] = out.Bytes()
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Fatalf("RowFields wrote\n%x\nRow wrote\n%x", outs[1], outs[0])
			}
		})
	}
}

// BenchmarkRowFields encodes rows shaped like tests/bench's big table (three
// ints and a short varchar) through RowFields and, for comparison, Row.
// BenchmarkRowFields encodes the wire benchmark's row (three ints and a
// varchar) as nullable INTN columns and as NOT NULL INT4 ones (Fixed).
func BenchmarkRowFields(b *testing.B) {
	for _, it := range []TypeInfo{TypeInt(), TypeInt().Fixed()} {
		cols := []Column{{Name: "id", Type: it}, {Name: "grp", Type: it}, {Name: "val", Type: it}, {Name: "pad", Type: TypeVarChar(20)}}
		benchmarkRows(b, fmt.Sprintf("int%#x", it.ID), cols)
	}
}

func benchmarkRows(b *testing.B, prefix string, cols []Column) {
	for _, fields := range []bool{true, false} {
		name := prefix + "/Row"
		if fields {
			name = prefix + "/RowFields"
		}
		b.Run(name, func(b *testing.B) {
			mw := NewMessageWriter(io.Discard)
			w := &resultWriter{mw: mw, attn: new(atomic.Bool)}
			mw.Begin(PacketReply)
			w.reset(Done)
			if err := w.Columns(cols); err != nil {
				b.Fatal(err)
			}
			fs := make([]Field, 4)
			vs := make([]any, 4)
			b.ReportAllocs()
			for i := range b.N {
				id := int64(i)
				if fields {
					fs[0], fs[1], fs[2], fs[3] = Field{Kind: FieldInt, Int: id}, Field{Kind: FieldInt, Int: id % 100}, Field{Kind: FieldInt, Int: id % 1000}, Field{Kind: FieldString, Str: "row"}
					if err := w.RowFields(fs); err != nil {
						b.Fatal(err)
					}
				} else {
					vs[0], vs[1], vs[2], vs[3] = id, id%100, id%1000, "row"
					if err := w.Row(vs); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
