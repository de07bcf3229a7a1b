package funcs

import (
	"math"
	"math/rand/v2"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

var errInvalidFloatOp = &types.Error{Number: types.ErrInvalidFloatOp, Severity: 16, State: 1,
	Msg: "An invalid floating point operation occurred."}

// numArg requires a numeric argument (strings convert to float, as SQL
// Server does for math functions).
func numArg(v types.Value, n int, fn string) (types.Value, error) {
	switch id := v.TypeID(); {
	case id.IsNumeric(), v.IsNull() && id == types.Unknown:
		return v, nil
	case id.IsString():
		return types.ImplicitConvert(v, types.TypeFloat)
	default:
		return types.Value{}, errArgType(id, n, fn)
	}
}

// numType is the result type of ABS/SIGN/ROUND...: the argument's type
// (strings become float, bit becomes... int is kept).
func numType(args []types.Type) (types.Type, error) {
	if len(args) == 0 {
		return types.TypeFloat, nil
	}
	t := args[0]
	switch {
	case t.ID.IsString():
		return types.TypeFloat, nil
	case t.ID == types.Bit || t.ID == types.TinyInt || t.ID == types.SmallInt:
		return types.TypeInt, nil
	}
	return t, nil
}

// roundType is ROUND's result type, as its page tabulates it: the integer
// and decimal types as numType, but the money category is money and the
// float category float.
func roundType(args []types.Type) (types.Type, error) {
	if len(args) > 0 {
		switch args[0].ID {
		case types.SmallMoney:
			return types.TypeMoney, nil
		case types.Real:
			return types.TypeFloat, nil
		}
	}
	return numType(args)
}

func absFunc(_ *Context, a []types.Value) (types.Value, error) {
	v, err := numArg(a[0], 1, "abs")
	if err != nil || v.IsNull() {
		return v, err
	}
	if v.TypeID().IsNumeric() && signOf(v) < 0 {
		return types.Negate(v)
	}
	return v, nil
}

// signOf returns -1, 0 or 1.
func signOf(v types.Value) int {
	c, _ := types.Compare(v, types.NewInt(0), types.DefaultCollation)
	return c
}

func signFunc(_ *Context, a []types.Value) (types.Value, error) {
	v, err := numArg(a[0], 1, "sign")
	if err != nil || v.IsNull() {
		return v, err
	}
	s := signOf(v)
	switch {
	case v.TypeID() == types.Float || v.TypeID() == types.Real:
		return types.NewFloat(float64(s)), nil
	case v.TypeID().IsInteger():
		return types.ImplicitConvert(types.NewInt(int32(s)), types.Type{ID: v.TypeID()})
	}
	return types.Convert(types.NewInt(int32(s)), types.Type{ID: v.TypeID(), Precision: v.Precision(), Scale: v.Scale()}, 0)
}

// roundDecimal rounds (or truncates) an exact value to n decimal places
// and returns it with its own type, raising 8115 when the rounded value
// needs more integer digits than the type has (ROUND(0.7, 0) on
// numeric(1,1)).
func roundDecimal(v types.Value, n int64, trunc bool) (types.Value, error) {
	d := v.Decimal()
	ctx := apd.BaseContext
	ctx.Precision = 60
	ctx.Rounding = apd.RoundHalfUp
	if trunc {
		ctx.Rounding = apd.RoundDown
	}
	var r apd.Decimal
	if _, err := ctx.Quantize(&r, &d, int32(-n)); err != nil {
		return types.Value{}, err
	}
	t := types.Type{ID: v.TypeID(), Precision: v.Precision(), Scale: v.Scale()}
	switch {
	case t.ID.IsInteger():
		return types.Convert(types.MustDecimal(r.Text('f')), t, 0)
	case t.ID == types.Money || t.ID == types.SmallMoney:
		return types.Convert(types.MustDecimal(r.Text('f')), t, 0)
	}
	out, err := types.NewDecimal(&r, t.Precision, t.Scale)
	if err != nil {
		return types.Value{}, &types.Error{Number: types.ErrArithOverflow, Severity: 16, State: 1,
			Msg: "Arithmetic overflow error converting expression to data type numeric."}
	}
	return types.NewDecimalOfType(out, t.ID), nil
}

func roundFunc(_ *Context, a []types.Value) (types.Value, error) {
	v, err := numArg(a[0], 1, "round")
	if err != nil || anyNull(a) {
		return v, err
	}
	n, err := argInt(a[1])
	if err != nil {
		return types.Value{}, err
	}
	trunc := false
	if len(a) > 2 {
		f, err := argInt(a[2])
		if err != nil {
			return types.Value{}, err
		}
		trunc = f != 0
	}
	switch v.TypeID() {
	case types.Float, types.Real:
		n = min(max(n, -308), 308)
		f := v.Float64()
		p := math.Pow(10, float64(n))
		var r float64
		if trunc {
			r = math.Trunc(f*p) / p
		} else {
			r = math.Round(f*p) / p
		}
		if math.IsNaN(r) || math.IsInf(r, 0) {
			r = f // more places than a float has: unchanged
		}
		if v.TypeID() == types.Real {
			return types.NewReal(float32(r)), nil
		}
		return types.NewFloat(r), nil
	}
	n = min(max(n, -38), 38)
	if v.TypeID().IsInteger() && n >= 0 || int64(v.Scale()) <= n && !v.TypeID().IsInteger() {
		return v, nil // nothing to round
	}
	return roundDecimal(v, n, trunc)
}

func ceilFloor(ceil bool) func(*Context, []types.Value) (types.Value, error) {
	return func(_ *Context, a []types.Value) (types.Value, error) {
		name := "floor"
		if ceil {
			name = "ceiling"
		}
		v, err := numArg(a[0], 1, name)
		if err != nil || v.IsNull() {
			return v, err
		}
		switch id := v.TypeID(); {
		case id.IsInteger():
			return v, nil
		case id == types.Float || id == types.Real:
			f := math.Floor(v.Float64())
			if ceil {
				f = math.Ceil(v.Float64())
			}
			if id == types.Real {
				return types.NewReal(float32(f)), nil
			}
			return types.NewFloat(f), nil
		}
		d := v.Decimal()
		ctx := apd.BaseContext
		ctx.Precision = 60
		var r apd.Decimal
		if ceil {
			ctx.Ceil(&r, &d)
		} else {
			ctx.Floor(&r, &d)
		}
		if v.TypeID() == types.Money || v.TypeID() == types.SmallMoney {
			return types.Convert(types.MustDecimal(r.Text('f')), types.Type{ID: v.TypeID()}, 0)
		}
		p := v.Precision() - v.Scale() + 1
		p = min(max(p, 1), 38)
		out, err := types.NewDecimal(&r, p, 0)
		if err != nil {
			return types.Value{}, err
		}
		return types.NewDecimalOfType(out, v.TypeID()), nil
	}
}

func ceilFloorType(args []types.Type) (types.Type, error) {
	t, err := numType(args)
	if err == nil && (t.ID == types.Decimal || t.ID == types.Numeric) {
		t.Precision = min(t.Precision-t.Scale+1, 38)
		t.Scale = 0
	}
	return t, err
}

// floatFunc wraps a float64 function; NaN or ±Inf results are 3623.
func floatFunc(name string, f func(float64) float64) func(*Context, []types.Value) (types.Value, error) {
	return func(_ *Context, a []types.Value) (types.Value, error) {
		if a[0].IsNull() {
			return types.Null(types.Float), nil
		}
		v, err := types.ImplicitConvert(a[0], types.TypeFloat)
		if err != nil {
			return types.Value{}, err
		}
		r := f(v.Float64())
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return types.Value{}, errInvalidFloatOp
		}
		return types.NewFloat(r), nil
	}
}

