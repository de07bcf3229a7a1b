package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Equalities implied through a join's ON (issue #5). In
//
//	SELECT … FROM dbo.orders o JOIN dbo.v_customers c ON c.id = o.cust
//	  WHERE c.id = @p
//
// every row the query returns has o.cust = c.id = @p, so the orders can be
// sought by cust = @p — SQL Server derives the same predicate from the
// transitive closure of the equalities. Without it the left table was read
// whole whenever the WHERE named only the right side's column and the
// right side could not drive the join (a view, a derived table, a table
// whose ON column has no index). The derived conjuncts only choose seeks
// (the conds of buildTableExpr); the WHERE and ON still judge every row.

// impliedByOn returns, for an INNER or LEFT join, the conjuncts `b = v`
// that hold on every row the query keeps, where ON has `a = b` (two
// columns) and conds (the WHERE's conjuncts) has `a = v` with v a number
// naming no column. For a LEFT JOIN this holds too: a WHERE conjunct on the
// right side's column rejects the NULL-extended rows, and a kept joined
// row satisfies ON. v is an exact number (a literal, variable or
// parameter): for a string the two comparisons may use different
// collations, and a string converted to a number may equal it in several
// spellings ('05' = 5), so the chain would not hold. Under SET ANSI_NULLS
// OFF a variable or NULL v is left out: a NULL @p then keeps the
// NULL-extended rows of a LEFT JOIN, whose left rows the derived seek
// (cust = NULL) would drop.
//
// A LEFT JOIN's ON never removes a left row, so an equality of ON between
// two columns of its left side (or of an enclosing query) holds only on
// the joined rows: in `c LEFT JOIN b ON c.x = c.y AND b.id = c.id WHERE
// c.x = 5` every c row with x = 5 is kept, y = 5 or not, and seeking c by
// y = 5 dropped the others. Such an equality implies nothing; one that
// names a column of the right side does (leftJoinPairs).
func (s *Session) impliedByOn(j *ast.Join, outer *scope, conds []ast.Expr) []ast.Expr {
	if j.On == nil || len(conds) == 0 || (j.Kind != ast.InnerJoin && j.Kind != ast.LeftJoin) {
		return nil
	}
	eqs := conjuncts(j.On)
	if j.Kind == ast.LeftJoin {
		eqs = leftJoinPairs(j, eqs)
	}
	return s.impliedEqualities(eqs, []ast.TableExpr{j.Left, j.Right}, outer, conds)
}

// leftJoinPairs keeps the column equalities of a LEFT JOIN's ON that name
// a column of its right side, qualified by a name only the right side
// exposes. With `a = b`, b of the right side: a WHERE `a = v` keeps rows
// whose b is v or which are NULL-extended (and a right row with b ≠ v
// matches no kept left row), and a WHERE `b = v` keeps only joined rows,
// where a = b. An unqualified name may be either side's: left out.
func leftJoinPairs(j *ast.Join, eqs []ast.Expr) []ast.Expr {
	onRight := func(c *ast.ColumnRef) bool {
		q := strings.ToLower(c.Name.Part(1))
		return q != "" && exposedSource([]ast.TableExpr{j.Right}, q) != nil && // join_implied_types.go
			exposedSource([]ast.TableExpr{j.Left}, q) == nil
	}
	var out []ast.Expr
	for _, e := range eqs {
		if x, y, ok := columnEquality(e); ok && (onRight(x) || onRight(y)) {
			out = append(out, e)
		}
	}
	return out
}

// impliedEqualities is `b = v` for each `a = b` of eqs and `a = v` of
// conds, as impliedByOn describes; eqs are conjuncts every kept row
// satisfies (an inner join's ON, a comma FROM's WHERE), naming columns of
// the table sources srcs.
//
// `a = b` carries the value only when it compares a and b without
// rounding either: both exact numbers, or both strings (equal strings have
// the same digits). A float a = bigint b compares b converted to float
// (data type precedence), so a = 9007199254740993 holds for b =
// 9007199254740992 too, and seeking b by the exact value dropped that row;
// a varchar a = decimal(10,2) b rounds a's digits to b's scale, which a =
// 5.0010 does not. A column whose type is not found (a name that is not
// qualified by one of srcs) carries nothing.
func (s *Session) impliedEqualities(eqs []ast.Expr, srcs []ast.TableExpr, outer *scope, conds []ast.Expr) []ast.Expr {
	var pairs [][2]*ast.ColumnRef
	for _, c := range eqs {
		if x, y, ok := columnEquality(c); ok {
			pairs = append(pairs, [2]*ast.ColumnRef{x, y})
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	var out []ast.Expr
	indep := &compiler{s: s, sc: &scope{outer: outer}}
	types := &sourceColumnTypes{s: s, srcs: srcs, outer: outer}
	for _, c := range conds {
		col, v, ok := columnValueEquality(c)
		if !ok || (!s.Opts.AnsiNulls && ansiNullsOperand(v)) {
			continue
		}
		for _, p := range pairs {
			for i := range p {
				if !sameColumnName(p[i], col) {
					continue
				}
				if x, err := indep.expr(v); err != nil || !exactNumber(x.typ) || !types.comparedExactly(p[0], p[1]) {
					break
				}
				out = append(out, &ast.BinaryExpr{Op: ast.OpEq, X: p[1-i], Y: v})
			}
		}
	}
	return out
}

// columnEquality splits `x = y` with a column on each side.
func columnEquality(e ast.Expr) (x, y *ast.ColumnRef, ok bool) {
	b, isBin := unparen(e).(*ast.BinaryExpr)
	if !isBin || b.Op != ast.OpEq {
		return nil, nil, false
	}
	x, okX := unparen(b.X).(*ast.ColumnRef)
	y, okY := unparen(b.Y).(*ast.ColumnRef)
	return x, y, okX && okY
}

// columnValueEquality splits `col = v` (either way round) where v names no
// column: the same value for every row (rowFree).
func columnValueEquality(e ast.Expr) (col *ast.ColumnRef, v ast.Expr, ok bool) {
	b, isBin := unparen(e).(*ast.BinaryExpr)
	if !isBin || b.Op != ast.OpEq {
		return nil, nil, false
	}
	for _, lr := range [2][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
		if c, isCol := unparen(lr[0]).(*ast.ColumnRef); isCol && rowFree(lr[1]) {
			return c, lr[1], true
		}
	}
	return nil, nil, false
}

// rowFree reports whether e is a literal, a variable or a parameter,
// possibly signed or parenthesized: one value for the whole statement. (An
// expression such as RAND() or a subquery could give the derived seek
// another value than the WHERE's.)
func rowFree(e ast.Expr) bool {
	switch x := unparen(e).(type) {
	case *ast.Literal, *ast.Variable:
		return true
	case *ast.UnaryExpr:
		return rowFree(x.X)
	}
	return false
}

// sameColumnName reports whether a and b are written as the same name
// (case-insensitively, part for part): the same column of the same table.
func sameColumnName(a, b *ast.ColumnRef) bool {
	if len(a.Name.Parts) != len(b.Name.Parts) {
		return false
	}
	for i := range a.Name.Parts {
		pa, pb := a.Name.Parts[i], b.Name.Parts[i]
		if (pa == nil) != (pb == nil) || pa != nil && !strings.EqualFold(pa.Name, pb.Name) {
			return false
		}
	}
	return true
}

// exactNumber: integer, decimal or money — types whose equality is equality
// of the value, whatever the other side converts to.
func exactNumber(t types.Type) bool {
	switch t.ID {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt, types.Decimal, types.Numeric, types.Money, types.SmallMoney:
		return true
	}
	return false
}
