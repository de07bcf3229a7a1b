package exec

import "github.com/mirrorsql/mirrorsql/tsql/ast"

// existsItemUnread reports whether an EXISTS subquery's select-list item can
// be replaced by a constant without changing what the query reports: it
// references no column (so no binding error of the query is hidden), and
// holds no aggregate, window function or subquery (which would change the
// rows the query produces). SQL Server never evaluates the list of an EXISTS
// subquery, so EXISTS (SELECT 1/0 FROM …) — the First Responder Kit's idiom
// — is true or false, never error 8134; the constant makes that so here
// (existsQuery, pred.go).
func existsItemUnread(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ColumnRef, *ast.Star, *ast.SubqueryExpr, *ast.ExistsExpr, *ast.Query:
			ok = false
		case *ast.InExpr:
			if n.Query != nil {
				ok = false
			}
		case *ast.FuncCall:
			if n.Over != nil || isAggregate(n) {
				ok = false
			}
		}
		return ok
	})
	return ok
}
