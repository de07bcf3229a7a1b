package exec

import (
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/catalog/types/funcs"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

var compareOps = map[ast.BinaryOp]types.CompareOp{
	ast.OpEq: types.OpEQ, ast.OpNe: types.OpNE, ast.OpLt: types.OpLT, ast.OpLe: types.OpLE,
	ast.OpGt: types.OpGT, ast.OpGe: types.OpGE, ast.OpNotLt: types.OpGE, ast.OpNotGt: types.OpLE,
}

// compareFn compares two non-NULL or NULL values: types.CompareBool3, or
// its sql_variant form.
type compareFn func(a, b types.Value, op types.CompareOp, coll types.Collation) (types.Bool3, error)

// compareFor picks how operands of the static types x and y compare: when
// either is sql_variant the other converts to sql_variant and the two
// compare by base-type family first (types.CompareVariant), as SQL Server
// does; otherwise by data type precedence.
func compareFor(x, y types.Type) compareFn {
	if x.ID == types.SQLVariant || y.ID == types.SQLVariant {
		return types.CompareVariantBool3
	}
	return types.CompareBool3
}

func comparePred(x, y *expr, op types.CompareOp) pred {
	coll := collationOf(x, y)
	compare := compareFor(x.typ, y.typ)
	generic := func(ec *evalCtx, row Row) (types.Bool3, error) {
		a, err := x.eval(ec, row)
		if err != nil {
			return types.Unknown3, err
		}
		if a.IsNull() {
			return types.Unknown3, nil
		}
		b, err := y.eval(ec, row)
		if err != nil {
			return types.Unknown3, err
		}
		return compare(a, b, op, coll)
	}
	if x.col < 0 || !isInteger(x.typ) || y.konst == nil || y.konst.IsNull() || !isInteger(valueType(*y.konst)) {
		return generic
	}
	// An integer column against an integer constant (WHERE val = 7): compare
	// the int64s, as CompareBool3 would after widening both.
	col, k := x.col, y.konst.Int64()
	return func(ec *evalCtx, row Row) (types.Bool3, error) {
		a := row[col]
		if a.IsNull() {
			return types.Unknown3, nil
		}
		if !isInteger(types.Type{ID: a.TypeID()}) {
			return generic(ec, row)
		}
		x := a.Int64()
		var r bool
		switch op {
		case types.OpEQ:
			r = x == k
		case types.OpNE:
			r = x != k
		case types.OpLT:
			r = x < k
		case types.OpLE:
			r = x <= k
		case types.OpGT:
			r = x > k
		case types.OpGE:
			r = x >= k
		}
		if r {
			return types.True, nil
		}
		return types.False, nil
	}
}

// pred compiles a search condition.
func (c *compiler) pred(e ast.Expr) (pred, error) {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.pred(e.X)
	case *ast.UnaryExpr:
		if e.Op != ast.OpNot {
			break
		}
		p, err := c.pred(e.X)
		if err != nil {
			return nil, err
		}
		return func(ec *evalCtx, row Row) (types.Bool3, error) {
			b, err := p(ec, row)
			return b.Not(), err
		}, nil
	case *ast.BinaryExpr:
		switch e.Op {
		case ast.OpAnd, ast.OpOr:
			l, err := c.pred(e.X)
			if err != nil {
				return nil, err
			}
			r, err := c.pred(e.Y)
			if err != nil {
				return nil, err
			}
			if e.Op == ast.OpAnd {
				return func(ec *evalCtx, row Row) (types.Bool3, error) {
					a, err := l(ec, row)
					if err != nil || a == types.False {
						return a, err
					}
					b, err := r(ec, row)
					return a.And(b), err
				}, nil
			}
			return func(ec *evalCtx, row Row) (types.Bool3, error) {
				a, err := l(ec, row)
				if err != nil || a == types.True {
					return a, err
				}
				b, err := r(ec, row)
				return a.Or(b), err
			}, nil
		}
		if op, ok := compareOps[e.Op]; ok {
			x, err := c.expr(e.X)
			if err != nil {
				return nil, err
			}
			y, err := c.expr(e.Y)
			if err != nil {
				return nil, err
			}
			if err := collationConflict(x, y, compareOpNames[op]); err != nil { // collation_precedence.go
				return nil, err
			}
			if p := c.ansiNullsOffPred(e, x, y, op); p != nil { // ansinulls.go
				return p, nil
			}
			return comparePred(x, y, op), nil
		}
	case *ast.IsNullExpr:
		x, err := c.expr(e.X)
		if err != nil {
			return nil, err
		}
		not := e.Not
		return func(ec *evalCtx, row Row) (types.Bool3, error) {
			v, err := x.eval(ec, row)
			if err != nil {
				return types.Unknown3, err
			}
			if v.IsNull() != not {
				return types.True, nil
			}
			return types.False, nil
		}, nil
	case *ast.BetweenExpr:
		x, err := c.expr(e.X)
		if err != nil {
			return nil, err
		}
		lo, err := c.expr(e.Low)
		if err != nil {
			return nil, err
		}
		hi, err := c.expr(e.High)
		if err != nil {
			return nil, err
		}
		ge, le := comparePred(x, lo, types.OpGE), comparePred(x, hi, types.OpLE)
		not := e.Not
		return func(ec *evalCtx, row Row) (types.Bool3, error) {
			a, err := ge(ec, row)
			if err != nil {
				return a, err
			}
			b, err := le(ec, row)
			if err != nil {
				return b, err
			}
			r := a.And(b)
			if not {
				r = r.Not()
			}
			return r, nil
		}, nil
	case *ast.LikeExpr:
		return c.like(e)
	case *ast.InExpr:
		return c.in(e)
	case *ast.ExistsExpr:
		return c.exists(e)
	case *ast.QuantifiedExpr:
		return c.quantified(e)
	case *ast.DistinctExpr:
		return c.distinctFrom(e) // funcs2022.go
	}
	if f, ok := isUpdatedCall(e); ok {
		return c.updatedPred(f) // UPDATE(column) in triggers (trigger.go)
	}
	return nil, &Error{Number: 4145, Severity: 15, State: 1, Message: "An expression of non-boolean type specified in a context where a condition is expected, near '" + e.SQL() + "'.", Abort: AbortBatch}
}

