package exec

import (
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// An INNER or LEFT JOIN whose right side is not a base table — a view, a
// derived table, a CTE, a parenthesized join or a table-valued function
// whose arguments name no column — cannot refer to the left
// side's columns (only APPLY can; SQL Server raises 4104), so its rows are
// the same for every left row. The nested loop in buildJoin still opened it
// once per left row, which re-ran the whole subtree each time: Northwind's
// Invoices view, Shippers JOIN (Products JOIN ((Employees JOIN (Customers
// JOIN Orders)) JOIN [Order Details])), ran 3 × 77 × … inner joins and did
// not finish in a minute; Orders JOIN [Order Subtotals] (a grouped view)
// re-aggregated 2,155 rows for each of 830 orders. onceJoin runs the right
// side once per open of the join, keeps its rows in memory — in a hash
// table keyed by ON's equalities when it has any (hashjoin.go) — and
// streams the left side past them.

// needsOnceJoin reports whether an INNER/LEFT JOIN's right side should be
// run once instead of per left row: anything but a base table (which the
// nested loop reads with seeks on the left row's values) or a table read
// FOR SYSTEM_TIME.
func (s *Session) needsOnceJoin(rightTE ast.TableExpr) bool {
	switch t := rightTE.(type) {
	case *ast.ParenTable:
		return s.needsOnceJoin(t.Table) || isJoin(t.Table)
	case *ast.DerivedTable, *ast.VariableTable, *ast.ValuesTable:
		return true // a table variable was read whole per left row
	case *ast.TableFunc:
		// STRING_SPLIT(@list, ','), OPENJSON(@doc), dbo.fn(@p): the same
		// rows for every left row unless an argument names a column (an
		// enclosing query's — a JOIN's right side cannot see its left
		// one), and the function was run again for each left row.
		return !namesAnyColumn(t.Call)
	case *ast.TableName:
		if t.SystemTime != nil {
			return false
		}
		if len(t.Name.Parts) == 1 && s.lookupCTE(t.Name.Last()) != nil {
			return true
		}
		_, isTable, err := s.resolveTable(t.Name)
		if err != nil || isTable {
			return false
		}
		return s.isUserView(t.Name)
	}
	return false
}

// namesAnyColumn reports whether n holds a column reference anywhere.
func namesAnyColumn(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.ColumnRef); ok {
			found = true
		}
		return !found
	})
	return found
}

func isJoin(te ast.TableExpr) bool {
	_, ok := te.(*ast.Join)
	return ok
}

// onceJoin joins left with the rows of rightTE, computed once per open; kind
// is InnerJoin or LeftJoin.
//
// ON's conjuncts that name one column of the right side, with values, go
// into it (a view's, a derived table's query: pushdown.go): a right row
// they reject meets no left row, and a LEFT JOIN NULL-extends its left rows
// whatever the right side holds. Only those (ownTableConds): the right
// side compiles without the left one in scope, so a left column's name
// could bind to an enclosing query's. where are conjuncts naming one
// column applied above an inner join where no outer join NULL-extends its
// rows (buildJoin's): they go in too.
func (s *Session) onceJoin(left *source, rightTE ast.TableExpr, kind ast.JoinKind, on ast.Expr, outer *scope, where []ast.Expr) (*source, error) {
	right, err := s.buildTableExpr(rightTE, outer, append(ownTableConds(conjuncts(on)), where...))
	if err != nil {
		return nil, err
	}
	combined := concatScopes(left.sc, right.sc)
	combined.outer = outer
	rw := right.sc.width()
	var onPred pred
	if on != nil {
		if onPred, err = (&compiler{s: s, sc: combined}).pred(on); err != nil {
			return nil, err
		}
	}
	leftOuter := kind == ast.LeftJoin
	conds := conjuncts(on)
	if hk := s.hashKeysFor(left.sc, right.sc, conds); hk != nil {
		// Equalities between the sides: hash the right side's rows once
		// and probe them per left row, instead of evaluating ON for every
		// pair (issue #5: a 10,000-row table variable joined to 10,000 rows
		// was 10⁸ evaluations).
		j := &adaptiveJoin{s: s, right: right, keys: hk, on: onPred, onImplied: hk.equalityOnly(len(conds)),
			leftOuter: leftOuter, rw: rw}
		return &source{sc: combined, masks: joinMasks(left, right), open: func(ec *evalCtx) (rowIter, error) {
			return j.open(ec, left)
		}}, nil
	}
	return &source{sc: combined, masks: joinMasks(left, right), open: func(ec *evalCtx) (rowIter, error) {
		rrows, li, err := openMaterialized(ec, left, right) // from.go
		if err != nil {
			return nil, err
		}
		var lrow Row
		next, matched := len(rrows), true // no left row yet
		return &funcIter{next: func() (Row, error) {
			for {
				if next == len(rrows) {
					if leftOuter && !matched {
						matched = true
						return joinRow(lrow, nil, rw), nil
					}
					var err error
					if lrow, err = li.Next(); err != nil {
						return nil, err // io.EOF ends the join
					}
					next, matched = 0, false
					continue
				}
				row := joinRow(lrow, rrows[next], rw)
				next++
				if ok, err := onPred.admits(ec, row); err != nil {
					return nil, err
				} else if !ok {
					continue
				}
				matched = true
				return row, nil
			}
		}, close: li.Close}, nil
	}}, nil
}

// isUserView reports whether n names a view (resolved as userView does).
func (s *Session) isUserView(n *ast.Name) bool {
	db, err := s.resolveDatabase(n.Part(2))
	if err != nil {
		return false
	}
	schema := s.objectSchema(s.catalogFor(db), n.Part(1), n.Last()) // names.go
	return s.catalogFor(db).View(schema, n.Last()) != nil
}
