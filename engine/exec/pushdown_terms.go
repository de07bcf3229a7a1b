package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The conjuncts that may go into a derived table (pushdown.go): which
// forms, and how one is written in terms of a SELECT beneath.

// pushTranslator judges the conjuncts of one derived table.
type pushTranslator struct {
	s *Session
	// local is the derived table's columns alone (no enclosing scope).
	local *scope
	// outer is the scope the derived table is compiled in: the values'
	// columns resolve there.
	outer *scope
	// params, for an apply join's right side (join_apply.go), is the left
	// row: values may name its columns, which go in renamed.
	params    *applyParams
	view      bool
	preserved bool
	// ansiDiffers: the query beneath compiles under ANSI_NULLS ON (a
	// view's own, module_sets.go) and the filter under OFF, where = and <>
	// with a variable or NULL are true for NULLs: on a column that may be
	// NULL they do not go in, where they would keep fewer rows. (Under OFF
	// beneath and ON above they keep more, which the filter drops.)
	ansiDiffers bool
}

// pushKind is the form of a conjunct that may go into a derived table.
type pushKind uint8

const (
	pushCompare pushKind = iota + 1 // col op value
	pushBetween                     // col [NOT] BETWEEN value AND value
	pushIn                          // col [NOT] IN (value, …)
	pushIsNull                      // col IS [NOT] NULL
	pushOr                          // term OR term
)

// pushTerm is a conjunct in a form that may go into a derived table: pos is
// the derived column it tests, vals the values it is compared with.
type pushTerm struct {
	kind        pushKind
	op          ast.BinaryOp // pushCompare's, with the column on the left
	not         bool
	pos         int
	col         *ast.ColumnRef // as written, for its position
	vals        []ast.Expr
	left, right *pushTerm // pushOr's
	span        ast.Span
}

// term is cnd as a pushTerm, ok false when it may not go in (its form, its
// values, or it may be satisfied by a NULL-extended row where such rows
// reach the filter).
func (t *pushTranslator) term(cnd ast.Expr) (*pushTerm, bool) {
	pt, nullRejecting, ok := t.form(cnd)
	if !ok || (!t.preserved && !nullRejecting) {
		return nil, false
	}
	return pt, true
}

// form is term's work; nullRejecting reports that no row whose derived
// columns are all NULL satisfies the conjunct.
func (t *pushTranslator) form(e ast.Expr) (pt *pushTerm, nullRejecting, ok bool) {
	ansiOff := !t.s.Opts.AnsiNulls
	switch x := e.(type) {
	case *ast.ParenExpr:
		return t.form(x.X)
	case *ast.BinaryExpr:
		if x.Op == ast.OpOr {
			l, ln, lok := t.form(x.X)
			r, rn, rok := t.form(x.Y)
			if !lok || !rok {
				return nil, false, false
			}
			return &pushTerm{kind: pushOr, left: l, right: r, span: x.Span}, ln && rn, true
		}
		switch x.Op {
		case ast.OpEq, ast.OpNe, ast.OpLt, ast.OpLe, ast.OpGt, ast.OpGe:
		default:
			return nil, false, false
		}
		colSide, valSide, op := x.X, x.Y, x.Op
		pos, cr, isCol := t.derivedColumn(colSide)
		if !isCol {
			colSide, valSide, op = x.Y, x.X, flipOp(x.Op)
			if pos, cr, isCol = t.derivedColumn(colSide); !isCol {
				return nil, false, false
			}
		}
		if !t.value(pos, valSide) || t.ansiDiffers && !t.local.cols[pos].notNull && (op == ast.OpEq || op == ast.OpNe) && ansiNullsOperand(valSide) {
			return nil, false, false
		}
		// Under ANSI_NULLS OFF, = and <> with a variable or NULL are
		// satisfied by a NULL column (ansinulls.go).
		nr := !(ansiOff && (op == ast.OpEq || op == ast.OpNe) && ansiNullsOperand(valSide))
		return &pushTerm{kind: pushCompare, op: op, pos: pos, col: cr, vals: []ast.Expr{valSide}, span: x.Span}, nr, true
	case *ast.BetweenExpr:
		pos, cr, isCol := t.derivedColumn(x.X)
		if !isCol || !t.value(pos, x.Low) || !t.value(pos, x.High) {
			return nil, false, false
		}
		return &pushTerm{kind: pushBetween, not: x.Not, pos: pos, col: cr, vals: []ast.Expr{x.Low, x.High}, span: x.Span}, true, true
	case *ast.InExpr:
		pos, cr, isCol := t.derivedColumn(x.X)
		if !isCol || x.Query != nil || len(x.List) == 0 {
			return nil, false, false
		}
		nr := true
		for _, v := range x.List {
			if !t.value(pos, v) {
				return nil, false, false
			}
			if ansiNullsOperand(v) && t.ansiDiffers && !t.local.cols[pos].notNull {
				return nil, false, false
			}
			if ansiOff && ansiNullsOperand(v) {
				nr = false
			}
		}
		return &pushTerm{kind: pushIn, not: x.Not, pos: pos, col: cr, vals: x.List, span: x.Span}, nr, true
	case *ast.IsNullExpr:
		pos, cr, isCol := t.derivedColumn(x.X)
		if !isCol {
			return nil, false, false
		}
		return &pushTerm{kind: pushIsNull, not: x.Not, pos: pos, col: cr, span: x.Span}, x.Not, true
	}
	return nil, false, false
}

