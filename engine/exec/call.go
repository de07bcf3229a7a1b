package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// dateparts are the first arguments of DATEADD/DATEDIFF/DATEPART/DATENAME,
// written as bare words; they reach the function as varchar values.
var datepartFuncs = map[string]bool{"DATEADD": true, "DATEDIFF": true, "DATEDIFF_BIG": true, "DATEPART": true, "DATENAME": true, "DATETRUNC": true, "DATE_BUCKET": true}

func (c *compiler) call(f *ast.FuncCall) (*expr, error) {
	name := strings.ToUpper(f.Name.Last())
	if f.Over != nil {
		return nil, &Error{Number: 4108, Severity: 15, State: 1, Message: "Windowed functions can only appear in the SELECT or ORDER BY clauses."}
	}
	if f.Nulls != "" {
		return nil, checkNullTreatment(f, name) // window_named.go
	}
	if isAggregate(f) {
		if x, ok, err := c.outerAggregate(f); ok || err != nil { // outer_agg.go
			return x, err
		}
		return nil, &Error{Number: 147, Severity: 15, State: 1, Message: "An aggregate may not appear in the WHERE clause unless it is in a subquery contained in a HAVING clause or a select list, and the column being aggregated is an outer reference."}
	}
	if name == "CURSOR_STATUS" && len(f.Name.Parts) == 1 {
		return c.cursorStatus(f) // cursor.go
	}
	if name == "OBJECT_DEFINITION" && len(f.Name.Parts) == 1 {
		return c.objectDefinition(f) // module_ddl.go
	}
	if len(f.Name.Parts) == 1 {
		if x, ok, err := c.systemFunc(name, f); ok || err != nil {
			return x, err
		}
	} else {
		if isPartitionFunc(f) {
			return c.partitionFunc(f) // partition_place.go
		}
		return c.userScalar(f) // udf.go
	}
	if name == "IIF" && len(f.Args) == 3 {
		if allNullConstants(f.Args[1:]...) {
			return nil, errCaseAllNull // builtin_checks.go
		}
		return c.iif(f)
	}
	if name == "COALESCE" && len(f.Args) > 0 && allNullConstants(f.Args...) {
		return nil, errCoalesceAllNull
	}
	fn, ok := funcs.Lookup(name)
	if !ok || len(f.Name.Parts) > 1 {
		return nil, ErrUnknownFunction.New(f.Name.SQL())
	}
	if err := fn.CheckArity(len(f.Args)); err != nil {
		return nil, err
	}
	args := make([]*expr, len(f.Args))
	argTypes := make([]types.Type, len(f.Args))
	allConst := fn.Deterministic
	for i, a := range f.Args {
		if i == 0 && datepartFuncs[name] || i == 1 && name == "ISJSON" {
			if cr, ok := a.(*ast.ColumnRef); ok && len(cr.Name.Parts) == 1 {
				v := types.NewVarChar(cr.Name.Last())
				args[i] = constExpr(v, valueType(v))
				argTypes[i] = args[i].typ
				continue
			}
		}
		x, err := c.expr(a)
		if err != nil {
			return nil, err
		}
		args[i], argTypes[i] = x, x.typ
		if x.konst == nil {
			allConst = false
		}
	}
	if (name == "DATEPART" || name == "DATENAME") && len(args) == 2 && args[0].konst != nil {
		if err := funcs.CheckDatePart(name, args[0].konst.Str(), argTypes[1]); err != nil {
			return nil, err
		}
	}
	t, err := fn.ReturnType(argTypes)
	if err != nil {
		return nil, err
	}
	if i := funcs.FromPartsPrecision(name); i >= 0 && i < len(args) && args[i].konst != nil && !args[i].konst.IsNull() {
		// TIMEFROMPARTS(…, 3) is time(3): the precision literal types the result.
		if p := args[i].konst.Int64(); p >= 0 && p <= 7 {
			t.Scale = uint8(p)
		}
	}
	// The string arguments' collation by precedence is the result's, with
	// their derivation (UPPER(col) stays the column's, implicit), and the
	// one CHARINDEX, REPLACE and NULLIF compare under; a string made from
	// no string (CONVERT of a number) is the database's (dbcollation.go).
	lab, fromStrings, err := funcCollation(name, args) // collation_conflict.go
	if err != nil {
		return nil, err
	}
	coll, deriv := lab.coll, lab.deriv
	if deriv == derivNone && !t.ID.IsString() { // DATALENGTH, ASCII: no collation needed
		deriv = derivCoercible
	}
	if deriv == derivNone && name == "COALESCE" && !t.ID.IsUnicode() {
		return nil, unresolvedConversion(t, lab.none) // a varchar CASE
	}
	if !fromStrings {
		coll, deriv = types.DefaultCollation, derivCoercible
	}
	if t.ID.IsString() {
		if fromStrings {
			t.Collation = coll
		} else {
			t, deriv = c.s.coercible(t), derivCoercible
		}
	}
	ownColl := fromStrings && coll != types.DefaultCollation
	// Folding uses the session's settings (DATEFIRST, DATEFORMAT, LANGUAGE) as they are
	// when the statement is compiled, like evaluation does at run time.
	foldCtx := &funcs.Context{DateFirst: c.s.Opts.DateFirst, DateFormat: c.s.Opts.DateFormat,
		Language: c.s.Opts.Language, Collation: coll}
	// Results are cut to the declared result type (REPLICATE, string
	// concatenation beyond 8000 bytes), as SQL Server types them.
	cut := (t.ID.IsString() || t.ID.IsBinary()) && t.Length > 0
	// Numbers carry the declared type too (ROUND of a tinyint is an int,
	// PATINDEX in a (max) string a bigint): SQL_VARIANT_PROPERTY and a
	// sql_variant see the value's own type.
	retype := t.ID.IsNumeric()
	eval := func(ec *evalCtx, row Row) (types.Value, error) {
		vals := make([]types.Value, len(args))
		for i, a := range args {
			v, err := a.eval(ec, row)
			if err != nil {
				return v, err
			}
			vals[i] = v
		}
		fc := foldCtx
		if ec != nil {
			fc = ec.fctx
			if ownColl {
				fc = ec.collated(coll) // expr.go
			}
		}
		v, err := fn.Eval(fc, vals)
		if err != nil {
			return v, err
		}
		if retype && v.TypeID() != t.ID {
			if v.IsNull() {
				return types.Null(t.ID), nil
			}
			return types.Convert(v, t, 0)
		}
		if !cut || v.IsNull() {
			return v, nil
		}
		return types.Convert(v, t, 0)
	}
	if allConst {
		if v, err := eval(nil, nil); err == nil {
			x := constExpr(v, t)
			x.deriv = deriv
			return x, nil
		}
	}
	x := &expr{typ: t, col: -1, eval: eval, deriv: deriv}
	if deriv == derivNone {
		x.noColl = lab.none
	}
	return x, nil
}

