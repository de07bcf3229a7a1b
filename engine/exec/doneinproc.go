package exec

import "github.com/mirrorsql/mirrorsql/tsql/ast"

// Statements inside a procedure report their completion. With SET NOCOUNT
// OFF, SQL Server sends a DONEINPROC for every statement a procedure body
// executes ([MS-TDS] 2.2.7.7), including those that return nothing: a
// variable assignment, a cursor statement, the condition of an IF or of each
// WHILE iteration (the SET NOCOUNT documentation: NOCOUNT ON "prevents the
// sending of DONEINPROC messages to the client for each statement in a
// stored procedure", which is why it pays off in procedures "that contain
// Transact-SQL loops").
// Message-queue clients count them: go-mssqldb (sqlexp) turns each into a
// result set boundary, and its TestSprocWithCursorNoResult expects 13 of them
// for a two-row cursor loop with PRINT (12 DONEINPROC + the final DONE).
//
// Statements that already end with a DONE of their own (SELECT, DML, PRINT,
// FETCH without INTO) are left alone; a DECLARE without an initial value
// runs nothing and reports nothing. The token carries no row count and does
// not change @@ROWCOUNT. Batches outside procedures are unchanged. Not
// verified against a SQL Server trace: SQL Server may count DECLARE CURSOR
// as a declaration and end an EXEC in a batch with a DONEPROC, which
// mirrorsql does not send (docs/go-mssqldb-suite.md).

// silentInProc reports whether st completes without a DONE of its own and so
// gets the completion DONEINPROC inside a procedure.
func silentInProc(st ast.Statement) bool {
	switch st := st.(type) {
	case *ast.SetVariableStmt, *ast.DeclareCursorStmt, *ast.SetCursorStmt,
		*ast.OpenStmt, *ast.CloseStmt, *ast.DeallocateStmt:
		return true
	case *ast.DeclareStmt:
		for _, d := range st.Vars {
			if d.Value != nil {
				return true
			}
		}
	case *ast.FetchStmt:
		return st.Into != nil // FETCH without INTO sends a result set and its DONE
	}
	return false
}

// doneInProc sends the completion DONEINPROC of a silent statement or of an
// IF/WHILE condition, when inside a procedure with SET NOCOUNT OFF.
func (s *Session) doneInProc(out Output) error {
	if s.batch == nil || !s.batch.inProc || s.Opts.NoCount {
		return nil
	}
	return out.Done(CmdNone, 0, false, true, false)
}
