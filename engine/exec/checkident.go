package exec

import (
	"context"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// DBCC CHECKIDENT (table [, NORESEED | RESEED [, new_value]]) [WITH
// NO_INFOMSGS]: report, correct or set a table's identity counter, with
// SQL Server's messages:
//
//   - NORESEED reports the counter and the column's largest value (the
//     smallest for a negative increment);
//   - no option, or RESEED alone, raises the counter to that value when it
//     is behind it;
//   - RESEED n sets the counter to n: the next row gets n + increment, or n
//     itself when no row was inserted since the table was made or
//     truncated.
//
// The counter is persisted with the statement's transaction, as an
// INSERT's is. Unlike SQL Server, a reseed is not undone by ROLLBACK (the
// counter is not transactional here, as identity values handed out are
// not), and "n itself" after a restart becomes n + increment.

var msgCheckIdentDone = &Error{Number: 2528, Severity: 10, State: 1, Message: "DBCC execution completed. If DBCC printed error messages, contact your system administrator."}

// CheckIdent runs DBCC CHECKIDENT for the engine's DBCC dispatcher.
func (s *Session) CheckIdent(ctx context.Context, st *ast.DbccStmt, out Output) error {
	if len(st.Args) == 0 || len(st.Args) > 3 {
		return &Error{Number: 2526, Severity: 16, State: 3, Message: "Incorrect DBCC statement. Check the documentation for the correct DBCC syntax and options."}
	}
	name, err := dbccObjectName(st.Args[0])
	if err != nil {
		return err
	}
	tr, err := s.dbccTable(name)
	if err != nil {
		return err
	}
	col := tr.t.IdentityColumn()
	if col < 0 {
		return &Error{Number: 7997, Severity: 16, State: 1, Message: "'" + tr.t.Name + "' does not contain an identity column."}
	}
	c := tr.t.Columns[col]
	mode := "RESEED"
	if len(st.Args) > 1 {
		cr, ok := st.Args[1].(*ast.ColumnRef)
		if !ok || len(cr.Name.Parts) != 1 || !strings.EqualFold(cr.Name.Last(), "RESEED") && !strings.EqualFold(cr.Name.Last(), "NORESEED") {
			return &Error{Number: 2560, Severity: 16, State: 9, Message: "Parameter 2 is incorrect for this DBCC statement."}
		}
		mode = strings.ToUpper(cr.Name.Last())
		if mode == "NORESEED" && len(st.Args) > 2 {
			return &Error{Number: 2526, Severity: 16, State: 3, Message: "Incorrect DBCC statement. Check the documentation for the correct DBCC syntax and options."}
		}
	}
	quiet := false
	for _, o := range st.Options {
		if strings.EqualFold(o.Name, "NO_INFOMSGS") {
			quiet = true
		}
	}
	cur, had := tr.db.IdentityCurrent(tr.t.ID)
	if !had {
		cur = c.Seed
	}
	curText := fmt.Sprint(cur)
	if !had {
		curText = "NULL" // no value handed out yet
	}
	if len(st.Args) == 3 { // RESEED n
		v, err := s.evalScalar(ctx, st.Args[2])
		if err != nil {
			return err
		}
		n, err := types.Convert(v.v, c.Type, 0)
		if err != nil || n.IsNull() || !v.v.TypeID().IsNumeric() {
			return &Error{Number: 2560, Severity: 16, State: 9, Message: "Parameter 3 is incorrect for this DBCC statement."}
		}
		target := n.Int64()
		if !had || cur == c.Seed-c.Increment { // nothing inserted since CREATE or TRUNCATE
			target -= c.Increment
		}
		s.setIdentity(tr, target)
		if !quiet {
			if err := out.Message(&Error{Number: 7998, Severity: 10, State: 1, Message: "Checking identity information: current identity value '" + curText + "'."}); err != nil {
				return err
			}
			return out.Message(msgCheckIdentDone)
		}
		return nil
	}
	colMax, err := s.identityColumnExtreme(ctx, tr, c)
	if err != nil {
		return err
	}
	colText := "NULL"
	if !colMax.IsNull() {
		colText = fmt.Sprint(colMax.Int64())
		behind := c.Increment >= 0 && cur < colMax.Int64() || c.Increment < 0 && cur > colMax.Int64()
		if mode == "RESEED" && (behind || !had) {
			s.setIdentity(tr, colMax.Int64())
		}
	}
	if quiet {
		return nil
	}
	if err := out.Message(&Error{Number: 7998, Severity: 10, State: 1, Message: "Checking identity information: current identity value '" + curText + "', current column value '" + colText + "'."}); err != nil {
		return err
	}
	return out.Message(msgCheckIdentDone)
}

// dbccObjectName is a DBCC's object argument: a string or a (bracketed)
// name, whose dots in a bracketed single part still separate parts, as
// SQL Server reads 'dbo.t' and [dbo.t] alike.
func dbccObjectName(e ast.Expr) (string, error) {
	switch x := e.(type) {
	case *ast.Literal:
		if x.Kind != ast.LitString {
			break
		}
		return x.Value, nil
	case *ast.ColumnRef:
		parts := make([]string, len(x.Name.Parts))
		for i, p := range x.Name.Parts {
			parts[i] = p.Name
		}
		return strings.Join(parts, "."), nil
	}
	return "", &Error{Number: 2560, Severity: 16, State: 9, Message: "Parameter 1 is incorrect for this DBCC statement."}
}

// dbccTable resolves a DBCC's table argument; a name that is not a
// table is SQL Server's 2501.
func (s *Session) dbccTable(name string) (*tableRef, error) {
	tr, err := s.tableByText(name)
	if tr == nil {
		if err != nil && !isNotFound(err) {
			return nil, err
		}
		return nil, &Error{Number: 2501, Severity: 16, State: 45, Message: "Cannot find a table or object with the name \"" + name + "\". Check the system catalog."}
	}
	return tr, nil
}

// isNotFound reports a name-resolution miss (208), which DBCC words as 2501.
func isNotFound(err error) bool {
	e, ok := err.(*Error)
	return ok && e.Number == 208
}

// setIdentity moves the table's counter to v, up or down, and persists it
// with the transaction.
func (s *Session) setIdentity(tr *tableRef, v int64) {
	// SeeIdentity only moves the counter in its increment's direction; the
	// sign passed picks the direction that reaches v.
	if cur, ok := tr.db.IdentityCurrent(tr.t.ID); ok && v < cur {
		tr.db.SeeIdentity(tr.t.ID, v, -1)
	} else {
		tr.db.SeeIdentity(tr.t.ID, v, 1)
	}
	_ = s.writes(tr.db).Put(catalog.ObjectIdentity, catalog.IdentityKey(tr.t.ID), bigEndian(v))
}

// identityColumnExtreme is MAX (or MIN, for a negative increment) of the
// identity column, NULL for an empty table.
func (s *Session) identityColumnExtreme(ctx context.Context, tr *tableRef, c *catalog.Column) (types.Value, error) {
	agg := "MAX"
	if c.Increment < 0 {
		agg = "MIN"
	}
	text := "SELECT " + agg + "(" + quoteIdent(c.Name) + ") FROM " + quoteIdent(tr.db.Name()) + "." + quoteIdent(tr.t.Schema) + "." + quoteIdent(tr.t.Name)
	stmts, err := tsql.ParseBatch(text)
	if err != nil {
		return types.Value{}, err
	}
	sel, ok := stmts[0].(*ast.SelectStmt)
	if !ok {
		return types.Value{}, fmt.Errorf("checkident: unexpected statement %T", stmts[0])
	}
	rows, _, err := s.queryRows(ctx, sel.Query)
	if err != nil {
		return types.Value{}, err
	}
	if len(rows) == 0 || len(rows[0]) == 0 || rows[0][0].IsNull() {
		return types.Null(types.BigInt), nil
	}
	return types.Convert(rows[0][0], types.TypeBigInt, 0)
}

// quoteIdent brackets a name as QUOTENAME does.
func quoteIdent(name string) string {
	return "[" + strings.ReplaceAll(name, "]", "]]") + "]"
}
