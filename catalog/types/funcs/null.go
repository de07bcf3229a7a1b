package funcs

import "github.com/mirrorsql/mirrorsql/catalog/types"

// ISNULL(a, b): a, or b converted to a's type when a is NULL (so a longer
// string b is cut to a's length, as SQL Server does). The executor should
// pass the declared type of a via ReturnType; at run time the value's own
// type is used.
func isNull(_ *Context, a []types.Value) (types.Value, error) {
	if !a[0].IsNull() {
		return a[0], nil
	}
	if a[0].TypeID() == types.Unknown || a[1].IsNull() {
		return a[1], nil
	}
	return types.ImplicitConvert(a[1], types.Type{ID: a[0].TypeID(), Precision: a[0].Precision(),
		Scale: a[0].Scale(), Length: types.MaxLength})
}

func isNullType(args []types.Type) (types.Type, error) {
	if args[0].ID == types.Unknown {
		return args[1], nil
	}
	return args[0], nil
}

// commonType folds CommonType over the argument types.
func commonType(args []types.Type) (types.Type, error) {
	t := types.Type{}
	for _, a := range args {
		var err error
		if t, err = types.CommonType(t, a); err != nil {
			return types.Type{}, err
		}
	}
	return t, nil
}

// Coalesce returns the first non-NULL value converted to the common type
// of all arguments (SQL Server types COALESCE like CASE).
func Coalesce(args []types.Value) (types.Value, error) {
	ts := make([]types.Type, len(args))
	for i, a := range args {
		ts[i] = types.Type{ID: a.TypeID(), Precision: a.Precision(), Scale: a.Scale(), Length: types.MaxLength}
	}
	t, err := commonType(ts)
	if err != nil {
		return types.Value{}, err
	}
	for _, a := range args {
		if !a.IsNull() {
			return types.ImplicitConvert(a, t)
		}
	}
	return types.Null(t.ID), nil
}

func coalesce(_ *Context, a []types.Value) (types.Value, error) { return Coalesce(a) }

// NULLIF(a, b): NULL when a = b, else a.
func nullIf(ctx *Context, a []types.Value) (types.Value, error) {
	eq, err := types.CompareBool3(a[0], a[1], types.OpEQ, ctx.coll())
	if err != nil {
		return types.Value{}, err
	}
	if eq == types.True {
		return types.Null(a[0].TypeID()), nil
	}
	return a[0], nil
}

// IIF(cond, a, b): the executor evaluates the boolean condition and passes
// it as a bit (NULL counts as false).
func iif(_ *Context, a []types.Value) (types.Value, error) {
	if a[0].Bool() {
		return Coalesce([]types.Value{a[1], types.Null(a[2].TypeID())})
	}
	return Coalesce([]types.Value{a[2], types.Null(a[1].TypeID())})
}

// CHOOSE(i, v1, v2, ...): the i-th value (1-based), NULL out of range.
func choose(_ *Context, a []types.Value) (types.Value, error) {
	if a[0].IsNull() {
		return types.Value{}, nil
	}
	i, err := argInt(a[0])
	if err != nil {
		return types.Value{}, err
	}
	if i < 1 || i >= int64(len(a)) {
		return types.Value{}, nil
	}
	return a[i], nil
}

func init() {
	register(
		&Func{Name: "ISNULL", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: isNullType, Eval: isNull},
		&Func{Name: "COALESCE", MinArgs: 1, MaxArgs: -1, Deterministic: true, ReturnType: commonType, Eval: coalesce},
		&Func{Name: "NULLIF", MinArgs: 2, MaxArgs: 2, Deterministic: true, ReturnType: firstArg, Eval: nullIf},
		&Func{Name: "IIF", MinArgs: 3, MaxArgs: 3, Deterministic: true,
			ReturnType: func(a []types.Type) (types.Type, error) { return commonType(a[1:]) }, Eval: iif},
		&Func{Name: "CHOOSE", MinArgs: 2, MaxArgs: -1, Deterministic: true,
			ReturnType: func(a []types.Type) (types.Type, error) { return commonType(a[1:]) }, Eval: choose},
	)
}
