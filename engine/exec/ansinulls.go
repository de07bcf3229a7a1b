package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// SET ANSI_NULLS OFF (the pre-ISO behaviour) changes = and <> only where
// one operand is the NULL literal or a variable, as SQL Server documents:
// "If both sides of the comparison are columns or compound expressions,
// the setting does not affect the comparison." In such a comparison a NULL
// equals a NULL and differs from every value, so WHERE c = NULL finds the
// rows whose c is NULL and WHERE c <> @null the others; the result is never
// UNKNOWN. The other comparison operators keep ISO semantics.

// ansiNullsOperand reports whether e is an operand ANSI_NULLS OFF applies to:
// NULL or a variable, possibly parenthesized.
func ansiNullsOperand(e ast.Expr) bool {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.NullLit, *ast.Variable:
			return true
		default:
			return false
		}
	}
}

// ansiNullsOffPred is the comparison x op y under SET ANSI_NULLS OFF, or
// nil when the ISO comparison applies (the option is ON, the operator is
// not = or <>, or neither operand is NULL or a variable).
func (c *compiler) ansiNullsOffPred(e *ast.BinaryExpr, x, y *expr, op types.CompareOp) pred {
	if c.s.Opts.AnsiNulls || (op != types.OpEQ && op != types.OpNE) {
		return nil
	}
	if !ansiNullsOperand(e.X) && !ansiNullsOperand(e.Y) {
		return nil
	}
	coll := collationOf(x, y)
	compare := compareFor(x.typ, y.typ)
	return func(ec *evalCtx, row Row) (types.Bool3, error) {
		a, err := x.eval(ec, row)
		if err != nil {
			return types.Unknown3, err
		}
		b, err := y.eval(ec, row)
		if err != nil {
			return types.Unknown3, err
		}
		if !a.IsNull() && !b.IsNull() {
			return compare(a, b, op, coll)
		}
		same := a.IsNull() && b.IsNull()
		if same == (op == types.OpEQ) {
			return types.True, nil
		}
		return types.False, nil
	}
}
