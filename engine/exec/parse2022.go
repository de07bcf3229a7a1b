package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// parseFunc compiles PARSE(s AS type [USING culture]) and TRY_PARSE: the
// target must be a number or date/time type (10761), the arguments
// character strings (8116; a NULL constant too, which SQL Server refuses
// to parse, while a NULL at run time gives NULL). Without USING the
// session language's culture is used (languageCultures). An unknown
// culture is 9818 for both; text that does not parse is 9819 for PARSE
// and NULL for TRY_PARSE. The reading itself is funcs.ParseCulture.
func (c *compiler) parseFunc(name string, f *ast.FuncCall) (*expr, error) {
	t, err := castType(f.As)
	if err != nil {
		return nil, err
	}
	if !t.ID.IsNumeric() && !t.ID.IsDateTime() || t.ID == types.Bit {
		return nil, &Error{Number: 10761, Severity: 16, State: 2, Message: "Invalid data type " + t.ID.Name() + " in function " + name + "."}
	}
	args, err := c.args(f)
	if err != nil {
		return nil, err
	}
	for i, a := range args {
		if id := a.typ.ID; !id.IsString() {
			tn := "NULL"
			if id != types.Unknown {
				tn = id.Name()
			}
			return nil, &Error{Number: 8116, Severity: 16, State: 1, Message: "Argument data type " + tn + " is invalid for argument " + itoa(i+1) + " of " + strings.ToLower(name) + " function."}
		}
	}
	try := name == "TRY_PARSE"
	return &expr{typ: t, col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		vals, err := evalArgs(ec, row, args)
		if err != nil {
			return types.Value{}, err
		}
		name := sessionCulture(c.s.Opts.Language)
		if len(vals) > 1 {
			if vals[1].IsNull() {
				return types.Null(t.ID), nil
			}
			name = vals[1].Str()
		}
		culture, err := funcs.LookupCulture(name)
		if err != nil {
			return types.Value{}, err
		}
		if vals[0].IsNull() {
			return types.Null(t.ID), nil
		}
		v, err := funcs.ParseCulture(vals[0].Str(), t, culture)
		if err != nil && try {
			return types.Null(t.ID), nil
		}
		return v, err
	}}, nil
}

// sessionCulture is the culture of the session language (funcs.LanguageCulture).
func sessionCulture(language string) string { return funcs.LanguageCulture(language) }
