package types

import (
	"math"

	"github.com/cockroachdb/apd/v3"
)

// Add returns a + b (numeric addition, string or binary concatenation,
// datetime + number). See [Arith].
func Add(a, b Value) (Value, error) { return Arith(OpAdd, a, b) }

// Sub returns a - b.
func Sub(a, b Value) (Value, error) { return Arith(OpSub, a, b) }

// Mul returns a * b.
func Mul(a, b Value) (Value, error) { return Arith(OpMul, a, b) }

// Div returns a / b (integer division truncates toward zero).
func Div(a, b Value) (Value, error) { return Arith(OpDiv, a, b) }

// Mod returns a % b (the sign of the dividend).
func Mod(a, b Value) (Value, error) { return Arith(OpMod, a, b) }

// Arith evaluates a op b with SQL Server's semantics. The result type is
// [ResultType] of the operands' types: the operand of lower precedence is
// converted implicitly (so 'a' + 1 fails with 245); integer results that
// overflow their type raise 8115 ("Arithmetic overflow error converting
// expression to data type int."); division or modulo by zero raises 8134;
// decimal results follow [DecimalResultType], rounding half away from zero
// for + - * and truncating for /. A NULL operand gives NULL of the result
// type (string + NULL is NULL: CONCAT_NULL_YIELDS_NULL ON).
//
// Two integers of the same type never allocate.
func Arith(op ArithOp, a, b Value) (Value, error) {
	// Fast path: two non-NULL integers.
	if a.ok && b.ok && a.id == b.id && a.id != Bit && classOf(a.id) == classInt {
		return intArith(op, a.i, b.i, a.id)
	}
	ta, tb := valueType(a), valueType(b)
	rt, err := ResultType(op, ta, tb)
	if err != nil {
		return Value{}, err
	}
	if !a.ok || !b.ok {
		return Value{id: rt.ID, prec: rt.Precision, scale: rt.Scale}, nil
	}
	switch classOf(rt.ID) {
	case classString:
		s := a.s + b.s
		if rt.ID == VarChar {
			return Value{id: VarChar, ok: true, s: s}, nil
		}
		return Value{id: NVarChar, ok: true, s: s}, nil
	case classBinary:
		return Value{id: VarBinary, ok: true, s: a.s + b.s}, nil
	case classInt:
		ca, err := ImplicitConvert(a, Type{ID: rt.ID})
		if err != nil {
			return Value{}, err
		}
		cb, err := ImplicitConvert(b, Type{ID: rt.ID})
		if err != nil {
			return Value{}, err
		}
		return intArith(op, ca.i, cb.i, rt.ID)
	case classFloat:
		return floatArith(op, a, b, rt.ID)
	case classMoney:
		return moneyArith(op, a, b, rt.ID)
	case classDecimal:
		return decimalArith(op, a, b, rt)
	case classDateTime:
		return dateTimeArith(op, a, b, rt.ID)
	}
	return Value{}, errOperandType(rt.ID, op.opName())
}

// valueType is the Type a value carries (length unknown: MaxLength).
func valueType(v Value) Type {
	t := Type{ID: v.id, Precision: v.prec, Scale: v.scale}
	if v.id.IsString() || v.id.IsBinary() {
		t.Length = MaxLength
	}
	return t
}

