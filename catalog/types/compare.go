package types

import (
	"bytes"
	"strings"

	"github.com/cockroachdb/apd/v3"
)

// Bool3 is SQL's three-valued logic result.
type Bool3 int8

// Three-valued truth values.
const (
	False    Bool3 = 0
	True     Bool3 = 1
	Unknown3 Bool3 = -1
)

// IsTrue reports True (WHERE keeps a row only then).
func (b Bool3) IsTrue() bool { return b == True }

// Not is three-valued NOT.
func (b Bool3) Not() Bool3 {
	if b == Unknown3 {
		return b
	}
	return 1 - b
}

// And is three-valued AND.
func (b Bool3) And(c Bool3) Bool3 {
	if b == False || c == False {
		return False
	}
	if b == Unknown3 || c == Unknown3 {
		return Unknown3
	}
	return True
}

// Or is three-valued OR.
func (b Bool3) Or(c Bool3) Bool3 {
	if b == True || c == True {
		return True
	}
	if b == Unknown3 || c == Unknown3 {
		return Unknown3
	}
	return False
}

// String prints TRUE, FALSE or UNKNOWN.
func (b Bool3) String() string {
	switch b {
	case True:
		return "TRUE"
	case False:
		return "FALSE"
	}
	return "UNKNOWN"
}

// CompareOp is a comparison operator.
type CompareOp uint8

// Comparison operators.
const (
	OpEQ CompareOp = iota // =
	OpNE                  // <> and !=
	OpLT                  // <
	OpLE                  // <=
	OpGT                  // >
	OpGE                  // >=
)

// CompareBool3 evaluates a op b in three-valued logic: Unknown3 if either
// side is NULL; otherwise as [Compare].
func CompareBool3(a, b Value, op CompareOp, coll Collation) (Bool3, error) {
	return CompareBool3With(a, b, op, coll, ConvertOptions{})
}

// CompareBool3With is CompareBool3 under explicit session settings (SET
// DATEFORMAT applies when a string is compared with a date).
func CompareBool3With(a, b Value, op CompareOp, coll Collation, o ConvertOptions) (Bool3, error) {
	if !a.ok || !b.ok {
		return Unknown3, nil
	}
	c, err := CompareWith(a, b, coll, o)
	if err != nil {
		return Unknown3, err
	}
	var r bool
	switch op {
	case OpEQ:
		r = c == 0
	case OpNE:
		r = c != 0
	case OpLT:
		r = c < 0
	case OpLE:
		r = c <= 0
	case OpGT:
		r = c > 0
	case OpGE:
		r = c >= 0
	}
	if r {
		return True, nil
	}
	return False, nil
}

// Compare orders two values as SQL Server does and returns -1, 0 or +1.
// Values of different types are first converted to the type of higher
// precedence (so comparing int with varchar converts the string, and may
// fail with 245); types that cannot be compared give 206 or 402. Strings
// compare under coll ignoring trailing spaces; datetimeoffset values
// compare as UTC instants; uniqueidentifiers in SQL Server's byte order
// (bytes 10-15, 8-9, 6-7, 4-5, 0-3 of the storage form).
//
// NULL sorts before every value (NULL = NULL here; use [CompareBool3] for
// predicates). Compare of two ints, floats or same-scale decimals does not
// allocate.
func Compare(a, b Value, coll Collation) (int, error) {
	return CompareWith(a, b, coll, ConvertOptions{})
}

// CompareWith is Compare under explicit session settings.
func CompareWith(a, b Value, coll Collation, o ConvertOptions) (int, error) {
	if !a.ok || !b.ok {
		switch {
		case !a.ok && !b.ok:
			return 0, nil
		case !a.ok:
			return -1, nil
		}
		return 1, nil
	}
	if a.id != b.id {
		// Fast paths within a family.
		ca, cb := classOf(a.id), classOf(b.id)
		switch {
		case ca == classInt && cb == classInt:
			return cmpInt(a.i, b.i), nil
		case ca == classString && cb == classString:
			return CompareStrings(a.s, b.s, coll), nil
		case ca == classBinary && cb == classBinary:
			return compareBinary(a.s, b.s), nil
		}
		var err error
		a, b, err = unify(a, b, o)
		if err != nil {
			return 0, err
		}
	}
	return compareSame(a, b, coll), nil
}

