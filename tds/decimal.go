package tds

import (
	"math/big"
	"strings"
)

// Decimal is the value model for decimal, numeric, money and smallmoney:
// Unscaled × 10^-Scale. A nil Unscaled is zero. The encoder rescales to the
// column's scale (rounding half away from zero) and fails if the result does not
// fit the precision.
type Decimal struct {
	Unscaled *big.Int
	Scale    uint8
}

// NewDecimal returns unscaled × 10^-scale.
func NewDecimal(unscaled int64, scale uint8) Decimal {
	return Decimal{Unscaled: big.NewInt(unscaled), Scale: scale}
}

// ParseDecimal parses an optionally signed decimal literal such as "-12.345".
func ParseDecimal(s string) (Decimal, bool) {
	neg := false
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart+frac == "" || len(frac) > 255 {
		return Decimal{}, false
	}
	u, ok := new(big.Int).SetString(intPart+frac, 10)
	if !ok || strings.ContainsAny(intPart+frac, "+-") {
		return Decimal{}, false
	}
	if neg {
		u.Neg(u)
	}
	return Decimal{Unscaled: u, Scale: uint8(len(frac))}, true
}

// String formats d as a decimal literal with exactly Scale fractional digits.
func (d Decimal) String() string {
	u := d.Unscaled
	if u == nil {
		u = new(big.Int)
	}
	s := new(big.Int).Abs(u).String()
	sign := ""
	if u.Sign() < 0 {
		sign = "-"
	}
	if d.Scale == 0 {
		return sign + s
	}
	for len(s) <= int(d.Scale) {
		s = "0" + s
	}
	cut := len(s) - int(d.Scale)
	return sign + s[:cut] + "." + s[cut:]
}

var bigTen = big.NewInt(10)

func pow10(n int) *big.Int { return new(big.Int).Exp(bigTen, big.NewInt(int64(n)), nil) }

// rescale returns d's unscaled value at scale s (rounding half away from zero).
func (d Decimal) rescale(s uint8) *big.Int {
	u := d.Unscaled
	if u == nil {
		return new(big.Int)
	}
	switch {
	case s == d.Scale:
		return new(big.Int).Set(u)
	case s > d.Scale:
		return new(big.Int).Mul(u, pow10(int(s-d.Scale)))
	}
	div := pow10(int(d.Scale - s))
	q, m := new(big.Int).QuoRem(u, div, new(big.Int))
	m.Abs(m).Mul(m, big.NewInt(2))
	if m.Cmp(div) >= 0 {
		if u.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}