func (c *compiler) like(e *ast.LikeExpr) (pred, error) {
	x, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	p, err := c.expr(e.Pattern)
	if err != nil {
		return nil, err
	}
	var esc *expr
	if e.Escape != nil {
		if lit, isLit := e.Escape.(*ast.Literal); isLit && lit.Kind == ast.LitString && utf8.RuneCountInString(lit.Value) != 1 {
			return nil, errLikeEscape(lit.Value)
		}
		if esc, err = c.expr(e.Escape); err != nil {
			return nil, err
		}
	}
	if err := collationConflict(x, p, "like"); err != nil { // collation_precedence.go
		return nil, err
	}
	coll := collationOf(x, p)
	// LIKE (Transact-SQL): with Unicode data (either side nchar/nvarchar)
	// trailing blanks are significant; for non-Unicode data they are not.
	unicode := x.typ.ID.IsUnicode() || p.typ.ID.IsUnicode()
	not := e.Not
	return func(ec *evalCtx, row Row) (types.Bool3, error) {
		v, err := x.eval(ec, row)
		if err != nil || v.IsNull() {
			return types.Unknown3, err
		}
		pv, err := p.eval(ec, row)
		if err != nil || pv.IsNull() {
			return types.Unknown3, err
		}
		s, err := asText(v)
		if err != nil {
			return types.Unknown3, err
		}
		ps, err := asText(pv)
		if err != nil {
			return types.Unknown3, err
		}
		var escape rune
		if esc != nil {
			ev, err := esc.eval(ec, row)
			if err != nil {
				return types.Unknown3, err
			}
			if !ev.IsNull() {
				r := []rune(ev.Str())
				if len(r) != 1 {
					return types.Unknown3, errLikeEscape(ev.Str())
				}
				escape = r[0]
			}
		}
		match := false
		if unicode {
			match = funcs.LikeKeepBlanks(s, ps, escape, coll)
		} else {
			match = funcs.Like(s, ps, escape, coll)
		}
		if match != not {
			return types.True, nil
		}
		return types.False, nil
	}, nil
}

// errLikeEscape is 506: a LIKE's ESCAPE must be one character.
func errLikeEscape(esc string) error {
	return &Error{Number: 506, Severity: 16, State: 1, Message: "The invalid escape character \"" + esc + "\" was specified in a LIKE predicate."}
}