// powerFunc is POWER(x, y): the result has x's type (int stays int, so
// POWER(2, 0.5) is 1); decimals become decimal(38, s).
func powerFunc(_ *Context, a []types.Value) (types.Value, error) {
	x, err := numArg(a[0], 1, "power")
	if err != nil || anyNull(a) {
		return x, err
	}
	yv, err := types.ImplicitConvert(a[1], types.TypeFloat)
	if err != nil {
		return types.Value{}, err
	}
	xf, err := types.Convert(x, types.TypeFloat, 0)
	if err != nil {
		return types.Value{}, err
	}
	r := math.Pow(xf.Float64(), yv.Float64())
	if math.IsNaN(r) {
		return types.Value{}, errInvalidFloatOp
	}
	if math.IsInf(r, 0) {
		return types.Value{}, &types.Error{Number: types.ErrArithOverflow, Severity: 16, State: 1,
			Msg: "Arithmetic overflow error converting expression to data type float."}
	}
	t, _ := powerType([]types.Type{{ID: x.TypeID(), Precision: x.Precision(), Scale: x.Scale()}})
	return types.Convert(types.NewFloat(r), t, 0)
}

func powerType(args []types.Type) (types.Type, error) {
	t, err := numType(args)
	if t.ID == types.Decimal || t.ID == types.Numeric {
		t.Precision = 38
	}
	return t, err
}

