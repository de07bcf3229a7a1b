package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// NEXT VALUE FOR sequence OVER (ORDER BY …) (the NEXT VALUE FOR page's
// example C): the rows take the sequence's values in the order the OVER
// clause gives, whatever order the query returns them in. It is computed as
// a window function of the select list: collectWindows finds it as the call
// nextValueCall makes, buildWindows takes the values row after row in the
// window's order (fill), and the select list reads the column that call
// keys.

// nextValueFn names the window function NEXT VALUE FOR … OVER computes as;
// no T-SQL function can be called so ($ starts no identifier).
const nextValueFn = "$NEXT VALUE FOR"

// nextValueCall is the window function call NEXT VALUE FOR … OVER is
// computed as: its argument is the NEXT VALUE FOR without OVER, its OVER
// the expression's. Its SQL() keys the computed column.
func nextValueCall(e *ast.NextValueExpr) *ast.FuncCall {
	plain := &ast.NextValueExpr{Span: e.Span, Sequence: e.Sequence}
	return &ast.FuncCall{Span: e.Span, Name: &ast.Name{Parts: []*ast.Ident{{Name: nextValueFn}}}, Args: []ast.Expr{plain}, Over: e.Over}
}

// nextValueOver compiles NEXT VALUE FOR … OVER: the column buildWindows
// computed for it. Elsewhere (no window computed here: a WHERE, a VALUES
// list) it is not supported.
func (c *compiler) nextValueOver(e *ast.NextValueExpr) (*expr, error) {
	if c.sc != nil && c.sc.computed != nil {
		if i, ok := c.sc.computed[nextValueCall(e).SQL()]; ok {
			return &expr{typ: c.sc.cols[i].typ, col: i, eval: func(_ *evalCtx, row Row) (types.Value, error) { return row[i], nil }}, nil
		}
	}
	return nil, ErrNotSupported.New("NEXT VALUE FOR with OVER outside a select list")
}

// compileNextValueWindow compiles the window the call stands for: its one
// argument takes the sequence's next value; the OVER clause has an ORDER BY
// and nothing else, as the page's syntax allows.
func (c *compiler) compileNextValueWindow(f *ast.FuncCall, w *window) error {
	if len(f.Over.OrderBy) == 0 || len(f.Over.PartitionBy) > 0 || f.Over.Frame != nil {
		return ErrNotSupported.New("NEXT VALUE FOR with an OVER clause other than ORDER BY")
	}
	x, err := c.nextValue(f.Args[0].(*ast.NextValueExpr)) // sequence.go
	if err != nil {
		return err
	}
	w.args, w.typ = []*expr{x}, x.typ
	return nil
}
