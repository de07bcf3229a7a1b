package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Which statistics describe a predicate (issue #5). An estimate of the
// rows a predicate on a column keeps uses a statistics object whose
// leading column it is — an index's or a CREATE STATISTICS one, the
// unfiltered before the filtered. A filtered statistics describes only
// the rows its filter keeps, so it is used only for a query whose
// predicate implies that filter, as SQL Server's are: every conjunct of
// the filter must be implied by one of the query's (filterCovered).

// statsFor is the statistics of t whose leading column is col and which
// where (the query's conjuncts) may use: nil when there are none.
func statsFor(t *catalog.Table, col int, where []ast.Expr) (statsTarget, bool) {
	var filtered *statsTarget
	for _, x := range tableStatistics(t) {
		cols := statsColumns(t, x.id)
		if len(cols) == 0 || cols[0] != col {
			continue
		}
		if ix := t.Index(x.name); ix != nil && ix.Disabled && !x.user {
			continue
		}
		f := statsFilter(t, x.id)
		if f == "" {
			return x, true
		}
		if filtered == nil && filterCovered(t, f, where) {
			filtered = &x
		}
	}
	if filtered != nil {
		return *filtered, true
	}
	return statsTarget{}, false
}

// filterCovered reports whether the conjuncts of where imply filter (T-SQL
// text): each of the filter's conjuncts is one of where's (the same text),
// or a comparison of a column with a constant that one of where's
// comparisons of that column with a constant implies (a = 5 implies
// a > 0 and a IS NOT NULL; a > 10 implies a > 5).
func filterCovered(t *catalog.Table, filter string, where []ast.Expr) bool {
	f, err := tsql.ParseExpr(filter)
	if err != nil {
		return false
	}
	for _, fc := range conjuncts(f) {
		ok := false
		for _, w := range where {
			if implies(t, w, fc) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// implies reports whether condition w implies condition f.
func implies(t *catalog.Table, w, f ast.Expr) bool {
	if strings.EqualFold(normalSQL(w), normalSQL(f)) {
		return true
	}
	wc, wop, wv, ok1 := constComparison(t, w)
	if !ok1 || wv.IsNull() {
		return false
	}
	if n, ok := f.(*ast.IsNullExpr); ok && n.Not {
		c, ok := n.X.(*ast.ColumnRef)
		i, _ := t.Column(c.Name.Last())
		return ok && i == wc // a comparison with a value is never TRUE for NULL
	}
	fc, fop, fv, ok2 := constComparison(t, f)
	if !ok2 || fc != wc || fv.IsNull() {
		return false
	}
	typ := t.Columns[wc].Type
	cmp, err := compareNullsFirst(wv, fv, typ)
	if err != nil {
		return false
	}
	// Every value w keeps must be one f keeps.
	switch wop {
	case ast.OpEq:
		return holds(cmp, fop)
	case ast.OpGt, ast.OpGe:
		switch fop {
		case ast.OpGt:
			return cmp > 0 || cmp == 0 && wop == ast.OpGt
		case ast.OpGe:
			return cmp >= 0
		case ast.OpNe:
			return cmp > 0 || cmp == 0 && wop == ast.OpGt
		}
	case ast.OpLt, ast.OpLe:
		switch fop {
		case ast.OpLt:
			return cmp < 0 || cmp == 0 && wop == ast.OpLt
		case ast.OpLe:
			return cmp <= 0
		case ast.OpNe:
			return cmp < 0 || cmp == 0 && wop == ast.OpLt
		}
	}
	return false
}

// holds reports whether a value comparing cmp with a constant satisfies
// op against it.
func holds(cmp int, op ast.BinaryOp) bool {
	switch op {
	case ast.OpEq:
		return cmp == 0
	case ast.OpNe:
		return cmp != 0
	case ast.OpLt:
		return cmp < 0
	case ast.OpLe:
		return cmp <= 0
	case ast.OpGt:
		return cmp > 0
	case ast.OpGe:
		return cmp >= 0
	}
	return false
}

// constComparison takes e apart as column op constant (the column on the
// left: 5 < a is a > 5), the constant converted to the column's type.
func constComparison(t *catalog.Table, e ast.Expr) (col int, op ast.BinaryOp, v types.Value, ok bool) {
	for {
		p, isParen := e.(*ast.ParenExpr)
		if !isParen {
			break
		}
		e = p.X
	}
	be, isBin := e.(*ast.BinaryExpr)
	if !isBin {
		return 0, 0, v, false
	}
	op = be.Op
	cr, isCol := be.X.(*ast.ColumnRef)
	other := be.Y
	if !isCol {
		if cr, isCol = be.Y.(*ast.ColumnRef); !isCol {
			return 0, 0, v, false
		}
		other = be.X
		op = flipOp(op) // access.go
	}
	i, c := t.Column(cr.Name.Last())
	if c == nil {
		return 0, 0, v, false
	}
	v, ok = constantValue(other, c.Type)
	return i, op, v, ok
}

// constantValue is the value of literal e (a signed number or a string,
// parenthesized or not) converted exactly to t; ok false for anything
// else (a column, a variable, a function), whose value a plan cannot know.
func constantValue(e ast.Expr, t types.Type) (types.Value, bool) {
	neg := false
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.UnaryExpr:
			if x.Op != ast.OpNeg {
				return types.Value{}, false
			}
			neg = !neg
			e = x.X
			continue
		}
		break
	}
	l, ok := e.(*ast.Literal)
	if !ok {
		return types.Value{}, false
	}
	v, err := literalValue(l)
	if err != nil {
		return v, false
	}
	if neg {
		if v, err = types.Negate(v); err != nil {
			return v, false
		}
	}
	if v.IsNull() {
		return v, true
	}
	return exactConvert(v, t)
}

// normalSQL is e's text without its spaces and outer parentheses, to
// compare conditions as written.
func normalSQL(e ast.Expr) string {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			break
		}
		e = p.X
	}
	return strings.Join(strings.Fields(e.SQL()), "")
}
