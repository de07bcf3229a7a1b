package types

import (
	"math/rand/v2"
	"testing"
	"unsafe"
)

func TestCompareGolden(t *testing.T) {
	dto := func(s string) Value { return mustConvertNT(vc(s), Type{ID: DateTimeOffset, Scale: 7}) }
	cases := []struct {
		name string
		a, b Value
		op   CompareOp
		coll Collation
		want Bool3
		err  int32
	}{
		{"CI equal", vc("abc"), vc("ABC"), OpEQ, DefaultCollation, True, 0},
		{"accent sensitive", vc("a"), vc("á"), OpEQ, DefaultCollation, False, 0},
		{"AI equal", vc("a"), vc("á"), OpEQ, Latin1GeneralCIAI, True, 0},
		{"CS differs", vc("abc"), vc("ABC"), OpEQ, Latin1GeneralCSAS, False, 0},
		{"CS SQL collation", vc("abc"), vc("ABC"), OpEQ, SQLLatin1GeneralCP1CSAS, False, 0},
		{"BIN", vc("abc"), vc("ABC"), OpGT, Latin1GeneralBIN, True, 0},
		{"trailing spaces", vc("a"), vc("a  "), OpEQ, DefaultCollation, True, 0},
		{"trailing spaces BIN2", vc("a"), vc("a  "), OpEQ, Latin1GeneralBIN2, True, 0},
		{"leading spaces matter", vc(" a"), vc("a"), OpEQ, DefaultCollation, False, 0},
		{"varchar vs nvarchar", vc("abc"), NewNVarChar("ABC"), OpEQ, DefaultCollation, True, 0},
		{"null unknown", Null(Int), NewInt(1), OpEQ, DefaultCollation, Unknown3, 0},
		{"null = null unknown", Null(Int), Null(Int), OpEQ, DefaultCollation, Unknown3, 0},
		{"int vs decimal", NewInt(1), MustDecimal("1.0"), OpEQ, DefaultCollation, True, 0},
		{"int vs decimal lt", NewInt(1), MustDecimal("1.5"), OpLT, DefaultCollation, True, 0},
		{"int vs float", NewInt(2), NewFloat(1.5), OpGT, DefaultCollation, True, 0},
		{"int vs string", NewInt(10), vc("9"), OpGT, DefaultCollation, True, 0},
		{"int vs bad string", NewInt(10), vc("x"), OpEQ, DefaultCollation, Unknown3, 245},
		{"decimal vs string", MustDecimal("1.5"), vc("1.5"), OpEQ, DefaultCollation, True, 0},
		{"decimal scales", MustDecimal("1.50"), MustDecimal("1.5"), OpEQ, DefaultCollation, True, 0},
		{"money vs int", NewMoney(20000), NewInt(2), OpEQ, DefaultCollation, True, 0},
		{"datetime vs string", mustDT("2024-01-31"), vc("2024-01-31"), OpEQ, DefaultCollation, True, 0},
		{"datetime vs datetime2", mustDT("2024-01-31 10:00:00.003"), mustConvertNT(vc("2024-01-31 10:00:00.003"), Type{ID: DateTime2, Scale: 3}), OpLT, DefaultCollation, False, 0},
		{"dto same instant", dto("2024-01-31 10:00:00 +01:00"), dto("2024-01-31 09:00:00 +00:00"), OpEQ, DefaultCollation, True, 0},
		{"dto order by UTC", dto("2024-01-31 10:00:00 +05:00"), dto("2024-01-31 09:00:00 +00:00"), OpLT, DefaultCollation, True, 0},
		{"guid vs int", NewUUID([16]byte{}), NewInt(1), OpEQ, DefaultCollation, Unknown3, 206},
		{"date vs int", mustConvertNT(vc("2024-01-01"), TypeDate), NewInt(1), OpEQ, DefaultCollation, Unknown3, 206},
		{"binary trailing zeros", NewVarBinary([]byte{1}), NewVarBinary([]byte{1, 0, 0}), OpEQ, DefaultCollation, True, 0},
		{"binary empty vs zero", NewVarBinary(nil), NewVarBinary([]byte{0}), OpEQ, DefaultCollation, True, 0},
		{"binary order", NewVarBinary([]byte{1}), NewVarBinary([]byte{1, 1}), OpLT, DefaultCollation, True, 0},
		{"bit vs int", NewBit(true), NewInt(1), OpEQ, DefaultCollation, True, 0},
		{"ne", NewInt(1), NewInt(2), OpNE, DefaultCollation, True, 0},
		{"le", NewInt(2), NewInt(2), OpLE, DefaultCollation, True, 0},
		{"ge", NewInt(1), NewInt(2), OpGE, DefaultCollation, False, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := CompareBool3(c.a, c.b, c.op, c.coll)
			if c.err != 0 {
				wantErr(t, err, c.err, "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestBool3(t *testing.T) {
	vals := []Bool3{True, False, Unknown3}
	and := [3][3]Bool3{{True, False, Unknown3}, {False, False, False}, {Unknown3, False, Unknown3}}
	or := [3][3]Bool3{{True, True, True}, {True, False, Unknown3}, {True, Unknown3, Unknown3}}
	for i, a := range vals {
		for j, b := range vals {
			if got := a.And(b); got != and[i][j] {
				t.Errorf("%v AND %v = %v, want %v", a, b, got, and[i][j])
			}
			if got := a.Or(b); got != or[i][j] {
				t.Errorf("%v OR %v = %v, want %v", a, b, got, or[i][j])
			}
		}
	}
	if True.Not() != False || Unknown3.Not() != Unknown3 {
		t.Error("NOT is wrong")
	}
}

func TestLookupCollation(t *testing.T) {
	c, err := LookupCollation("latin1_general_cs_as")
	if err != nil || c != Latin1GeneralCSAS || c.Name() != "Latin1_General_CS_AS" {
		t.Errorf("got %v, %v", c, err)
	}
	_, err = LookupCollation("Klingon_CI_AS")
	wantErr(t, err, 448, "Invalid collation 'Klingon_CI_AS'.")
}

func TestCheckFits(t *testing.T) {
	ty := VarCharType(5)
	if err := CheckFits(vc("abcde   "), ty, "db.dbo.t", "c"); err != nil {
		t.Errorf("trailing spaces should fit: %v", err)
	}
	err := CheckFits(vc("abcdefgh"), ty, "db.dbo.t", "c")
	wantErr(t, err, 2628, "String or binary data would be truncated in table 'db.dbo.t', column 'c'. Truncated value: 'abcde'.")
	if err := CheckFits(vc("abcdefgh"), VarCharType(MaxLength), "t", "c"); err != nil {
		t.Error(err)
	}
}

// TestASCIIFastPath checks the printable-ASCII comparison shortcut against
// the x/text collator it replaces.
func TestASCIIFastPath(t *testing.T) {
	for _, coll := range []Collation{SQLLatin1GeneralCP1CIAS, Latin1GeneralCIAI, SQLLatin1GeneralCP1CIAI} {
		r := rand.New(rand.NewPCG(9, 9))
		alpha := "aAbBzZ09 -_.,'!~@{}[]^`"
		info := coll.info()
		c := info.pool.Get().(*collator)
		for i := 0; i < 50000; i++ {
			gen := func() string {
				b := make([]byte, r.IntN(6))
				for j := range b {
					if r.IntN(10) == 0 {
						b[j] = byte(0x20 + r.IntN(95))
					} else {
						b[j] = alpha[r.IntN(len(alpha))]
					}
				}
				return trimTrailingSpaces(string(b))
			}
			a, b := gen(), gen()
			got, ok := compareASCIIFast(a, b, info)
			if !ok {
				t.Fatalf("%v: fast path refused %q, %q", coll, a, b)
			}
			if want := c.c.CompareString(a, b); got != want {
				t.Fatalf("%v: fast %q vs %q = %d, collator %d", coll, a, b, got, want)
			}
		}
		info.pool.Put(c)
	}
}

// TestASCIIKeyFastPath checks the printable-ASCII sort-key shortcut against
// x/text's own keys.
func TestASCIIKeyFastPath(t *testing.T) {
	if !asciiKeyOK {
		t.Fatal("x/text key layout changed; ASCII key shortcut disabled")
	}
	r := rand.New(rand.NewPCG(10, 10))
	info := DefaultCollation.info()
	c := info.pool.Get().(*collator)
	defer info.pool.Put(c)
	for i := 0; i < 20000; i++ {
		b := make([]byte, r.IntN(8))
		for j := range b {
			b[j] = byte(0x20 + r.IntN(95))
		}
		s := trimTrailingSpaces(string(b))
		got, ok := appendASCIIKey(nil, s)
		c.buf.Reset()
		want := c.c.KeyFromString(&c.buf, s)
		if !ok || string(got) != string(want) {
			t.Fatalf("key(%q) = % x, x/text % x", s, got, want)
		}
	}
}

// TestConcurrentCollation exercises the pooled collators from several
// goroutines (run with -race).
func TestConcurrentCollation(t *testing.T) {
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			ok := true
			for i := 0; i < 500; i++ {
				ok = ok && CompareStrings("Ärger", "ärger", DefaultCollation) == 0
				ok = ok && CompareStrings("über", "uber", DefaultCollation) != 0
				ok = ok && len(AppendCollationKey(nil, "straße", Latin1GeneralCSAS)) > 0
			}
			done <- ok
		}()
	}
	for g := 0; g < 4; g++ {
		if !<-done {
			t.Error("concurrent comparison gave a wrong answer")
		}
	}
}

func TestCompareWithDateFormat(t *testing.T) {
	d := mustConvertNT(vc("2024-01-31"), TypeDate)
	if _, err := Compare(d, vc("31/01/2024"), DefaultCollation); err == nil {
		t.Error("'31/01/2024' compared as a date under DATEFORMAT mdy")
	}
	got, err := CompareBool3With(d, vc("31/01/2024"), OpEQ, DefaultCollation, ConvertOptions{DateFormat: DateFormatDMY})
	if err != nil || got != True {
		t.Errorf("dmy comparison = %v, %v", got, err)
	}
}

func TestValueSize(t *testing.T) {
	if n := unsafe.Sizeof(Value{}); n > 40 {
		t.Errorf("Value is %d bytes; keep it at most 40", n)
	}
}