// asText converts a value to its character form (for LIKE and string helpers).
func asText(v types.Value) (string, error) {
	if v.TypeID().IsString() {
		return v.Str(), nil
	}
	t, err := types.Convert(v, types.NVarCharType(types.MaxLength), 0)
	if err != nil {
		return "", err
	}
	return t.Str(), nil
}

func (c *compiler) in(e *ast.InExpr) (pred, error) {
	x, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	not := e.Not
	if e.Query != nil {
		sub, err := c.subquery(e.Query)
		if err != nil {
			return nil, err
		}
		if len(sub.cols) != 1 {
			return nil, &Error{Number: 116, Severity: 16, State: 1, Message: "Only one expression can be specified in the select list when the subquery is not introduced with EXISTS."}
		}
		if !not {
			sub.share = e.Query // a semi-join seek's copy reads the same values (semijoin.go)
		}
		// x IN (SELECT y …) compares x = y (collation_precedence.go).
		y := &expr{typ: sub.cols[0].typ, deriv: sub.cols[0].deriv()}
		if err := collationConflict(x, y, "equal to"); err != nil {
			return nil, err
		}
		coll := collationOf(x, y)
		compare := compareFor(x.typ, sub.cols[0].typ)
		ordered := searchable(x.typ, sub.cols[0].typ)
		return func(ec *evalCtx, row Row) (types.Bool3, error) {
			v, err := x.eval(ec, row)
			if err != nil {
				return types.Unknown3, err
			}
			if sub.once && ec.subq != nil { // run once for the statement (subquery_once.go)
				r, err := ec.subqueryValues(sub, row, ordered, coll)
				if err != nil {
					return types.Unknown3, err
				}
				res, err := inValues(r, v, compare, coll)
				if not {
					res = res.Not()
				}
				return res, err
			}
			res := types.False
			err = sub.each(ec, row, func(r Row) (bool, error) {
				b, err := inCompare(compare, v, r[0], coll)
				if err != nil {
					return false, err
				}
				if b == types.True {
					res = types.True
					return false, nil
				}
				if b == types.Unknown3 {
					res = types.Unknown3
				}
				return true, nil
			})
			if not {
				res = res.Not()
			}
			return res, err
		}, nil
	}
	list := make([]*expr, len(e.List))
	// x IN (a, b) is x = a OR x = b, so SET ANSI_NULLS OFF applies to each
	// comparison whose item (or x) is NULL or a variable (ansinulls.go):
	// k IN (10, NULL) finds the NULL rows and k NOT IN (10, NULL) the rows
	// other than 10, as in SQL Server. off[i] marks those items.
	var off []bool
	compare := compareFor(x.typ, x.typ)
	for i, le := range e.List {
		if list[i], err = c.expr(le); err != nil {
			return nil, err
		}
		if !c.s.Opts.AnsiNulls && (ansiNullsOperand(e.X) || ansiNullsOperand(le)) {
			if off == nil {
				off = make([]bool, len(e.List))
			}
			off[i] = true
		}
		if list[i].typ.ID == types.SQLVariant {
			compare = types.CompareVariantBool3
		}
	}
	// Each x = item takes its own collation (collation_precedence.go):
	// x IN ('a' COLLATE Latin1_General_CS_AS, 'b') is case-sensitive for 'a'.
	colls := make([]types.Collation, len(list))
	for i, l := range list {
		if err := collationConflict(x, l, "equal to"); err != nil {
			return nil, err
		}
		colls[i] = collationOf(x, l)
	}
	return func(ec *evalCtx, row Row) (types.Bool3, error) {
		v, err := x.eval(ec, row)
		if err != nil {
			return types.Unknown3, err
		}
		res := types.False
		for i, l := range list {
			w, err := l.eval(ec, row)
			if err != nil {
				return types.Unknown3, err
			}
			if off != nil && off[i] && (v.IsNull() || w.IsNull()) {
				if v.IsNull() && w.IsNull() {
					res = types.True
					break
				}
				continue // a NULL differs from every value: false
			}
			b, err := inCompare(compare, v, w, colls[i])
			if err != nil {
				return types.Unknown3, err
			}
			if b == types.True {
				res = types.True
				break
			}
			if b == types.Unknown3 {
				res = types.Unknown3
			}
		}
		if not {
			res = res.Not()
		}
		return res, nil
	}, nil
}

