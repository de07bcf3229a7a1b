package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Local temporary tables created by a stored procedure are dropped when it
// returns, as in SQL Server ("a local temporary table created in a stored
// procedure is dropped automatically when the stored procedure is
// finished"), so running a procedure that creates #t twice on one
// connection works (sp_WhoIsActive, sp_Blitz* create theirs without
// dropping them). Tables the caller created before the call are left alone.

// tempTableNames is the set of temporary tables the session sees now.
func (s *Session) tempTableNames() map[string]bool {
	if s.temp == nil {
		return nil
	}
	tables := s.catalogFor(s.temp).Tables
	if len(tables) == 0 {
		return nil // the common case: no allocation per procedure call
	}
	names := make(map[string]bool, len(tables))
	for _, t := range tables {
		names[t.Name] = true
	}
	return names
}

// dropProcTempTables drops the temporary tables that exist now and did not
// before a procedure call, each with DROP TABLE IF EXISTS run as a
// statement of its own (so in the caller's transaction if one is open,
// autocommitted otherwise). A table that cannot be dropped (a doomed
// transaction) is left as it is.
func (s *Session) dropProcTempTables(ctx context.Context, before map[string]bool) {
	if s.temp == nil {
		return
	}
	var names []*ast.Name
	for _, t := range s.catalogFor(s.temp).Tables {
		if t.Temporary && !before[t.Name] {
			names = append(names, &ast.Name{Parts: []*ast.Ident{{Name: t.Name}}})
		}
	}
	for _, n := range names {
		_, _ = s.runList(ctx, []ast.Statement{&ast.DropTableStmt{Names: []*ast.Name{n}, IfExists: true}}, discardOutput{})
	}
}
