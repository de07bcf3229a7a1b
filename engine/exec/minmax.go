package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// MIN and MAX from one end of an index (issue #5). SQL Server answers
// SELECT MAX(id) FROM big with Top(1) over a backward scan of an index
// that leads with id — or, with WHERE cat = 7, of the range of an index on
// (cat, …) where id comes next — reading one row instead of the table.
// minMaxRewrite does the same by rewriting each MIN(c) / MAX(c) of such a
// SELECT as (SELECT TOP (1) c FROM t WHERE … AND c IS NOT NULL ORDER BY c
// [DESC]): the ordered reads (sortorder.go, backscan.go, ixorder.go) then
// stop after the first row. NULLs sort first and are skipped, as the
// aggregate skips them (and none is eliminated, so no warning 8153, as
// SQL Server's Top(1) plan gives none); an empty table or range gives the
// subquery's NULL, as the aggregate gives NULL; the result type is the
// column's, which is MIN's and MAX's.
//
// Only a SELECT whose every item is MIN or MAX of a column of its one
// table (optionally aliased, or assigned to a variable) qualifies — no
// GROUP BY, HAVING, DISTINCT, TOP, ORDER BY, INTO or FOR — and only when
// every such column leads an index (clustered, or nonclustered without a
// filter) once the columns before it are fixed by the WHERE's equality
// conjuncts — SELECT MAX(id) FROM orders WHERE cust = @c on a clustered
// key (cust, id) reads the last row of the customer's range: otherwise
// each subquery would read what the one aggregate read.

// minMaxRewrite returns core rewritten, or nil.
func (s *Session) minMaxRewrite(core *ast.SelectCore, q *ast.Query) *ast.SelectCore {
	if core.Distinct || core.Top != nil || core.Into != nil || len(core.GroupBy) > 0 || core.Having != nil ||
		len(core.Windows) > 0 || len(core.From) != 1 || len(core.Items) == 0 {
		return nil
	}
	if q != nil && (len(q.OrderBy) > 0 || q.Offset != nil || q.Fetch != nil || q.For != nil || len(q.Options) > 0) {
		return nil
	}
	tn, ok := core.From[0].(*ast.TableName)
	if !ok || tn.SystemTime != nil || len(tn.Name.Parts) == 1 && s.lookupCTE(tn.Name.Last()) != nil {
		return nil
	}
	for _, h := range tn.Hints {
		switch strings.ToUpper(h.Name) {
		case "INDEX", "FORCESCAN", "FORCESEEK":
			return nil // the hint chooses the read
		}
	}
	tr, ok, err := s.resolveTableName(tn.Name)
	if err != nil || !ok || tr.t == nil {
		return nil
	}
	qual := tn.Name.Last()
	if tn.Alias != nil {
		qual = tn.Alias.Name
	}
	eqCols := equalityColumns(tr.t, qual, conjuncts(core.Where))
	out := *core
	out.From, out.Where = nil, nil
	out.Items = make([]*ast.SelectItem, len(core.Items))
	for i, it := range core.Items {
		f, ok := it.Expr.(*ast.FuncCall)
		if !ok || f.Star || f.Over != nil || f.WithinGroup != nil || len(f.Args) != 1 || len(f.Name.Parts) != 1 {
			return nil
		}
		fn := strings.ToUpper(f.Name.Last())
		if fn != "MIN" && fn != "MAX" {
			return nil
		}
		cr, ok := f.Args[0].(*ast.ColumnRef)
		if !ok {
			return nil
		}
		col := tableColumn(tr.t, qual, cr.Name)
		if col < 0 || !minMaxType(tr.t.Columns[col]) || !leadsIndex(tr.t, col, eqCols) {
			return nil
		}
		where := ast.Expr(&ast.IsNullExpr{X: cr, Not: true})
		if core.Where != nil {
			where = &ast.BinaryExpr{Op: ast.OpAnd, X: &ast.ParenExpr{X: core.Where}, Y: where}
		}
		sub := &ast.Query{
			Body: &ast.SelectCore{
				Top:   &ast.Top{Count: &ast.Literal{Kind: ast.LitInt, Text: "1", Value: "1"}},
				Items: []*ast.SelectItem{{Expr: cr}},
				From:  core.From,
				Where: where,
			},
			OrderBy: []*ast.OrderItem{{Expr: cr, Desc: fn == "MAX"}},
		}
		out.Items[i] = &ast.SelectItem{Span: it.Span, Expr: &ast.SubqueryExpr{Span: f.Span, Query: sub}, Alias: it.Alias, Var: it.Var, Op: it.Op}
	}
	return &out
}

// tableColumn is the column of t that name (unqualified, or qualified by
// the table's name or alias qual) names, or -1.
func tableColumn(t *catalog.Table, qual string, name *ast.Name) int {
	switch len(name.Parts) {
	case 1:
	case 2:
		if !strings.EqualFold(name.Part(1), qual) {
			return -1
		}
	default:
		return -1
	}
	i, c := t.Column(name.Last())
	if c == nil || c.Computed != "" {
		return -1
	}
	return i
}

// minMaxType reports whether MIN and MAX accept the column's type (bit,
// the LOB types and xml are errors the aggregate must raise).
func minMaxType(c *catalog.Column) bool {
	switch c.Type.ID {
	case types.Bit, types.Text, types.NText, types.Image, types.XML, types.SQLVariant:
		return false
	}
	return !c.Type.IsMax()
}

// equalityColumns marks the columns of t a conjunct compares for equality
// with a literal or a variable: the seekable prefix of an index.
func equalityColumns(t *catalog.Table, qual string, conds []ast.Expr) []bool {
	eq := make([]bool, len(t.Columns))
	for _, cnd := range conds {
		b, ok := cnd.(*ast.BinaryExpr)
		if !ok || b.Op != ast.OpEq {
			continue
		}
		for _, side := range [2][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			cr, ok := side[0].(*ast.ColumnRef)
			if !ok {
				continue
			}
			switch side[1].(type) {
			case *ast.Literal, *ast.Variable:
				if c := tableColumn(t, qual, cr.Name); c >= 0 {
					eq[c] = true
				}
			}
		}
	}
	return eq
}

// leadsIndex reports whether col is an index's key column after only
// columns eq fixes: a seek on that prefix reads its range in col's order
// (sortorder.go: clusterOrdered for the clustered index, indexOrdered for
// a nonclustered one).
func leadsIndex(t *catalog.Table, col int, eq []bool) bool {
	for _, ix := range t.Indexes {
		if ix.IsHeap() || ix.Filter != "" || ix.Disabled {
			continue
		}
		fixed := true
		for _, kc := range ix.Columns {
			if kc.Column == col {
				return true
			}
			if kc.Column < 0 || kc.Column >= len(eq) || !eq[kc.Column] {
				fixed = false
				break
			}
		}
		// Every key fixed: a nonunique nonclustered index's entries then
		// come in the clustered key's order (sortorder.go indexOrdered).
		if rs := t.RowStore(); fixed && ix.IndexID != 1 && !ix.Unique && !rs.IsHeap() && rs.IndexID == 1 && len(rs.Columns) > 0 && rs.Columns[0].Column == col {
			return true
		}
	}
	return false
}
