package exec

import (
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// UPDATE and DELETE through a CTE or view whose rows cannot be rewritten as
// rows of its base table (viewdml.go): the view computes columns the
// statement reads — a window function (the everyday
// `WITH d AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY id) AS rn
// FROM t) DELETE FROM d WHERE rn > 1`), an expression column in the WHERE
// —, it limits its rows with TOP (the rows its TOP and ORDER BY pick are
// the ones modified), or its base is a table variable. SQL Server modifies such a view when
// its rows come from one table: each view row stands for one base row.
//
// Here the view's query runs with each row also carrying its base row and
// that row's key (hidden columns after the view's own); the statement's
// WHERE and SET values read the view's columns, and the base rows the keys
// name are updated or deleted, exactly as the ordinary path does for a
// table target. A SET column must be a base column the view selects
// (4406 otherwise).

// rowKeyRef is the name an internal column reference uses to read a table
// source's hidden row key (scope.find); no client can write it.
const rowKeyRef = "\x00rowkey"

// keyedView is a view or CTE target prepared for the keyed path.
type keyedView struct {
	tr    *tableRef
	src   *source
	off   int                  // the base row's first column in a source row
	cols  map[string]string    // view column (lower case) → base column; "" for an expression
	exprs map[string]*viewExpr // an expression column computed from its row alone (OUTPUT)
	shown string
}

// keyedViewTarget prepares the keyed path for a DML target, when the
// target is a CTE of with or a view over one base table that the rewrite
// of viewdml.go cannot serve; ok is false otherwise.
//
// A view over several tables (viewdml_join.go) always takes this path; set
// is an UPDATE's SET list, del marks a DELETE.
func (s *Session) keyedViewTarget(with *ast.WithClause, target ast.TableExpr, from []ast.TableExpr, set []*ast.SetClause, del bool) (*keyedView, bool, error) {
	if len(from) > 0 {
		return nil, false, nil
	}
	q, colNames, name, ok, err := s.viewDefinition(with, target)
	if !ok || err != nil {
		return nil, false, err
	}
	isCTE := with != nil && withHasCTE(with, name)
	if err := notUpdatable(q, target.SQL(), isCTE); err != nil {
		return nil, true, err // viewdml_join.go
	}
	core, isCore := q.Body.(*ast.SelectCore)
	if !isCore || q.With != nil || core.Distinct || len(core.GroupBy) > 0 || core.Having != nil || core.Into != nil {
		return nil, false, nil
	}
	if core.Top != nil && !del && !isCTE && s.hasCheckOption(with, target) {
		return nil, true, errTopCheckOption(target.SQL())
	}
	if len(core.From) != 1 || joinsTables(core.From[0]) {
		return s.joinKeyed(q, core, colNames, name, target, set, del, !isCTE && s.hasCheckOption(with, target))
	}
	var tr *tableRef
	var qual string
	isVar := false
	switch b := core.From[0].(type) {
	case *ast.TableName:
		if b.SystemTime != nil {
			return nil, false, nil
		}
		t, found, err := s.resolveTable(b.Name)
		if err != nil || !found {
			return nil, false, err
		}
		tr, qual = t, b.Name.Last()
		if b.Alias != nil {
			qual = b.Alias.Name
		}
	case *ast.VariableTable:
		v := s.lookupVar(b.Var.Name)
		if v == nil || v.table == nil {
			return nil, false, nil
		}
		if v.readOnly {
			return nil, false, errTVPReadOnly.New(v.name)
		}
		tr, qual, isVar = v.table, b.Var.Name, true
		if b.Alias != nil {
			qual = b.Alias.Name
		}
	default:
		return nil, false, nil
	}
	if !isVar && core.Top == nil && !needsKeyedPath(core) {
		return nil, false, nil // viewdml.go's rewrite serves it, with index seeks
	}
	kv, ok, err := s.keyedPlan(q, core, tr, qual, colNames, name, target)
	if !ok || err != nil {
		return nil, ok, err
	}
	sc := kv.src.sc
	own := kv.off
	// Which view columns are base columns: a plain reference to one, or *.
	i := 0
	for _, it := range core.Items {
		if st, ok := it.Expr.(*ast.Star); ok && (st.Qualifier == nil || strings.EqualFold(st.Qualifier.Last(), qual)) {
			for _, c := range tr.t.Columns {
				if c.Hidden {
					continue
				}
				if i < own {
					kv.cols[strings.ToLower(sc.cols[i].name)] = c.Name
				}
				i++
			}
			continue
		}
		base := ""
		if cr, ok := it.Expr.(*ast.ColumnRef); ok && (len(cr.Name.Parts) == 1 || strings.EqualFold(cr.Name.Part(1), qual)) {
			if _, c := tr.t.Column(cr.Name.Last()); c != nil {
				base = c.Name
			}
		}
		if i < own {
			kv.cols[strings.ToLower(sc.cols[i].name)] = base
			if base == "" {
				kv.exprs[strings.ToLower(sc.cols[i].name)] = rowExpr(it.Expr) // viewdml_outexpr.go
			}
		}
		i++
	}
	return kv, true, nil
}

// errTopCheckOption is SQL Server's refusal of an INSERT or UPDATE through
// a view made WITH CHECK OPTION whose query has TOP: CREATE VIEW accepts
// it, the modification does not (compatibility level 90 and later).
func errTopCheckOption(shown string) error {
	return &Error{Number: 4427, Severity: 16, State: 1, Message: "Cannot update the view \"" + shown + "\" because it or a view it references was created with WITH CHECK OPTION and its definition contains the TOP clause."}
}

// keyedPlan builds the keyed path's source: the view's query with the
// base row of tr (named qual in the view's FROM) and its key appended as
// hidden columns.
func (s *Session) keyedPlan(q *ast.Query, core *ast.SelectCore, tr *tableRef, qual string, colNames []*ast.Ident, name string, target ast.TableExpr) (*keyedView, bool, error) {
	kq := *q
	kcore := *core
	kcore.Items = append([]*ast.SelectItem(nil), core.Items...)
	ref := func(col string) *ast.ColumnRef {
		return &ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{{Name: qual}, {Name: col}}}}
	}
	for i, c := range tr.t.Columns {
		kcore.Items = append(kcore.Items, &ast.SelectItem{Expr: ref(c.Name), Alias: &ast.Ident{Name: fmt.Sprintf("\x00b%d", i)}})
	}
	kcore.Items = append(kcore.Items, &ast.SelectItem{Expr: ref(rowKeyRef), Alias: &ast.Ident{Name: rowKeyCol}})
	kq.Body = &kcore
	p, err := s.buildQuery(&kq, nil, nil)
	if err != nil {
		return nil, true, err
	}
	sc := p.asScope(name, nil)
	n := len(tr.t.Columns)
	own := len(sc.cols) - n - 1
	if own < 0 || len(colNames) > 0 && len(colNames) != own {
		return nil, false, nil
	}
	kv := &keyedView{tr: tr, src: &source{sc: sc, open: p.open}, off: own, cols: map[string]string{}, exprs: map[string]*viewExpr{}, shown: target.SQL()}
	for i := range sc.cols {
		if i >= own {
			sc.cols[i].hidden = true
			continue
		}
		if len(colNames) > 0 {
			sc.cols[i].name = colNames[i].Name
		}
	}
	return kv, true, nil
}

