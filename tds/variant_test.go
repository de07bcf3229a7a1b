package tds

import (
	"reflect"
	"testing"
	"time"
)

// TestVariantRoundTrip encodes sql_variant values ([MS-TDS] 2.2.5.5.4) and
// decodes them back; integer-family bases come back as their fixed wire types.
func TestVariantRoundTrip(t *testing.T) {
	at := time.Date(2024, 2, 29, 13, 14, 15, 123456700, time.UTC)
	tests := []struct {
		name string
		in   any
		hex  string // expected encoding, "" = not checked
		want any
	}{
		{"NULL", nil, "00000000", nil},
		{"NULL value", Variant{Type: TypeInt()}, "00000000", nil},
		{"int", Variant{Type: TypeInt(), Value: int64(-20)}, "06000000 38 00 ECFFFFFF",
			Variant{Type: TypeInfo{ID: typeInt4, Length: 4}, Value: int64(-20)}},
		{"bit", Variant{Type: TypeBit(), Value: true}, "03000000 32 00 01", Variant{Type: TypeInfo{ID: typeBit, Length: 1}, Value: true}},
		{"float", Variant{Type: TypeFloat(), Value: 0.125}, "", Variant{Type: TypeInfo{ID: typeFlt8, Length: 8}, Value: 0.125}},
		{"money", Variant{Type: TypeMoney(), Value: NewDecimal(12345, 4)}, "", Variant{Type: TypeInfo{ID: typeMoney, Length: 8}, Value: NewDecimal(12345, 4)}},
		{"decimal", Variant{Type: TypeDecimal(18, 1), Value: NewDecimal(-5, 1)}, "0D000000 6A 02 12 01 00 05000000 00000000",
			Variant{Type: TypeInfo{ID: typeDecimalN, Length: 9, Precision: 18, Scale: 1}, Value: NewDecimal(-5, 1)}},
		{"nvarchar", Variant{Type: TypeNVarChar(3), Value: "abc"}, "0F000000 E7 07 0904D00034 0600 610062006300",
			Variant{Type: TypeNVarChar(3), Value: "abc"}},
		{"varchar", Variant{Type: TypeVarChar(3), Value: "é"}, "", Variant{Type: TypeVarChar(3), Value: "é"}},
		{"varbinary", Variant{Type: TypeVarBinary(2), Value: []byte{0x12, 0x34}}, "06000000 A5 02 0200 1234",
			Variant{Type: TypeVarBinary(2), Value: []byte{0x12, 0x34}}},
		{"guid", Variant{Type: TypeUniqueIdentifier(), Value: testGUIDBytes}, "", Variant{Type: TypeUniqueIdentifier(), Value: testGUIDBytes}},
		{"date", Variant{Type: TypeDate(), Value: at}, "", Variant{Type: TypeDate(), Value: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)}},
		{"datetime2(3)", Variant{Type: TypeDateTime2(3), Value: at}, "", Variant{Type: TypeDateTime2(3), Value: at.Round(time.Millisecond)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := appendValue(nil, TypeSQLVariant(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if tt.hex != "" {
				mustEqualHex(t, b, tt.hex)
			}
			got, err := readValue(&rd{b: b}, TypeSQLVariant())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

var testGUIDBytes = []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}

func TestVariantErrors(t *testing.T) {
	bad := []struct {
		name string
		v    any
	}{
		{"not a Variant", int64(1)},
		{"max base type", Variant{Type: TypeNVarChar(MaxLength), Value: "x"}},
		{"xml base type", Variant{Type: TypeXML(), Value: "<x/>"}},
		{"value of the wrong type", Variant{Type: TypeInt(), Value: "x"}},
		{"intn of bad length", Variant{Type: TypeInfo{ID: typeIntN, Length: 3}, Value: int64(1)}},
	}
	for _, tt := range bad {
		t.Run("encode "+tt.name, func(t *testing.T) {
			b, err := appendValue([]byte{0xAA}, TypeSQLVariant(), tt.v)
			if err == nil {
				t.Fatal("no error")
			}
			if len(b) != 1 {
				t.Fatalf("partial output %x", b)
			}
		})
	}
	for _, h := range []string{
		"FFFFFF7F",                  // length beyond the input
		"02000000 38 00",            // int4 without data
		"03000000 38 05 00",         // property bytes beyond
		"04000000 99 00 0000",       // unknown base type
		"05000000 2A 01 09 000000",  // datetime2 scale 9
		"06000000 6A 02 27 01 0000", // decimal(39,1)
		"03000000 24 00 01",         // short guid
	} {
		t.Run("decode "+h, func(t *testing.T) {
			if v, err := readValue(&rd{b: unhex(t, h)}, TypeSQLVariant()); err == nil {
				t.Fatalf("no error, got %#v", v)
			}
		})
	}
}

func FuzzVariant(f *testing.F) {
	for _, v := range []any{
		Variant{Type: TypeInt(), Value: int64(7)}, Variant{Type: TypeNVarChar(3), Value: "abc"},
		Variant{Type: TypeDecimal(10, 2), Value: NewDecimal(1, 2)}, Variant{Type: TypeDateTimeOffset(7), Value: time.Unix(0, 0)},
	} {
		b, err := appendValue(nil, TypeSQLVariant(), v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := readValue(&rd{b: b}, TypeSQLVariant())
		if err != nil || v == nil {
			return
		}
		// What decodes must encode again.
		if _, err := appendValue(nil, TypeSQLVariant(), v); err != nil {
			t.Fatalf("decoded %#v does not encode: %v", v, err)
		}
	})
}
