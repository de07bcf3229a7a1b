package funcs

import "github.com/mirrorsql/mirrorsql/catalog/types"

// SQL_VARIANT_PROPERTY(expression, property) returns a sql_variant: the
// base type's name for 'BaseType', an int for 'Precision', 'Scale',
// 'MaxLength' and 'TotalBytes', and NULL for a NULL expression or an unknown
// property (types.VariantProperty).
func init() {
	register(&Func{Name: "SQL_VARIANT_PROPERTY", MinArgs: 2, MaxArgs: 2, Deterministic: true,
		ReturnType: fixed(types.Type{ID: types.SQLVariant}),
		Eval: func(_ *Context, a []types.Value) (types.Value, error) {
			if a[1].IsNull() {
				return types.Null(types.SQLVariant), nil
			}
			v := types.VariantProperty(a[0], a[1].Str())
			if v.IsNull() {
				return types.Null(types.SQLVariant), nil
			}
			return v, nil
		}})
}
