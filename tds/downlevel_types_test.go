package tds

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestDownlevelType checks the result type translation for clients before TDS
// 7.3 (date/time as nvarchar text) and 7.2 ((max) as TEXT/NTEXT/IMAGE).
func TestDownlevelType(t *testing.T) {
	at := time.Date(2024, 1, 2, 3, 4, 5, 123456700, time.FixedZone("", -90*60))
	tests := []struct {
		name   string
		in     TypeInfo
		ver    uint32
		wantID byte
		wantN  int
		value  any // converted value of at, or nil when values pass unchanged
	}{
		{"date 7.2", TypeDate(), TDS72, typeNVarChar, 20, "2024-01-02"},
		{"time(7) 7.2", TypeTime(7), TDS72, typeNVarChar, 32, "03:04:05.1234567"},
		{"time(0) 7.1", TypeTime(0), TDS71Rev1, typeNVarChar, 16, "03:04:05"},
		{"datetime2(3) 7.2", TypeDateTime2(3), TDS72, typeNVarChar, 46, "2024-01-02 03:04:05.123"},
		{"datetimeoffset(7) 7.2", TypeDateTimeOffset(7), TDS72, typeNVarChar, 68, "2024-01-02 03:04:05.1234567 -01:30"},
		{"date 7.3A unchanged", TypeDate(), TDS73A, typeDateN, 3, nil},
		{"nvarchar(max) 7.1", TypeNVarChar(MaxLength), TDS71Rev1, typeNText, legacyLOBLength - 1, nil},
		{"xml 7.1", TypeXML(), TDS71Rev1, typeNText, legacyLOBLength - 1, nil},
		{"xml 7.2 unchanged", TypeXML(), TDS72, typeXML, MaxLength, nil},
		{"text 7.1 unchanged", TypeText(), TDS71Rev1, typeText, legacyLOBLength, nil},
		{"varchar(max) 7.1", TypeVarChar(MaxLength), TDS71Rev1, typeText, legacyLOBLength, nil},
		{"varbinary(max) 7.1", TypeVarBinary(MaxLength), TDS71Rev1, typeImage, legacyLOBLength, nil},
		{"nvarchar(max) 7.2 unchanged", TypeNVarChar(MaxLength), TDS72, typeNVarChar, MaxLength, nil},
		{"int 7.1 unchanged", TypeInt(), TDS71Rev1, typeIntN, 4, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, conv := downlevelType(tt.in, tt.ver)
			if got.ID != tt.wantID || got.Length != tt.wantN {
				t.Fatalf("type %#x/%d, want %#x/%d", got.ID, got.Length, tt.wantID, tt.wantN)
			}
			if (conv == nil) != (tt.value == nil) {
				t.Fatalf("conversion present = %v", conv != nil)
			}
			if conv == nil {
				return
			}
			v, err := conv(at)
			if err != nil || v != tt.value {
				t.Fatalf("converted %q, %v; want %q", v, err, tt.value)
			}
			if n, _ := conv(nil); n != nil {
				t.Fatalf("NULL converted to %v", n)
			}
			if _, err := conv("not a time"); err == nil {
				t.Fatal("no error for a non-time value")
			}
		})
	}
}

// TestLegacyLOBEncoding checks TEXT/NTEXT/IMAGE columns as sent to TDS 7.1
// clients: TYPE_INFO with LONGLEN, collation and an empty US_VARCHAR table name
// ([MS-TDS] 2.2.7.4), and values with a TEXTPTR (2.2.5.2.4).
func TestLegacyLOBEncoding(t *testing.T) {
	cols, convs := downlevelColumns([]Column{
		{Name: "n", Type: TypeNVarChar(MaxLength)},
		{Name: "b", Type: TypeVarBinary(MaxLength)},
	}, TDS71Rev1)
	if convs != nil {
		t.Fatal("unexpected conversions")
	}
	meta, err := appendColMetadata(nil, cols, true)
	if err != nil {
		t.Fatal(err)
	}
	mustEqualHex(t, meta, "81 0200 0000 0000 63 FEFFFF7F 0904D00034 0000 01 6E00 0000 0000 22 FFFFFF7F 0000 01 6200")
	var out bytes.Buffer
	if _, err := writeRow(&out, []byte{tokenRow}, false, cols, []any{"hi", nil}, nil); err != nil {
		t.Fatal(err)
	}
	mustEqualHex(t, out.Bytes(), "D1 10 01000000000000000000000000000000 0000000000000000 04000000 6800 6900 00")
}

