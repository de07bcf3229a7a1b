package exec

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Composable DML: INSERT … SELECT … FROM (MERGE | UPDATE | DELETE | INSERT
// … OUTPUT …) AS alias [(columns)] inserts the rows the nested statement's
// OUTPUT clause returns (the OUTPUT clause page's example K, the MERGE
// page's example D). The nested statement runs once, before the INSERT's
// query is compiled, inside the INSERT's statement (so both are one atomic
// statement); its rows then stand in for the table source. @@ROWCOUNT is
// the outer INSERT's.

// dmlTableRows is what a nested statement's OUTPUT returned.
type dmlTableRows struct {
	cols []ResultColumn
	rows []Row
}

// dmlCapture records a nested statement's OUTPUT rows and their columns and
// passes only messages and errors on.
type dmlCapture struct {
	messagesOnly
	got dmlTableRows
}

func (c *dmlCapture) Columns(cols []ResultColumn) error {
	c.got.cols = append([]ResultColumn(nil), cols...)
	return nil
}

func (c *dmlCapture) Row(r Row) error {
	c.got.rows = append(c.got.rows, append(Row(nil), r...))
	return nil
}

// runDMLTables runs the nested DML statements of an INSERT's query and keeps
// their rows for buildTableExpr; the returned function forgets them.
func (s *Session) runDMLTables(ctx context.Context, q *ast.Query, out Output) (func(), error) {
	var nested []*ast.DMLTable
	ast.Inspect(q, func(n ast.Node) bool {
		if d, ok := n.(*ast.DMLTable); ok {
			nested = append(nested, d)
			return false
		}
		return true
	})
	if len(nested) == 0 || s.batch == nil {
		return func() {}, nil
	}
	b := s.batch
	if b.dmlTables == nil {
		b.dmlTables = map[*ast.DMLTable]*dmlTableRows{}
	}
	pop := func() {
		for _, d := range nested {
			delete(b.dmlTables, d)
		}
	}
	for _, d := range nested {
		c := &dmlCapture{messagesOnly: messagesOnly{out}}
		var err error
		switch st := d.Stmt.(type) {
		case *ast.MergeStmt:
			err = s.runMerge(ctx, st, c)
		case *ast.UpdateStmt:
			err = s.runUpdate(ctx, st, c)
		case *ast.DeleteStmt:
			err = s.runDelete(ctx, st, c)
		case *ast.InsertStmt:
			err = s.runInsert(ctx, st, c)
		default:
			err = ErrNotSupported.New("This nested statement")
		}
		if err != nil {
			pop()
			return nil, err
		}
		got := c.got
		b.dmlTables[d] = &got
	}
	return pop, nil
}

// buildDMLTable is the table source of a nested DML statement's rows; one
// the INSERT did not run (a DML table source elsewhere) is not supported.
func (s *Session) buildDMLTable(t *ast.DMLTable, outer *scope) (*source, error) {
	var got *dmlTableRows
	if s.batch != nil {
		got = s.batch.dmlTables[t]
	}
	if got == nil {
		return nil, ErrNotSupported.New("A nested INSERT, UPDATE, DELETE or MERGE outside INSERT … SELECT")
	}
	alias := strings.ToLower(identName(t.Alias))
	if len(t.Columns) > len(got.cols) {
		return nil, &Error{Number: 8158, Severity: 16, State: 1, Message: "'" + identName(t.Alias) + "' has more columns than were specified in the column list."}
	}
	if len(t.Columns) > 0 && len(t.Columns) < len(got.cols) {
		return nil, &Error{Number: 8159, Severity: 16, State: 1, Message: "'" + identName(t.Alias) + "' has fewer columns than were specified in the column list."}
	}
	sc := &scope{outer: outer}
	for i, c := range got.cols {
		name := c.Name
		if i < len(t.Columns) {
			name = t.Columns[i].Name
		}
		sc.cols = append(sc.cols, scopeCol{qual: alias, name: name, typ: c.Type, idx: i})
	}
	rows := got.rows
	return &source{sc: sc, open: func(*evalCtx) (rowIter, error) {
		return &sliceIter{rows: rows}, nil
	}}, nil
}