// derivedColumn reports whether e is (in parentheses or not) a column of
// the derived table, and its position.
func (t *pushTranslator) derivedColumn(e ast.Expr) (int, *ast.ColumnRef, bool) {
	e = stripParens(e)
	cr, ok := e.(*ast.ColumnRef)
	if !ok || pseudoColumn(cr.Name.Last()) != 0 || len(cr.Name.Parts) > 2 {
		return 0, nil, false
	}
	c, found, err := t.local.find(cr.Name)
	if err != nil || !found || c.hidden {
		return 0, nil, false
	}
	return c.idx, cr, true
}

// value reports whether e may be compared with the derived column at pos
// in a SELECT beneath: it names none of the derived table's columns (nor,
// for a view, any column), holds only what evaluates alike there, and the
// column is not converted to its type.
func (t *pushTranslator) value(pos int, e ast.Expr) bool {
	if !t.portable(e) {
		return false
	}
	if t.params != nil {
		e = t.params.subst(e)
	}
	x, err := (&compiler{s: t.s, sc: &scope{outer: t.outer}}).expr(e)
	if err != nil {
		return false
	}
	return seekConverts(t.local.cols[pos].typ, x.typ) // seekconv.go
}

// pushFuncs are the built-ins a pushed value may call: deterministic, or
// the same for the whole statement, and resolved alike anywhere.
var pushFuncs = map[string]bool{
	"ISNULL": true, "COALESCE": true, "ABS": true, "UPPER": true, "LOWER": true,
	"LTRIM": true, "RTRIM": true, "TRIM": true, "GETDATE": true, "GETUTCDATE": true,
	"SYSDATETIME": true, "SYSUTCDATETIME": true, "CURRENT_TIMESTAMP": true, "DATEFROMPARTS": true,
}

// portable reports whether e evaluates in a SELECT beneath as it does in
// the filter: literals, variables, parameters, arithmetic, CAST and
// CONVERT (not into a view, where a type name would resolve in its
// database), the built-ins of pushFuncs, and columns of an enclosing query
// (not into a view). A column of the derived table itself is no value.
func (t *pushTranslator) portable(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Literal, *ast.NullLit, *ast.Variable:
		return true
	case *ast.ParenExpr:
		return t.portable(x.X)
	case *ast.UnaryExpr:
		return x.Op != ast.OpNot && t.portable(x.X)
	case *ast.BinaryExpr:
		switch x.Op {
		case ast.OpAdd, ast.OpSub, ast.OpMul, ast.OpDiv, ast.OpMod, ast.OpBitAnd, ast.OpBitOr, ast.OpBitXor:
			return t.portable(x.X) && t.portable(x.Y)
		}
		return false
	case *ast.CastExpr:
		return !t.view && t.portable(x.X)
	case *ast.ConvertExpr:
		return !t.view && t.portable(x.X) && (x.Style == nil || t.portable(x.Style))
	case *ast.FuncCall:
		if len(x.Name.Parts) != 1 || x.Over != nil || x.Distinct || x.Star || len(x.WithinGroup) > 0 || !pushFuncs[strings.ToUpper(x.Name.Last())] {
			return false
		}
		for _, a := range x.Args {
			if !t.portable(a) {
				return false
			}
		}
		return true
	case *ast.ColumnRef:
		if _, found, err := t.local.find(x.Name); found || err != nil {
			return false // the derived table's own
		}
		if t.params != nil {
			if _, found, err := t.params.left.find(x.Name); err != nil {
				return false
			} else if found {
				return true // the apply join's left row (join_apply.go)
			}
		}
		if t.view || t.outer == nil {
			return false
		}
		_, _, err := t.outer.lookup(x.Name)
		return err == nil
	}
	return false
}

