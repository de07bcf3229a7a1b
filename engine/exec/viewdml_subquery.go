package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Column names inside a subquery of a statement through a view (UPDATE v
// SET c = 1 WHERE c IN (SELECT c FROM other WHERE other.x = k)). SQL
// Server binds a name to the innermost query whose sources have it, then
// outward; past the subqueries come the statement's own sources, where
// the view stands for its columns. So a name the subquery's tables have
// is theirs; one they lack is the view's column (renamed to its base
// column, as rename does outside subqueries) or another source's; and one
// nobody shows is 207 — never the base table's column the view hides,
// which the rewrite to the base table would otherwise let it reach.

// renameQuery renames the view columns q reads from outside itself;
// stack holds the scopes of the subqueries around q, innermost last. A
// subquery whose sources cannot be built on their own (a CTE, an APPLY)
// is left as written.
func (vb *viewBase) renameQuery(q *ast.Query, stack []*scope) error {
	var err error
	ast.Inspect(q.Body, func(n ast.Node) bool {
		if core, isCore := n.(*ast.SelectCore); isCore && err == nil {
			err = vb.renameCore(core, stack)
			return false
		}
		return err == nil
	})
	return err
}

func (vb *viewBase) renameCore(core *ast.SelectCore, stack []*scope) error {
	own := &scope{}
	for _, te := range flattenFrom(core.From) {
		src, err := vb.sess.buildTableExpr(te, nil, nil)
		if err != nil {
			return nil // as before: the binder answers for it
		}
		own.cols = append(own.cols, src.sc.cols...)
	}
	stack = append(stack[:len(stack):len(stack)], own)
	var err error
	visit := func(n ast.Node) bool {
		if err != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.Query:
			err = vb.renameQuery(n, stack)
			return false
		case *ast.ColumnRef:
			err = vb.renameOuter(n, stack)
		}
		return true
	}
	for _, it := range core.Items {
		ast.Inspect(it.Expr, visit)
	}
	for _, te := range core.From {
		ast.Inspect(te, visit) // join conditions, derived tables
	}
	for _, x := range append([]ast.Expr{core.Where, core.Having}, core.GroupBy...) {
		if x != nil {
			ast.Inspect(x, visit)
		}
	}
	return err
}

// renameOuter binds one column reference of a subquery that none of the
// enclosing subqueries' sources answers.
func (vb *viewBase) renameOuter(n *ast.ColumnRef, stack []*scope) error {
	parts := n.Name.Parts
	if pseudoColumn(n.Name.Last()) != 0 {
		return nil
	}
	for _, sc := range stack {
		if _, found, err := sc.find(n.Name); found || err != nil {
			return nil // the subquery's own (or ambiguous there: the binder says so)
		}
		if len(parts) >= 2 && sc.hasQualifier(strings.ToLower(parts[len(parts)-2].Name)) {
			return nil // a column the inner source lacks: the binder's 207
		}
	}
	if len(parts) >= 2 && !strings.EqualFold(parts[len(parts)-2].Name, vb.name) {
		return nil // another source of the statement, or 4104
	}
	if len(parts) == 1 && vb.others != nil {
		if done, err := vb.bindBare(n); err != nil || done {
			return err // viewdml_merge.go
		}
	}
	base, known := vb.cols[strings.ToLower(n.Name.Last())]
	switch {
	case !known:
		return ErrInvalidColumn.New(n.Name.Last())
	case base == "":
		return vb.errDerived()
	}
	last := *parts[len(parts)-1]
	last.Name = base
	n.Name = &ast.Name{Span: n.Name.Span, Parts: []*ast.Ident{{Name: vb.name}, &last}}
	return nil
}
