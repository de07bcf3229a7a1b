package types

import (
	"math/rand/v2"
	"testing"
)

// TestDecodeKeyValue: a composite key of every test type, ascending and
// descending, reads back column by column — each decodable column as the
// value itself, every other one skipped to the exact byte where the next
// column starts — and truncated keys are refused, never a panic.
func TestDecodeKeyValue(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 3000; i++ {
		n := 1 + r.IntN(4)
		typs := make([]Type, n)
		vals := make([]Value, n)
		desc := make([]bool, n)
		for j := range typs {
			typs[j] = testTypes[r.IntN(len(testTypes))]
			vals[j] = genValue(r, typs[j])
			desc[j] = r.IntN(2) == 0
		}
		key := EncodeKey(nil, vals, typs, desc)
		rest := key
		for j, ty := range typs {
			v, used, ok := DecodeKeyValue(rest, ty, desc[j])
			if !ok {
				t.Fatalf("%v of %v (desc %v): column %d not read from %x", vals, typs, desc, j, key)
			}
			rest = rest[used:]
			if !KeyDecodable(ty) && !vals[j].IsNull() {
				continue
			}
			if v.IsNull() != vals[j].IsNull() || v.TypeID() != vals[j].TypeID() || v.String() != vals[j].String() {
				t.Fatalf("column %d of type %v: %v read back as %v", j, ty, vals[j], v)
			}
		}
		if len(rest) != 0 {
			t.Fatalf("%v of %v: %d bytes left over", vals, typs, len(rest))
		}
		for cut := 0; cut < len(key); cut++ {
			DecodeKeyValue(key[:cut], typs[0], desc[0]) // must not panic
		}
		if _, _, ok := DecodeKeyValue(key[:len(key)-1], typs[len(typs)-1], desc[len(typs)-1]); ok && n == 1 {
			t.Fatalf("%v of %v: a truncated key read as whole", vals, typs)
		}
	}
}