// intArith computes on integers of result type t with overflow checks.
func intArith(op ArithOp, x, y int64, t TypeID) (Value, error) {
	var r int64
	switch op {
	case OpAdd:
		r = x + y
		if (r > x) != (y > 0) {
			return Value{}, errArithOverflow("expression", t)
		}
	case OpSub:
		r = x - y
		if (r < x) != (y > 0) {
			return Value{}, errArithOverflow("expression", t)
		}
	case OpMul:
		r = x * y
		if x != 0 && (r/x != y || x == -1 && y == math.MinInt64 || y == -1 && x == math.MinInt64) {
			return Value{}, errArithOverflow("expression", t)
		}
	case OpDiv, OpMod:
		if y == 0 {
			return Value{}, errDivideByZero
		}
		if x == math.MinInt64 && y == -1 {
			if op == OpMod {
				return Value{id: t, ok: true}, nil
			}
			return Value{}, errArithOverflow("expression", t)
		}
		if op == OpDiv {
			r = x / y
		} else {
			r = x % y
		}
	case OpBitAnd:
		r = x & y
	case OpBitOr:
		r = x | y
	case OpBitXor:
		r = x ^ y
	}
	if t == Bit {
		return Value{id: Bit, ok: true, i: r & 1}, nil
	}
	if t == TinyInt && op >= OpBitAnd {
		r &= 0xff
	}
	lo, hi := intRange(t)
	if r < lo || r > hi {
		return Value{}, errArithOverflow("expression", t)
	}
	return Value{id: t, ok: true, i: r}, nil
}

func floatArith(op ArithOp, a, b Value, t TypeID) (Value, error) {
	ca, err := ImplicitConvert(a, Type{ID: t})
	if err != nil {
		return Value{}, err
	}
	cb, err := ImplicitConvert(b, Type{ID: t})
	if err != nil {
		return Value{}, err
	}
	x, y := ca.Float64(), cb.Float64()
	var r float64
	switch op {
	case OpAdd:
		r = x + y
	case OpSub:
		r = x - y
	case OpMul:
		r = x * y
	case OpDiv:
		if y == 0 {
			return Value{}, errDivideByZero
		}
		r = x / y
	default:
		return Value{}, errIncompatibleOp(a.id, b.id, op.opName())
	}
	if math.IsInf(r, 0) || math.IsNaN(r) || t == Real && math.Abs(r) > math.MaxFloat32 {
		return Value{}, errArithOverflow("expression", t)
	}
	if t == Real {
		return NewReal(float32(r)), nil
	}
	return NewFloat(r), nil
}

func moneyArith(op ArithOp, a, b Value, t TypeID) (Value, error) {
	ca, err := ImplicitConvert(a, Type{ID: t})
	if err != nil {
		return Value{}, err
	}
	cb, err := ImplicitConvert(b, Type{ID: t})
	if err != nil {
		return Value{}, err
	}
	x, y := ca.i, cb.i
	switch op {
	case OpAdd, OpSub:
		v, err := intArith(op, x, y, BigInt)
		if err != nil {
			return Value{}, errArithOverflow("expression", t)
		}
		return moneyValue(v.i, t)
	case OpDiv, OpMod, OpMul:
		if y == 0 && op != OpMul {
			return Value{}, errDivideByZero
		}
		var dx, dy, r, q apd.Decimal
		dx.SetFinite(x, -4)
		dy.SetFinite(y, -4)
		switch op {
		case OpMul:
			decCtx.Mul(&r, &dx, &dy)
			decCtx.Quantize(&q, &r, -4)
		case OpDiv:
			truncCtx.Quo(&r, &dx, &dy)
			truncCtx.Quantize(&q, &r, -4)
		case OpMod:
			decCtx.Rem(&q, &dx, &dy)
		}
		var v apd.Decimal
		decCtx.Quantize(&v, &q, -4)
		if !v.Coeff.IsInt64() {
			return Value{}, errArithOverflow("expression", t)
		}
		n := v.Coeff.Int64()
		if v.Negative {
			n = -n
		}
		return moneyValue(n, t)
	}
	return Value{}, errOperandType(t, op.opName())
}

