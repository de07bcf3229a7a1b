package tds

import (
	"bytes"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustBig(s string) *big.Int {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return b
}

// roundTrip encodes v as type t (PLP or not) and decodes it back.
func roundTrip(t *testing.T, ti TypeInfo, v any) (any, []byte) {
	t.Helper()
	var enc []byte
	if ti.IsPLP() {
		var buf bytes.Buffer
		if _, err := writePLP(&buf, ti, v, nil); err != nil {
			t.Fatal(err)
		}
		enc = buf.Bytes()
	} else {
		var err error
		if enc, err = appendValue(nil, ti, v); err != nil {
			t.Fatal(err)
		}
	}
	r := &rd{b: enc}
	got, err := readValue(r, ti)
	if err != nil {
		t.Fatalf("decode %x: %v", enc, err)
	}
	if r.remaining() != 0 {
		t.Fatalf("%d bytes left", r.remaining())
	}
	return got, enc
}

func TestValueGolden(t *testing.T) {
	zone := time.FixedZone("", 90*60)
	tests := []struct {
		name string
		t    TypeInfo
		v    any
		hex  string
		want any // decoded value when it differs from v
	}{
		{"int", TypeInt(), int64(1), "04 01000000", nil},
		{"int null", TypeInt(), nil, "00", nil},
		{"tinyint", TypeTinyInt(), int64(255), "01 FF", nil},
		{"smallint", TypeSmallInt(), int64(-2), "02 FEFF", nil},
		{"bigint", TypeBigInt(), int64(-1), "08 FFFFFFFFFFFFFFFF", nil},
		{"bit", TypeBit(), true, "01 01", nil},
		{"real", TypeReal(), 1.5, "04 0000C03F", nil},
		{"float", TypeFloat(), 1.5, "08 000000000000F83F", nil},
		{"decimal(5,2)", TypeDecimal(5, 2), NewDecimal(-12345, 2), "05 00 39300000", nil},
		{"decimal rescale", TypeDecimal(5, 2), NewDecimal(1235, 3), "05 01 7C000000", NewDecimal(124, 2)},
		{"numeric(38,0)", TypeNumeric(38, 0), Decimal{Unscaled: mustBig("99999999999999999999999999999999999999")}, "11 01 FFFFFFFF3F228A097AC4865A a8 4c 3b 4b", nil},
		{"money", TypeMoney(), NewDecimal(10000, 4), "08 00000000 10270000", nil},
		{"money negative", TypeMoney(), NewDecimal(-1, 4), "08 FFFFFFFF FFFFFFFF", nil},
		{"smallmoney", TypeSmallMoney(), NewDecimal(-10000, 4), "04 F0D8FFFF", nil},
		{"varchar cp1252", TypeVarChar(10), "é€", "0200 E9 80", nil},
		{"varchar null", TypeVarChar(10), nil, "FFFF", nil},
		{"nvarchar", TypeNVarChar(10), "aé", "0400 6100 E900", nil},
		{"nvarchar surrogate", TypeNVarChar(10), "😀", "0400 3DD8 00DE", nil},
		{"nchar empty", TypeNChar(3), "", "0000", nil},
		{"varbinary", TypeVarBinary(4), []byte{1, 2}, "0200 0102", nil},
		{"binary", TypeBinary(2), []byte{1, 2}, "0200 0102", nil},
		{"guid", TypeUniqueIdentifier(), bytes.Repeat([]byte{7}, 16), "10 07070707070707070707070707070707", nil},
		{"date", TypeDate(), time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC), "03 010000", nil},
		{"date 1900", TypeDate(), time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), "03 5B950A", nil},
		{"time(0)", TypeTime(0), time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC), "03 010000", nil},
		{"time(7)", TypeTime(7), time.Date(1, 1, 1, 0, 0, 0, 100, time.UTC), "05 0100000000", nil},
		{"time(3) rounds", TypeTime(3), time.Date(1, 1, 1, 0, 0, 0, 1500000, time.UTC), "04 02000000", time.Date(1, 1, 1, 0, 0, 0, 2000000, time.UTC)},
		{"datetime", TypeDateTime(), time.Date(1900, 1, 2, 0, 0, 1, 0, time.UTC), "08 01000000 2C010000", nil},
		{"datetime before 1900", TypeDateTime(), time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), "08 FFFFFFFF 00000000", nil},
		{"smalldatetime", TypeSmallDateTime(), time.Date(1900, 1, 2, 0, 2, 0, 0, time.UTC), "04 0100 0200", nil},
		{"datetime2(7)", TypeDateTime2(7), time.Date(1, 1, 1, 0, 0, 0, 100, time.UTC), "08 0100000000 000000", nil},
		{"datetime2 carries", TypeDateTime2(0), time.Date(1, 1, 1, 23, 59, 59, 600000000, time.UTC), "06 000000 010000", time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"datetimeoffset", TypeDateTimeOffset(0), time.Date(1, 1, 1, 1, 30, 0, 0, zone), "08 000000 000000 5A00", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc := roundTrip(t, tt.t, tt.v)
			mustEqualHex(t, enc, tt.hex)
			want := tt.want
			if want == nil {
				want = tt.v
			}
			if !valueEqual(got, want) {
				t.Fatalf("decoded %T %v, want %T %v", got, got, want, want)
			}
		})
	}
}

func valueEqual(a, b any) bool {
	switch x := a.(type) {
	case Decimal:
		y, ok := b.(Decimal)
		return ok && x.String() == y.String()
	case time.Time:
		y, ok := b.(time.Time)
		_, ox := x.Zone()
		_, oy := y.Zone()
		return ok && x.Equal(y) && ox == oy
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	}
	return reflect.DeepEqual(a, b)
}

