package exec

import (
	"context"
	"errors"
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
// sp_executesql is not one of these: its statements report their own errors
// as the caller's batch's, and what it returns is the caller's to report.
func (s *Session) builtinDone(ctx context.Context, pname string, ret int32, err error, out Output) (int32, error) {
	if err == nil || pname == "sp_executesql" || ctx.Err() != nil || errors.Is(err, errCaught) || errors.Is(err, errBatchAborted) {
		return ret, err
	}
	prevBatch, prevProc := s.batch, s.proc
	s.batch, s.proc = newBatchState(nil, true), &procFrame{name: pname, parent: prevProc}
	err = s.handleError(ctx, nil, err, out)
	s.batch, s.proc = prevBatch, prevProc
	if err != nil {
		return ret, err
	}
	if ret == 0 {
		ret = 1
	}
	return ret, nil
}