// decimalArith computes exact decimal arithmetic into result type rt.
func decimalArith(op ArithOp, a, b Value, rt Type) (Value, error) {
	var x, y, r apd.Decimal
	if err := decimalOperandValue(a, b, &x); err != nil {
		return Value{}, err
	}
	if err := decimalOperandValue(b, a, &y); err != nil {
		return Value{}, err
	}
	switch op {
	case OpAdd:
		decCtx.Add(&r, &x, &y)
	case OpSub:
		decCtx.Sub(&r, &x, &y)
	case OpMul:
		decCtx.Mul(&r, &x, &y)
	case OpDiv, OpMod:
		if y.IsZero() {
			return Value{}, errDivideByZero
		}
		if op == OpMod {
			decCtx.Rem(&r, &x, &y)
			break
		}
		var q apd.Decimal
		truncCtx.Quo(&q, &x, &y)
		truncCtx.Quantize(&r, &q, -int32(rt.Scale))
	default:
		return Value{}, errOperandType(rt.ID, op.opName())
	}
	return decimalFromApd(&r, rt.Precision, rt.Scale, rt.ID, "expression")
}

// decimalOperandValue converts v (an operand of a decimal operation whose
// other operand is other) to an exact apd value.
func decimalOperandValue(v, other Value, d *apd.Decimal) error {
	if v.id.IsString() {
		c, err := ImplicitConvert(v, Type{ID: Decimal, Precision: 38, Scale: min(other.scale, 38)})
		if err != nil {
			return err
		}
		v = c
	}
	if !toApdFrom(v, d) {
		return errOperandClash(v.id, Decimal)
	}
	return nil
}

// dateTimeArith adds or subtracts on datetime/smalldatetime: the other
// operand converts to the same type (numbers are days since 1900-01-01)
// and the offsets from 1900-01-01 are added.
func dateTimeArith(op ArithOp, a, b Value, t TypeID) (Value, error) {
	ca, err := ImplicitConvert(a, Type{ID: DateTime})
	if err != nil {
		return Value{}, err
	}
	cb, err := ImplicitConvert(b, Type{ID: DateTime})
	if err != nil {
		return Value{}, err
	}
	x := (int64(ca.hi)-days1900)*dt300PerDay + ca.i
	y := (int64(cb.hi)-days1900)*dt300PerDay + cb.i
	r := x + y
	if op == OpSub {
		r = x - y
	}
	days := r / dt300PerDay
	rem := r % dt300PerDay
	if rem < 0 {
		rem += dt300PerDay
		days--
	}
	v, err := dateTimeValue(Type{ID: t}, days+days1900, dt300ToTicks(rem), 0, t)
	if err != nil {
		return Value{}, errArithOverflow("expression", t)
	}
	return v, nil
}

// Negate is unary minus. tinyint is promoted to smallint; -(-2147483648)
// overflows (8115); bit, character and date/time operands are 8117.
func Negate(v Value) (Value, error) {
	switch classOf(v.id) {
	case classInt:
		if v.id == Bit {
			return Value{}, errOperandType(v.id, "minus")
		}
		t := v.id
		if t == TinyInt {
			t = SmallInt
		}
		if !v.ok {
			return Value{id: t}, nil
		}
		return intArith(OpSub, 0, v.i, t)
	case classMoney:
		if !v.ok {
			return v, nil
		}
		return moneyValue(-v.i, v.id)
	case classFloat:
		if !v.ok {
			return v, nil
		}
		if v.id == Real {
			return NewReal(-float32(v.Float64())), nil
		}
		return NewFloat(-v.Float64()), nil
	case classDecimal:
		if v.ok && (v.hi|uint64(v.i)) != 0 {
			v.neg = !v.neg
		}
		return v, nil
	case classNone:
		if v.id == Unknown {
			return Value{id: Int}, nil
		}
	}
	return Value{}, errOperandType(v.id, "minus")
}

// BitNot is ~v on integer types (bit: NOT).
func BitNot(v Value) (Value, error) {
	if classOf(v.id) != classInt {
		return Value{}, errOperandType(v.id, "~")
	}
	if !v.ok {
		return v, nil
	}
	switch v.id {
	case Bit:
		return NewBit(v.i == 0), nil
	case TinyInt:
		return NewTinyInt(^uint8(v.i)), nil
	}
	return Value{id: v.id, ok: true, i: ^v.i}, nil
}
