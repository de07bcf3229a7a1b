package types

import (
	"errors"
	"math/rand/v2"
	"testing"
)

func TestRowRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 5000; i++ {
		vals := make([]Value, len(testTypes))
		for j, ty := range testTypes {
			vals[j] = genValue(r, ty)
		}
		enc, err := EncodeRow(nil, vals, testTypes)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeRow(enc, testTypes)
		if err != nil {
			t.Fatalf("DecodeRow: %v", err)
		}
		for j := range vals {
			if got[j] != vals[j] {
				t.Fatalf("column %d (%v): got %#v, want %#v", j, testTypes[j], got[j], vals[j])
			}
		}
	}
}

func TestRowErrors(t *testing.T) {
	types := []Type{TypeInt, VarCharType(10)}
	good, err := EncodeRow(nil, []Value{NewInt(7), vc("hello")}, types)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := EncodeRow(nil, []Value{vc("x"), vc("y")}, types); err == nil {
		t.Error("EncodeRow accepted a varchar value for an int column")
	}
	cases := []struct {
		name string
		src  []byte
	}{
		{"empty", nil},
		{"truncated", good[:len(good)-1]},
		{"trailing", append(append([]byte{}, good...), 0)},
		{"too many columns", []byte{3, 0}},
		{"bad bit", mustRow(t, []Value{NewBit(true)}, []Type{TypeBit}, func(b []byte) { b[len(b)-1] = 2 })},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ty := types
			if c.name == "bad bit" {
				ty = []Type{TypeBit}
			}
			if _, err := DecodeRow(c.src, ty); !errors.Is(err, ErrCorruptRow) {
				t.Errorf("got %v, want ErrCorruptRow", err)
			}
		})
	}
	// A short row (before ADD COLUMN) decodes with trailing NULLs.
	short, _ := EncodeRow(nil, []Value{NewInt(1)}, []Type{TypeInt})
	got, err := DecodeRow(short, types)
	if err != nil || got[0] != NewInt(1) || !got[1].IsNull() {
		t.Errorf("short row: %v, %v", got, err)
	}
}

func mustRow(t *testing.T, vals []Value, types []Type, mutate func([]byte)) []byte {
	t.Helper()
	b, err := EncodeRow(nil, vals, types)
	if err != nil {
		t.Fatal(err)
	}
	mutate(b)
	return b
}

func FuzzDecodeRow(f *testing.F) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 8; i++ {
		vals := make([]Value, len(testTypes))
		for j, ty := range testTypes {
			vals[j] = genValue(r, ty)
		}
		b, _ := EncodeRow(nil, vals, testTypes)
		f.Add(b)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		vals, err := DecodeRow(b, testTypes)
		if err != nil {
			return
		}
		// Whatever decodes must re-encode to the same bytes.
		enc, err := EncodeRow(nil, vals, testTypes)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if n := len(vals); n == len(testTypes) && string(enc) != string(b) && b[0] == byte(n) {
			t.Fatalf("re-encoding differs:\n%x\n%x", b, enc)
		}
	})
}

// TestDecodeRowProjected checks that a projected decode returns exactly the
// needed columns of a full decode and NULL for the others, for every type and
// for random subsets of columns.
func TestDecodeRowProjected(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	masks := []struct {
		name string
		need func(i int) bool
	}{
		{"none", func(int) bool { return false }},
		{"even", func(i int) bool { return i%2 == 0 }},
		{"odd", func(i int) bool { return i%2 == 1 }},
		{"random", func(int) bool { return r.IntN(2) == 0 }},
	}
	for _, m := range masks {
		t.Run(m.name, func(t *testing.T) {
			for i := 0; i < 1000; i++ {
				vals := make([]Value, len(testTypes))
				need := make([]bool, len(testTypes))
				for j, ty := range testTypes {
					vals[j] = genValue(r, ty)
					need[j] = m.need(j)
				}
				enc, err := EncodeRow(nil, vals, testTypes)
				if err != nil {
					t.Fatal(err)
				}
				got, err := DecodeRowProjected(make([]Value, len(testTypes)), enc, testTypes, need)
				if err != nil {
					t.Fatalf("DecodeRowProjected: %v", err)
				}
				for j := range vals {
					want := vals[j]
					if !need[j] {
						want = Null(testTypes[j].ID)
					}
					if got[j] != want {
						t.Fatalf("column %d (%v) need=%v: got %#v, want %#v", j, testTypes[j], need[j], got[j], want)
					}
				}
				// Every truncation is an error, never a panic, whatever is skipped.
				for cut := 0; cut < len(enc); cut++ {
					if _, err := DecodeRowProjected(make([]Value, len(testTypes)), enc[:cut], testTypes, need); err == nil {
						t.Fatalf("truncated at %d of %d: no error", cut, len(enc))
					}
				}
			}
		})
	}
}
