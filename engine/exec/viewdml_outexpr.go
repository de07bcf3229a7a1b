package exec

import (
	"reflect"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A view column that is an expression (SELECT id, v * 2 AS dbl FROM t)
// cannot be written, but OUTPUT reads it: through a view, inserted.* and
// deleted.* are the view's columns, and inserted.dbl is the expression
// computed from the new row (v * 2 over inserted.v). The rewrite to the
// base table keeps each such expression with its column references made
// bare base-column names (viewBase.exprs) and splices it into OUTPUT with
// the pseudo-table as qualifier. A column defined by a subquery would read
// other rows, which SQL Server refuses in OUTPUT with 4186.

// viewExpr is one expression column of a view, over base columns.
type viewExpr struct {
	x ast.Expr // column references are one-part base column names
	// access: the definition holds a subquery (4186 when OUTPUT reads it).
	access bool
}

// newViewExpr captures a view's select-list expression; every column
// reference outside subqueries designates the view's one table.
func newViewExpr(x ast.Expr) *viewExpr {
	e := &viewExpr{x: cloneExpr(x)}
	ast.Inspect(x, func(n ast.Node) bool {
		if _, isQuery := n.(*ast.Query); isQuery {
			e.access = true
			return false
		}
		return true
	})
	if e.x == nil {
		e.access = true // unprintable: never served, refused like a subquery
		return e
	}
	e.x = substColumns(e.x, func(c *ast.ColumnRef) ast.Expr {
		return &ast.ColumnRef{Span: c.Span, Name: &ast.Name{Span: c.Name.Span, Parts: []*ast.Ident{c.Name.Parts[len(c.Name.Parts)-1]}}}
	})
	return e
}

// rowExpr is newViewExpr for the keyed path (viewdml_keyed.go), whose
// view may compute a column over several rows (a window function): such a
// column is not one row's expression, and nil is returned.
func rowExpr(x ast.Expr) *viewExpr {
	windowed := false
	ast.Inspect(x, func(n ast.Node) bool {
		if f, isCall := n.(*ast.FuncCall); isCall && f.Over != nil {
			windowed = true
		}
		_, isQuery := n.(*ast.Query)
		return !windowed && !isQuery
	})
	if windowed {
		return nil
	}
	return newViewExpr(x)
}

// over returns a fresh copy of the expression with each base column read
// from qualifier (inserted or deleted).
func (e *viewExpr) over(qualifier string) ast.Expr {
	x := cloneExpr(e.x)
	x = substColumns(x, func(c *ast.ColumnRef) ast.Expr {
		return &ast.ColumnRef{Span: c.Span, Name: &ast.Name{Span: c.Name.Span, Parts: []*ast.Ident{{Name: qualifier}, c.Name.Parts[0]}}}
	})
	return &ast.ParenExpr{X: x}
}

// through maps an outer view's expression over the columns of the view
// beneath it (inner) to one over inner's base columns (viewdml_nested.go).
func (e *viewExpr) through(inner *viewBase) *viewExpr {
	if e.access {
		return e
	}
	out := &viewExpr{}
	out.x = substColumns(cloneExpr(e.x), func(c *ast.ColumnRef) ast.Expr {
		k := strings.ToLower(c.Name.Last())
		if base := inner.cols[k]; base != "" {
			return &ast.ColumnRef{Span: c.Span, Name: &ast.Name{Parts: []*ast.Ident{{Name: base}}}}
		}
		if ie := inner.exprs[k]; ie != nil {
			if ie.access {
				out.access = true
				return nil
			}
			return &ast.ParenExpr{X: cloneExpr(ie.x)}
		}
		return nil
	})
	return out
}

// errOutputAccess is SQL Server's refusal of a view column defined by a
// subquery in OUTPUT.
func errOutputAccess(pseudo, col string) error {
	return &Error{Number: 4186, Severity: 16, State: 1, Message: "Column '" + pseudo + "." + col + "' cannot be referenced in the OUTPUT clause because the column definition contains a subquery or references a function that performs user or system data access. A function is assumed by default to perform data access if it is not schemabound. Consider removing the subquery or function from the column definition or removing the column from the OUTPUT clause."}
}

// outputExprs replaces inserted.c / deleted.c of the view's expression
// columns in x by the expressions; the other references are already base
// columns (renameOutput).
func (vb *viewBase) outputExprs(x ast.Expr) (ast.Expr, error) {
	var err error
	x = substColumns(x, func(c *ast.ColumnRef) ast.Expr {
		if !outputPseudo(c) || err != nil {
			return nil
		}
		k := strings.ToLower(c.Name.Last())
		if base, known := vb.cols[k]; !known || base != "" {
			return nil
		}
		e := vb.exprs[k]
		if e == nil {
			return nil // a window function's column: the base table answers 207
		}
		if e.access {
			err = errOutputAccess(strings.ToLower(c.Name.Parts[0].Name), c.Name.Last())
			return nil
		}
		return e.over(c.Name.Parts[0].Name)
	})
	return x, err
}

// cloneExpr copies x by printing and re-parsing it (ast.Node's contract:
// parsing SQL() yields the same tree); nil when that fails.
func cloneExpr(x ast.Expr) ast.Expr {
	c, err := tsql.ParseExpr(x.SQL())
	if err != nil {
		return nil
	}
	return c
}

var exprType = reflect.TypeOf((*ast.Expr)(nil)).Elem()

// substColumns replaces the column references of x outside subqueries by
// f's result (kept when f returns nil) and returns the new root. The walk
// is by reflection over the node structs, as ast has no rewriter.
func substColumns(x ast.Expr, f func(*ast.ColumnRef) ast.Expr) ast.Expr {
	if x == nil {
		return nil
	}
	if c, isCol := x.(*ast.ColumnRef); isCol {
		if r := f(c); r != nil {
			return r
		}
		return x
	}
	substValue(reflect.ValueOf(x), f)
	return x
}

func substValue(v reflect.Value, f func(*ast.ColumnRef) ast.Expr) {
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return
	}
	if _, isQuery := v.Interface().(*ast.Query); isQuery {
		return
	}
	s := v.Elem()
	for i := 0; i < s.NumField(); i++ {
		fv := s.Field(i)
		if !fv.CanSet() {
			continue
		}
		switch {
		case fv.Type() == exprType:
			if !fv.IsNil() {
				fv.Set(reflect.ValueOf(substColumns(fv.Interface().(ast.Expr), f)))
			}
		case fv.Kind() == reflect.Slice && fv.Type().Elem() == exprType:
			for j := 0; j < fv.Len(); j++ {
				if e := fv.Index(j); !e.IsNil() {
					e.Set(reflect.ValueOf(substColumns(e.Interface().(ast.Expr), f)))
				}
			}
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Pointer:
			for j := 0; j < fv.Len(); j++ {
				substValue(fv.Index(j), f)
			}
		case fv.Kind() == reflect.Pointer:
			substValue(fv, f)
		}
	}
}