// unify converts a and b to their common type for comparison or
// arithmetic: the one of lower precedence is converted to the other's type
// (a string compared with decimal(p,s) becomes decimal(p,s); an integer or
// money operand becomes its own decimal type).
func unify(a, b Value, o ConvertOptions) (Value, Value, error) {
	if a.id.Precedence() >= b.id.Precedence() {
		cb, err := convertTo(b, a, o)
		return a, cb, err
	}
	ca, err := convertTo(a, b, o)
	return ca, b, err
}

// convertTo implicitly converts v to the type of like.
func convertTo(v, like Value, o ConvertOptions) (Value, error) {
	if !CanConvertImplicit(v.id, like.id) {
		return v, clashError(v.id, like.id)
	}
	t := Type{ID: like.id, Precision: like.prec, Scale: like.scale, Length: MaxLength}
	if like.id.isDecimal() && !v.id.IsString() {
		t = valueDecimalType(v)
		if t.Precision == 0 {
			t = Type{ID: like.id, Precision: like.prec, Scale: like.scale}
		}
	}
	return ConvertWith(v, t, 0, o)
}

func clashError(from, to TypeID) error {
	if CanConvertExplicit(from, to) {
		return errImplicit(from, to)
	}
	return errOperandClash(from, to)
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareSame compares two non-NULL values of the same type.
func compareSame(a, b Value, coll Collation) int {
	switch classOf(a.id) {
	case classInt, classMoney, classDate, classTime:
		return cmpInt(a.i, b.i)
	case classFloat:
		x, y := a.Float64(), b.Float64()
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case classDecimal:
		return compareDecimal(a, b)
	case classString:
		return CompareStrings(a.s, b.s, coll)
	case classBinary:
		return compareBinary(a.s, b.s)
	case classGUID:
		ka, kb := guidKey(a.s), guidKey(b.s)
		return bytes.Compare(ka[:], kb[:])
	case classDateTime, classDT2:
		da, ta := a.utcParts()
		db, tb := b.utcParts()
		if c := cmpInt(da, db); c != 0 {
			return c
		}
		return cmpInt(ta, tb)
	}
	return 0
}

// compareBinary compares binary values as SQL Server does: byte by byte,
// the shorter one padded with 0x00, so trailing zero bytes do not matter
// (0x01 = 0x0100).
func compareBinary(a, b string) int {
	return strings.Compare(trimTrailingZeros(a), trimTrailingZeros(b))
}

func trimTrailingZeros(s string) string {
	i := len(s)
	for i > 0 && s[i-1] == 0 {
		i--
	}
	return s[:i]
}

// compareDecimal compares two decimals (any scales) exactly.
func compareDecimal(a, b Value) int {
	if a.neg != b.neg {
		if a.neg {
			return -1
		}
		return 1
	}
	if a.scale == b.scale {
		c := cmpU128(a.hi, uint64(a.i), b.hi, uint64(b.i))
		if a.neg {
			return -c
		}
		return c
	}
	var x, y apd.Decimal
	a.toApd(&x)
	b.toApd(&y)
	return x.Cmp(&y)
}

func cmpU128(ahi, alo, bhi, blo uint64) int {
	switch {
	case ahi < bhi:
		return -1
	case ahi > bhi:
		return 1
	case alo < blo:
		return -1
	case alo > blo:
		return 1
	}
	return 0
}

// guidKey reorders a uniqueidentifier (RFC order) so that byte order is
// SQL Server's comparison order: storage bytes 10..15, 8, 9, 6, 7, 4, 5,
// 0..3 (System.Data.SqlTypes.SqlGuid), where storage has the first three
// groups little-endian.
func guidKey(rfc string) [16]byte {
	st := guidStorageBytes(rfc)
	var k [16]byte
	for i, j := range [16]int{10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3} {
		k[i] = st[j]
	}
	return k
}
