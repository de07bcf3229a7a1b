package types

import (
	"encoding/binary"
	"errors"
	"testing"
)

func TestVariantRowRoundTrip(t *testing.T) {
	cols := []Type{{ID: Int}, {ID: SQLVariant}, lobType(Text), lobType(Image), lobType(XML)}
	tests := []struct {
		name string
		vals []Value
	}{
		{"int base", []Value{NewInt(1), NewInt(7), NewString(Text, "abc"), NewBinaryString(Image, "\x00\xff"), NewString(XML, "<a/>")}},
		{"nvarchar base", []Value{NewInt(2), NewNVarChar("sept"), Null(Text), Null(Image), Null(XML)}},
		{"float base", []Value{NewInt(3), NewFloat(1.5), NewString(Text, ""), NewBinaryString(Image, ""), NewString(XML, "")}},
		{"null variant", []Value{NewInt(4), Null(SQLVariant), Null(Text), Null(Image), Null(XML)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := EncodeRow(nil, tc.vals, cols)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeRow(b, cols)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				if got[i] != tc.vals[i] && !(got[i].IsNull() && tc.vals[i].IsNull()) {
					t.Errorf("column %d: got %#v, want %#v", i, got[i], tc.vals[i])
				}
			}
		})
	}
}

func TestVariantRowCorrupt(t *testing.T) {
	cols := []Type{{ID: SQLVariant}}
	for _, b := range [][]byte{{1, 0}, {1, 0, byte(SQLVariant)}, {1, 0, byte(Text), 1, 'x'}, {1, 0, byte(Int), 1}} {
		if _, err := DecodeRow(b, cols); !errors.Is(err, ErrCorruptRow) {
			t.Errorf("%x: err = %v, want ErrCorruptRow", b, err)
		}
	}
}

func TestVariantConvertAndProperty(t *testing.T) {
	dec, err := Convert(NewInt(12), DecimalType(10, 3), 0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		v        Value
		prop     string
		want     string
		wantNull bool
	}{
		{"int basetype", NewInt(1), "BaseType", "int", false},
		{"int maxlength", NewInt(1), "MaxLength", "4", false},
		{"decimal precision", dec, "Precision", "10", false},
		{"decimal scale", dec, "scale", "3", false},
		{"nvarchar maxlength", NewNVarChar("abc"), "MaxLength", "6", false},
		{"null", Null(SQLVariant), "BaseType", "", true},
		{"unknown property", NewInt(1), "Nope", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Convert(tc.v, Type{ID: SQLVariant}, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := VariantProperty(v, tc.prop)
			if got.IsNull() != tc.wantNull {
				t.Fatalf("null = %v, want %v", got.IsNull(), tc.wantNull)
			}
			if !tc.wantNull {
				s, _ := Convert(got, NVarCharType(MaxLength), 0)
				if s.Str() != tc.want {
					t.Errorf("got %q, want %q", s.Str(), tc.want)
				}
			}
		})
	}
	if _, err := Convert(NewString(Text, "x"), Type{ID: SQLVariant}, 0); err == nil {
		t.Error("text to sql_variant: no error, want 206")
	}
}

func TestRussianMonthNames(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"июл 19 2021  8:12PM", "2021-07-19 20:12:00.000", true},
		{"19 январь 2020", "2020-01-19 00:00:00.000", true},
		{"дек 31 1999", "1999-12-31 00:00:00.000", true},
		{"Jul 19 2021", "2021-07-19 00:00:00.000", true},
		{"июлx 19 2021", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			v, err := Convert(NewNVarChar(tc.in), TypeDateTime, 0)
			if !tc.ok {
				if err == nil {
					t.Fatalf("got %v, want error 241", v)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s, _ := Convert(v, NVarCharType(MaxLength), 121)
			if s.Str() != tc.want {
				t.Errorf("got %q, want %q", s.Str(), tc.want)
			}
		})
	}
}

// FuzzDecodeVariantRow: stored sql_variant and LOB columns decode to a value
// or ErrCorruptRow, never panic, and what decodes re-encodes to the same bytes
// (one encoding per row).
func FuzzDecodeVariantRow(f *testing.F) {
	cols := []Type{{ID: SQLVariant}, lobType(NText), {ID: SQLVariant}}
	dec, _ := Convert(NewInt(5), DecimalType(9, 2), 0)
	for _, vals := range [][]Value{
		{NewInt(1), NewString(NText, "x"), NewNVarChar("y")},
		{dec, Null(NText), Null(SQLVariant)},
		{NewFloat(2.5), NewString(NText, ""), NewVarBinary([]byte{1, 2})},
	} {
		b, err := EncodeRow(nil, vals, cols)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		vals, err := DecodeRow(b, cols)
		if err != nil {
			if !errors.Is(err, ErrCorruptRow) {
				t.Fatalf("error %v does not wrap ErrCorruptRow", err)
			}
			return
		}
		again, err := EncodeRow(nil, vals, cols)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if n, _ := binary.Uvarint(b); n < uint64(len(cols)) {
			return // a row shorter than the table decodes with trailing NULLs
		}
		if string(again) != string(b) {
			t.Fatalf("re-encoded %x, input %x", again, b)
		}
	})
}

// TestCompareVariant: sql_variant values order by base-type family first,
// then by value within a family; a group key is equal exactly when they
// compare equal.
func TestCompareVariant(t *testing.T) {
	dec, err := Convert(NewVarChar("10.00"), Type{ID: Decimal, Precision: 6, Scale: 2}, 0)
	if err != nil {
		t.Fatal(err)
	}
	day, err := Convert(NewVarChar("2020-01-01"), Type{ID: DateTime}, 0)
	if err != nil {
		t.Fatal(err)
	}
	guid, err := Convert(NewVarChar("6F9619FF-8B86-D011-B42D-00C04FC964FF"), Type{ID: UniqueIdentifier}, 0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		a, b Value
		want int
	}{
		{"string below int whatever the text", NewVarChar("abc"), NewInt(10), -1},
		{"int and bigint in one family", NewInt(10), NewBigInt(10), 0},
		{"int and decimal in one family", NewInt(10), dec, 0},
		{"float above any exact number", NewFloat(1.5), NewInt(10), 1},
		{"datetime above any number", day, NewFloat(1e300), 1},
		{"varchar and nvarchar under the collation", NewVarChar("ABC"), NewNVarChar("abc"), 0},
		{"binary below character", NewBinaryString(VarBinary, "\xff"), NewVarChar("a"), -1},
		{"uniqueidentifier lowest", guid, NewBinaryString(VarBinary, "\x00"), -1},
		{"NULL first", Null(SQLVariant), NewBinaryString(VarBinary, "\x00"), -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CompareVariant(tc.a, tc.b, DefaultCollation, ConvertOptions{})
			if err != nil || got != tc.want {
				t.Fatalf("CompareVariant = %d, %v; want %d", got, err, tc.want)
			}
			if back, _ := CompareVariant(tc.b, tc.a, DefaultCollation, ConvertOptions{}); back != -tc.want {
				t.Errorf("reversed: %d, want %d", back, -tc.want)
			}
			ka := string(AppendVariantGroupKey(nil, tc.a, DefaultCollation))
			kb := string(AppendVariantGroupKey(nil, tc.b, DefaultCollation))
			if (ka == kb) != (tc.want == 0) {
				t.Errorf("group keys equal = %v, want %v", ka == kb, tc.want == 0)
			}
		})
	}
}
