package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// UPDATE and DELETE with their own FROM clause whose target is an updatable
// single-table view (viewdml.go) or a FROM alias of one:
//
//	UPDATE v SET val = u.x FROM v JOIN u ON v.k = u.k
//	UPDATE a SET val = u.x FROM dbo.v AS a JOIN u ON a.k = u.k
//	DELETE v FROM v JOIN u ON v.k = u.k
//	UPDATE v SET val = 5 FROM u WHERE u.k = v.k   (v joined implicitly)
//
// The view's reference in FROM becomes its base table under the name the
// statement uses for it (the alias, or the view's name), the target
// becomes that name — which dmlSource resolves to the FROM reference — and
// the view's columns are renamed to base columns wherever they are named
// through it (SET, WHERE, the joins' ON conditions, OUTPUT). The view's
// WHERE is ANDed to the statement's, so only rows the view shows are
// touched. Other references to the same view in FROM stay views (reads).

// viewFromRef finds the FROM reference an UPDATE or DELETE target with a
// FROM clause designates, when the target may be a view: ref is nil when
// the target is not in FROM (it is joined implicitly), qual the name the
// statement uses for it. ok is false when the target is not a table name.
func viewFromRef(target ast.TableExpr, from []ast.TableExpr) (ref *ast.TableName, qual string, ok bool) {
	tn, isName := target.(*ast.TableName)
	if !isName || tn.Alias != nil {
		return nil, "", false
	}
	last := tn.Name.Last()
	if len(tn.Name.Parts) == 1 {
		switch decl := fromAliasDecl(from, last).(type) {
		case nil:
		case *ast.TableName:
			return decl, decl.Alias.Name, true
		default:
			return nil, "", false // a derived table, a variable …: not a view
		}
	}
	var aliased []*ast.TableName
	for _, te := range flattenFrom(from) {
		ft, isTable := te.(*ast.TableName)
		if !isTable || !sameTableName(ft.Name, tn.Name) {
			continue
		}
		if ft.Alias == nil {
			return ft, last, true
		}
		aliased = append(aliased, ft)
	}
	if len(aliased) == 1 { // the view appears once in FROM, under an alias
		return aliased[0], aliased[0].Alias.Name, true
	}
	return nil, last, true
}

// sameTableName compares two object names part by part from the right,
// as far as both are written.
func sameTableName(a, b *ast.Name) bool {
	i, j := len(a.Parts)-1, len(b.Parts)-1
	for ; i >= 0 && j >= 0; i, j = i-1, j-1 {
		if !strings.EqualFold(a.Parts[i].Name, b.Parts[j].Name) {
			return false
		}
	}
	return true
}

// viewFromBase rewrites a private copy's FROM for a view target: the view
// reference becomes its base table named qual. It returns the base and the
// new target; ok is false when the target is not an updatable view.
func (s *Session) viewFromBase(with *ast.WithClause, target ast.TableExpr, from []ast.TableExpr, checked bool) (vb *viewBase, newFrom []ast.TableExpr, newTarget *ast.TableName, check, ok bool, err error) {
	ref, qual, ok := viewFromRef(target, from)
	if !ok {
		return nil, nil, nil, false, false, nil
	}
	viewRef := ref
	if viewRef == nil {
		viewRef = target.(*ast.TableName)
	}
	q, cols, _, isView, err := s.viewDefinition(with, &ast.TableName{Name: viewRef.Name})
	if !isView || err != nil {
		return nil, nil, nil, false, false, err
	}
	if !checked {
		return nil, nil, nil, false, true, nil
	}
	check = s.hasCheckOption(with, &ast.TableName{Name: viewRef.Name})
	vb, ok, err = s.updatableBase(q, cols, qual)
	if !ok || err != nil {
		return nil, nil, nil, false, false, err
	}
	if vb, ok, err = s.nestedBase(vb, check); !ok || err != nil {
		return nil, nil, nil, false, err != nil, err // viewdml_nested.go
	}
	vb.shown, vb.inFrom = viewRef.Name.SQL(), true
	if vb.where != nil {
		qualifyBare(vb.where, qual)
	}
	vb.others = s.lazyOthers(with, from, ref)
	alias := &ast.Ident{Name: qual}
	if ref != nil {
		ref.Name, ref.Alias = vb.table, alias
		newFrom = from
	} else {
		newFrom = append(append([]ast.TableExpr{}, from...), &ast.TableName{Name: vb.table, Alias: alias})
	}
	for _, te := range newFrom {
		if err := vb.renameJoins(te); err != nil {
			return nil, nil, nil, false, true, err
		}
	}
	newTarget = &ast.TableName{Name: &ast.Name{Parts: []*ast.Ident{{Name: qual}}}}
	return vb, newFrom, newTarget, check, true, nil
}

