package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SQL Server 2022 built-ins whose syntax or checks need the compiler:
// TRIM's LEADING/TRAILING forms, DATETRUNC/DATE_BUCKET dateparts checked
// at compile time as SQL Server does, JSON_OBJECT/JSON_ARRAY, PARSE and
// TRY_PARSE (parse2022.go), and the IS [NOT] DISTINCT FROM predicate.

// sql2022Func compiles the calls above; ok is false for any other call,
// which then compiles as an ordinary built-in.
func (c *compiler) sql2022Func(name string, f *ast.FuncCall) (*expr, bool, error) {
	switch name {
	case "PERCENT_RANK", "CUME_DIST", "PERCENTILE_CONT", "PERCENTILE_DISC":
		if f.Over == nil {
			return nil, true, errNeedsOver(name) // window_dist.go
		}
	case "NEWSEQUENTIALID":
		if !c.bareColumnDefault {
			return nil, true, errNewSequentialID
		}
	case "TRIM":
		if !f.TrimFrom && len(f.Args) > 1 {
			return nil, true, types.ErrFuncArgs("TRIM", 1)
		}
		if f.Trim == "LEADING" || f.Trim == "TRAILING" {
			call := *f
			call.Trim, call.TrimFrom = "", false
			fn := "LTRIM"
			if f.Trim == "TRAILING" {
				fn = "RTRIM"
			}
			call.Name = &ast.Name{Span: f.Name.Span, Parts: []*ast.Ident{{Span: f.Name.Span, Name: fn}}}
			x, err := c.call(&call)
			return x, true, err
		}
	case "DATETRUNC", "DATE_BUCKET":
		return nil, false, c.checkDatePart(name, f)
	case "CURRENT_TIMEZONE", "CURRENT_TIMEZONE_ID":
		x, err := c.currentTimeZone(name, len(f.Args), name == "CURRENT_TIMEZONE") // timezone_current.go
		return x, true, err
	case "ISJSON":
		// ISJSON(expression, VALUE|ARRAY|OBJECT|SCALAR): the constraint is
		// a keyword, which call passes on as text.
		if len(f.Args) == 2 {
			cr, ok := f.Args[1].(*ast.ColumnRef)
			if !ok || len(cr.Name.Parts) != 1 || !funcs.IsJSONTypeConstraint(cr.Name.Last()) {
				near := f.Args[1].SQL()
				if l, ok := f.Args[1].(*ast.Literal); ok && l.Kind == ast.LitString {
					near = l.Value // SQL Server names a string token by its text
				}
				return nil, true, &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near '" + near + "'."}
			}
		}
	case "JSON_OBJECT", "JSON_ARRAY":
		x, err := c.jsonConstructor(name, f)
		return x, true, err
	case "STATS_DATE":
		x, err := c.statsDate(f) // stats_views.go
		return x, true, err
	case "PARSE", "TRY_PARSE":
		if f.As != nil {
			x, err := c.parseFunc(name, f) // parse2022.go
			return x, true, err
		}
	}
	return nil, false, nil
}

// errNewSequentialID is 302: NEWSEQUENTIALID() anywhere but as a
// uniqueidentifier column's whole DEFAULT.
var errNewSequentialID = &Error{Number: 302, Severity: 16, State: 0, Message: "The newsequentialid() built-in function can only be used in a DEFAULT expression for a column of type 'uniqueidentifier' in a CREATE TABLE or ALTER TABLE statement. It cannot be combined with other operators to form a complex scalar expression."}

// isBareNewSequentialID reports whether a DEFAULT expression is exactly
// NEWSEQUENTIALID(), parentheses aside.
func isBareNewSequentialID(e ast.Expr) bool {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			break
		}
		e = p.X
	}
	f, ok := e.(*ast.FuncCall)
	return ok && f.Over == nil && len(f.Args) == 0 && len(f.Name.Parts) == 1 && strings.EqualFold(f.Name.Last(), "NEWSEQUENTIALID")
}

// checkNewSequentialID refuses, when the table is made or altered as SQL
// Server does, a DEFAULT that uses NEWSEQUENTIALID() other than as the
// whole default of a uniqueidentifier column (302).
func checkNewSequentialID(def ast.Expr, colType types.Type) error {
	if isBareNewSequentialID(def) && colType.ID == types.UniqueIdentifier {
		return nil
	}
	var found bool
	ast.Inspect(def, func(n ast.Node) bool {
		if f, ok := n.(*ast.FuncCall); ok && len(f.Name.Parts) == 1 && strings.EqualFold(f.Name.Last(), "NEWSEQUENTIALID") {
			found = true
		}
		return !found
	})
	if found {
		return errNewSequentialID
	}
	return nil
}

