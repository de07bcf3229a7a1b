package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Filtered indexes: CREATE [UNIQUE] INDEX … WHERE predicate. Only rows the
// predicate is TRUE for have an entry, so a UNIQUE filtered index allows
// any number of rows outside its filter — the usual way to make a nullable
// column unique among its non-NULL values, and what EF Core creates for
// every unique index on a nullable column:
//
//	CREATE UNIQUE INDEX [IX_Users_Email] ON [Users] ([Email]) WHERE [Email] IS NOT NULL
//
// Entries are written and removed as rows enter and leave the filter
// (table.go: putIndexEntry, deleteRow, updateRow). The planner does not read
// through a filtered index (access.go), so a query's rows never depend on
// whether its predicate implies the filter; foreign keys cannot reference
// one (rowbuilder.go indexOn), as in SQL Server.

// checkIndexFilter applies SQL Server's rules for a filter: simple
// comparisons of the table's columns with constants, joined by AND (error
// 10735 otherwise); the columns must exist (207).
func checkIndexFilter(t *catalog.Table, name string, where ast.Expr) error {
	var bad bool
	var missing string
	ast.Inspect(where, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.ColumnRef:
			if _, c := t.Column(x.Name.Last()); c == nil && missing == "" {
				missing = x.Name.Last()
			}
		case *ast.BinaryExpr:
			if x.Op == ast.OpOr {
				bad = true
			}
		case *ast.FuncCall, *ast.SubqueryExpr, *ast.ExistsExpr, *ast.Variable:
			bad = true
		}
		return true
	})
	if missing != "" {
		return ErrInvalidColumn.New(missing)
	}
	if bad {
		return &Error{Number: 10735, Severity: 15, State: 1, Message: "Incorrect WHERE clause for filtered index '" + name + "' on table '" + t.Name + "'."}
	}
	return nil
}

// inIndex reports whether row has an entry in index ix: always, unless ix
// is filtered and its predicate is not TRUE for row, or ix is disabled
// (index_disable.go: it has no entries at all).
func (s *Session) inIndex(ctx context.Context, tr *tableRef, ix *catalog.Index, row Row) (bool, error) {
	if ix.Disabled {
		return false, nil
	}
	if ix.Filter == "" {
		return true, nil
	}
	p, ok := tr.filters[ix]
	if !ok {
		e, err := tsql.ParseExpr(ix.Filter)
		if err != nil {
			return false, err
		}
		c := &compiler{s: s, sc: tableScope(tr, "", nil)}
		if p, err = c.pred(e); err != nil {
			return false, err
		}
		if tr.filters == nil {
			tr.filters = map[*catalog.Index]pred{}
		}
		tr.filters[ix] = p
	}
	b, err := p(newEvalCtx(ctx, s), row)
	return b == types.True, err
}
