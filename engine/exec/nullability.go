package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// notNull reports whether a select-list expression is known never to be NULL,
// by SQL Server's rule for result metadata and SELECT … INTO (the
// COLMETADATA fNullable flag, sys.columns.is_nullable of the new table):
//
//   - a bare column reference keeps its column's nullability (scopeCol.notNull,
//     already cleared on the NULL-extended side of an outer join);
//   - a constant (a literal, or a signed numeric literal) is NOT NULL;
//   - ISNULL(x, y) is NOT NULL when y is;
//   - under GROUP BY a group key keeps the nullability of its expression,
//     unless ROLLUP, CUBE or GROUPING SETS put NULL in it for subtotal rows.
//
// Everything else — arithmetic (overflow under ANSI_WARNINGS OFF yields
// NULL), CAST/CONVERT, CASE, COALESCE, aggregates (COUNT included), window
// functions, variables, subqueries — is "may be NULL". The answer must be
// conservative: a column reported NOT NULL that carries a NULL breaks
// clients that trust the flag, and makes SELECT … INTO fail with 515.
func (c *compiler) notNull(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return c.notNull(x.X)
	case *ast.Literal:
		return true
	case *ast.UnaryExpr:
		l, ok := x.X.(*ast.Literal)
		return ok && (x.Op == ast.OpNeg || x.Op == ast.OpPlus) &&
			(l.Kind == ast.LitInt || l.Kind == ast.LitDecimal || l.Kind == ast.LitFloat || l.Kind == ast.LitMoney)
	}
	if a := c.sc.agg; a != nil {
		if i, ok := a.keyIndex(e); ok {
			return i < len(a.keyNotNull) && a.keyNotNull[i]
		}
	}
	switch x := e.(type) {
	case *ast.FuncCall:
		if x.Over == nil && len(x.Name.Parts) == 1 && strings.EqualFold(x.Name.Last(), "ISNULL") && len(x.Args) == 2 {
			return c.notNull(x.Args[1])
		}
	case *ast.ColumnRef:
		if c.sc.agg != nil {
			return false // not a group key (keyIndex above): an outer reference
		}
		col, depth, err := c.sc.lookup(x.Name)
		return err == nil && depth == 0 && col.notNull
	}
	return false
}

// keyIndex finds the column of the grouped row that holds e when e is a group
// key or an aggregate, the way resolve matches them: by canonical SQL, or a
// plain column written differently (t.a for a) by its input position.
func (a *aggScope) keyIndex(e ast.Expr) (int, bool) {
	if i, ok := a.keys[stripParens(e).SQL()]; ok {
		return i, true
	}
	if cr, ok := e.(*ast.ColumnRef); ok {
		if col, depth, err := a.inner.lookup(cr.Name); err == nil && depth == 0 {
			if i, ok := a.byCol[col.idx]; ok {
				return i, true
			}
		}
	}
	return 0, false
}

// outputNullability prepares the scope of an OUTPUT clause (the pseudo-tables
// deleted and inserted) for notNull: a NOT NULL column keeps its NOT NULL
// only in the pseudo-table the statement fills for every output row —
// inserted for INSERT, deleted for DELETE, both for UPDATE — and MERGE,
// whose INSERT and DELETE actions leave one side NULL, keeps none. SQL
// Server reports OUTPUT columns this way (a NOT NULL int column comes back
// as INT4, not INTN).
func outputNullability(sc *scope, stmt string) {
	for i := range sc.cols {
		c := &sc.cols[i]
		live := stmt == "UPDATE" ||
			stmt == "INSERT" && c.qual == "inserted" ||
			stmt == "DELETE" && c.qual == "deleted"
		if !live {
			c.notNull = false
		}
	}
}