func randFunc(ctx *Context, a []types.Value) (types.Value, error) {
	if len(a) == 1 && !a[0].IsNull() {
		seed, err := argInt(a[0])
		if err != nil {
			return types.Value{}, err
		}
		r := rand.New(rand.NewPCG(uint64(seed), 0))
		if ctx != nil {
			ctx.Rand = r
		}
		return types.NewFloat(r.Float64()), nil
	}
	if ctx != nil && ctx.Rand != nil {
		return types.NewFloat(ctx.Rand.Float64()), nil
	}
	return types.NewFloat(rand.Float64()), nil
}

func newID(_ *Context, _ []types.Value) (types.Value, error) {
	return types.NewUUID(uuid.New()), nil
}

func init() {
	ft := fixed(types.TypeFloat)
	register(
		&Func{Name: "ABS", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: numType, Eval: absFunc},
		&Func{Name: "SIGN", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: numType, Eval: signFunc},
		&Func{Name: "CEILING", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: ceilFloorType, Eval: ceilFloor(true)},
		&Func{Name: "FLOOR", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: ceilFloorType, Eval: ceilFloor(false)},
		&Func{Name: "ROUND", MinArgs: 2, MaxArgs: 3, Deterministic: true, ReturnType: roundType, Eval: roundFunc},
		&Func{Name: "POWER", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: powerType, Eval: powerFunc},
		&Func{Name: "SQRT", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: ft, Eval: floatFunc("sqrt", math.Sqrt)},
		&Func{Name: "SQUARE", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: ft, Eval: floatFunc("square", func(x float64) float64 { return x * x })},
		&Func{Name: "EXP", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: ft, Eval: floatFunc("exp", math.Exp)},
		&Func{Name: "LOG", MinArgs: 1, MaxArgs: 2, Deterministic: true, ReturnType: ft, Eval: logFunc},
		&Func{Name: "LOG10", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: ft, Eval: floatFunc("log10", logChecked(math.Log10))},
		&Func{Name: "PI", Deterministic: true, ReturnType: ft,
			Eval: func(*Context, []types.Value) (types.Value, error) { return types.NewFloat(math.Pi), nil }},
		&Func{Name: "RAND", MinArgs: 0, MaxArgs: 1, ReturnType: ft, Eval: randFunc},
		&Func{Name: "NEWID", ReturnType: fixed(types.TypeUUID), Eval: newID},
	)
}

// logFunc is LOG(x [, base]): the natural logarithm, or the logarithm to
// base (SQL Server 2012's second argument); a non-positive x or base, or a
// base of 1, is 3623.
func logFunc(c *Context, a []types.Value) (types.Value, error) {
	if len(a) == 1 {
		return floatFunc("log", logChecked(math.Log))(c, a)
	}
	if anyNull(a) {
		return types.Null(types.Float), nil
	}
	x, err := types.ImplicitConvert(a[0], types.TypeFloat)
	if err != nil {
		return types.Value{}, err
	}
	b, err := types.ImplicitConvert(a[1], types.TypeFloat)
	if err != nil {
		return types.Value{}, err
	}
	if x.Float64() <= 0 || b.Float64() <= 0 || b.Float64() == 1 {
		return types.Value{}, errInvalidFloatOp
	}
	return types.NewFloat(math.Log(x.Float64()) / math.Log(b.Float64())), nil
}

// logChecked rejects non-positive arguments (SQL Server raises 3623).
func logChecked(f func(float64) float64) func(float64) float64 {
	return func(x float64) float64 {
		if x <= 0 {
			return math.NaN()
		}
		return f(x)
	}
}
