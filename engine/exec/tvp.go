package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Table-valued parameters: a procedure's or sp_executesql's parameter of a
// table type (declared READONLY) receives a table — rows a client sent as a
// TVP, or the rows of a table variable passed to EXEC — copied into the
// parameter's own table variable before the body runs.

// tableArgOf reads a table variable's rows for EXEC proc @p = @t.
func (s *Session) tableArgOf(ctx context.Context, v *variable) (*TableArg, error) {
	stmts, err := tsql.ParseBatch("SELECT * FROM " + v.name)
	if err != nil {
		return nil, err
	}
	sel, ok := stmts[0].(*ast.SelectStmt)
	if !ok {
		return nil, ErrNotSupported.New("This table argument")
	}
	p, err := s.buildQuery(sel.Query, nil, nil)
	if err != nil {
		return nil, err
	}
	rows, err := s.planRows(ctx, p)
	if err != nil {
		return nil, err
	}
	name := "table"
	if v.tableType != nil {
		name = v.tableType.Name
	}
	return &TableArg{TypeName: name, Rows: rows}, nil
}

// bindTableArg fills the table-valued parameter v from a. A table for a
// scalar parameter, or a scalar for a table parameter, is an operand type
// clash (206). Rows go in as INSERT puts them: converted to the columns'
// types, identity and defaults filled for columns not given, constraints
// checked.
func (s *Session) bindTableArg(ctx context.Context, v *variable, a *ProcArg) error {
	switch {
	case v.table == nil:
		return errTVPClash.New(a.Table.TypeName, v.typ.String())
	case a.Table == nil:
		if a.Value.IsNull() && a.Type.ID == 0 {
			return nil // nothing passed: an empty table
		}
		return errTVPClash.New(a.Type.String(), v.tableType.Name)
	}
	tr, ta := v.table, a.Table
	cols := tr.t.Columns
	rb, err := s.newRowBuilder(tr, "INSERT")
	if err != nil {
		return err
	}
	ec := newEvalCtx(ctx, s)
	hadTx := s.tx != nil
	for _, in := range ta.Rows {
		if len(in) != len(cols) {
			return &Error{Number: 8016, Severity: 16, State: 1, Message: "The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect. Table-valued parameter " + a.Name + " (\"" + v.name + "\"), row has " + itoa(len(in)) + " columns; the table type has " + itoa(len(cols)) + "."}
		}
		row := make(Row, len(cols)+1)
		given := make([]bool, len(cols))
		for i := range cols {
			if ta.Given != nil && !ta.Given[i] {
				continue
			}
			given[i] = true
			if row[i], err = rb.store(i, in[i]); err != nil {
				return err
			}
		}
		if _, err := rb.complete(ec, row, given); err != nil {
			return err
		}
		if err := s.insertRow(ctx, tr, row, "INSERT"); err != nil && err != errDupKeyIgnored {
			return err // a duplicate IGNORE_DUP_KEY leaves out is no error (ignore_dup_key.go)
		}
	}
	if s.tx == nil {
		return nil
	}
	// The rows are the parameter's value, not part of any transaction's work:
	// publish them to the table variable's store now, and end the
	// transaction filling them began if there was none.
	if !hadTx {
		return s.commitTx(ctx)
	}
	return s.flushTableVariables(ctx, s.tx)
}

// bindParamTable prepares a declared parameter that is a table variable: a
// table-type parameter must be READONLY (352) and is then read-only (10700).
func bindParamTable(v *variable, p *ast.ProcParam) error {
	if v.table == nil {
		return nil
	}
	if !p.ReadOnly {
		return errTVPNotReadOnly.New(p.Name)
	}
	v.readOnly = true
	return nil
}

// isTableVar reports whether e names a table variable in scope, and returns it.
func (s *Session) isTableVar(e ast.Expr) (*variable, bool) {
	x, ok := e.(*ast.Variable)
	if !ok || !strings.HasPrefix(x.Name, "@") {
		return nil, false
	}
	v := s.lookupVar(x.Name)
	return v, v != nil && v.table != nil
}
