package types

import (
	"encoding/binary"
)

// Key encoding markers. A NULL sorts before every value, as in SQL Server
// ascending order; descending columns invert all their bytes, so NULLs
// come last there, again as SQL Server sorts.
const (
	keyNull    = 0x00
	keyNotNull = 0x01
	keyEscape  = 0xFF // 0x00 inside variable-length data becomes 0x00 0xFF
	keyEnd     = 0x01 // variable-length data ends with 0x00 0x01
)

// EncodeKey appends the order-preserving (memcomparable) encoding of an
// index key to dst: for keys a and b of the same column types,
// bytes.Compare(EncodeKey(a), EncodeKey(b)) has the sign of comparing the
// keys column by column with [Compare] under each column's collation
// (desc[i] reverses column i; desc may be nil). Strings are encoded by
// collation sort key with trailing spaces removed, so strings Compare
// treats as equal ('abc', 'ABC ' under a CI collation) have identical
// keys and a unique index rejects the second one.
//
// The same bytes serve as a hash/equality key for GROUP BY, DISTINCT,
// hash joins and UNION: values Compare treats as equal encode identically.
// Keys are not decodable; the row holds the values. vals[i] should have
// type types[i].ID (the executor converts first); a value of another type
// is converted, and one that cannot be converted is encoded as NULL (use
// [AppendKey] to get the error instead). EncodeKey never panics.
func EncodeKey(dst []byte, vals []Value, types []Type, desc []bool) []byte {
	dst, _ = appendKey(dst, vals, types, desc, false)
	return dst
}

// AppendKey is EncodeKey that reports conversion errors.
func AppendKey(dst []byte, vals []Value, types []Type, desc []bool) ([]byte, error) {
	return appendKey(dst, vals, types, desc, true)
}

func appendKey(dst []byte, vals []Value, types []Type, desc []bool, strict bool) ([]byte, error) {
	if dst == nil { // one allocation for a typical key instead of growing through several
		n := 2
		for _, v := range vals {
			n += 10 + 2*len(v.s)
		}
		dst = make([]byte, 0, n)
	}
	for i, v := range vals {
		var t Type
		if i < len(types) {
			t = types[i]
		} else {
			t = valueType(v)
		}
		start := len(dst)
		if v.ok && !sameKeyType(v, t) {
			c, err := Convert(v, t, 0)
			if err != nil {
				if strict {
					return dst, err
				}
				c = Value{}
			}
			v = c
		}
		dst = appendKeyValue(dst, v, t)
		if i < len(desc) && desc[i] {
			for j := start; j < len(dst); j++ {
				dst[j] = ^dst[j]
			}
		}
	}
	return dst, nil
}

// sameKeyType reports whether v can be key-encoded as column type t
// without conversion.
func sameKeyType(v Value, t Type) bool {
	switch {
	case v.id == t.ID:
		if t.ID.isDecimal() {
			return v.scale == t.Scale
		}
		return !t.ID.IsDateTime() || v.scale == t.Scale || t.ID == DateTime || t.ID == SmallDateTime || t.ID == Date
	case classOf(v.id) == classString && classOf(t.ID) == classString:
		return true
	case classOf(v.id) == classBinary && classOf(t.ID) == classBinary:
		return true
	case v.id.isDecimal() && t.ID.isDecimal():
		return v.scale == t.Scale
	}
	return false
}

func appendKeyValue(dst []byte, v Value, t Type) []byte {
	if !v.ok {
		return append(dst, keyNull)
	}
	dst = append(dst, keyNotNull)
	switch v.id {
	case Bit, TinyInt:
		return append(dst, byte(v.i))
	case SmallInt:
		return binary.BigEndian.AppendUint16(dst, uint16(v.i)^0x8000)
	case Int, SmallMoney:
		return binary.BigEndian.AppendUint32(dst, uint32(v.i)^0x8000_0000)
	case BigInt, Money:
		return binary.BigEndian.AppendUint64(dst, uint64(v.i)^(1<<63))
	case Real, Float:
		b := uint64(v.i)
		if b&(1<<63) != 0 {
			b = ^b
		} else {
			b ^= 1 << 63
		}
		return binary.BigEndian.AppendUint64(dst, b)
	case Decimal, Numeric:
		hi, lo := v.hi, uint64(v.i)
		if v.neg { // two's complement of the 128-bit magnitude
			hi, lo = ^hi, ^lo
			lo++
			if lo == 0 {
				hi++
			}
		}
		if t.Precision != 0 && t.Precision <= 18 {
			return binary.BigEndian.AppendUint64(dst, lo^(1<<63))
		}
		dst = binary.BigEndian.AppendUint64(dst, hi^(1<<63))
		return binary.BigEndian.AppendUint64(dst, lo)
	case Char, VarChar, NChar, NVarChar:
		return appendEscapedCollationKey(dst, v.s, t.Collation)
	case Binary, VarBinary:
		return appendEscaped(dst, trimTrailingZeros(v.s)) // 0x01 = 0x0100
	case UniqueIdentifier:
		k := guidKey(v.s)
		return append(dst, k[:]...)
	case Date:
		return appendUint24(dst, uint32(v.i))
	case Time:
		return appendUint40(dst, uint64(v.i))
	case DateTime2, DateTimeOffset:
		dst = appendUint24(dst, uint32(v.hi))
		return appendUint40(dst, uint64(v.i))
	case DateTime:
		dst = appendUint24(dst, uint32(v.hi))
		return binary.BigEndian.AppendUint32(dst, uint32(v.i))
	case SmallDateTime:
		dst = appendUint24(dst, uint32(v.hi))
		return binary.BigEndian.AppendUint16(dst, uint16(v.i))
	}
	return dst
}

// appendEscaped appends b with 0x00 escaped and the terminator, keeping
// prefix order ("ab" < "abc") and making the field self-delimiting.
func appendEscaped[T string | []byte](dst []byte, b T) []byte {
	for i := 0; i < len(b); i++ {
		dst = appendEscapedByte(dst, b[i])
	}
	return append(dst, 0, keyEnd)
}

func appendEscapedByte(dst []byte, c byte) []byte {
	if c == 0 {
		return append(dst, 0, keyEscape)
	}
	return append(dst, c)
}

func appendUint24(dst []byte, x uint32) []byte {
	return append(dst, byte(x>>16), byte(x>>8), byte(x))
}

func appendUint40(dst []byte, x uint64) []byte {
	return append(dst, byte(x>>32), byte(x>>24), byte(x>>16), byte(x>>8), byte(x))
}
