package types

import (
	"math"
	"math/rand/v2"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/uuid"
)

// testTypes covers every supported type (with typical parameters).
var testTypes = []Type{
	TypeBit, TypeTinyInt, TypeSmallInt, TypeInt, TypeBigInt,
	DecimalType(9, 2), DecimalType(38, 10), {ID: Numeric, Precision: 18, Scale: 0},
	TypeMoney, {ID: SmallMoney}, TypeReal, TypeFloat,
	{ID: Char, Length: 10}, VarCharType(20), {ID: NChar, Length: 5}, NVarCharType(MaxLength),
	{ID: VarChar, Length: 20, Collation: Latin1GeneralCSAS}, {ID: VarChar, Length: 20, Collation: Latin1GeneralBIN2},
	{ID: Binary, Length: 4}, {ID: VarBinary, Length: MaxLength},
	TypeDate, {ID: Time, Scale: 7}, {ID: Time, Scale: 0}, {ID: DateTime2, Scale: 7}, {ID: DateTime2, Scale: 3},
	{ID: DateTimeOffset, Scale: 7}, TypeDateTime, {ID: SmallDateTime}, TypeUUID,
}

// genValue returns a random value of type t (NULL with probability 1/8).
// Values are drawn from small ranges so that equal values occur often.
func genValue(r *rand.Rand, t Type) Value {
	if r.IntN(8) == 0 {
		return Null(t.ID)
	}
	switch t.ID {
	case Bit:
		return NewBit(r.IntN(2) == 1)
	case TinyInt:
		return NewTinyInt(uint8(r.IntN(256)))
	case SmallInt:
		return NewSmallInt(int16(r.IntN(65536) - 32768))
	case Int:
		return NewInt(pick(r, []int32{math.MinInt32, -1, 0, 1, 2, math.MaxInt32}, int32(r.Int64())))
	case BigInt:
		return NewBigInt(pick(r, []int64{math.MinInt64, -1, 0, 1, math.MaxInt64}, r.Int64()))
	case Money:
		return NewMoney(pick(r, []int64{math.MinInt64, -10000, 0, 10000, math.MaxInt64}, r.Int64N(1e12)-5e11))
	case SmallMoney:
		return NewSmallMoney(pick(r, []int32{math.MinInt32, 0, math.MaxInt32}, int32(r.Int64())))
	case Real:
		return NewReal(pick(r, []float32{0, -1, 1, 1e-30, -1e30, math.MaxFloat32}, float32(r.NormFloat64()*1000)))
	case Float:
		return NewFloat(pick(r, []float64{0, -1, 1, 1e-300, -1e300, math.MaxFloat64, -math.SmallestNonzeroFloat64}, r.NormFloat64()*1e6))
	case Decimal, Numeric:
		digits := make([]byte, 1+r.IntN(int(t.Precision)))
		for i := range digits {
			digits[i] = byte('0' + r.IntN(10))
		}
		if r.IntN(4) == 0 {
			digits = []byte("1")
		}
		var d apd.Decimal
		d.SetString(string(digits))
		d.Exponent = -int32(t.Scale)
		d.Negative = r.IntN(2) == 0
		v, err := decimalFromApd(&d, t.Precision, t.Scale, t.ID, "numeric")
		if err != nil {
			panic(err)
		}
		return v
	case Char, VarChar, NChar, NVarChar:
		alpha := []string{"a", "A", "b", "B", "á", "Á", " ", "z", "-", "1", "ß", "\x00", "ä"}
		var sb strings.Builder
		for n := r.IntN(5); n > 0; n-- {
			sb.WriteString(alpha[r.IntN(len(alpha))])
		}
		return NewString(t.ID, sb.String())
	case Binary, VarBinary:
		b := make([]byte, r.IntN(5))
		for i := range b {
			b[i] = byte(pick(r, []int{0, 1, 255}, r.IntN(256)))
		}
		return NewBinaryString(t.ID, string(b))
	case UniqueIdentifier:
		var u uuid.UUID
		for i := range u {
			u[i] = byte(pick(r, []int{0, 255}, r.IntN(256)))
		}
		return NewUUID(u)
	case Date, Time, DateTime2, DateTimeOffset, DateTime, SmallDateTime:
		days := pick(r, []int64{0, days1753, days1900, days2079, maxDays - 1}, days1900+r.Int64N(80000))
		ticks := pick(r, []int64{0, ticksPerDay - 1}, r.Int64N(ticksPerDay))
		off := int16(0)
		if t.ID == DateTimeOffset {
			off = int16(r.IntN(1681) - 840)
		}
		switch t.ID {
		case DateTime:
			days = max(days, days1753)
		case SmallDateTime:
			days = min(max(days, days1900), days2079-1)
		case DateTimeOffset:
			days = min(max(days, 2), maxDays-2)
		}
		v, err := dateTimeValue(t, days, ticks, off, VarChar)
		if err != nil {
			panic(err)
		}
		return v
	}
	panic("genValue: " + t.String())
}

// pick returns one of the special values with probability 1/4, else x.
func pick[T any](r *rand.Rand, special []T, x T) T {
	if r.IntN(4) == 0 {
		return special[r.IntN(len(special))]
	}
	return x
}
