package types

// Reading keys back. Most key encodings lose nothing — an int's key is its
// bits with the sign flipped — so a covering nonclustered read (the
// executor's engine/exec/covering.go) can take a query's integer and date
// columns from an index entry without reading the row. Strings are keyed
// by collation sort key ('a' and 'A' share one), decimals drop their
// precision, floats keep -0 apart, datetimeoffset keeps only UTC: those
// are skipped, never decoded.

// KeyDecodable reports whether [DecodeKeyValue] returns a column of type t
// itself, as the row holds it.
func KeyDecodable(t Type) bool {
	switch t.ID {
	case Bit, TinyInt, SmallInt, Int, BigInt, Money, SmallMoney, Date, DateTime, SmallDateTime:
		return true
	}
	return false
}

// DecodeKeyValue reads the first column of key b, of column type t (desc:
// stored descending), as [AppendKey] wrote it: the value (for a type
// KeyDecodable accepts; otherwise a NULL of t's type), the bytes it took
// and whether b held a whole column of that type. It never panics.
func DecodeKeyValue(b []byte, t Type, desc bool) (v Value, n int, ok bool) {
	byteAt := func(i int) byte {
		if desc {
			return ^b[i]
		}
		return b[i]
	}
	uintN := func(from, size int) uint64 {
		var x uint64
		for i := from; i < from+size; i++ {
			x = x<<8 | uint64(byteAt(i))
		}
		return x
	}
	if len(b) == 0 {
		return Value{}, 0, false
	}
	switch byteAt(0) {
	case keyNull:
		return Null(t.ID), 1, true
	case keyNotNull:
	default:
		return Value{}, 0, false
	}
	size := 0
	switch t.ID {
	case Bit, TinyInt:
		size = 1
	case SmallInt:
		size = 2
	case Int, SmallMoney:
		size = 4
	case BigInt, Money, Real, Float:
		size = 8
	case Decimal, Numeric:
		size = 16
		if t.Precision != 0 && t.Precision <= 18 {
			size = 8
		}
	case UniqueIdentifier:
		size = 16
	case Date:
		size = 3
	case Time, SmallDateTime:
		size = 5
	case DateTime:
		size = 7
	case DateTime2, DateTimeOffset:
		size = 8
	case Char, VarChar, NChar, NVarChar, Binary, VarBinary:
		// Escaped bytes up to the terminator 0x00 0x01 (0x00 0xFF is an
		// escaped zero byte).
		for i := 1; i+1 < len(b); i++ {
			if byteAt(i) != 0 {
				continue
			}
			switch byteAt(i + 1) {
			case keyEnd:
				return Null(t.ID), i + 2, true
			case keyEscape:
				i++
			default:
				return Value{}, 0, false
			}
		}
		return Value{}, 0, false
	default:
		return Value{}, 0, false
	}
	if len(b) < 1+size {
		return Value{}, 0, false
	}
	n = 1 + size
	x := uintN(1, size)
	switch t.ID {
	case Bit:
		if x > 1 {
			return Value{}, 0, false
		}
		return Value{id: Bit, ok: true, i: int64(x)}, n, true
	case TinyInt:
		return Value{id: TinyInt, ok: true, i: int64(x)}, n, true
	case SmallInt:
		return Value{id: SmallInt, ok: true, i: int64(int16(uint16(x) ^ 0x8000))}, n, true
	case Int, SmallMoney:
		return Value{id: t.ID, ok: true, i: int64(int32(uint32(x) ^ 0x8000_0000))}, n, true
	case BigInt, Money:
		return Value{id: t.ID, ok: true, i: int64(x ^ (1 << 63))}, n, true
	case Date:
		if x > maxDays {
			return Value{}, 0, false
		}
		return Value{id: Date, ok: true, i: int64(x)}, n, true
	case DateTime:
		days, ticks := x>>32, int64(uint32(x))
		if days > maxDays || ticks >= dt300PerDay {
			return Value{}, 0, false
		}
		return Value{id: DateTime, ok: true, hi: days, i: ticks}, n, true
	case SmallDateTime:
		days, mins := x>>16, int64(uint16(x))
		if days > maxDays || mins >= 1440 {
			return Value{}, 0, false
		}
		return Value{id: SmallDateTime, ok: true, hi: days, i: mins}, n, true
	}
	return Null(t.ID), n, true // skipped: not decodable
}