// checkDatePart reports, at compile time, a datepart DATETRUNC or
// DATE_BUCKET does not know (155) or does not support for the date
// argument's type (9810): SQL Server refuses these before running the
// statement, so no result set starts.
func (c *compiler) checkDatePart(name string, f *ast.FuncCall) error {
	dateArg := 1
	if name == "DATE_BUCKET" {
		dateArg = 2
	}
	if len(f.Args) <= dateArg {
		return nil // the arity check reports it
	}
	cr, ok := f.Args[0].(*ast.ColumnRef)
	if !ok || len(cr.Name.Parts) != 1 {
		return nil // the ordinary compile reports it
	}
	x, err := c.expr(f.Args[dateArg])
	if err != nil {
		return err
	}
	return funcs.CheckDatePart(name, cr.Name.Last(), x.typ)
}

// jsonConstructor compiles JSON_OBJECT(k:v, …) and JSON_ARRAY(v, …):
// nvarchar(max) JSON text without spaces; strings quoted and escaped as
// FOR JSON does, numbers bare, bit as true/false, and values that are
// themselves JSON_OBJECT, JSON_ARRAY, JSON_QUERY or a FOR JSON subquery
// inserted as JSON.
// NULL values give null under NULL ON NULL (JSON_OBJECT's default) and are
// left out under ABSENT ON NULL (JSON_ARRAY's default).
func (c *compiler) jsonConstructor(name string, f *ast.FuncCall) (*expr, error) {
	object := name == "JSON_OBJECT"
	if object && !f.JSONPairs && len(f.Args) > 0 {
		return nil, &Error{Number: 102, Severity: 15, State: 1, Message: "Incorrect syntax near ')'."}
	}
	absent := f.JSONNull == "ABSENT" || f.JSONNull == "" && !object
	args, err := c.args(f)
	if err != nil {
		return nil, err
	}
	raw := make([]bool, len(f.Args))
	for i, a := range f.Args {
		switch x := unparen(a).(type) {
		case *ast.FuncCall:
			if len(x.Name.Parts) == 1 {
				switch strings.ToUpper(x.Name.Last()) {
				case "JSON_OBJECT", "JSON_ARRAY", "JSON_QUERY":
					raw[i] = true
				}
			}
		case *ast.SubqueryExpr:
			raw[i] = x.Query.For != nil && x.Query.For.Kind == "JSON"
		}
	}
	return &expr{typ: types.NVarCharType(types.MaxLength), col: -1, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		vals, err := evalArgs(ec, row, args)
		if err != nil {
			return types.Value{}, err
		}
		var b strings.Builder
		open, close := byte('['), byte(']')
		if object {
			open, close = '{', '}'
		}
		b.WriteByte(open)
		n := 0
		for i := 0; i < len(vals); i++ {
			v := vals[i]
			var key string
			if object {
				if v.IsNull() {
					// SQL Server refuses a NULL key; this number and text are not
					// confirmed against SQL Server.
					return types.Value{}, &Error{Number: 13602, Severity: 16, State: 1, Message: "JSON object key cannot be NULL."}
				}
				if key, err = asText(v); err != nil {
					return types.Value{}, err
				}
				i++
				v = vals[i]
			}
			if v.IsNull() && absent {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			if object {
				b.WriteString(jsonString(key))
				b.WriteByte(':')
			}
			if raw[i] && !v.IsNull() {
				b.WriteString(v.Str())
				continue
			}
			t, err := jsonValueText(v)
			if err != nil {
				return types.Value{}, err
			}
			b.WriteString(t)
		}
		b.WriteByte(close)
		return types.NewNVarChar(b.String()), nil
	}}, nil
}

// distinctFrom compiles X IS [NOT] DISTINCT FROM Y: two NULLs are not
// distinct, a NULL and a value are, other values compare with =; the
// result is TRUE or FALSE, never UNKNOWN.
func (c *compiler) distinctFrom(e *ast.DistinctExpr) (pred, error) {
	x, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	y, err := c.expr(e.Y)
	if err != nil {
		return nil, err
	}
	coll := collationOf(x, y)
	not := e.Not
	return func(ec *evalCtx, row Row) (types.Bool3, error) {
		a, err := x.eval(ec, row)
		if err != nil {
			return types.Unknown3, err
		}
		b, err := y.eval(ec, row)
		if err != nil {
			return types.Unknown3, err
		}
		var same bool
		switch {
		case a.IsNull() || b.IsNull():
			same = a.IsNull() && b.IsNull()
		default:
			r, err := types.CompareBool3(a, b, types.OpEQ, coll)
			if err != nil {
				return types.Unknown3, err
			}
			same = r == types.True
		}
		if same == not {
			return types.True, nil
		}
		return types.False, nil
	}, nil
}
