package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// KEYSET and DYNAMIC cursors over a view or a CTE, and SQL Server's rule
// for tables without a unique index.
//
// SQL Server expands a view (or CTE) into its base table before it decides
// a cursor's type, so a KEYSET or DYNAMIC cursor over a view of one table
// stays what it was asked to be; it becomes STATIC only for the reasons of
// its implicit conversion rules (no table, aggregates, GROUP BY, UNION,
// DISTINCT, HAVING — keyedShape), and a KEYSET cursor also when a table it
// reads has no unique index ("Using Implicit Cursor Conversions", step 5:
// T-SQL cursors only; DYNAMIC and forward-only ones are not converted).
//
// The expansion is viewdml.go's rewrite for UPDATE and DELETE: a cursor
// query whose one FROM source is a view or CTE defined as SELECT of plain
// columns FROM one table [WHERE …] is read as the same query over that
// table, aliased with the view's name, its column references renamed to
// base columns (each keeping its view column's name as the result column's)
// and the view's WHERE ANDed to its own. A view column that is an
// expression, an alias on the view, or anything else leaves the cursor
// STATIC, as before.

// keyedQuery returns the query a KEYSET or DYNAMIC cursor over q follows to
// its base rows — q itself, or q expanded through its view or CTE — with
// its shape (keyedShape); ok is false when the cursor is to be STATIC.
func (s *Session) keyedQuery(q *ast.Query) (*ast.Query, *ast.SelectCore, []keyedSource, bool) {
	if core, srcs, ok := s.keyedShape(q); ok {
		return q, core, srcs, true
	}
	x, ok := s.expandCursorView(q)
	if !ok {
		return nil, nil, nil, false
	}
	core, srcs, ok := s.keyedShape(x)
	return x, core, srcs, ok
}

// expandCursorView rewrites a private copy of q through the view or CTE
// that is its one FROM source; ok is false when q is not such a query.
func (s *Session) expandCursorView(q *ast.Query) (*ast.Query, bool) {
	core, isCore := q.Body.(*ast.SelectCore)
	if !isCore || q.For != nil || len(core.From) != 1 || q.With != nil && len(q.With.CTEs) != 1 {
		return nil, false
	}
	if tn, ok := core.From[0].(*ast.TableName); !ok || tn.Alias != nil || tn.SystemTime != nil || tn.Hints != nil {
		return nil, false
	}
	if _, _, _, ok, err := s.viewDefinition(q.With, core.From[0]); !ok || err != nil {
		return nil, false
	}
	stmts, err := tsql.ParseBatch(q.SQL()) // a private copy to rewrite
	if err != nil || len(stmts) != 1 {
		return nil, false
	}
	sel, ok := stmts[0].(*ast.SelectStmt)
	if !ok {
		return nil, false
	}
	x := sel.Query
	xcore, isCore := x.Body.(*ast.SelectCore)
	if !isCore || len(xcore.From) != 1 {
		return nil, false
	}
	vq, cols, name, ok, err := s.viewDefinition(x.With, xcore.From[0])
	if !ok || err != nil {
		return nil, false
	}
	vb, ok, err := s.updatableBase(vq, cols, name)
	if !ok || err != nil {
		return nil, false
	}
	items := make([]*ast.SelectItem, 0, len(xcore.Items))
	for _, it := range xcore.Items {
		if st, isStar := it.Expr.(*ast.Star); isStar {
			if st.Qualifier != nil && !strings.EqualFold(st.Qualifier.Last(), name) {
				return nil, false
			}
			for _, c := range vb.order {
				items = append(items, &ast.SelectItem{Expr: &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{{Name: c}}}}})
			}
			continue
		}
		items = append(items, it)
	}
	for _, it := range items {
		if cr, isCol := it.Expr.(*ast.ColumnRef); isCol && it.Alias == nil {
			it.Alias = &ast.Ident{Name: cr.Name.Last()} // the view column's name
		}
		if vb.rename(it.Expr) != nil { // an expression column: 4406 when written
			return nil, false
		}
	}
	xcore.Items = items
	if xcore.Where != nil && vb.rename(xcore.Where) != nil {
		return nil, false
	}
	for _, o := range x.OrderBy {
		if vb.rename(o.Expr) != nil {
			return nil, false
		}
	}
	xcore.Where = vb.and(xcore.Where)
	xcore.From[0] = vb.target()
	x.With = nil
	return x, true
}

// keysetNeedsUnique reports a base table without a unique index (one that
// is enabled and not filtered), which makes a KEYSET cursor STATIC.
func keysetNeedsUnique(srcs []keyedSource) bool {
	for _, src := range srcs {
		unique := false
		for _, ix := range src.tr.t.Indexes {
			if (ix.Unique || ix.Primary) && ix.Filter == "" && !ix.Disabled {
				unique = true
				break
			}
		}
		if !unique {
			return true
		}
	}
	return false
}
