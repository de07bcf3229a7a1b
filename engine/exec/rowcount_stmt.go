package exec

import "github.com/mirrorsql/mirrorsql/tsql/ast"

// @@ROWCOUNT after statements that return no rows (issue #5). The
// @@ROWCOUNT page: "Statements such as USE, SET <option>, DEALLOCATE
// CURSOR, CLOSE CURSOR, PRINT, RAISERROR, BEGIN TRANSACTION, or COMMIT
// TRANSACTION reset the ROWCOUNT value to 0". They kept the previous
// statement's count, so
//
//	UPDATE t SET … WHERE …; COMMIT; IF @@ROWCOUNT = 0 …
//
// saw the UPDATE's rows. A statement that fails affects no rows: 0 too
// (the caller, runStatement, says when; EXEC keeps what its last inner
// statement left, as the page says EXECUTE preserves it).

// noteStatementRowCount sets @@ROWCOUNT for st, which completed, when st is
// one of the statements above.
func (s *Session) noteStatementRowCount(st ast.Statement) {
	switch st := st.(type) {
	case *ast.UseStmt, *ast.SetOptionStmt, *ast.PrintStmt, *ast.RaiserrorStmt:
		s.rowcnt = 0
	case *ast.TransactionStmt:
		if st.Kind == ast.BeginTran || st.Kind == ast.CommitTran {
			s.rowcnt = 0
		}
	}
}