// joinsTables reports a FROM item that joins tables.
func joinsTables(t ast.TableExpr) bool {
	for {
		switch x := t.(type) {
		case *ast.Join:
			return true
		case *ast.ParenTable:
			t = x.Table
		default:
			return false
		}
	}
}

// needsKeyedPath reports a view query the rewrite cannot serve: one that
// computes columns (window functions or other expressions).
func needsKeyedPath(core *ast.SelectCore) bool {
	for _, it := range core.Items {
		switch it.Expr.(type) {
		case *ast.Star, *ast.ColumnRef:
			continue
		}
		return true
	}
	return false
}

// setColumn maps a SET column written against the view to its base
// column: 4406 for a computed one, the name as written (207 follows) for an
// unknown one.
func (kv *keyedView) setColumn(n *ast.Name) (*ast.Name, error) {
	base, known := kv.cols[strings.ToLower(n.Last())]
	switch {
	case !known:
		return n, nil
	case base == "":
		return nil, &Error{Number: 4406, Severity: 16, State: 1, Message: "Update or insert of view or function '" + kv.shown + "' failed because it contains a derived or constant field."}
	}
	return &ast.Name{Span: n.Span, Parts: []*ast.Ident{{Span: n.Parts[len(n.Parts)-1].Span, Name: base}}}, nil
}

// updateStmt is st with its SET columns mapped to base columns (a copy: st
// may be the session's cached parse).
func (kv *keyedView) updateStmt(st *ast.UpdateStmt) (*ast.UpdateStmt, error) {
	c := *st
	c.Set = make([]*ast.SetClause, len(st.Set))
	for i, sc := range st.Set {
		cs := *sc
		if sc.Column != nil {
			n, err := kv.setColumn(sc.Column)
			if err != nil {
				return nil, err
			}
			cs.Column = n
		}
		c.Set[i] = &cs
	}
	return &c, nil
}

// keyedOutput returns st with its OUTPUT clause read through the view:
// inserted.* and deleted.* spelled out as the view's columns, view column
// names mapped to base columns (renameOutput). st is re-parsed first, as
// it may be the session's cached parse.
func keyedOutput[T ast.Statement](kv *keyedView, st T) (T, error) {
	if statementOutput(st) == nil {
		return st, nil
	}
	c, ok := reparse(st)
	if !ok {
		return st, nil
	}
	vb := &viewBase{shown: kv.shown, cols: kv.cols, exprs: kv.exprs}
	for _, col := range kv.src.sc.cols[:kv.off] {
		vb.order = append(vb.order, col.name)
	}
	return c, vb.renameOutput(statementOutput(c))
}

// statementOutput is an UPDATE's or DELETE's OUTPUT clause.
func statementOutput(st ast.Statement) *ast.OutputClause {
	switch x := st.(type) {
	case *ast.UpdateStmt:
		return x.Output
	case *ast.DeleteStmt:
		return x.Output
	}
	return nil
}
