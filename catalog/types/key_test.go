package types

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// TestKeyOrderMatchesCompare checks, for random pairs of values of every
// type, that the key byte order equals Compare's order, ascending and
// descending.
func TestKeyOrderMatchesCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, ty := range testTypes {
		t.Run(ty.String()+"/"+ty.Collation.Name(), func(t *testing.T) {
			for i := 0; i < 3000; i++ {
				a, b := genValue(r, ty), genValue(r, ty)
				want, err := Compare(a, b, ty.Collation)
				if err != nil {
					t.Fatalf("Compare(%v, %v): %v", a, b, err)
				}
				ka := EncodeKey(nil, []Value{a}, []Type{ty}, nil)
				kb := EncodeKey(nil, []Value{b}, []Type{ty}, nil)
				if got := bytes.Compare(ka, kb); got != sign(want) {
					t.Fatalf("key order %d, Compare %d for %q vs %q (keys %x, %x)", got, want, a.String(), b.String(), ka, kb)
				}
				da := EncodeKey(nil, []Value{a}, []Type{ty}, []bool{true})
				db := EncodeKey(nil, []Value{b}, []Type{ty}, []bool{true})
				if got := bytes.Compare(da, db); got != -sign(want) {
					t.Fatalf("desc key order %d, Compare %d for %v vs %v", got, want, a, b)
				}
			}
		})
	}
}

// TestCompositeKeyOrder checks that a multi-column key orders by the first
// column, then the second (variable-length fields must be self-delimiting).
func TestCompositeKeyOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	types := []Type{VarCharType(10), TypeInt, {ID: VarBinary, Length: 10}, DecimalType(20, 2)}
	desc := []bool{false, true, false, false}
	for i := 0; i < 20000; i++ {
		a, b := make([]Value, len(types)), make([]Value, len(types))
		for j, ty := range types {
			a[j], b[j] = genValue(r, ty), genValue(r, ty)
		}
		want := 0
		for j := range types {
			c, _ := Compare(a[j], b[j], types[j].Collation)
			if desc[j] {
				c = -c
			}
			if c != 0 {
				want = sign(c)
				break
			}
		}
		got := bytes.Compare(EncodeKey(nil, a, types, desc), EncodeKey(nil, b, types, desc))
		if got != want {
			t.Fatalf("composite key order %d, want %d for %v vs %v", got, want, a, b)
		}
	}
}

func TestKeyGolden(t *testing.T) {
	ci := VarCharType(10)
	k := func(v Value, ty Type) []byte { return EncodeKey(nil, []Value{v}, []Type{ty}, nil) }
	cases := []struct {
		name  string
		a, b  Value
		ty    Type
		order int
	}{
		{"CI equal keys", vc("abc"), vc("ABC"), ci, 0},
		{"trailing spaces", vc("abc"), vc("abc   "), ci, 0},
		{"accent sensitive", vc("a"), vc("á"), ci, -1},
		{"CS lower first", vc("a"), vc("A"), VarCharType(10), 0},
		{"CS differs", vc("a"), vc("A"), Type{ID: VarChar, Length: 10, Collation: Latin1GeneralCSAS}, -1},
		{"BIN2 upper first", vc("a"), vc("A"), Type{ID: VarChar, Length: 10, Collation: Latin1GeneralBIN2}, 1},
		{"prefix", vc("ab"), vc("abc"), ci, -1},
		{"null first", Null(VarChar), vc(""), ci, -1},
		{"negative ints", NewInt(-5), NewInt(3), TypeInt, -1},
		{"negative floats", NewFloat(-5.5), NewFloat(-1), TypeFloat, -1},
		{"decimal", MustDecimal("-1.5"), MustDecimal("-1.25"), DecimalType(3, 2), -1},
		{"int column from string", vc("10"), NewInt(9), TypeInt, 1},
		// GUID: bytes 10-15 dominate 0-3.
		{"guid order", mustGUID(t, "FFFFFFFF-FFFF-FFFF-FFFF-000000000000"), mustGUID(t, "00000000-0000-0000-0000-000000000001"), TypeUUID, -1},
		{"guid group 8-9 before 6-7", mustGUID(t, "00000000-0000-FFFF-0000-000000000000"), mustGUID(t, "00000000-0000-0000-0001-000000000000"), TypeUUID, -1},
		// Within group 6-7, storage byte 6 (low byte of the third group) comes first.
		{"guid group 6-7 little-endian", mustGUID(t, "00000000-0000-0100-0000-000000000000"), mustGUID(t, "00000000-0000-0001-0000-000000000000"), TypeUUID, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := bytes.Compare(k(c.a, c.ty), k(c.b, c.ty)); got != c.order {
				t.Errorf("key order %d, want %d", got, c.order)
			}
			if cmp, err := Compare(c.a, c.b, c.ty.Collation); err != nil || sign(cmp) != c.order && c.name != "int column from string" {
				t.Errorf("Compare = %d, %v, want %d", cmp, err, c.order)
			}
		})
	}
}

func mustGUID(t *testing.T, s string) Value {
	t.Helper()
	return mustConvert(t, vc(s), TypeUUID, 0)
}
