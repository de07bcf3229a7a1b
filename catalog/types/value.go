package types

import (
	"math"

	"github.com/google/uuid"
)

// Value is one SQL value: a NULL or a value of a system type. It is a small
// immutable struct (40 bytes, no pointers but the string) passed by value;
// integers, bits, floats, money and date/time values never allocate.
//
// The zero Value is an untyped NULL. Representation by type:
//
//	bit, tinyint, smallint, int, bigint  i = the integer
//	money, smallmoney                    i = amount × 10⁴
//	real, float                          i = math.Float64bits (real holds a float32-exact value)
//	decimal, numeric                     |coefficient| = hi<<64 | uint64(i), neg = sign, prec/scale = p,s
//	char, varchar, nchar, nvarchar       s = UTF-8 text
//	binary, varbinary                    s = the bytes
//	uniqueidentifier                     s = 16 bytes in RFC 4122 (display) order
//	date                                 i = days since 0001-01-01
//	time(n)                              i = 100 ns ticks since midnight, scale = n
//	datetime2(n)                         hi = days, i = 100 ns ticks, scale = n
//	datetimeoffset(n)                    hi, i = UTC days and ticks, off = offset minutes
//	datetime                             hi = days, i = 1/300 s ticks since midnight
//	smalldatetime                        hi = days, i = minutes since midnight
type Value struct {
	id    TypeID
	ok    bool // not NULL
	prec  uint8
	scale uint8
	neg   bool
	off   int16
	i     int64
	hi    uint64
	s     string
}

// Null returns a NULL of type id (Unknown for an untyped NULL literal).
func Null(id TypeID) Value { return Value{id: id} }

// IsNull reports whether v is NULL.
func (v Value) IsNull() bool { return !v.ok }

// TypeID is the value's system type (for NULL, the type it was given).
func (v Value) TypeID() TypeID { return v.id }

// Scale is the scale of a decimal value or the fractional-second scale of a
// time, datetime2 or datetimeoffset value.
func (v Value) Scale() uint8 { return v.scale }

// Precision is the precision of a decimal value.
func (v Value) Precision() uint8 { return v.prec }

// NewBit returns a bit.
func NewBit(b bool) Value {
	if b {
		return Value{id: Bit, ok: true, i: 1}
	}
	return Value{id: Bit, ok: true}
}

// NewTinyInt returns a tinyint.
func NewTinyInt(x uint8) Value { return Value{id: TinyInt, ok: true, i: int64(x)} }

// NewSmallInt returns a smallint.
func NewSmallInt(x int16) Value { return Value{id: SmallInt, ok: true, i: int64(x)} }

// NewInt returns an int.
func NewInt(x int32) Value { return Value{id: Int, ok: true, i: int64(x)} }

// NewBigInt returns a bigint.
func NewBigInt(x int64) Value { return Value{id: BigInt, ok: true, i: x} }

// NewFloat returns a float (float(53)). NaN and ±Inf do not exist in SQL
// Server; callers producing them should raise [ErrInvalidFloatOp] instead.
func NewFloat(f float64) Value {
	if f == 0 {
		f = 0 // no negative zero
	}
	return Value{id: Float, ok: true, i: int64(math.Float64bits(f))}
}

// NewReal returns a real (float(24)).
func NewReal(f float32) Value {
	if f == 0 {
		f = 0
	}
	return Value{id: Real, ok: true, i: int64(math.Float64bits(float64(f)))}
}

// NewMoney returns a money value from its amount in ten-thousandths
// (NewMoney(12345) is 1.2345).
func NewMoney(units int64) Value { return Value{id: Money, ok: true, i: units} }

// NewSmallMoney returns a smallmoney value from ten-thousandths; the caller
// keeps units within ±214748.3648.
func NewSmallMoney(units int32) Value { return Value{id: SmallMoney, ok: true, i: int64(units)} }

// NewVarChar returns a varchar value (UTF-8 text).
func NewVarChar(s string) Value { return Value{id: VarChar, ok: true, s: s} }

// NewNVarChar returns an nvarchar value.
func NewNVarChar(s string) Value { return Value{id: NVarChar, ok: true, s: s} }

// NewString returns a character value of type id (char, varchar, nchar,
// nvarchar). It does not pad or truncate; see [Convert].
func NewString(id TypeID, s string) Value { return Value{id: id, ok: true, s: s} }

// NewVarBinary returns a varbinary holding a copy of b.
func NewVarBinary(b []byte) Value { return Value{id: VarBinary, ok: true, s: string(b)} }

// NewBinaryString returns a binary value of type id (binary or varbinary)
// whose bytes are s.
func NewBinaryString(id TypeID, s string) Value { return Value{id: id, ok: true, s: s} }

// NewUUID returns a uniqueidentifier.
func NewUUID(u uuid.UUID) Value { return Value{id: UniqueIdentifier, ok: true, s: string(u[:])} }

// Int64 returns the integer of bit/tinyint/smallint/int/bigint values, the
// ten-thousandths of money values, and 0 for others.
func (v Value) Int64() int64 {
	switch v.id {
	case Bit, TinyInt, SmallInt, Int, BigInt, Money, SmallMoney:
		return v.i
	}
	return 0
}

// Bool returns a bit value as a bool.
func (v Value) Bool() bool { return v.id == Bit && v.i != 0 }

// Float64 returns the value of real and float values.
func (v Value) Float64() float64 {
	if v.id == Real || v.id == Float {
		return math.Float64frombits(uint64(v.i))
	}
	return 0
}

// Str returns the text of a character value or the bytes of a binary value.
// It does not convert; use [Convert] to get the text of other types.
func (v Value) Str() string { return v.s }

// Bytes returns a copy of a binary value's bytes.
func (v Value) Bytes() []byte { return []byte(v.s) }

// UUID returns a uniqueidentifier value.
func (v Value) UUID() uuid.UUID {
	var u uuid.UUID
	if v.id == UniqueIdentifier {
		copy(u[:], v.s)
	}
	return u
}

// String renders v for debugging and tests: NULL, or the value as SQL
// Server's default conversion to nvarchar prints it, except that date/time
// values use ISO 8601 ('2024-01-31 10:00:00.000') and binary values hex
// ('0x4142'), as SSMS shows them.
func (v Value) String() string {
	if !v.ok {
		return "NULL"
	}
	switch v.id {
	case DateTime, SmallDateTime, DateTime2, DateTimeOffset:
		return string(appendDateTimeText(nil, v, 121))
	case Binary, VarBinary:
		return string(appendText(nil, v, 1))
	}
	return string(appendText(nil, v, 0))
}

// Equal reports whether a and b hold the same type and representation
// (NULLs of the same type are Equal). It is identity, not SQL equality;
// use [Compare] for that.
func (a Value) Equal(b Value) bool { return a == b }

// Type returns the type a value carries on its own, as SQL Server types a
// literal: decimal(p,s) and time scales from the value; char and binary
// lengths from the data ('abc' is varchar(3), an empty string has length 1); NULL of
// a character type is varchar(1).
func (v Value) Type() Type {
	t := Type{ID: v.id, Precision: v.prec, Scale: v.scale}
	switch {
	case v.id.IsString():
		t.Length = max(TextLength(v.s, v.id.IsUnicode()), 1) // textlen.go: N'😀' is nvarchar(2)
	case v.id.IsBinary():
		t.Length = max(len(v.s), 1)
	}
	return t
}
