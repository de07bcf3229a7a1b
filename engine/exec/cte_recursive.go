package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// checkRecursiveTypes refuses a recursive CTE whose recursive member gives a
// column another type than its anchor (240), as the CTE page's hierarchy
// example shows by CONVERTing both members' name to varchar(255). SQL Server
// also compares lengths, precision and scale; we compare the type alone,
// because our lengths for built-in results (STUFF, REPLACE, concatenation)
// do not always match SQL Server's, and a false 240 would refuse a script
// SQL Server runs. A column whose anchor type is unknown (an untyped NULL)
// is not checked.
func checkRecursiveTypes(cte string, anchor []scopeCol, recs []*plan) error {
	for _, rec := range recs {
		for i, c := range anchor {
			if i >= len(rec.cols) || c.typ.ID == types.Unknown || rec.cols[i].typ.ID == types.Unknown {
				continue
			}
			if c.typ.ID != rec.cols[i].typ.ID {
				return &Error{Number: 240, Severity: 16, State: 1, Message: "Types don't match between the anchor and the recursive part in column \"" + c.name + "\" of recursive query \"" + cte + "\"."}
			}
		}
	}
	return nil
}

// hasWindowFunction reports whether a query expression calls a function
// with OVER (…) anywhere in it, its subqueries included: then a recursive
// member sees its input one row at a time. Counting a subquery's window
// function too errs on the safe side — one row at a time is SQL Server's
// own order of work, only slower here.
func hasWindowFunction(q ast.QueryExpr) bool {
	found := false
	ast.Inspect(q, func(n ast.Node) bool {
		if f, ok := n.(*ast.FuncCall); ok && f.Over != nil {
			found = true
		}
		return !found
	})
	return found
}
