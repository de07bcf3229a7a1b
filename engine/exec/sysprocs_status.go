package exec

import (
	"context"
	"errors"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// builtinDone ends a call of a built-in (Go) system procedure the way SQL
// Server's own system procedures, T-SQL modules in the resource database,
// end: an error they raise (RAISERROR … RETURN (1) in their text) is
// reported as an error of the procedure, and the procedure then returns a
// non-zero status, which EXEC @rc = … assigns and the RETURNSTATUS token
// of an RPC carries; on success they return 0. The status is the
// procedure's own when it chose one (sp_getapplock's negative codes), else
// 1, the "0 (success) or 1 (failure)" of nearly every system procedure's
// documentation (sp_rename, sp_addrolemember, sp_helpdb, sp_configure,
// sp_helprotect; sp_dbmmonitorupdate's text returns 1 too).
//
// The error goes through handleError one level below the caller, as a
// statement of the procedure's body would: it names the procedure (the ERROR
// token's ProcName, sqlcmd's "Procedure sp_helpuser", ERROR_PROCEDURE() in a
// CATCH), is followed by a DONEINPROC, is caught by the caller's TRY (which
// then gets no return status, as in SQL Server), and ends the batch or the
// transaction when the error's kind does. The line is 1: SQL Server reports
// the line of the RAISERROR within the procedure's text, which a procedure
// written in Go does not have; line 1 of the procedure is the honest
// nearest, whereas the caller's line beside "Procedure sp_helpuser" would
// read as a line of sp_helpuser.
//
// Under SET XACT_ABORT ON such an error does not roll the transaction back
// or end the batch: SQL Server's procedure raised it with RAISERROR, which
// XACT_ABORT does not apply to (Microsoft's SET XACT_ABORT page; c89060e
// for RAISERROR in a batch). Those are the messages of the system
// procedures' block, 15000–15999 (15009, 15248, 15335 …), see
// raisedBySystemProc. An error the engine raises while the procedure runs
// a statement (a duplicate key, 2714, a permission error) does abort, as
// in SQL Server, and so do the errors of binding the call's arguments
// (201, 8144 …), which are raised before the procedure runs.
//
// sp_executesql is not one of these: its statements report their own errors
// as the caller's batch's, and what it returns is the caller's to report.
func (s *Session) builtinDone(ctx context.Context, pname string, ret int32, err error, out Output) (int32, error) {
	if err == nil || pname == "sp_executesql" || ctx.Err() != nil || errors.Is(err, errCaught) || errors.Is(err, errBatchAborted) {
		return ret, err
	}
	prevBatch, prevProc := s.batch, s.proc
	s.batch, s.proc = newBatchState(nil, true), &procFrame{name: pname, parent: prevProc}
	var raiser ast.Statement
	num, _, _ := errorIdentity(err)
	if raisedBySystemProc(num) {
		raiser = procRaiserror
	}
	var e *Error
	if errors.As(err, &e) && isArgError(num) && !e.NoLine {
		// A procedure's own check of an argument (a NULL where a value is
		// required) reports as binding does, at line 0.
		c := *e
		c.NoLine = true
		err = &c
	}
	err = s.handleError(ctx, raiser, err, out)
	s.batch, s.proc = prevBatch, prevProc
	if err != nil {
		return ret, err
	}
	if ret == 0 {
		ret = 1
	}
	return ret, nil
}

// procRaiserror stands for the RAISERROR statement of a system procedure's
// text that raised an error: handleError exempts RAISERROR from
// XACT_ABORT. It has no position, so the error's line stays 1.
var procRaiserror = &ast.RaiserrorStmt{}

// raisedBySystemProc reports whether SQL Server's system procedures raise
// an error number themselves with RAISERROR: sys.messages' block of
// system stored procedure messages.
func raisedBySystemProc(num int32) bool { return num >= 15000 && num <= 15999 }
