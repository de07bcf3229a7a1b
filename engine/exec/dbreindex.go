package exec

import (
	"context"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// DbReindex runs DBCC DBREINDEX (table [, index or empty [, fillfactor]]),
// the deprecated rebuild older maintenance scripts still call: as ALTER
// INDEX … REBUILD, it checks the table and has nothing to rebuild (the LSM
// store keeps no fragmented pages), then reports DBCC's completion.
func (s *Session) DbReindex(ctx context.Context, st *ast.DbccStmt, out Output) error {
	if len(st.Args) == 0 || len(st.Args) > 3 {
		return &Error{Number: 2526, Severity: 16, State: 3, Message: "Incorrect DBCC statement. Check the documentation for the correct DBCC syntax and options."}
	}
	name, err := dbccObjectName(st.Args[0]) // checkident.go
	if err != nil {
		return err
	}
	if _, err := s.dbccTable(name); err != nil {
		return err
	}
	return out.Message(msgCheckIdentDone)
}