func inCompare(compare compareFn, a, b types.Value, coll types.Collation) (types.Bool3, error) {
	if a.IsNull() || b.IsNull() {
		return types.Unknown3, nil
	}
	return compare(a, b, types.OpEQ, coll)
}

func (c *compiler) exists(e *ast.ExistsExpr) (pred, error) {
	sub, err := c.subquery(existsQuery(e.Query))
	if err != nil {
		return nil, err
	}
	return func(ec *evalCtx, row Row) (types.Bool3, error) {
		if r := ec.cachedSubquery(sub); r != nil {
			if r.found {
				return types.True, nil
			}
			return types.False, nil
		}
		found := false
		err := sub.each(ec, row, func(Row) (bool, error) {
			found = true
			return false, nil
		})
		if err == nil {
			ec.keepSubquery(sub, &subqResult{found: found})
		}
		if found {
			return types.True, err
		}
		return types.False, err
	}, nil
}

func (c *compiler) quantified(e *ast.QuantifiedExpr) (pred, error) {
	x, err := c.expr(e.X)
	if err != nil {
		return nil, err
	}
	op, ok := compareOps[e.Op]
	if !ok {
		return nil, ErrNotSupported.New("The operator " + e.Op.String())
	}
	sub, err := c.subquery(e.Query)
	if err != nil {
		return nil, err
	}
	if len(sub.cols) != 1 {
		return nil, &Error{Number: 116, Severity: 16, State: 1, Message: "Only one expression can be specified in the select list when the subquery is not introduced with EXISTS."}
	}
	all := e.Quantifier == ast.QuantAll
	y := &expr{typ: sub.cols[0].typ, deriv: sub.cols[0].deriv()}
	if err := collationConflict(x, y, compareOpNames[op]); err != nil { // collation_precedence.go
		return nil, err
	}
	coll := collationOf(x, y)
	compare := compareFor(x.typ, sub.cols[0].typ)
	return func(ec *evalCtx, row Row) (types.Bool3, error) {
		v, err := x.eval(ec, row)
		if err != nil {
			return types.Unknown3, err
		}
		res := types.False
		if all {
			res = types.True
		}
		each := sub.each
		if sub.once && ec.subq != nil { // the values once for the statement (subquery_once.go)
			kept, err := ec.subqueryValues(sub, row, false, coll)
			if err != nil {
				return types.Unknown3, err
			}
			each = func(_ *evalCtx, _ Row, fn func(Row) (bool, error)) error {
				for _, w := range kept.values {
					if more, err := fn(Row{w}); err != nil || !more {
						return err
					}
				}
				return nil
			}
		}
		err = each(ec, row, func(r Row) (bool, error) {
			var b types.Bool3 = types.Unknown3
			if !v.IsNull() && !r[0].IsNull() {
				if b, err = compare(v, r[0], op, coll); err != nil {
					return false, err
				}
			}
			if all {
				res = res.And(b)
				return res != types.False, nil
			}
			res = res.Or(b)
			return res != types.True, nil
		})
		return res, err
	}, nil
}

// existsQuery is an EXISTS subquery with its SELECT * list (or a list of
// constant expressions such as 1/0, dba_exists.go) replaced by a constant:
// EXISTS reads no column, and SQL Server accepts SELECT * there
// even with GROUP BY (EXISTS (SELECT * FROM t GROUP BY k HAVING COUNT(*) >
// 1), which a plain SELECT refuses with 8120). Other lists are kept: their
// errors (an unknown column) are still the query's.
func existsQuery(q *ast.Query) *ast.Query {
	core, ok := q.Body.(*ast.SelectCore)
	if !ok || len(core.Items) == 0 || core.Into != nil {
		return q
	}
	for _, it := range core.Items {
		if it.Var != nil {
			return q
		}
		if st, star := it.Expr.(*ast.Star); star && st.Qualifier == nil {
			continue
		}
		if !existsItemUnread(it.Expr) { // dba_exists.go: SELECT 1/0
			return q
		}
	}
	c2 := *core
	c2.Items = []*ast.SelectItem{{Span: core.Items[0].Span, Expr: &ast.Literal{Span: core.Items[0].Span, Kind: ast.LitInt, Text: "1", Value: "1"}}}
	q2 := *q
	q2.Body = &c2
	return &q2
}
