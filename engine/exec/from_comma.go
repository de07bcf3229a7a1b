package exec

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A comma-separated FROM list is a cross join filtered by WHERE, and old
// scripts join that way — Northwind's CustOrderHist is
//
//	FROM Products P, [Order Details] OD, Orders O, Customers C
//	WHERE C.CustomerID = @CustomerID AND C.CustomerID = O.CustomerID
//	  AND O.OrderID = OD.OrderID AND OD.ProductID = P.ProductID
//
// Joined as written, that is 77 × 2,155 × 830 × 91 rows before the filter
// (the server grew past 20 GB). SQL Server's optimizer treats the WHERE
// conjuncts as join predicates; so does commaJoin: each table after the
// first is joined INNER JOIN … ON the conjuncts that can be evaluated once
// it has joined, which gives the hash join and the index seeks of an
// explicit JOIN … ON. The caller still applies the whole WHERE afterwards,
// so a conjunct used here is only evaluated earlier, never dropped; the
// result is the same rows (SQL Server, too, evaluates predicates in any
// order it likes).

// commaJoin builds FROM t1, t2, … tn given the query's WHERE.
func (s *Session) commaJoin(from []ast.TableExpr, where ast.Expr, outer *scope) (*source, error) {
	// The first table may seek on the conjuncts that name it alone.
	// A column equality of the WHERE carries a value to the first table
	// too: FROM a, b WHERE a.id = b.aid AND b.aid = 5 seeks a by id = 5
	// (join_implied.go).
	own := ownTableConds(conjuncts(where))
	if implied := s.impliedEqualities(conjuncts(where), from, outer, conjuncts(where)); implied != nil {
		own = append(own, implied...)
	}
	left, err := s.buildTableExpr(from[0], outer, own)
	if err != nil {
		return nil, err
	}
	pending := joinableConjuncts(conjuncts(where))
	for i, te := range from[1:] {
		var on ast.Expr
		kind := ast.CrossJoin
		if len(pending) > 0 {
			var use []ast.Expr
			if use, pending, err = s.conjunctsFor(left, te, pending); err != nil {
				return nil, err
			}
			if len(use) > 0 {
				kind, on = ast.InnerJoin, andAll(use)
			}
		}
		if left, err = s.buildJoin(left, te, kind, on, outer, nil); err != nil {
			return nil, err
		}
		if i == 0 && kind == ast.InnerJoin {
			// FROM big t, @small s WHERE t.id = s.id: the first two are
			// the join FROM big t JOIN @small s ON t.id = s.id, which the
			// small side may drive (join_small.go).
			left = s.smallSideJoin(&ast.Join{Kind: kind, Left: from[0], Right: te, On: on}, outer, own, left)
		}
	}
	return left, nil
}

// joinableConjuncts keeps the conjuncts worth moving into a join: no
// subqueries (they stay where WHERE evaluates them, once per row of the
// whole join).
func joinableConjuncts(conds []ast.Expr) []ast.Expr {
	var out []ast.Expr
	for _, c := range conds {
		simple := true
		ast.Inspect(c, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.SubqueryExpr, *ast.ExistsExpr, *ast.Query:
				simple = false
			case *ast.InExpr:
				if n.(*ast.InExpr).Query != nil {
					simple = false
				}
			}
			return simple
		})
		if simple {
			out = append(out, c)
		}
	}
	return out
}

// conjunctsFor splits pending into the conjuncts that compile against left
// joined with te alone — every column they name is in one of the two — and
// the rest. Plain table names, table variables and VALUES lists are
// considered (building te twice is then only a catalog lookup or a few
// expressions); the trial scope has no outer scope, so a name that would
// resolve outside the FROM list does not count as joined.
func (s *Session) conjunctsFor(left *source, te ast.TableExpr, pending []ast.Expr) (use, rest []ast.Expr, err error) {
	switch t := te.(type) {
	case *ast.TableName:
		if t.SystemTime != nil {
			return nil, pending, nil
		}
	case *ast.VariableTable, *ast.ValuesTable:
	default:
		return nil, pending, nil
	}
	right, err := s.buildTableExpr(te, nil, nil)
	if _, isName := te.(*ast.TableName); err != nil && !isName {
		// VALUES naming an enclosing query's column compiles only in
		// place, and an undeclared @t is raised there too.
		return nil, pending, nil
	}
	if err != nil {
		return nil, nil, err
	}
	trial := concatScopes(left.sc, right.sc)
	trial.outer = nil
	for _, c := range pending {
		if _, err := (&compiler{s: s, sc: trial}).pred(c); err == nil {
			use = append(use, c)
		} else {
			rest = append(rest, c)
		}
	}
	return use, rest, nil
}

// andAll is conds joined with AND.
func andAll(conds []ast.Expr) ast.Expr {
	e := conds[0]
	for _, c := range conds[1:] {
		e = &ast.BinaryExpr{Span: ast.Span{From: e.Pos(), To: c.End()}, Op: ast.OpAnd, X: e, Y: c}
	}
	return e
}
