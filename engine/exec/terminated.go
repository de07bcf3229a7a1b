package exec

import (
	"errors"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Message 3621, "The statement has been terminated.": the informational
// message (class 0, state 0, so an INFO token, which sqlcmd prints as bare
// text) SQL Server sends after the error that ends a data-modifying
// statement — INSERT, UPDATE, DELETE, MERGE, SELECT … INTO, and BULK INSERT,
// which writes rows as INSERT does (not confirmed from a capture) — while the
// batch goes on. It goes out after the ERROR token and before the failed
// statement's DONE, with the statement's line and the procedure it runs in.
//
// It is not sent when:
//   - the statement reads only (SELECT 1/0 is the error alone);
//   - a TRY catches the error (CATCH gets it, the client nothing);
//   - the error ends the batch: a conversion error (245, 8114 …), any error
//     under SET XACT_ABORT ON, an error in a trigger (trigger context ends
//     the batch), ARITHABORT ON with ANSI_WARNINGS OFF;
//   - the error is the statement's compilation's (213 column count, 206
//     type clash, 544 IDENTITY_INSERT …): only execution errors end a
//     statement that had begun writing, so the errors that send it are an
//     explicit list of the run-time ones.
var statementTerminated = Error{Number: 3621, Severity: 0, State: 0, Message: "The statement has been terminated."}

// terminationNoticed lists the run-time errors that end a data-modifying
// statement with 3621 after them.
func terminationNoticed(num int32) bool {
	switch num {
	case 2627, 2601, // PRIMARY KEY / UNIQUE constraint, unique index
		515,        // NULL into a NOT NULL column
		547,        // FOREIGN KEY / CHECK constraint
		8152, 2628, // string or binary data would be truncated
		550,                                    // view WITH CHECK OPTION
		types.ErrArithOverflow, 220, 232, 8134, // arithmetic, when it ends the statement only
		512,  // subquery returned more than one value
		8672, // MERGE touched a target row twice
		530,  // MAXRECURSION exhausted
		1222, // lock request time out
		3991: // a CLR/trigger routine ended the context transaction
		return true
	}
	return false
}

// writesRows reports whether st is a statement 3621 can follow.
func writesRows(st ast.Statement) bool {
	switch st := st.(type) {
	case *ast.InsertStmt, *ast.UpdateStmt, *ast.DeleteStmt, *ast.MergeStmt, *ast.BulkInsertStmt:
		return true
	case *ast.SelectStmt:
		return st.Query != nil && intoCore(st.Query.Body) != nil
	}
	return false
}

// terminatedNotice is the 3621 to send after st's error num when it ends
// only the statement (scope AbortStatement), or nil.
func (s *Session) terminatedNotice(st ast.Statement, err error, num int32, scope AbortScope) *Error {
	if scope != AbortStatement {
		return nil
	}
	if !(writesRows(st) && terminationNoticed(num)) && !indexBuildDuplicate(st, err, num) {
		return nil
	}
	m := statementTerminated
	m.Line = s.lineOf(st)
	m.Proc = s.messageProc()
	return &m
}

// indexBuildDuplicate reports whether err is an index build finding
// duplicate keys: 1505 from CREATE UNIQUE INDEX or ALTER INDEX … REBUILD,
// or ALTER TABLE … ADD PRIMARY KEY / UNIQUE's 1750 after its 1505. The
// build has read and sorted the table's rows when it finds them, so SQL
// Server ends it as it ends a data modification: 3621 follows (after 1750
// for ALTER TABLE, the message sqlcmd shows last).
func indexBuildDuplicate(st ast.Statement, err error, num int32) bool {
	switch st.(type) {
	case *ast.CreateIndexStmt, *ast.AlterIndexStmt:
		return num == 1505
	case *ast.AlterTableStmt:
		if num != 1750 {
			return false
		}
		prior, _ := splitChain(err)
		for _, p := range prior {
			if n, _, _ := errorIdentity(p); n == 1505 {
				return true
			}
		}
	}
	return false
}

// constraintIndexErr is ALTER TABLE … ADD PRIMARY KEY / UNIQUE's failure
// to build the constraint's index: a duplicate key (1505) is followed by
// 1750, as SQL Server reports it; other errors pass unchanged.
func constraintIndexErr(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Number == 1505 {
		return chainErrors([]error{err}, &Error{Number: 1750, Severity: 16, State: 0, Message: "Could not create constraint or index. See previous errors."})
	}
	return err
}