// lazyOthers returns the scope of from's sources but the view's reference
// skip (nil when the view is joined implicitly), built on first use: only
// a statement with a bare column name needs it. It is nil when a source
// cannot be built on its own (an APPLY reading its left side).
func (s *Session) lazyOthers(with *ast.WithClause, from []ast.TableExpr, skip *ast.TableName) func() *scope {
	var sc *scope
	built := false
	return func() *scope {
		if built {
			return sc
		}
		built = true
		if with != nil {
			pop, err := s.pushCTEs(with, nil)
			if err != nil {
				return nil
			}
			defer pop()
		}
		all := &scope{}
		for _, te := range flattenFrom(from) {
			if tn, isName := te.(*ast.TableName); isName && tn == skip {
				continue
			}
			src, err := s.buildTableExpr(te, nil, nil)
			if err != nil {
				return nil
			}
			all.cols = append(all.cols, src.sc.cols...)
		}
		sc = all
		return sc
	}
}

// renameJoins renames view columns in the ON conditions of te's joins.
func (vb *viewBase) renameJoins(te ast.TableExpr) error {
	switch t := te.(type) {
	case *ast.Join:
		if err := vb.renameJoins(t.Left); err != nil {
			return err
		}
		if err := vb.renameJoins(t.Right); err != nil {
			return err
		}
		if t.On != nil {
			return vb.rename(t.On)
		}
	case *ast.ParenTable:
		return vb.renameJoins(t.Table)
	}
	return nil
}

// renameOutput renames view columns read through inserted. and deleted.
// in an OUTPUT clause; a bare column keeps the view column's name as its
// result column's. inserted.c of a column the view does not show is 207,
// not the base table's hidden column.
func (vb *viewBase) renameOutput(o *ast.OutputClause) error {
	var err error
	for ; o != nil && err == nil; o = o.Then {
		o.Items = vb.expandOutputStars(o.Items)
		for _, it := range o.Items {
			if c, bare := it.Expr.(*ast.ColumnRef); bare && it.Alias == nil && vb.outputColumn(c) {
				it.Alias = &ast.Ident{Name: c.Name.Last()}
			}
			if c, bare := it.Expr.(*ast.ColumnRef); bare && it.Alias == nil && outputPseudo(c) && vb.exprs[strings.ToLower(c.Name.Last())] != nil {
				it.Alias = &ast.Ident{Name: c.Name.Last()} // the expression's column keeps the view's name
			}
			ast.Inspect(it.Expr, func(n ast.Node) bool {
				c, isCol := n.(*ast.ColumnRef)
				if !isCol || err != nil {
					return err == nil
				}
				if base, ok := vb.outputBase(c); ok {
					last := *c.Name.Parts[1]
					last.Name = base
					c.Name = &ast.Name{Span: c.Name.Span, Parts: []*ast.Ident{c.Name.Parts[0], &last}}
				} else if outputPseudo(c) {
					if _, known := vb.cols[strings.ToLower(c.Name.Last())]; !known {
						err = ErrInvalidColumn.New(c.Name.Last())
					}
				}
				return true
			})
			if err == nil {
				it.Expr, err = vb.outputExprs(it.Expr) // viewdml_outexpr.go
			}
		}
	}
	return err
}

