package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// defaultDefinition renders a column's DEFAULT as SQL Server stores it
// (sys.default_constraints.definition, INFORMATION_SCHEMA.COLUMNS
// COLUMN_DEFAULT, sp_columns COLUMN_DEF): the whole in one pair of
// parentheses, the user's own dropped, numeric constants in their own
// parentheses, built-in function names in lower case, no spaces around
// operators — DEFAULT 0 and DEFAULT (0) are both "((0))", DEFAULT 'x' is
// "('x')", DEFAULT GETDATE() "(getdate())", DEFAULT (2 + 3) "((2)+(3))".
// Deployment scripts compare these strings to decide whether a default needs
// recreating. An expression this renderer does not know keeps its text.
func defaultDefinition(text string) string {
	e, err := tsql.ParseExpr(text)
	if err != nil {
		return "(" + text + ")"
	}
	return "(" + canonicalExpr(stripParens(e)) + ")"
}

func stripParens(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// niladicStored is how SQL Server stores the ANSI niladic functions in a
// definition: DEFAULT CURRENT_TIMESTAMP reads back as (getdate()) in
// sys.default_constraints and INFORMATION_SCHEMA.COLUMNS (SQLAlchemy's
// server_default=func.now() reflects as it).
var niladicStored = map[string]string{
	"CURRENT_TIMESTAMP": "getdate()",
	"CURRENT_USER":      "user_name()",
	"SESSION_USER":      "user_name()",
	"SYSTEM_USER":       "suser_sname()",
	"USER":              "user_name()",
}

// canonicalExpr renders e the way SQL Server normalizes stored expressions.
func canonicalExpr(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.ParenExpr:
		switch in := stripParens(x).(type) {
		case *ast.Literal, *ast.ColumnRef, *ast.FuncCall:
			return canonicalExpr(in) // a constant keeps its one pair, a column none
		default:
			return "(" + canonicalExpr(in) + ")"
		}
	case *ast.IsNullExpr:
		if x.Not {
			return canonicalExpr(x.X) + " IS NOT NULL"
		}
		return canonicalExpr(x.X) + " IS NULL"
	case *ast.ColumnRef:
		// Stored CHECK definitions bracket column names: ([Total]>=(0)).
		if len(x.Name.Parts) == 1 {
			return "[" + strings.ReplaceAll(x.Name.Last(), "]", "]]") + "]"
		}
		return e.SQL()
	case *ast.Literal:
		if x.Kind == ast.LitString || x.Kind == ast.LitBinary {
			return x.SQL()
		}
		return "(" + x.SQL() + ")"
	case *ast.UnaryExpr:
		if l, ok := x.X.(*ast.Literal); ok && x.Op == ast.OpNeg && l.Kind != ast.LitString && l.Kind != ast.LitBinary {
			return "(-" + l.SQL() + ")"
		}
		return x.Op.String() + canonicalExpr(x.X)
	case *ast.BinaryExpr:
		op := x.Op.String()
		if x.Op == ast.OpAnd || x.Op == ast.OpOr {
			op = " " + op + " "
		}
		return canonicalExpr(x.X) + op + canonicalExpr(x.Y)
	case *ast.FuncCall:
		if len(x.Name.Parts) != 1 || x.Distinct || x.Star || x.Over != nil || x.WithinGroup != nil || x.SpecialSyntax() {
			return e.SQL()
		}
		if x.Niladic {
			if f, ok := niladicStored[strings.ToUpper(x.Name.Last())]; ok {
				return f
			}
			return strings.ToLower(x.Name.Last())
		}
		args := make([]string, len(x.Args))
		for i, a := range x.Args {
			if cr, ok := a.(*ast.ColumnRef); ok && i == 0 && datepartFuncs[strings.ToUpper(x.Name.Last())] {
				args[i] = cr.Name.Last() // DATEADD(day, …): a datepart, not a column
				continue
			}
			args[i] = canonicalExpr(a)
		}
		return strings.ToLower(x.Name.Last()) + "(" + strings.Join(args, ",") + ")"
	}
	return e.SQL()
}