func (c *compiler) iif(f *ast.FuncCall) (*expr, error) {
	cond, err := c.pred(f.Args[0])
	if err != nil {
		return nil, err
	}
	a, err := c.expr(f.Args[1])
	if err != nil {
		return nil, err
	}
	b, err := c.expr(f.Args[2])
	if err != nil {
		return nil, err
	}
	t := dominantType([]types.Type{a.typ, b.typ})
	var lab collLabel
	if t.ID.IsString() {
		if lab, err = precedenceCollation("CASE", t, a, b); err != nil { // IIF is a CASE
			return nil, err
		}
		t.Collation = lab.coll
	}
	return &expr{typ: t, col: -1, deriv: lab.deriv, noColl: lab.none, eval: func(ec *evalCtx, row Row) (types.Value, error) {
		r, err := cond(ec, row)
		if err != nil {
			return types.Value{}, err
		}
		x := b
		if r.IsTrue() {
			x = a
		}
		v, err := x.eval(ec, row)
		if err != nil {
			return v, err
		}
		return convertTo(v, t)
	}}, nil
}

// stringArgs compiles arguments that must be constant-ish strings or numbers.
func (c *compiler) args(f *ast.FuncCall) ([]*expr, error) {
	out := make([]*expr, len(f.Args))
	for i, a := range f.Args {
		x, err := c.expr(a)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

// evalArgs evaluates compiled arguments.
func evalArgs(ec *evalCtx, row Row, args []*expr) ([]types.Value, error) {
	vals := make([]types.Value, len(args))
	for i, a := range args {
		v, err := a.eval(ec, row)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, nil
}

func itoa(n int) string {
	return types.NewBigInt(int64(n)).String()
}
