package funcs

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// Functions DBA scripts use often: QUOTENAME, ISNUMERIC, ISDATE,
// DATEFROMPARTS, GREATEST and LEAST.

func init() {
	register(
		&Func{Name: "QUOTENAME", MinArgs: 1, MaxArgs: 2, Deterministic: true,
			ReturnType: func([]types.Type) (types.Type, error) { return types.NVarCharType(258), nil }, Eval: quoteName},
		&Func{Name: "ISNUMERIC", MinArgs: 1, MaxArgs: 1, Deterministic: true,
			ReturnType: func([]types.Type) (types.Type, error) { return types.TypeInt, nil }, Eval: isNumeric},
		&Func{Name: "ISDATE", MinArgs: 1, MaxArgs: 1, Deterministic: true,
			ReturnType: func([]types.Type) (types.Type, error) { return types.TypeInt, nil }, Eval: isDate},
		&Func{Name: "DATEFROMPARTS", MinArgs: 3, MaxArgs: 3, Deterministic: true,
			ReturnType: func([]types.Type) (types.Type, error) { return types.TypeDate, nil }, Eval: dateFromParts},
		&Func{Name: "GREATEST", MinArgs: 1, MaxArgs: 254, Deterministic: true, ReturnType: commonType, Eval: extreme(1)},
		&Func{Name: "LEAST", MinArgs: 1, MaxArgs: 254, Deterministic: true, ReturnType: commonType, Eval: extreme(-1)},
	)
}

// quoteName is QUOTENAME(s [, q]): s delimited by [] (or the given quote
// character, doubled inside); NULL for more than 128 characters or an
// unsupported quote.
func quoteName(ctx *Context, args []types.Value) (types.Value, error) {
	if anyNull(args) {
		return types.Null(types.NVarChar), nil
	}
	s, err := argString(args[0])
	if err != nil {
		return types.Value{}, err
	}
	if len([]rune(s)) > 128 {
		return types.Null(types.NVarChar), nil
	}
	open, close := "[", "]"
	if len(args) == 2 {
		q, err := argString(args[1])
		if err != nil {
			return types.Value{}, err
		}
		switch q {
		case "[", "]":
		case "'", "\"", "`":
			open, close = q, q
		case "(", ")":
			open, close = "(", ")"
		case "<", ">":
			open, close = "<", ">"
		case "{", "}":
			open, close = "{", "}"
		default:
			return types.Null(types.NVarChar), nil
		}
	}
	return types.NewNVarChar(open + strings.ReplaceAll(s, close, close+close) + close), nil
}

// isNumeric is ISNUMERIC: 1 when the value converts to some numeric type.
func isNumeric(ctx *Context, args []types.Value) (types.Value, error) {
	v := args[0]
	if v.IsNull() {
		return types.NewInt(0), nil
	}
	if v.TypeID().IsNumeric() {
		return types.NewInt(1), nil
	}
	s, err := argString(v)
	if err != nil {
		return types.NewInt(0), nil
	}
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "$")
	if s == "" || s == "+" || s == "-" || s == "." {
		return types.NewInt(0), nil
	}
	if _, err := types.Convert(types.NewVarChar(strings.ReplaceAll(s, ",", "")), types.TypeFloat, 0); err == nil {
		return types.NewInt(1), nil
	}
	return types.NewInt(0), nil
}

// isDate is ISDATE: 1 when the value converts to datetime.
func isDate(ctx *Context, args []types.Value) (types.Value, error) {
	v := args[0]
	if v.IsNull() {
		return types.NewInt(0), nil
	}
	if v.TypeID().IsDateTime() {
		return types.NewInt(1), nil
	}
	if !v.TypeID().IsString() {
		return types.NewInt(0), nil
	}
	if _, err := types.ConvertWith(v, types.TypeDateTime, 0, ctx.convOpts()); err != nil {
		return types.NewInt(0), nil
	}
	return types.NewInt(1), nil
}

// dateFromParts is DATEFROMPARTS(year, month, day); error 289 for an invalid date.
func dateFromParts(ctx *Context, args []types.Value) (types.Value, error) {
	if anyNull(args) {
		return types.Null(types.Date), nil
	}
	var p [3]int64
	for i, a := range args {
		n, err := argInt(a)
		if err != nil {
			return types.Value{}, err
		}
		p[i] = n
	}
	d, ok := types.NewDate(int(p[0]), int(p[1]), int(p[2]))
	if !ok {
		return types.Value{}, &types.Error{Number: 289, Severity: 16, State: 1, Msg: "Cannot construct data type date, some of the arguments have values which are not valid."}
	}
	return d, nil
}

// extreme is GREATEST (sign 1) and LEAST (sign -1); NULLs are ignored.
func extreme(sign int) func(*Context, []types.Value) (types.Value, error) {
	return func(ctx *Context, args []types.Value) (types.Value, error) {
		var best types.Value
		found := false
		for _, a := range args {
			if a.IsNull() {
				continue
			}
			if !found {
				best, found = a, true
				continue
			}
			c, err := types.Compare(a, best, ctx.coll())
			if err != nil {
				return types.Value{}, err
			}
			if c*sign > 0 {
				best = a
			}
		}
		return best, nil
	}
}
