package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// rawFilter tests a WHERE's simple conjuncts — an integer column compared
// with an integer literal, `val = 7`, `id >= -5` — on a table's stored rows
// before they are decoded (issue #5: a selective scan spent most of its time
// decoding rows the filter then dropped).
//
// It is a pre-filter, never the filter: keep returns false only when a
// conjunct is certainly FALSE for the row, so the WHERE (a conjunction) cannot
// be TRUE; every row it keeps still goes through the compiled WHERE. A NULL
// column or a row it cannot read cheaply is kept (the WHERE decides and the
// ordinary decoder reports corruption), so the pre-filter changes no result
// under either ANSI_NULLS setting.
type rawFilter struct {
	layout *types.RowLayout
	conds  []rawCond
}

// rawCond is one conjunct: table column col op k.
type rawCond struct {
	col int
	op  types.CompareOp
	k   int64
}

// keep reports whether the encoded row val may satisfy the WHERE.
func (f *rawFilter) keep(val []byte) bool {
	for _, c := range f.conds {
		x, null, ok := f.layout.Int(val, c.col)
		if !ok || null {
			continue
		}
		var r bool
		switch c.op {
		case types.OpEQ:
			r = x == c.k
		case types.OpNE:
			r = x != c.k
		case types.OpLT:
			r = x < c.k
		case types.OpLE:
			r = x <= c.k
		case types.OpGT:
			r = x > c.k
		case types.OpGE:
			r = x >= c.k
		}
		if !r {
			return false
		}
	}
	return true
}

// rawFilterFor compiles the conjuncts of where that a rawFilter can test on
// rows of src's table (nil: none, or src is not a single base table). c
// compiles against src's scope, whose column i is the table's column i.
func (c *compiler) rawFilterFor(where ast.Expr, src *source) *rawFilter {
	if src.table == nil || where == nil {
		return nil
	}
	var conds []rawCond
	for _, e := range conjuncts(where) {
		b, ok := unparen(e).(*ast.BinaryExpr)
		if !ok {
			continue
		}
		colSide, constSide, astOp := unparen(b.X), unparen(b.Y), b.Op
		if _, isCol := colSide.(*ast.ColumnRef); !isCol {
			colSide, constSide, astOp = constSide, colSide, flipOp(astOp) // k < col is col > k
		}
		op, ok := compareOps[astOp]
		if !ok {
			continue
		}
		if _, isCol := colSide.(*ast.ColumnRef); !isCol || !isIntLiteral(constSide) {
			continue
		}
		x, err := c.expr(colSide)
		if err != nil || x.col < 0 || x.col >= len(src.table.t.Columns) || !isInteger(x.typ) {
			continue
		}
		y, err := c.expr(constSide)
		if err != nil || y.konst == nil || y.konst.IsNull() || !isInteger(y.typ) || !isInteger(valueType(*y.konst)) {
			continue
		}
		conds = append(conds, rawCond{col: x.col, op: op, k: y.konst.Int64()})
	}
	if len(conds) == 0 {
		return nil
	}
	return &rawFilter{layout: types.NewRowLayout(src.table.t.ColumnTypes()), conds: conds}
}

// unparen strips parentheses.
func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// isIntLiteral reports whether e is an integer literal, possibly signed.
func isIntLiteral(e ast.Expr) bool {
	if u, ok := e.(*ast.UnaryExpr); ok && (u.Op == ast.OpNeg || u.Op == ast.OpPlus) {
		e = unparen(u.X)
	}
	l, ok := e.(*ast.Literal)
	return ok && l.Kind == ast.LitInt
}