// expandOutputStars spells out inserted.* and deleted.*: through a view
// they are the view's columns, in its order and under its names, not the
// base table's (whose other columns the view hides). A view column that
// is an expression is read as its expression (outputExprs).
func (vb *viewBase) expandOutputStars(items []*ast.SelectItem) []*ast.SelectItem {
	var out []*ast.SelectItem
	for i, it := range items {
		st, isStar := it.Expr.(*ast.Star)
		if !isStar || st.Qualifier == nil || len(st.Qualifier.Parts) != 1 || !outputPseudo(&ast.ColumnRef{Name: &ast.Name{Parts: []*ast.Ident{st.Qualifier.Parts[0], {}}}}) {
			if out != nil {
				out = append(out, it)
			}
			continue
		}
		if out == nil {
			out = append([]*ast.SelectItem{}, items[:i]...)
		}
		for _, col := range vb.order {
			ref := &ast.ColumnRef{Span: st.Span, Name: &ast.Name{Span: st.Span, Parts: []*ast.Ident{{Name: st.Qualifier.Parts[0].Name}, {Name: col}}}}
			out = append(out, &ast.SelectItem{Span: it.Span, Expr: ref})
		}
	}
	if out == nil {
		return items
	}
	return out
}

// outputPseudo reports whether c is inserted.col or deleted.col.
func outputPseudo(c *ast.ColumnRef) bool {
	if len(c.Name.Parts) != 2 {
		return false
	}
	q := c.Name.Parts[0].Name
	return strings.EqualFold(q, "inserted") || strings.EqualFold(q, "deleted")
}

// outputColumn reports whether c is inserted.col or deleted.col of a view
// column over a base column.
func (vb *viewBase) outputColumn(c *ast.ColumnRef) bool {
	_, ok := vb.outputBase(c)
	return ok
}

func (vb *viewBase) outputBase(c *ast.ColumnRef) (string, bool) {
	if !outputPseudo(c) {
		return "", false
	}
	base, known := vb.cols[strings.ToLower(c.Name.Last())]
	return base, known && base != "" // else the base table reports 207
}

// qualifyBare qualifies x's one-part column references (outside
// subqueries) with qual: a view's WHERE names its base table's columns
// bare, which is ambiguous once the statement's FROM joins other tables.
func qualifyBare(x ast.Node, qual string) {
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Query:
			return false
		case *ast.ColumnRef:
			if len(n.Name.Parts) == 1 {
				n.Name = &ast.Name{Span: n.Name.Span, Parts: []*ast.Ident{{Name: qual}, n.Name.Parts[0]}}
			}
		}
		return true
	})
}

// viewUpdateFrom is viewUpdate for a statement with its own FROM.
func (s *Session) viewUpdateFrom(st *ast.UpdateStmt) (*ast.UpdateStmt, bool, error) {
	if _, _, _, _, ok, err := s.viewFromBase(st.With, st.Target, st.From, false); !ok || err != nil {
		return nil, false, err
	}
	c, ok := reparse(st)
	if !ok {
		return nil, false, nil
	}
	vb, from, target, check, ok, err := s.viewFromBase(c.With, c.Target, c.From, true)
	if !ok || err != nil {
		return nil, ok, err
	}
	if err := vb.renameUpdate(c.Set, c.Where); err != nil {
		return nil, true, err
	}
	if err := vb.renameOutput(c.Output); err != nil {
		return nil, true, err
	}
	s.noteViewCheck(vb, check) // viewcheck.go
	c.Target, c.From, c.Where = target, from, vb.and(c.Where)
	return c, true, nil
}

// viewDeleteFrom is viewDelete for a statement with its own FROM.
func (s *Session) viewDeleteFrom(st *ast.DeleteStmt) (*ast.DeleteStmt, bool, error) {
	if _, _, _, _, ok, err := s.viewFromBase(st.With, st.Target, st.From, false); !ok || err != nil {
		return nil, false, err
	}
	c, ok := reparse(st)
	if !ok {
		return nil, false, nil
	}
	vb, from, target, _, ok, err := s.viewFromBase(c.With, c.Target, c.From, true)
	if !ok || err != nil {
		return nil, ok, err
	}
	if c.Where != nil {
		if err := vb.rename(c.Where); err != nil {
			return nil, true, err
		}
	}
	if err := vb.renameOutput(c.Output); err != nil {
		return nil, true, err
	}
	c.Target, c.From, c.Where = target, from, vb.and(c.Where)
	return c, true, nil
}
