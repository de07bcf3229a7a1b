package exec

import (
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// defaultDefinition renders a column's DEFAULT as SQL Server stores it
// (sys.default_constraints.definition, INFORMATION_SCHEMA.COLUMNS
// COLUMN_DEFAULT, sp_columns COLUMN_DEF): the user's own parentheses
// dropped, a numeric constant in parentheses, and the whole in one more
// pair — DEFAULT 0 and DEFAULT (0) are both "((0))", DEFAULT 'x' and
// DEFAULT ('x') both "('x')", DEFAULT (getdate()) "(getdate())". Scripts
// compare these strings to decide whether a default needs recreating.
// Other expressions keep their text inside the one pair.
func defaultDefinition(text string) string {
	e, err := tsql.ParseExpr(text)
	if err != nil {
		return "(" + text + ")"
	}
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			break
		}
		e = p.X
	}
	if isNumericConstant(e) {
		return "((" + e.SQL() + "))"
	}
	return "(" + e.SQL() + ")"
}

// isNumericConstant reports a numeric literal, or one with a sign.
func isNumericConstant(e ast.Expr) bool {
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = u.X
	}
	l, ok := e.(*ast.Literal)
	return ok && l.Kind != ast.LitString && l.Kind != ast.LitBinary
}
