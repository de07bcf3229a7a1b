package types

import (
	"math/rand/v2"
	"testing"
)

// randomRowValue returns a random value (or NULL, one time in four) of t.
func randomRowValue(r *rand.Rand, t Type) Value {
	if r.IntN(4) == 0 {
		return Null(t.ID)
	}
	switch t.ID {
	case TinyInt:
		return NewTinyInt(uint8(r.Uint32()))
	case SmallInt:
		return NewSmallInt(int16(r.Uint32()))
	case Int:
		return NewInt(int32(r.Uint32()))
	case BigInt:
		return NewBigInt(int64(r.Uint64()))
	case Bit:
		return NewBit(r.IntN(2) == 0)
	case Decimal:
		v, err := Convert(MustDecimal([]string{"-12.5", "99999.125", "0"}[r.IntN(3)]), t, 0)
		if err != nil {
			panic(err)
		}
		return v
	case VarChar, NVarChar:
		return NewString(t.ID, []string{"", "a", "Row", "ÄbC", "a longer string value"}[r.IntN(5)])
	case Date:
		v, _ := NewDate(2000+r.IntN(50), 1+r.IntN(12), 1+r.IntN(28))
		return v
	case Float:
		return NewFloat(r.Float64()*2000 - 1000)
	}
	panic("no random value for " + t.ID.Name())
}

func TestRowLayoutInt(t *testing.T) {
	schemas := map[string][]Type{
		"fixed ints":         {TypeInt, TypeInt, TypeInt, VarCharType(20)},
		"all widths":         {TypeTinyInt, TypeSmallInt, TypeInt, TypeBigInt, TypeBit, TypeFloat, TypeDate, TypeBigInt},
		"var before":         {VarCharType(20), TypeInt, DecimalType(10, 3), TypeSmallInt, NVarCharType(10), TypeBigInt},
		"more than 8 cols":   {TypeInt, TypeBit, TypeInt, TypeInt, TypeTinyInt, TypeInt, TypeInt, TypeSmallInt, TypeInt, VarCharType(5), TypeBigInt},
		"decimal and string": {DecimalType(18, 2), VarCharType(20), TypeInt},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for name, typs := range schemas {
		t.Run(name, func(t *testing.T) {
			l := NewRowLayout(typs)
			for range 2000 {
				vals := make([]Value, len(typs))
				for i, ty := range typs {
					vals[i] = randomRowValue(r, ty)
				}
				// Rows written before ADD COLUMN have fewer columns.
				nenc := len(typs)
				if r.IntN(5) == 0 {
					nenc = r.IntN(len(typs) + 1)
				}
				enc, err := EncodeRow(nil, vals[:nenc], typs[:nenc])
				if err != nil {
					t.Fatal(err)
				}
				want, err := DecodeRow(enc, typs)
				if err != nil {
					t.Fatal(err)
				}
				for col, ty := range typs {
					x, null, ok := l.Int(enc, col)
					isInt := ty.ID == TinyInt || ty.ID == SmallInt || ty.ID == Int || ty.ID == BigInt
					if ok != isInt {
						t.Fatalf("col %d (%s): ok = %v", col, ty.ID.Name(), ok)
					}
					if !ok {
						continue
					}
					if null != want[col].IsNull() || (!null && x != want[col].Int64()) {
						t.Fatalf("col %d of %v: Int = %d, %v; DecodeRow %v", col, vals[:nenc], x, null, want[col])
					}
				}
			}
		})
	}
	t.Run("malformed", func(t *testing.T) {
		typs := schemas["var before"]
		l := NewRowLayout(typs)
		enc, err := EncodeRow(nil, []Value{NewString(VarChar, "abc"), NewInt(5), Null(Decimal), NewSmallInt(-3), NewString(NVarChar, "x"), NewBigInt(9)}, typs)
		if err != nil {
			t.Fatal(err)
		}
		// Nothing readable: no column count, a count above the table's, no
		// bitmap, a payload too short for the value.
		for _, bad := range [][]byte{nil, {}, {0x80}, {0xff, 0xff}, {7}, {6}, {6, 0}, enc[:6], append([]byte{9}, enc[1:]...)} {
			for col := -1; col <= len(typs); col++ {
				if x, null, ok := l.Int(bad, col); ok && !null {
					t.Errorf("Int(%x, %d) = %d, ok on a malformed row", bad, col, x)
				}
			}
		}
		// A row cut short: the columns before the cut still read, the
		// others do not, and nothing panics.
		cut := enc[:len(enc)-3]
		if x, _, ok := l.Int(cut, 3); !ok || x != -3 {
			t.Errorf("Int(cut, 3) = %d, %v; want -3", x, ok)
		}
		if _, _, ok := l.Int(cut, 5); ok {
			t.Errorf("Int(cut, 5) ok past the cut")
		}
	})
}

// FuzzRowLayoutInt checks that RowLayout.Int never panics and agrees with
// DecodeRow whenever both succeed.
func FuzzRowLayoutInt(f *testing.F) {
	typs := []Type{VarCharType(20), TypeInt, TypeSmallInt, DecimalType(10, 2), TypeBigInt, TypeTinyInt}
	enc, err := EncodeRow(nil, []Value{NewString(VarChar, "ab"), NewInt(-7), Null(SmallInt), Null(Decimal), NewBigInt(1 << 40), NewTinyInt(200)}, typs)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(enc)
	l := NewRowLayout(typs)
	f.Fuzz(func(t *testing.T, b []byte) {
		full, errFull := DecodeRow(b, typs)
		for col := range typs {
			x, null, ok := l.Int(b, col)
			if errFull != nil || !ok {
				continue
			}
			if null != full[col].IsNull() || (!null && x != full[col].Int64()) {
				t.Fatalf("col %d: Int = %d, %v; DecodeRow %v", col, x, null, full[col])
			}
		}
	})
}
