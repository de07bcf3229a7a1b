package types

import "fmt"

// Representation accessors for wire codecs (TDS TYPE_INFO/values, MS-TDS
// §2.2.5.5.1) and other code that needs a value's exact parts.

// Days1900 is the day number of 1900-01-01 counted from 0001-01-01, the
// epoch of datetime and smalldatetime on the wire.
const Days1900 = days1900

// TicksPerDay is the number of 100 ns ticks in a day.
const TicksPerDay = ticksPerDay

// DateTimeParts returns a date/time value's representation: days since
// 0001-01-01 (0 for time) and a time of day whose unit depends on the
// type: 100 ns ticks for time, datetime2 and datetimeoffset (UTC for
// datetimeoffset, whose offset is [Value.Offset]); 1/300 s for datetime;
// minutes for smalldatetime; 0 for date. TDS sends time(n) as ticks /
// 10^(7-n).
func (v Value) DateTimeParts() (days, ticks int64) {
	switch v.id {
	case Date:
		return v.i, 0
	case Time:
		return 0, v.i
	case DateTime2, DateTimeOffset, DateTime, SmallDateTime:
		return int64(v.hi), v.i
	}
	return 0, 0
}

// NewDateTimeFromParts builds a date/time value of type t from the parts
// DateTimeParts returns (offsetMin is used for datetimeoffset only). Parts
// out of range are an error; ticks are not rounded, so a codec must pass
// ticks that are multiples of t's scale unit.
func NewDateTimeFromParts(t Type, days, ticks int64, offsetMin int) (Value, error) {
	bad := func() (Value, error) {
		return Value{}, fmt.Errorf("%s parts out of range: days %d, ticks %d, offset %d", t, days, ticks, offsetMin)
	}
	if days < 0 || days > maxDays || ticks < 0 || t.Scale > maxTimeScale {
		return bad()
	}
	v := Value{id: t.ID, ok: true}
	switch t.ID {
	case Date:
		v.i = days
	case Time:
		if ticks >= ticksPerDay {
			return bad()
		}
		v.i, v.scale = ticks, t.Scale
	case DateTime2, DateTimeOffset:
		if ticks >= ticksPerDay || offsetMin < -840 || offsetMin > 840 {
			return bad()
		}
		v.hi, v.i, v.scale = uint64(days), ticks, t.Scale
		if t.ID == DateTimeOffset {
			v.off = int16(offsetMin)
		}
	case DateTime:
		if ticks >= dt300PerDay || days < days1753 {
			return bad()
		}
		v.hi, v.i = uint64(days), ticks
	case SmallDateTime:
		if ticks >= 1440 || days < days1900 || days > days2079 {
			return bad()
		}
		v.hi, v.i = uint64(days), ticks
	default:
		return Value{}, fmt.Errorf("NewDateTimeFromParts: %s is not a date/time type", t)
	}
	return v, nil
}

// DecimalParts returns a decimal value's sign and 128-bit magnitude
// (coefficient = hi<<64 | lo, value = ±coefficient × 10^-Scale).
func (v Value) DecimalParts() (neg bool, hi, lo uint64) {
	return v.neg, v.hi, uint64(v.i)
}

// NewDecimalFromParts builds decimal(p,s) (id Decimal or Numeric) from a
// sign and magnitude; a magnitude with more than p digits is 8115.
func NewDecimalFromParts(id TypeID, p, s uint8, neg bool, hi, lo uint64) (Value, error) {
	if !id.isDecimal() || p < 1 || p > maxPrecision || s > p {
		return Value{}, fmt.Errorf("NewDecimalFromParts: invalid %s(%d,%d)", id, p, s)
	}
	if !decimalFits(hi, lo, p) {
		return Value{}, errArithOverflow("numeric", id)
	}
	return Value{id: id, ok: true, prec: p, scale: s, neg: neg && (hi|lo) != 0, hi: hi, i: int64(lo)}, nil
}
