package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The partitioning column's CHECKs must give each member a range of its
// own (CREATE VIEW's "Partitioned Views": "the key ranges of the CHECK
// constraints in each table do not overlap with the ranges of any other
// table"). A column whose ranges overlap is not a partitioning column, so
// a view without another is 4436, as SQL Server reports it. Ranges are
// read from comparisons of the column with constants, BETWEEN, IN, AND
// and OR; a CHECK of any other shape is not judged (the column stays a
// partitioning column, as before).

// pvBound is one end of a range; a nil v is unbounded.
type pvBound struct {
	v    *types.Value
	incl bool
}

type pvRange struct{ lo, hi pvBound }

// pvRanges reads the ranges of col that the expressions allow together
// (their AND); ok is false for a shape it does not read.
func (s *Session) pvRanges(exprs []ast.Expr, col string, typ types.Type) ([]pvRange, bool) {
	rs := []pvRange{{}}
	for _, e := range exprs {
		r, ok := s.pvExprRanges(e, col, typ)
		if !ok {
			return nil, false
		}
		rs = pvIntersect(rs, r, typ)
	}
	return rs, true
}

func (s *Session) pvExprRanges(e ast.Expr, col string, typ types.Type) ([]pvRange, bool) {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return s.pvExprRanges(x.X, col, typ)
	case *ast.BinaryExpr:
		switch x.Op {
		case ast.OpAnd, ast.OpOr:
			a, ok := s.pvExprRanges(x.X, col, typ)
			if !ok {
				return nil, false
			}
			b, ok := s.pvExprRanges(x.Y, col, typ)
			if !ok {
				return nil, false
			}
			if x.Op == ast.OpOr {
				return append(a, b...), true
			}
			return pvIntersect(a, b, typ), true
		}
		op := x.Op
		c, isCol := unparen(x.X).(*ast.ColumnRef)
		k := x.Y
		if !isCol {
			if c, isCol = unparen(x.Y).(*ast.ColumnRef); !isCol {
				return nil, false
			}
			k = x.X
			op = map[ast.BinaryOp]ast.BinaryOp{ast.OpEq: ast.OpEq, ast.OpLt: ast.OpGt, ast.OpLe: ast.OpGe, ast.OpGt: ast.OpLt, ast.OpGe: ast.OpLe}[op]
		}
		if !strings.EqualFold(c.Name.Last(), col) {
			return nil, false
		}
		v, ok := s.pvConst(k, typ)
		if !ok {
			return nil, false
		}
		switch op {
		case ast.OpEq:
			return []pvRange{{pvBound{v, true}, pvBound{v, true}}}, true
		case ast.OpLt, ast.OpLe:
			return []pvRange{{hi: pvBound{v, op == ast.OpLe}}}, true
		case ast.OpGt, ast.OpGe:
			return []pvRange{{lo: pvBound{v, op == ast.OpGe}}}, true
		}
	case *ast.BetweenExpr:
		c, isCol := unparen(x.X).(*ast.ColumnRef)
		if x.Not || !isCol || !strings.EqualFold(c.Name.Last(), col) {
			return nil, false
		}
		lo, ok1 := s.pvConst(x.Low, typ)
		hi, ok2 := s.pvConst(x.High, typ)
		if !ok1 || !ok2 {
			return nil, false
		}
		return []pvRange{{pvBound{lo, true}, pvBound{hi, true}}}, true
	case *ast.InExpr:
		c, isCol := unparen(x.X).(*ast.ColumnRef)
		if x.Not || x.Query != nil || !isCol || !strings.EqualFold(c.Name.Last(), col) {
			return nil, false
		}
		var out []pvRange
		for _, it := range x.List {
			v, ok := s.pvConst(it, typ)
			if !ok {
				return nil, false
			}
			out = append(out, pvRange{pvBound{v, true}, pvBound{v, true}})
		}
		return out, true
	}
	return nil, false
}

// pvConst evaluates a constant of a CHECK, converted to the column's type.
func (s *Session) pvConst(e ast.Expr, typ types.Type) (*types.Value, bool) {
	if containsColumn(e) {
		return nil, false
	}
	x, err := (&compiler{s: s, sc: &scope{}}).expr(e)
	if err != nil {
		return nil, false
	}
	v, err := x.eval(newEvalCtx(context.Background(), s), nil)
	if err != nil || v.IsNull() {
		return nil, false
	}
	if v, err = types.Convert(v, typ, 0); err != nil {
		return nil, false
	}
	return &v, true
}

func containsColumn(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.ColumnRef); ok {
			found = true
		}
		return !found
	})
	return found
}

// pvIntersect is the ranges both a and b allow.
func pvIntersect(a, b []pvRange, typ types.Type) []pvRange {
	var out []pvRange
	for _, x := range a {
		for _, y := range b {
			r := pvRange{lo: pvMax(x.lo, y.lo, typ), hi: pvMin(x.hi, y.hi, typ)}
			if !pvEmpty(r, typ) {
				out = append(out, r)
			}
		}
	}
	return out
}

// pvCmp orders two bound values (both set).
func pvCmp(a, b *types.Value, typ types.Type) int {
	c, err := types.Compare(*a, *b, typ.Collation)
	if err != nil {
		return 0
	}
	return c
}

// pvMax is the tighter of two lower bounds, pvMin of two upper bounds: the
// greater (lesser) value, exclusive when either bound at that value is.
func pvMax(a, b pvBound, typ types.Type) pvBound { return pvTighter(a, b, typ, 1) }

func pvMin(a, b pvBound, typ types.Type) pvBound { return pvTighter(a, b, typ, -1) }

// pvTighter picks a or b by their values' order times sign; an unset bound
// loses.
func pvTighter(a, b pvBound, typ types.Type, sign int) pvBound {
	switch {
	case a.v == nil:
		return b
	case b.v == nil:
		return a
	}
	switch c := sign * pvCmp(a.v, b.v, typ); {
	case c > 0:
		return a
	case c < 0:
		return b
	}
	return pvBound{a.v, a.incl && b.incl}
}

// pvEmpty reports a range no value is in.
func pvEmpty(r pvRange, typ types.Type) bool {
	if r.lo.v == nil || r.hi.v == nil {
		return false
	}
	c := pvCmp(r.lo.v, r.hi.v, typ)
	return c > 0 || c == 0 && !(r.lo.incl && r.hi.incl)
}

// pvOverlap reports two members' ranges that share a value.
func pvOverlap(a, b []pvRange, typ types.Type) bool {
	return len(pvIntersect(a, b, typ)) > 0
}
