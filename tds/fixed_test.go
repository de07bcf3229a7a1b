package tds

import (
	"math"
	"testing"
	"time"
)

// TestTypeFixed: the nullable families map to the fixed-length types SQL
// Server sends for NOT NULL result columns; every other type is unchanged.
func TestTypeFixed(t *testing.T) {
	tests := []struct {
		name string
		in   TypeInfo
		want byte
	}{
		{"bit", TypeBit(), typeBit},
		{"tinyint", TypeTinyInt(), typeInt1},
		{"smallint", TypeSmallInt(), typeInt2},
		{"int", TypeInt(), typeInt4},
		{"bigint", TypeBigInt(), typeInt8},
		{"real", TypeReal(), typeFlt4},
		{"float", TypeFloat(), typeFlt8},
		{"smallmoney", TypeSmallMoney(), typeMoney4},
		{"money", TypeMoney(), typeMoney},
		{"smalldatetime", TypeSmallDateTime(), typeDateTim4},
		{"datetime", TypeDateTime(), typeDateTime},
		{"uniqueidentifier", TypeUniqueIdentifier(), typeGUID},
		{"decimal", TypeDecimal(10, 2), typeDecimalN},
		{"date", TypeDate(), typeDateN},
		{"datetime2", TypeDateTime2(7), typeDateTime2N},
		{"varchar", TypeVarChar(10), typeBigVarChar},
		{"nvarchar(max)", TypeNVarChar(MaxLength), typeNVarChar},
		{"sql_variant", TypeSQLVariant(), typeVariant},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.in.Fixed()
			if got.ID != tc.want {
				t.Fatalf("Fixed().ID = %#x, want %#x", got.ID, tc.want)
			}
			if n := fixedSize(got.ID); n > 0 && got.Length != n {
				t.Fatalf("Fixed().Length = %d, want %d", got.Length, n)
			}
			if fixedSize(got.ID) < 0 && got != tc.in {
				t.Fatalf("Fixed() = %+v, want the type unchanged", got)
			}
		})
	}
}

// TestNotNullColumnsGolden: COLMETADATA of NOT NULL fixed-length columns
// (fNullable clear, the one-byte FIXEDLENTYPE id and no length, [MS-TDS]
// 2.2.5.4.1, 2.2.7.4) and a ROW of their extreme values (the value bytes
// alone, 2.2.5.5.1), as SQL Server sends them; decoded back unchanged.
func TestNotNullColumnsGolden(t *testing.T) {
	cols := []Column{
		{Name: "a", Type: TypeBit().Fixed()}, {Name: "b", Type: TypeTinyInt().Fixed()},
		{Name: "c", Type: TypeSmallInt().Fixed()}, {Name: "d", Type: TypeInt().Fixed()},
		{Name: "e", Type: TypeBigInt().Fixed()}, {Name: "f", Type: TypeReal().Fixed()},
		{Name: "g", Type: TypeFloat().Fixed()}, {Name: "h", Type: TypeSmallMoney().Fixed()},
		{Name: "i", Type: TypeMoney().Fixed()}, {Name: "j", Type: TypeSmallDateTime().Fixed()},
		{Name: "k", Type: TypeDateTime().Fixed()},
	}
	row := []any{
		true, int64(255), int64(math.MinInt16), int64(math.MinInt32), int64(math.MaxInt64),
		float64(3.5), 2.5, NewDecimal(math.MaxInt32, 4), NewDecimal(math.MinInt64, 4),
		time.Date(2079, 6, 6, 23, 59, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 990000000, time.UTC),
	}
	w, out, _ := newTestWriter(Done)
	if err := w.Columns(cols); err != nil {
		t.Fatal(err)
	}
	if err := w.Row(row); err != nil {
		t.Fatal(err)
	}
	if err := w.Done(Done, DoneCount, CmdSelect, 1); err != nil {
		t.Fatal(err)
	}
	if err := w.finish(nil); err != nil {
		t.Fatal(err)
	}
	toks, payload := responseTokens(t, out)
	mustEqualHex(t, payload, "81 0B00"+
		"00000000 0000 32 01 6100 | 00000000 0000 30 01 6200 | 00000000 0000 34 01 6300"+
		"00000000 0000 38 01 6400 | 00000000 0000 7F 01 6500 | 00000000 0000 3B 01 6600"+
		"00000000 0000 3E 01 6700 | 00000000 0000 7A 01 6800 | 00000000 0000 3C 01 6900"+
		"00000000 0000 3A 01 6A00 | 00000000 0000 3D 01 6B00"+
		"| D1 01 FF 0080 00000080 FFFFFFFFFFFFFF7F 00006040 0000000000000440"+
		" FFFFFF7F 00000080 00000000 FFFF 9F05 7F242D00 FD818B01"+
		"| FD 1000 C100 0100000000000000")
	if len(toks) != 3 || len(toks[1].Row) != len(row) {
		t.Fatalf("decoded %d tokens, want COLMETADATA, ROW, DONE", len(toks))
	}
	for i, c := range toks[0].ColMetadata {
		if c.Nullable || c.Type != cols[i].Type {
			t.Errorf("column %s decoded as %+v nullable %v, want %+v NOT NULL", c.Name, c.Type, c.Nullable, cols[i].Type)
		}
	}
	for i, v := range toks[1].Row {
		if !valueEqual(v, row[i]) {
			t.Errorf("column %s decoded %#v, want %#v", cols[i].Name, v, row[i])
		}
	}
}

// TestNullInFixedColumn: a NULL reaching a fixed-length column (which a ROW
// cannot carry) travels in an NBCROW bitmap from TDS 7.3B, whatever the row
// would otherwise have been, and is an error, with nothing written, for a
// client without NBCROW.
func TestNullInFixedColumn(t *testing.T) {
	cols := []Column{{Name: "a", Type: TypeInt().Fixed()}, {Name: "b", Type: TypeVarChar(5)}}
	tests := []struct {
		name    string
		ver     uint32
		want    string // the row's bytes
		wantErr bool
	}{
		{"TDS 7.4: NBCROW", TDS74, "D2 01 0100 78", false},
		{"TDS 7.2: no NBCROW", TDS72, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, fields := range []bool{false, true} {
				w, out, _ := newTestWriter(Done)
				w.ver = tc.ver
				if err := w.Columns(cols); err != nil {
					t.Fatal(err)
				}
				var err error
				if fields {
					err = w.RowFields([]Field{{}, {Kind: FieldString, Str: "x"}})
				} else {
					err = w.Row([]any{nil, "x"})
				}
				if (err != nil) != tc.wantErr {
					t.Fatalf("fields=%v: error %v, want error %v", fields, err, tc.wantErr)
				}
				if err := w.finish(nil); err != nil {
					t.Fatal(err)
				}
				toks, payload := responseTokens(t, out)
				var rowBytes []byte
				if len(toks) == 3 { // COLMETADATA, the row, DONE
					meta := appendColMetadataMust(t, cols, tc.ver < TDS72)
					rowBytes = payload[len(meta) : len(payload)-13]
				}
				mustEqualHex(t, rowBytes, tc.want)
			}
		})
	}
}

func appendColMetadataMust(t *testing.T, cols []Column, pre72 bool) []byte {
	t.Helper()
	b, err := appendColMetadata(nil, cols, pre72)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
