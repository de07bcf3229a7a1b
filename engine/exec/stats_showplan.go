package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Row estimates in SHOWPLAN_XML and STATISTICS XML (issue #5): a read of
// a table shows as EstimateRows the rows its predicate keeps by the
// statistics (stats_estimate.go), as SQL Server's plans do, not the
// table's row count or 1. Each conjunct of the WHERE (or ON) that
// compares one of the table's columns with a constant — =, <>, <, <=, >,
// >=, BETWEEN, IN (…) — keeps the share of the rows its statistics say
// (statsFor: the column's, a filtered one only when the predicate implies
// its filter); a comparison with a value the plan cannot know (a
// variable, a parameter) keeps the column's average (its density) for an
// equality and 30 % for a range, SQL Server's guesses; conjuncts without
// statistics keep every row. The shares multiply (independence), and the
// estimate is at least 1 row, as SQL Server shows.

// planEstimate is the rows a read of t (rows now) keeps under where,
// te naming t in the query (its alias qualifies columns).
func (p *planWriter) planEstimate(t *catalog.Table, te *ast.TableName, where ast.Expr, rows float64) float64 {
	if where == nil || rows <= 0 || p.db == nil {
		return rows
	}
	conds := ownConjuncts(t, te, where)
	sel := 1.0
	for _, c := range conds {
		if s, ok := p.selectivity(t, c, conds); ok {
			sel *= s
		}
	}
	return max(rows*sel, 1)
}

// ownConjuncts are where's conjuncts whose columns are all t's (named
// bare, or qualified by te's alias or t's name).
func ownConjuncts(t *catalog.Table, te *ast.TableName, where ast.Expr) []ast.Expr {
	var out []ast.Expr
	for _, c := range conjuncts(where) {
		own, any := true, false
		ast.Inspect(c, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ColumnRef:
				any = true
				q := x.Name.Part(1)
				if _, col := t.Column(x.Name.Last()); col == nil ||
					q != "" && !strings.EqualFold(q, t.Name) && (te.Alias == nil || !strings.EqualFold(q, te.Alias.Name)) {
					own = false
				}
			case *ast.Query:
				own = false
			}
			return own
		})
		if own && any {
			out = append(out, c)
		}
	}
	return out
}

// selectivity is the share of t's rows condition c keeps by the
// statistics of its column; ok false when none describe it.
func (p *planWriter) selectivity(t *catalog.Table, c ast.Expr, conds []ast.Expr) (float64, bool) {
	for {
		x, ok := c.(*ast.ParenExpr)
		if !ok {
			break
		}
		c = x.X
	}
	col, ok := conditionColumn(t, c)
	if !ok {
		return 0, false
	}
	x, ok := statsFor(t, col, conds)
	if !ok {
		return 0, false
	}
	sc, err := p.s.statisticsFor(context.Background(), p.db, t, x, false) // stats_store.go
	if err != nil || sc == nil || sc.unfiltered <= 0 {
		return 0, false
	}
	base := float64(sc.unfiltered)
	typ := t.Columns[col].Type
	switch c := c.(type) {
	case *ast.BinaryExpr:
		_, op, v, known := constComparison(t, c)
		switch {
		case !known && (op == ast.OpEq || op == ast.OpNe):
			avg := sc.average()
			if op == ast.OpNe {
				avg = float64(sc.rows) - avg
			}
			return avg / base, true
		case !known:
			return float64(sc.rows) * rangeGuess / base, true
		case op == ast.OpEq:
			return sc.eqEstimate(v, 0) / base, true
		case op == ast.OpNe:
			return (float64(sc.rows) - sc.eqEstimate(v, 0) - sc.nullRows()) / base, true
		case op == ast.OpGt || op == ast.OpGe:
			return sc.rangeEstimate(&v, op == ast.OpGe, nil, false, 0) / base, true
		case op == ast.OpLt || op == ast.OpLe:
			return sc.rangeEstimate(nil, false, &v, op == ast.OpLe, 0) / base, true
		}
	case *ast.BetweenExpr:
		lo, ok1 := constantValue(c.Low, typ)
		hi, ok2 := constantValue(c.High, typ)
		if c.Not {
			return 0, false
		}
		if !ok1 || !ok2 {
			return float64(sc.rows) * rangeGuess / base, true
		}
		return sc.rangeEstimate(&lo, true, &hi, true, 0) / base, true
	case *ast.InExpr:
		if c.Not || c.Query != nil {
			return 0, false
		}
		var sum float64
		for _, e := range c.List {
			v, ok := constantValue(e, typ)
			if !ok {
				sum += sc.average()
				continue
			}
			sum += sc.eqEstimate(v, 0)
		}
		return min(sum, float64(sc.rows)) / base, true
	case *ast.IsNullExpr:
		if c.Not {
			return (float64(sc.rows) - sc.nullRows()) / base, true
		}
		return sc.nullRows() / base, true
	}
	return 0, false
}

// conditionColumn is the column of t that condition c compares (with a
// constant or an unknown value); ok false for other conditions.
func conditionColumn(t *catalog.Table, c ast.Expr) (int, bool) {
	var x ast.Expr
	switch c := c.(type) {
	case *ast.BinaryExpr:
		switch c.Op {
		case ast.OpEq, ast.OpNe, ast.OpLt, ast.OpLe, ast.OpGt, ast.OpGe:
		default:
			return 0, false
		}
		x = c.X
		if _, ok := x.(*ast.ColumnRef); !ok {
			x = c.Y
		}
		if namesColumn(c.X) && namesColumn(c.Y) {
			return 0, false // column to column: no constant side
		}
	case *ast.BetweenExpr:
		x = c.X
	case *ast.InExpr:
		x = c.X
	case *ast.IsNullExpr:
		x = c.X
	}
	cr, ok := x.(*ast.ColumnRef)
	if !ok {
		return 0, false
	}
	i, col := t.Column(cr.Name.Last())
	return i, col != nil
}

// nullRows is the rows whose leading column is NULL (the histogram's
// NULL step).
func (c *statsContents) nullRows() float64 {
	if len(c.steps) > 0 && c.steps[0].hi.IsNull() {
		return c.steps[0].eqRows
	}
	return 0
}
