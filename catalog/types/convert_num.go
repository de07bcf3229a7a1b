package types

import (
	"math"
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"
)

// intRange is the value range of each integer type.
func intRange(t TypeID) (lo, hi int64) {
	switch t {
	case Bit:
		return 0, 1
	case TinyInt:
		return 0, 255
	case SmallInt:
		return math.MinInt16, math.MaxInt16
	case Int:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// intValue returns x as integer type t, or 8115 naming what.
func intValue(x int64, t TypeID, what string) (Value, error) {
	if t == Bit {
		if x != 0 {
			x = 1
		}
		return Value{id: Bit, ok: true, i: x}, nil
	}
	lo, hi := intRange(t)
	if x < lo || x > hi {
		return Value{}, errArithOverflow(what, t)
	}
	return Value{id: t, ok: true, i: x}, nil
}

// isSpace reports the blanks SQL Server trims from numeric strings.
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func toInteger(v Value, to TypeID) (Value, error) {
	switch classOf(v.id) {
	case classInt:
		if to == TinyInt || to == SmallInt {
			// An integer that does not fit tinyint or smallint is 220,
			// which names the value, not 8115.
			if lo, hi := intRange(to); v.i < lo || v.i > hi {
				return Value{}, errIntOverflowValue(to, v.i)
			}
		}
		return intValue(v.i, to, "expression")
	case classMoney:
		// money → integer rounds half away from zero.
		q := v.i / 10_000
		if r := v.i % 10_000; r >= 5_000 {
			q++
		} else if r <= -5_000 {
			q--
		}
		return intValue(q, to, "expression")
	case classDecimal:
		var d, t apd.Decimal
		v.toApd(&d)
		x, ok := int64(0), false
		if _, err := truncCtx.Quantize(&t, &d, 0); err == nil {
			x, ok = apdInt64(&t)
		}
		if !ok {
			if to == Bit {
				return NewBit(true), nil
			}
			return Value{}, errArithOverflow("numeric", to)
		}
		if to == Bit && !d.IsZero() {
			x = 1
		}
		return intValue(x, to, "numeric")
	case classFloat:
		f := math.Trunc(v.Float64())
		if to == Bit {
			return NewBit(v.Float64() != 0), nil
		}
		if f < -9.223372036854775808e18 || f >= 9.223372036854775808e18 {
			return Value{}, errArithOverflow(floatName(v.id), to)
		}
		return intValue(int64(f), to, floatName(v.id))
	case classString:
		return stringToInteger(v, to)
	case classBinary:
		var x uint64
		for i := 0; i < len(v.s); i++ {
			x = x<<8 | uint64(v.s[i])
		}
		switch to {
		case TinyInt:
			x &= 0xff
			return Value{id: to, ok: true, i: int64(x)}, nil
		case SmallInt:
			return Value{id: to, ok: true, i: int64(int16(x))}, nil
		case Int:
			return Value{id: to, ok: true, i: int64(int32(x))}, nil
		case Bit:
			return NewBit(x&0xff != 0), nil
		}
		return Value{id: to, ok: true, i: int64(x)}, nil
	case classDateTime:
		// Days since 1900-01-01, rounded to the nearest day.
		days, ticks, _ := v.localParts()
		n := days - days1900
		if ticks >= ticksPerDay/2 {
			n++
		}
		return intValue(n, to, "expression")
	}
	return Value{}, errExplicit(v.id, to)
}

func floatName(t TypeID) string {
	if t == Real {
		return "real"
	}
	return "float"
}

// stringToInteger parses an integer string: blanks around, an optional
// sign, digits. The empty string is 0. Anything else is 245; too large for the target is
// 248 (8115 for bit, which accepts any integer and also 'TRUE'/'FALSE').
func stringToInteger(v Value, to TypeID) (Value, error) {
	s := strings.TrimFunc(v.s, isSpace)
	if to == Bit {
		switch {
		case strings.EqualFold(s, "true"):
			return NewBit(true), nil
		case strings.EqualFold(s, "false"):
			return NewBit(false), nil
		}
	}
	if s == "" {
		return Value{id: to, ok: true}, nil
	}
	neg := false
	digits := s
	if digits[0] == '+' || digits[0] == '-' {
		neg = digits[0] == '-'
		digits = digits[1:]
	}
	if !allDigits(digits) {
		return Value{}, errConversionFailed(v.id, v.s, to)
	}
	x, err := strconv.ParseUint(digits, 10, 64)
	if to == Bit {
		return NewBit(err != nil || x != 0), nil
	}
	lo, hi := intRange(to)
	if err != nil || !neg && x > uint64(hi) || neg && x > uint64(-lo) {
		return Value{}, errStringIntOverflow(v.id, v.s, to)
	}
	n := int64(x)
	if neg {
		n = -n
	}
	return Value{id: to, ok: true, i: n}, nil
}

// toApdFrom returns the exact decimal of a numeric or datetime value, or
// false. from names the source type for overflow messages.
func toApdFrom(v Value, d *apd.Decimal) bool {
	switch classOf(v.id) {
	case classInt, classMoney, classDecimal:
		v.toApd(d)
		return true
	case classFloat:
		if _, _, err := d.SetString(strconv.FormatFloat(v.Float64(), 'g', -1, 64)); err != nil {
			return false
		}
		return true
	case classDateTime:
		f := dateTimeToFloat(v)
		if _, _, err := d.SetString(strconv.FormatFloat(f, 'g', -1, 64)); err != nil {
			return false
		}
		return true
	}
	return false
}

func toDecimal(v Value, to Type) (Value, error) {
	if to.Precision == 0 {
		to.Precision, to.Scale = 18, 0
	}
	var d apd.Decimal
	from := v.id.msgName()
	if v.id.IsString() {
		s := strings.TrimFunc(v.s, isSpace)
		if !isDecimalText(s) {
			return Value{}, errConvertDataType(v.id, to.ID)
		}
		if _, _, err := d.SetString(s); err != nil {
			return Value{}, errConvertDataType(v.id, to.ID)
		}
	} else if !toApdFrom(v, &d) {
		return Value{}, errExplicit(v.id, to.ID)
	}
	return decimalFromApd(&d, to.Precision, to.Scale, to.ID, from)
}

// isDecimalText accepts [+-]digits[.digits] (either side may be empty but
// not both), the only form SQL Server converts from text to decimal.
func isDecimalText(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" && frac == "" {
		return false
	}
	return (intPart == "" || allDigits(intPart)) && (frac == "" || allDigits(frac))
}

// Money ranges in ten-thousandths.
const (
	maxSmallMoney = 2147483647
	minSmallMoney = -2147483648
)

func toMoney(v Value, to TypeID) (Value, error) {
	var d apd.Decimal
	if v.id.IsString() {
		s := strings.TrimFunc(v.s, isSpace)
		s = strings.ReplaceAll(s, ",", "")
		neg := false
		if s != "" && (s[0] == '-' || s[0] == '+') {
			neg, s = s[0] == '-', s[1:]
		}
		s = strings.TrimPrefix(s, "$")
		if s == "" {
			return Value{id: to, ok: true}, nil
		}
		if !isDecimalText(s) {
			return Value{}, errMoneySyntax
		}
		if _, _, err := d.SetString(s); err != nil {
			return Value{}, errMoneySyntax
		}
		d.Negative = neg
	} else if classOf(v.id) == classMoney {
		return moneyValue(v.i, to)
	} else if !toApdFrom(v, &d) {
		return Value{}, errExplicit(v.id, to)
	}
	var q apd.Decimal
	x, ok := int64(0), false
	if _, err := decCtx.Quantize(&q, &d, -4); err == nil {
		x, ok = apdInt64(&q)
	}
	if !ok {
		return Value{}, errArithOverflow("expression", to)
	}
	return moneyValue(x, to)
}

// apdInt64 returns the integer coefficient of d with d's sign, and whether
// it fits an int64 — including -2^63, whose magnitude does not (bigint's
// and money's minimum convert from numeric in SQL Server).
func apdInt64(d *apd.Decimal) (int64, bool) {
	if d.Coeff.IsInt64() {
		x := d.Coeff.Int64()
		if d.Negative {
			x = -x
		}
		return x, true
	}
	if d.Negative && d.Coeff.IsUint64() && d.Coeff.Uint64() == 1<<63 {
		return math.MinInt64, true
	}
	return 0, false
}

func moneyValue(units int64, to TypeID) (Value, error) {
	if to == SmallMoney && (units > maxSmallMoney || units < minSmallMoney) {
		return Value{}, errArithOverflow("expression", to)
	}
	return Value{id: to, ok: true, i: units}, nil
}

func toFloat(v Value, to TypeID) (Value, error) {
	var f float64
	switch classOf(v.id) {
	case classInt:
		f = float64(v.i)
	case classMoney:
		f = float64(v.i) / 10_000
	case classFloat:
		f = v.Float64()
	case classDecimal:
		var d apd.Decimal
		v.toApd(&d)
		var err error
		if f, err = d.Float64(); err != nil {
			return Value{}, errArithOverflow("numeric", to)
		}
	case classString:
		var err error
		if f, err = parseFloatText(v.s); err != nil {
			return Value{}, errConvertDataType(v.id, to)
		}
	case classDateTime:
		f = dateTimeToFloat(v)
	default:
		return Value{}, errExplicit(v.id, to)
	}
	if to == Real {
		if math.Abs(f) > math.MaxFloat32 {
			return Value{}, errArithOverflow("expression", Real)
		}
		return NewReal(float32(f)), nil
	}
	return NewFloat(f), nil
}

// parseFloatText parses a float as SQL Server reads text: blanks around,
// sign, digits with optional point and exponent. The empty string is 0.
func parseFloatText(s string) (float64, error) {
	s = strings.TrimFunc(s, isSpace)
	if s == "" {
		return 0, nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-' {
			return 0, strconv.ErrSyntax
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, strconv.ErrSyntax
	}
	return f, nil
}

// dateTimeToFloat is a datetime as days since 1900-01-01 plus the
// fraction of the day.
func dateTimeToFloat(v Value) float64 {
	days, ticks, _ := v.localParts()
	return float64(days-days1900) + float64(ticks)/float64(ticksPerDay)
}
