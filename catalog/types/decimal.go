package types

import (
	"github.com/cockroachdb/apd/v3"
)

// decCtx is the apd context for decimal arithmetic: wide enough for the
// exact product of two 38-digit numbers, rounding half away from zero as
// SQL Server does when it reduces scale.
var decCtx = apd.Context{
	Precision:   90,
	MaxExponent: 2000,
	MinExponent: -2000,
	Rounding:    apd.RoundHalfUp,
}

// truncCtx rounds toward zero (decimal/float to integer conversions).
var truncCtx = apd.Context{
	Precision:   90,
	MaxExponent: 2000,
	MinExponent: -2000,
	Rounding:    apd.RoundDown,
}

// NewDecimal returns d as decimal(p,s), rounding half away from zero to s
// digits. A value with more than p-s integer digits is error 8115
// ("Arithmetic overflow error converting numeric to data type numeric.").
func NewDecimal(d *apd.Decimal, p, s uint8) (Value, error) {
	return decimalFromApd(d, p, s, Decimal, "numeric")
}

// MustDecimal parses a decimal literal such as "-12.50" into decimal(p,s)
// with p and s taken from the text (at least decimal(1,0)). It panics on
// malformed input and is meant for tests and constants.
func MustDecimal(text string) Value {
	v, err := ParseNumericLiteral(text)
	if err != nil {
		panic(err)
	}
	return v
}

// ParseNumericLiteral types a numeric literal as SQL Server does: digits
// that fit int are int; other integers and literals with a decimal point
// are numeric(p,s) with p = digits (at least s, at most 38) and s = digits
// after the point; literals with an exponent (1e3) are float. A sign is
// accepted. An integer literal of more than 38 digits is error 1007 in SQL
// Server's parser; here it is 8115.
func ParseNumericLiteral(text string) (Value, error) {
	for i := 0; i < len(text); i++ {
		if text[i] == 'e' || text[i] == 'E' {
			f, err := parseFloatText(text)
			if err != nil {
				return Value{}, errConvertDataType(VarChar, Float)
			}
			return NewFloat(f), nil
		}
	}
	var d apd.Decimal
	if _, _, err := d.SetString(text); err != nil || d.Form != apd.Finite {
		return Value{}, errConvertDataType(VarChar, Numeric)
	}
	s := 0
	if d.Exponent < 0 {
		s = int(-d.Exponent)
	}
	if s == 0 && d.Coeff.IsInt64() {
		if x := d.Coeff.Int64(); x <= 2147483647 && !(d.Negative && x > 2147483648) {
			if d.Negative {
				x = -x
			}
			return NewInt(int32(x)), nil
		}
	}
	digits := int(apd.NumDigits(&d.Coeff))
	if d.Exponent > 0 {
		digits += int(d.Exponent)
	}
	p := max(digits, s, 1)
	if p > maxPrecision {
		return Value{}, errArithOverflow("expression", Numeric)
	}
	return decimalFromApd(&d, uint8(p), uint8(s), Numeric, "numeric")
}

// decimalFromApd rounds d to scale s and checks precision p.
func decimalFromApd(d *apd.Decimal, p, s uint8, id TypeID, from string) (Value, error) {
	if d.Form != apd.Finite {
		return Value{}, errArithOverflow(from, id)
	}
	var q apd.Decimal
	if _, err := decCtx.Quantize(&q, d, -int32(s)); err != nil {
		return Value{}, errArithOverflow(from, id)
	}
	if q.Coeff.Sign() != 0 && apd.NumDigits(&q.Coeff) > int64(p) {
		return Value{}, errArithOverflow(from, id)
	}
	hi, lo, ok := u128FromBig(&q.Coeff)
	if !ok {
		return Value{}, errArithOverflow(from, id)
	}
	neg := q.Negative && (hi|lo) != 0
	return Value{id: id, ok: true, prec: p, scale: s, neg: neg, i: int64(lo), hi: hi}, nil
}

// Decimal returns v as an exact apd.Decimal: decimal/numeric and money
// values exactly, integers with exponent 0. Other types give 0.
func (v Value) Decimal() apd.Decimal {
	var d apd.Decimal
	v.toApd(&d)
	return d
}

// toApd stores the exact value of an exact-numeric v in d.
func (v Value) toApd(d *apd.Decimal) {
	switch v.id {
	case Decimal, Numeric:
		setBigFromU128(&d.Coeff, v.hi, uint64(v.i))
		d.Negative = v.neg
		d.Exponent = -int32(v.scale)
	case Money, SmallMoney:
		d.SetFinite(v.i, -4)
	case Bit, TinyInt, SmallInt, Int, BigInt:
		d.SetFinite(v.i, 0)
	default:
		d.SetFinite(0, 0)
	}
	d.Form = apd.Finite
}

// setBigFromU128 sets z = hi<<64 | lo without allocating for 128-bit values.
func setBigFromU128(z *apd.BigInt, hi, lo uint64) {
	if hi == 0 {
		z.SetUint64(lo)
		return
	}
	var t apd.BigInt
	z.SetUint64(hi)
	z.Lsh(z, 64)
	t.SetUint64(lo)
	z.Or(z, &t)
}

// u128FromBig returns |z| as two 64-bit halves; ok is false if |z| ≥ 2¹²⁸.
func u128FromBig(z *apd.BigInt) (hi, lo uint64, ok bool) {
	var a apd.BigInt
	a.Abs(z)
	if a.IsUint64() {
		return 0, a.Uint64(), true
	}
	if a.BitLen() > 128 {
		return 0, 0, false
	}
	var t apd.BigInt
	t.Rsh(&a, 64)
	hi = t.Uint64()
	t.Lsh(&t, 64)
	t.Sub(&a, &t)
	return hi, t.Uint64(), true
}

// decimalTypeOf is the decimal(p,s) an exact numeric type converts to when
// combined with a decimal: int → decimal(10,0), bigint → (19,0), smallint
// → (5,0), tinyint → (3,0), bit → (1,0), money → (19,4), smallmoney → (10,4).
func decimalTypeOf(t Type) Type {
	switch t.ID {
	case Decimal, Numeric:
		return t
	case Bit:
		return DecimalType(1, 0)
	case TinyInt:
		return DecimalType(3, 0)
	case SmallInt:
		return DecimalType(5, 0)
	case Int:
		return DecimalType(10, 0)
	case BigInt:
		return DecimalType(19, 0)
	case Money:
		return DecimalType(19, 4)
	case SmallMoney:
		return DecimalType(10, 4)
	}
	return DecimalType(38, 0)
}

// valueDecimalType is the decimal type of a decimal value.
func valueDecimalType(v Value) Type {
	if v.id.isDecimal() {
		return Type{ID: v.id, Precision: v.prec, Scale: v.scale}
	}
	return decimalTypeOf(Type{ID: v.id})
}

// NewDecimalOfType relabels a decimal value as decimal or numeric (one type
// under two names); other values are returned unchanged.
func NewDecimalOfType(v Value, id TypeID) Value {
	if v.id.isDecimal() && id.isDecimal() {
		v.id = id
	}
	return v
}
