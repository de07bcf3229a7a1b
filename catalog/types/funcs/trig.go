package funcs

import (
	"math"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// The trigonometric functions take and return float; a result outside the
// reals (ASIN(2), COT(0)) is 3623. DEGREES and RADIANS keep their
// argument's type, as their pages say: RADIANS(180) is the int 3.

func init() {
	ft := fixed(types.TypeFloat)
	f1 := func(name string, f func(float64) float64) *Func {
		return &Func{Name: name, MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: ft,
			Eval: floatFunc(name, f)}
	}
	register(
		f1("SIN", math.Sin), f1("COS", math.Cos), f1("TAN", math.Tan),
		f1("ASIN", math.Asin), f1("ACOS", math.Acos), f1("ATAN", math.Atan),
		f1("COT", func(x float64) float64 {
			if x == 0 {
				return math.NaN()
			}
			return 1 / math.Tan(x)
		}),
		&Func{Name: "ATN2", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: ft, Eval: atn2},
		&Func{Name: "DEGREES", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: angleType,
			Eval: angle("degrees", 180/math.Pi)},
		&Func{Name: "RADIANS", MinArgs: 1, MaxArgs: 1, Deterministic: true, ReturnType: angleType,
			Eval: angle("radians", math.Pi/180)},
	)
}

func atn2(_ *Context, a []types.Value) (types.Value, error) {
	if anyNull(a) {
		return types.Null(types.Float), nil
	}
	y, err := types.ImplicitConvert(a[0], types.TypeFloat)
	if err != nil {
		return types.Value{}, err
	}
	x, err := types.ImplicitConvert(a[1], types.TypeFloat)
	if err != nil {
		return types.Value{}, err
	}
	return types.NewFloat(math.Atan2(y.Float64(), x.Float64())), nil
}

// angleType is the argument's type; a decimal widens to precision 38 so
// that DEGREES(3.14) has room for 179.91.
func angleType(args []types.Type) (types.Type, error) {
	t, err := numType(args)
	if err == nil && (t.ID == types.Decimal || t.ID == types.Numeric) {
		t = types.DecimalType(38, t.Scale)
	}
	return t, err
}

// angle scales its argument by k and converts the result back to the
// argument's type (the call site's declared type finishes the job).
func angle(name string, k float64) func(*Context, []types.Value) (types.Value, error) {
	return func(_ *Context, a []types.Value) (types.Value, error) {
		v, err := numArg(a[0], 1, name)
		if err != nil || v.IsNull() {
			return v, err
		}
		f, err := types.Convert(v, types.TypeFloat, 0)
		if err != nil {
			return types.Value{}, err
		}
		r := types.NewFloat(f.Float64() * k)
		t, _ := angleType([]types.Type{v.Type()})
		if t.ID == types.Float {
			return r, nil
		}
		if t.ID.IsInteger() {
			// Integers are cut toward zero, as float to int converts.
			return types.Convert(types.NewFloat(math.Trunc(r.Float64())), t, 0)
		}
		return types.Convert(r, t, 0)
	}
}
