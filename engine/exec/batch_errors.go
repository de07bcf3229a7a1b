package exec

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// handleError reports a statement's error and decides how far it unwinds:
// the statement (the batch goes on), the batch, or the transaction too.
func (s *Session) handleError(ctx context.Context, st ast.Statement, err error, out Output) error {
	if errors.Is(err, errCaught) {
		// Already handed to a TRY by a procedure this statement called.
		return err
	}
	num, _, _ := errorIdentity(err)
	s.errNum = num
	s.errSets++
	s.errsReported++
	scope := abortScopeOf(err)
	if scope < AbortBatch && s.arithEndsBatch(num) { // arithabort.go
		scope = AbortBatch
	}
	// SET XACT_ABORT does not apply to RAISERROR (Microsoft's SET
	// XACT_ABORT page: THROW honors it, RAISERROR does not), nor to
	// compile errors (the same page) such as a call's 119.
	_, raised := st.(*ast.RaiserrorStmt)
	// A trigger's XACT_ABORT ON reaches here in a procedure it calls, and
	// there is always a transaction then: the firing statement's own when
	// none is open (trigger.go), which the firing statement rolls back.
	if (s.Opts.XactAbort && s.nest.Active() || s.triggerXactAbort()) && !raised && num != errNamedThenPlain.number && scope < AbortTransaction {
		scope = AbortTransaction
	}
	if tc := s.tryContext(); tc != nil && !(uncatchableHere(num) && tc.level == s.batch && !raisedInTrigger(err)) {
		// Inside TRY: control goes to CATCH; the transaction is doomed when
		// XACT_ABORT is on or the error always dooms it.
		if scope >= AbortTransaction && s.nest.Active() {
			s.nest.Doom()
		}
		tc.err = s.withLine(err, st) // with the procedure's name, for ERROR_PROCEDURE()
		tc.line = s.lineOf(st)
		return errCaught
	}
	notice := s.terminatedNotice(st, err, num, scope) // terminated.go: 3621
	if rerr := s.reportErrorWith(out, s.withLine(err, st), s.batch != nil && s.batch.inProc, notice); rerr != nil {
		return rerr
	}
	switch scope {
	case AbortStatement:
		return nil
	case AbortTransaction:
		if s.nest.Active() {
			s.rollbackAll(ctx, out)
		}
		return errBatchAborted
	case AbortConnection:
		return err
	}
	if s.batch != nil && s.batch.inProc && abortsScopeOnly(num) {
		return errScopeAborted
	}
	return errBatchAborted
}

// abortsScopeOnly reports whether a batch-ending error is one SQL Server
// raises when it compiles a statement (deferred name resolution and binding),
// which in a procedure or dynamic SQL ends only that scope.
func abortsScopeOnly(num int32) bool {
	switch num {
	case 207, 208, 209, 4104, 1087, 4145, 134, 133, 195:
		return true
	}
	return false
}

// abortScopeOf classifies an error as SQL Server does: most are statement-
// terminating; name resolution and conversion errors end the batch; deadlocks
// roll the transaction back.
func abortScopeOf(err error) AbortScope {
	var e *Error
	if errors.As(err, &e) && e.Abort != AbortStatement {
		return e.Abort
	}
	num, sev, _ := errorIdentity(err)
	if sev >= 20 {
		return AbortConnection
	}
	switch num {
	case 1205:
		return AbortTransaction
	case 245, 8114, 241, 242, 295:
		// Conversion errors abort the batch and roll the transaction
		// back (a caught one dooms it): the date/time ones (241 not a
		// date, 242 out of range, 295 not a smalldatetime) as much as
		// 245, as SQL Server classes them (Sommarskog's "Error Handling
		// in SQL Server" table: most conversion errors abort the batch,
		// and a batch-abort rolls the transaction back).
		return AbortTransaction
	case 208, 207, 209, 4104:
		return AbortBatch
	case 266, 3930, 3902, 3903:
		return AbortStatement
	}
	return AbortStatement
}

// errorIdentity extracts SQL Server's number, severity and state.
func errorIdentity(err error) (int32, uint8, uint8) {
	var se interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if errors.As(err, &se) {
		return se.SQLServerError()
	}
	return 50000, 16, 1
}

// lineOf is the 1-based line of the batch (or procedure) text a node starts on.
func (s *Session) lineOf(n ast.Node) int32 {
	if n == nil || s.batch == nil || !n.Pos().IsValid() {
		return 1
	}
	off := n.Pos().Offset()
	text := s.batch.text
	if off > len(text) {
		off = len(text)
	}
	return int32(strings.Count(text[:off], "\n") + 1)
}

// messageProc is the procedure name errors and messages raised now carry
// (the TDS token's ProcName, ERROR_PROCEDURE()): the running procedure,
// function or trigger; none in a batch, in sp_executesql's or in EXEC('…')'s.
func (s *Session) messageProc() string {
	if s.proc == nil || strings.HasPrefix(s.proc.name, "sp_execute") || (s.batch != nil && s.batch.dynamic) {
		return ""
	}
	return s.proc.name
}

// withLine attaches the statement's line to an error that has none.
func (s *Session) withLine(err error, st ast.Node) error {
	if prior, last := splitChain(err); len(prior) > 0 {
		lined := make([]error, len(prior))
		for i, p := range prior {
			lined[i] = s.withLine(p, st)
		}
		return chainErrors(lined, s.withLine(last, st))
	}
	proc := s.messageProc()
	var e *Error
	if errors.As(err, &e) {
		if (e.Line == 0 && !e.NoLine) || (e.Proc == "" && proc != "") {
			c := *e
			if c.Line == 0 && !c.NoLine {
				c.Line = s.lineOf(st)
			}
			if c.Proc == "" {
				c.Proc = proc
				if proc != "" {
					c.procSchema = s.proc.schema
				}
			}
			return &c
		}
		return err
	}
	num, sev, state := errorIdentity(err)
	var se interface {
		SQLServerError() (int32, uint8, uint8)
	}
	msg := err.Error()
	if errors.As(err, &se) {
		if e2, ok := se.(error); ok {
			msg = e2.Error()
		}
	} else {
		msg = fmt.Sprintf("Internal error: %v", err)
	}
	e = &Error{Number: num, Severity: sev, State: state, Message: msg, Line: s.lineOf(st), Proc: proc}
	if proc != "" {
		e.procSchema = s.proc.schema
	}
	return e
}

// reportError sends err to the client as an error message.
func (s *Session) reportError(out Output, err error, inProc bool) error {
	return s.reportErrorWith(out, err, inProc, nil)
}

// reportErrorWith sends err, then notice (3621 after a data-modifying
// statement's error) when not nil, then the failed statement's DONE.
func (s *Session) reportErrorWith(out Output, err error, inProc bool, notice *Error) error {
	num, _, _ := errorIdentity(err)
	s.errNum = num
	s.errSets++
	s.errsReported++
	prior, err := splitChain(err)
	for _, p := range prior {
		if e := out.Error(p); e != nil {
			return e
		}
	}
	if e := out.Error(err); e != nil {
		return e
	}
	if notice != nil {
		if e := out.Message(notice); e != nil {
			return e
		}
	}
	return s.sendDone(out, CmdNone, 0, false, inProc, true)
}
