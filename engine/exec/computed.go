package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Computed columns (CREATE TABLE … c AS expr [PERSISTED]).
//
// mirrorsql stores every computed column, PERSISTED or not: the value is
// computed from the row's other columns whenever the row is written
// (INSERT, UPDATE, MERGE, in rowBuilder.validate), so reads, indexes and
// the row codec treat it as an ordinary column. The column's type is the
// expression's. Writing it directly is error 271; an expression naming
// another computed column is error 1759.

// computedColumn builds the catalog column for a computed column
// definition; its type is set by typeComputedColumns once every column of
// the table is known.
func computedColumn(cd *ast.ColumnDef, id int32) *catalog.Column {
	return &catalog.Column{ID: id, Name: cd.Name.Name, Nullable: true, Computed: cd.Computed.SQL(), Type: types.TypeInt, Persisted: cd.Persisted}
}

// computedScope is a scope of t's columns in row order, for compiling
// computed column expressions.
func computedScope(t *catalog.Table) *scope {
	sc := &scope{}
	q := strings.ToLower(t.Name)
	for i, c := range t.Columns {
		sc.cols = append(sc.cols, scopeCol{qual: q, name: c.Name, typ: c.Type, null: c.Nullable, idx: i})
	}
	return sc
}

// typeComputedColumns compiles t's computed columns and gives each the
// type of its expression.
func (s *Session) typeComputedColumns(t *catalog.Table) error {
	c := &compiler{s: s, sc: computedScope(t)}
	for _, col := range t.Columns {
		if col.Computed == "" {
			continue
		}
		e, err := tsql.ParseExpr(col.Computed)
		if err != nil {
			return err
		}
		var refErr error
		ast.Inspect(e, func(n ast.Node) bool {
			if cr, ok := n.(*ast.ColumnRef); ok && refErr == nil {
				if _, other := t.Column(cr.Name.Last()); other != nil && other.Computed != "" {
					refErr = &Error{Number: 1759, Severity: 16, State: 0, Message: "Computed column '" + other.Name + "' in table '" + t.Name + "' is not allowed to be used in another computed-column definition."}
				}
			}
			return refErr == nil
		})
		if refErr != nil {
			return refErr
		}
		if col.Persisted && nondeterministic(e) {
			return &Error{Number: 4936, Severity: 16, State: 1, Message: "Computed column '" + col.Name + "' in table '" + t.Name + "' cannot be persisted because the column is non-deterministic."}
		}
		x, err := c.expr(e)
		if err != nil {
			return err
		}
		col.Nullable = !notNullISNULL(e)
		col.Type = x.typ
		if col.Type.ID == types.Unknown {
			col.Type = types.TypeInt
		}
	}
	return nil
}

// compileComputed compiles a table's computed columns for writing rows
// (nil entries for ordinary columns; nil when it has none).
func (s *Session) compileComputed(t *catalog.Table) ([]*expr, error) {
	var out []*expr
	var c *compiler // built at the first computed column: most tables have none
	for i, col := range t.Columns {
		if col.Computed == "" {
			continue
		}
		if out == nil {
			out = make([]*expr, len(t.Columns))
			c = &compiler{s: s, sc: computedScope(t)}
		}
		e, err := tsql.ParseExpr(col.Computed)
		if err != nil {
			return nil, err
		}
		if out[i], err = c.expr(e); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fillComputed computes the computed columns of a row about to be written.
func (rb *rowBuilder) fillComputed(ec *evalCtx, row Row) error {
	for i, x := range rb.computed {
		if x == nil {
			continue
		}
		v, err := x.eval(ec, row)
		if err != nil {
			return err
		}
		if row[i], err = rb.store(i, v); err != nil {
			return err
		}
	}
	return nil
}

// errComputedWrite is 271, for a computed column named in an INSERT column
// list or an UPDATE SET.
func errComputedWrite(col string) error {
	return &Error{Number: 271, Severity: 16, State: 1, Message: "The column \"" + col + "\" cannot be modified because it is either a computed column or is the result of a UNION operator."}
}

// nondeterministic reports a call of a nondeterministic built-in function
// (GETDATE, NEWID, RAND …) in a computed column's expression: such a
// column cannot be PERSISTED (4936).
func nondeterministic(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		f, ok := n.(*ast.FuncCall)
		if !ok || found {
			return !found
		}
		if f.Niladic { // CURRENT_TIMESTAMP, CURRENT_USER …
			found = true
			return false
		}
		if len(f.Name.Parts) == 1 && nondeterministicFuncs[strings.ToUpper(f.Name.Last())] {
			found = true
		}
		return !found
	})
	return found
}

// nondeterministicFuncs are the built-in functions that give another
// value each call or session (SQL Server's "nondeterministic functions").
var nondeterministicFuncs = map[string]bool{
	"GETDATE": true, "GETUTCDATE": true, "SYSDATETIME": true, "SYSUTCDATETIME": true, "SYSDATETIMEOFFSET": true,
	"NEWID": true, "NEWSEQUENTIALID": true, "RAND": true, "USER_NAME": true, "SUSER_SNAME": true, "SUSER_NAME": true,
	"HOST_NAME": true, "APP_NAME": true, "CURRENT_TIMEZONE": true, "CURRENT_TIMEZONE_ID": true,
}

// notNullISNULL reports a computed column SQL Server makes NOT NULL: its
// expression is ISNULL(x, y) with y a constant that is not NULL (the
// CREATE TABLE page's way to turn a nullable expression into a
// nonnullable one).
func notNullISNULL(e ast.Expr) bool {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			break
		}
		e = p.X
	}
	f, ok := e.(*ast.FuncCall)
	if !ok || len(f.Args) != 2 || !strings.EqualFold(f.Name.Last(), "ISNULL") {
		return false
	}
	_, lit := f.Args[1].(*ast.Literal)
	return lit
}