// rewrite is pt in terms of the SELECT out describes, ok false when a
// column it tests is not one of that SELECT's plain columns of the same
// type, or one of its values names a column that the SELECT's FROM would
// capture.
func (t *pushTranslator) rewrite(pt *pushTerm, out *coreOutput) (ast.Expr, bool) {
	if !out.recorded {
		return nil, false
	}
	if pt.kind == pushOr {
		l, lok := t.rewrite(pt.left, out)
		r, rok := t.rewrite(pt.right, out)
		if !lok || !rok {
			return nil, false
		}
		return &ast.BinaryExpr{Span: pt.span, Op: ast.OpOr, X: l, Y: r}, true
	}
	if pt.pos >= len(out.cols) {
		return nil, false
	}
	o := out.cols[pt.pos]
	if o.ref == nil || !sameComparison(o.typ, t.local.cols[pt.pos].typ) {
		return nil, false
	}
	inner := &scope{cols: out.from.cols}
	vals := pt.vals
	if t.params != nil {
		vals = make([]ast.Expr, len(pt.vals))
		for i, v := range pt.vals {
			vals[i] = t.params.subst(v) // the left row's names: never captured
		}
	}
	for _, v := range vals {
		if capturedBy(inner, v) {
			return nil, false
		}
	}
	col := &ast.ColumnRef{Span: pt.col.Span, Name: &ast.Name{Span: pt.col.Name.Span, Parts: o.ref.Name.Parts}}
	switch pt.kind {
	case pushCompare:
		return &ast.BinaryExpr{Span: pt.span, Op: pt.op, X: col, Y: vals[0]}, true
	case pushBetween:
		return &ast.BetweenExpr{Span: pt.span, X: col, Not: pt.not, Low: vals[0], High: vals[1]}, true
	case pushIn:
		return &ast.InExpr{Span: pt.span, X: col, Not: pt.not, List: vals}, true
	case pushIsNull:
		return &ast.IsNullExpr{Span: pt.span, X: col, Not: pt.not}, true
	}
	return nil, false
}

// sameComparison reports whether a branch's column of type branch compares
// with values as the derived column of type derived does: the same type,
// or two integer types (a UNION's column is the widest of its branches').
func sameComparison(branch, derived types.Type) bool {
	if branch.ID.IsInteger() && derived.ID.IsInteger() {
		return branch.ID != types.Bit && derived.ID != types.Bit
	}
	return branch == derived
}

// capturedBy reports whether e names a column that sc (a SELECT's FROM,
// without its enclosing scopes) resolves: written in that SELECT's WHERE,
// the name would be its column, not the enclosing query's.
func capturedBy(sc *scope, e ast.Expr) bool {
	hit := false
	ast.Inspect(e, func(n ast.Node) bool {
		if cr, ok := n.(*ast.ColumnRef); ok && !hit {
			if _, found, err := sc.find(cr.Name); found || err != nil {
				hit = true
			}
			// t.c where the FROM has a t: a column t lacks is not
			// the enclosing query's either.
			if len(cr.Name.Parts) > 1 && sc.hasQualifier(strings.ToLower(cr.Name.Part(1))) {
				hit = true
			}
		}
		return !hit
	})
	return hit
}