// TestDownLevelResultWriter runs a result through resultWriter for a TDS 7.2
// client: the date column becomes nvarchar text, and NULLs never use NBCROW.
func TestDownLevelResultWriter(t *testing.T) {
	for _, tt := range []struct {
		name    string
		ver     uint32
		wantNBC bool
	}{{"TDS 7.2", TDS72, false}, {"TDS 7.4", TDS74, true}} {
		t.Run(tt.name, func(t *testing.T) {
			w, out, _ := newTestWriter(Done)
			w.ver = tt.ver
			cols := []Column{{Name: "d", Type: TypeDate()}, {Name: "a", Type: TypeInt()}, {Name: "b", Type: TypeInt()}}
			cols = append(cols, Column{Name: "c", Type: TypeInt()})
			if err := w.Columns(cols); err != nil {
				t.Fatal(err)
			}
			if err := w.Row([]any{time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), nil, nil, nil}); err != nil {
				t.Fatal(err)
			}
			if err := w.finish(nil); err != nil {
				t.Fatal(err)
			}
			toks, _ := responseTokens(t, out)
			if len(toks) < 2 || toks[0].ColMetadata == nil || toks[1].Row == nil {
				t.Fatalf("tokens %+v", toks)
			}
			if toks[1].NBC != tt.wantNBC {
				t.Fatalf("NBCROW = %v", toks[1].NBC)
			}
			d := toks[1].Row[0]
			if tt.ver < TDS73A && (toks[0].ColMetadata[0].Type.ID != typeNVarChar || d != "2024-01-02") {
				t.Fatalf("date column %+v value %v", toks[0].ColMetadata[0].Type, d)
			}
		})
	}
}

// TestLOBColumnsRoundTrip sends text, ntext, image and xml columns to a TDS 7.4
// client and decodes them back (TEXTPTR values, empty table names, PLP xml).
func TestLOBColumnsRoundTrip(t *testing.T) {
	big := strings.Repeat("é", 5000) // several PLP chunks, non-ASCII
	tests := []struct {
		name string
		typ  TypeInfo
		vals []any
	}{
		{"text", TypeText(), []any{"abc é", nil, ""}},
		{"ntext", TypeNText(), []any{"h\u00e9llo \u4f60", nil, big}},
		{"image", TypeImage(), []any{[]byte{1, 2, 3}, nil, []byte{}}},
		{"xml", TypeXML(), []any{"<root a=\"1\"/>", nil, "<x>" + big + "</x>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, out, _ := newTestWriter(Done)
			if err := w.Columns([]Column{{Name: "c", Type: tt.typ, Nullable: true}, {Name: "i", Type: TypeInt()}}); err != nil {
				t.Fatal(err)
			}
			for i, v := range tt.vals {
				if err := w.Row([]any{v, int64(i)}); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.finish(nil); err != nil {
				t.Fatal(err)
			}
			toks, _ := responseTokens(t, out)
			if toks[0].ColMetadata == nil || toks[0].ColMetadata[0].Type.ID != tt.typ.ID {
				t.Fatalf("metadata %+v", toks[0])
			}
			for i, want := range tt.vals {
				got := toks[1+i].Row
				if got == nil || got[1] != int64(i) {
					t.Fatalf("row %d: %+v", i, toks[1+i])
				}
				if b, ok := want.([]byte); ok {
					if g, _ := got[0].([]byte); !bytes.Equal(g, b) {
						t.Fatalf("row %d: %x, want %x", i, got[0], b)
					}
					continue
				}
				if got[0] != want {
					t.Fatalf("row %d: %.40q, want %.40q", i, got[0], want)
				}
			}
		})
	}
}
