package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Views over views: a statement through a view whose one table is itself
// an updatable view goes through to that view's base table, as SQL Server
// resolves it — the columns mapped level by level, each level's WHERE
// limiting the rows. A WITH CHECK OPTION applies its view's WHERE and
// those of the views beneath it (the row must stay visible through it);
// a level without one checks nothing of its own.

// maxViewNesting bounds the walk (SQL Server's nesting limit is 32).
const maxViewNesting = 32

// nestedBase resolves vb's table through the views it names; ok is false
// when a level is not one the rewrite serves (208 follows, as before).
// outerCheck is the target view's WITH CHECK OPTION.
func (s *Session) nestedBase(vb *viewBase, outerCheck bool) (*viewBase, bool, error) {
	var check ast.Expr
	checking := outerCheck
	if outerCheck {
		check = vb.where
	}
	for depth := 0; ; depth++ {
		if _, isTable, err := s.resolveTable(vb.table); err != nil || isTable {
			if depth > 0 {
				vb.check, vb.checkSet = check, true
			}
			return vb, err == nil, err
		}
		cv, _, err := s.catalogView(&ast.TableName{Name: vb.table})
		if err != nil || cv == nil || depth >= maxViewNesting {
			return vb, err == nil, err // not a view either: the table reports 208
		}
		if err := notUpdatable(cv.Query, vb.table.SQL(), false); err != nil {
			return nil, true, err
		}
		inner, ok, err := s.updatableBase(cv.Query, cv.Columns, vb.name)
		if !ok || err != nil {
			return nil, false, err
		}
		if vb.where != nil {
			if err := inner.rename(vb.where); err != nil {
				return nil, false, nil // reads a computed column of the level beneath
			}
		}
		cols := make(map[string]string, len(vb.cols))
		exprs := map[string]*viewExpr{}
		for k, b := range vb.cols {
			if ib, known := inner.cols[strings.ToLower(b)]; known && b != "" {
				cols[k] = ib
				if ib == "" {
					exprs[k] = inner.exprs[strings.ToLower(b)]
				}
			} else {
				cols[k] = b
				if e := vb.exprs[k]; e != nil {
					exprs[k] = e.through(inner) // viewdml_outexpr.go
				}
			}
		}
		if cv.WithCheckOption {
			checking = true
		}
		if checking && inner.where != nil {
			check = andExpr(check, inner.where)
		}
		vb = &viewBase{name: vb.name, shown: vb.shown, table: inner.table, cols: cols, exprs: exprs, sess: s, order: vb.order, where: andExpr(vb.where, inner.where)}
	}
}

// andExpr is a AND b, either of which may be nil.
func andExpr(a, b ast.Expr) ast.Expr {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return &ast.BinaryExpr{Op: ast.OpAnd, X: &ast.ParenExpr{X: a}, Y: &ast.ParenExpr{X: b}}
}