func TestValuePLP(t *testing.T) {
	tests := []struct {
		name string
		t    TypeInfo
		v    any
	}{
		{"nvarchar(max) null", TypeNVarChar(MaxLength), nil},
		{"nvarchar(max) empty", TypeNVarChar(MaxLength), ""},
		{"nvarchar(max) long", TypeNVarChar(MaxLength), strings.Repeat("日本😀", 30000)},
		{"varchar(max) long", TypeVarChar(MaxLength), strings.Repeat("é", 10001)},
		{"varbinary(max) long", TypeVarBinary(MaxLength), bytes.Repeat([]byte{1, 2, 3}, 5000)},
		{"varbinary(max) empty", TypeVarBinary(MaxLength), []byte{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := roundTrip(t, tt.t, tt.v)
			if !valueEqual(got, tt.v) {
				t.Fatalf("PLP round trip differs: %T", got)
			}
		})
	}
	t.Run("unknown length chunks", func(t *testing.T) {
		// go-mssqldb: an empty string parameter (tds-clients.md §1.8).
		r := &rd{b: unhex(t, "feffffffffffffff 00000000")}
		v, err := readValue(r, TypeNVarChar(MaxLength))
		if err != nil || v != "" {
			t.Fatalf("%v %v", v, err)
		}
		r = &rd{b: unhex(t, "feffffffffffffff 02000000 6100 02000000 6200 00000000")}
		if v, err := readValue(r, TypeNVarChar(MaxLength)); err != nil || v != "ab" {
			t.Fatalf("%v %v", v, err)
		}
	})
}

func TestValueEncodeErrors(t *testing.T) {
	tests := []struct {
		name string
		t    TypeInfo
		v    any
	}{
		{"tinyint overflow", TypeTinyInt(), int64(256)},
		{"int overflow", TypeInt(), int64(1 << 40)},
		{"string for int", TypeInt(), "1"},
		{"decimal precision", TypeDecimal(3, 0), NewDecimal(1000, 0)},
		{"varchar too long", TypeVarChar(2), "abc"},
		{"guid short", TypeUniqueIdentifier(), []byte{1}},
		{"datetime too early", TypeDateTime(), time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"smallmoney overflow", TypeSmallMoney(), NewDecimal(1<<40, 0)},
		{"fixed null", TypeInfo{ID: typeInt4, Length: 4}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := appendValue(nil, tt.t, tt.v); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestValueDecodeMalformed(t *testing.T) {
	tests := []struct {
		name string
		t    TypeInfo
		hex  string
	}{
		{"intn bad size", TypeInt(), "03 010203"},
		{"truncated", TypeBigInt(), "08 0102"},
		{"nvarchar truncated", TypeNVarChar(10), "0A00 6100"},
		{"plp length beyond", TypeNVarChar(MaxLength), "1000000000000000 10000000 00"},
		{"plp chunk beyond", TypeNVarChar(MaxLength), "feffffffffffffff ffffff7f 00"},
		{"plp mismatch", TypeNVarChar(MaxLength), "0400000000000000 02000000 6100 00000000"},
		{"plp no terminator", TypeNVarChar(MaxLength), "feffffffffffffff 02000000 6100"},
		{"decimal too long", TypeDecimal(38, 0), "12 01 000000000000000000000000000000000000"},
		{"date wrong size", TypeDate(), "02 0100"},
		{"guid wrong size", TypeUniqueIdentifier(), "04 01020304"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := readValue(&rd{b: unhex(t, tt.hex)}, tt.t); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// TestDecimalMinimalLength: FreeTDS declares a decimal parameter's TYPE_INFO
// length and sends its value with Sybase's minimal byte count for the
// precision (pyodbc's Decimal('9.99') is decimal(3,2) of length 3), where
// SQL Server's own lengths are 5, 9, 13 or 17; SQL Server accepts both.
func TestDecimalMinimalLength(t *testing.T) {
	tests := []struct {
		name, hex string // TYPE_INFO then the value
		want      string
	}{
		{"decimal(3,2) length 3", "6A 03 03 02 03 01 E703", "9.99"},
		{"decimal(4,2) negative length 3", "6A 03 04 02 03 00 E204", "-12.50"},
		{"numeric(6,0) length 4", "6C 04 06 00 04 01 A08601", "100000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &rd{b: unhex(t, tt.hex)}
			ti, err := readTypeInfo(r)
			if err != nil {
				t.Fatalf("type info: %v", err)
			}
			v, err := readValue(r, ti)
			if err != nil {
				t.Fatalf("value: %v", err)
			}
			if got := v.(Decimal).String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDecimalString(t *testing.T) {
	for in, want := range map[Decimal]string{
		NewDecimal(0, 0): "0", NewDecimal(-5, 3): "-0.005", NewDecimal(12345, 2): "123.45", {}: "0",
	} {
		if got := in.String(); got != want {
			t.Errorf("%v: got %q want %q", in.Unscaled, got, want)
		}
	}
	if d, ok := ParseDecimal("-12.50"); !ok || d.String() != "-12.50" {
		t.Fatalf("ParseDecimal: %v %v", d, ok)
	}
	for _, bad := range []string{"", "-", "1.2.3", "1e5", "--1", "1.-2"} {
		if _, ok := ParseDecimal(bad); ok {
			t.Errorf("ParseDecimal(%q) accepted", bad)
		}
	}
}
