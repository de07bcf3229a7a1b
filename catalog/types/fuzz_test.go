package types

import (
	"bytes"
	"testing"
)

// FuzzConvertString converts arbitrary text to every type: the result is a
// value or a *Error, never a panic; and text that converts to a date/time
// or number must print back to something that converts to the same value.
func FuzzConvertString(f *testing.F) {
	for _, s := range []string{"", "1", "-1.5", "1e3", "2024-01-31", "20240131 10:00", "01/31/2024 1:05PM",
		"Jan 31 2024", "10:00:00.1234567", "2024-01-31T10:00:00.123+05:30", "$1,234.56", "{6F9619FF-8B86-D011-B42D-00C04FC964FF}",
		"99999999999999999999999999999999999999", ".5", "true", "12:00AM", "2024-13-01", "0x1f"} {
		f.Add(s, 0)
		f.Add(s, 103)
	}
	f.Fuzz(func(t *testing.T, s string, style int) {
		for _, ty := range testTypes {
			for _, src := range []Value{vc(s), NewNVarChar(s)} {
				v, err := Convert(src, ty, style)
				if err != nil {
					if _, ok := err.(*Error); !ok {
						t.Fatalf("Convert(%q, %v): non-SQL error %T %v", s, ty, err, err)
					}
					continue
				}
				if ty.ID.IsString() || ty.ID.IsBinary() {
					continue
				}
				// Round trip through text (ISO style for dates).
				txt, err := Convert(v, VarCharType(MaxLength), 121)
				if err != nil {
					t.Fatalf("print %v: %v", v, err)
				}
				switch ty.ID {
				case Real, Float:
					txt, _ = Convert(v, VarCharType(MaxLength), 3)
				case Money, SmallMoney:
					txt, _ = Convert(v, VarCharType(MaxLength), 2)
				}
				back, err := Convert(txt, ty, 121)
				if err != nil {
					t.Fatalf("reparse %q as %v: %v", txt.Str(), ty, err)
				}
				if c, err := Compare(back, v, ty.Collation); err != nil || c != 0 {
					t.Fatalf("%q → %v → %q → %v", s, v, txt.Str(), back)
				}
			}
		}
	})
}

// FuzzKeyOrder derives two values of a type from fuzz input and checks
// that key order equals Compare order.
func FuzzKeyOrder(f *testing.F) {
	f.Add("abc", "ABC ", uint8(0))
	f.Add("a\x00b", "a", uint8(1))
	f.Add("1.5", "-1.25", uint8(2))
	f.Add("2024-01-01", "2023-12-31 23:59:59.9999999", uint8(3))
	f.Fuzz(func(t *testing.T, a, b string, k uint8) {
		ty := testTypes[int(k)%len(testTypes)]
		va, err1 := Convert(vc(a), ty, 0)
		vb, err2 := Convert(vc(b), ty, 0)
		if err1 != nil || err2 != nil {
			return
		}
		c, err := Compare(va, vb, ty.Collation)
		if err != nil {
			t.Fatal(err)
		}
		ka := EncodeKey(nil, []Value{va}, []Type{ty}, nil)
		kb := EncodeKey(nil, []Value{vb}, []Type{ty}, nil)
		if bytes.Compare(ka, kb) != sign(c) {
			t.Fatalf("%v: key order %d, Compare %d for %q, %q", ty, bytes.Compare(ka, kb), c, a, b)
		}
	})
}

// FuzzDecodeRowProjected: stored rows are decoded with and without a projection; any
// bytes give a row or an error, never a panic, and a projected decode agrees
// with the full decode on the columns it decodes.
func FuzzDecodeRowProjected(f *testing.F) {
	day, _ := NewDate(2020, 1, 2)
	for _, vals := range [][]Value{
		{NewBigInt(1), NewString(VarChar, "abc"), Null(Date)},
		{NewBigInt(-5), NewString(VarChar, ""), day},
	} {
		enc, err := EncodeRow(nil, vals, fuzzRowTypes)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc, uint8(5))
	}
	f.Fuzz(func(t *testing.T, b []byte, mask uint8) {
		need := []bool{mask&1 != 0, mask&2 != 0, mask&4 != 0}
		full, errFull := DecodeRow(b, fuzzRowTypes)
		part, err := DecodeRowProjected(make([]Value, 3), b, fuzzRowTypes, need)
		if errFull == nil && err != nil {
			t.Fatalf("full decode ok, projected failed: %v", err)
		}
		if errFull != nil || err != nil {
			return
		}
		for i := range need {
			if need[i] && full[i] != part[i] {
				t.Fatalf("column %d: projected %#v, full %#v", i, part[i], full[i])
			}
		}
	})
}

var fuzzRowTypes = []Type{TypeBigInt, VarCharType(20), TypeDate}
