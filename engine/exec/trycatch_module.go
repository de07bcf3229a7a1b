package exec

import (
	"context"
	"errors"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// TRY … CATCH in trigger bodies. (Functions may not use it: CREATE
// FUNCTION rejects BEGIN TRY with 443, as SQL Server does.)
//
// An error of severity 11–19 in the TRY block goes to the CATCH block,
// where ERROR_NUMBER(), ERROR_MESSAGE() … describe it. SQL Server runs
// triggers with XACT_ABORT ON, so such an error dooms the transaction: in
// the CATCH block a write fails with 3930, and a trigger that ends after
// catching one fails with 3616, which rolls the transaction back. An error
// raised by a RAISERROR statement of the trigger does not doom it
// (XACT_ABORT does not apply to RAISERROR), so a CATCH may log it and the
// trigger goes on. A RAISERROR in a procedure the trigger calls is treated
// like any other error: doomed.

var errTriggerDoomed = errorKind{3616, 16, 1, "An error was raised during trigger execution. The batch has been aborted and the user transaction, if any, has been rolled back.", AbortTransaction}

func (s *Session) runModuleTryCatch(ctx context.Context, st *ast.TryCatchStmt, fr *funcRun) (flow, error) {
	var caught error
	var at, raiser ast.Statement
	for _, t := range st.Try {
		if err := ctx.Err(); err != nil {
			return flowNext, err
		}
		fr.tries++
		f, err := s.runFuncStmt(ctx, t, fr)
		fr.tries--
		if err == nil {
			if f != flowNext {
				return f, nil
			}
			continue
		}
		_, sev, _ := errorIdentity(err)
		if errors.Is(err, errCaught) || sev <= 10 || sev >= 20 {
			return f, err // an outer TRY has it, or TRY does not catch it
		}
		caught, at, raiser = err, t, fr.last
		break
	}
	if caught == nil {
		return flowNext, nil
	}
	if _, raised := raiser.(*ast.RaiserrorStmt); !raised {
		fr.doomed = true
	}
	num, sev, state := errorIdentity(caught)
	ce := &caughtError{number: num, severity: sev, state: state, message: caught.Error(), line: s.lineOf(at)}
	var e *Error
	if errors.As(caught, &e) {
		ce.proc, ce.procSchema = e.Proc, e.procSchema
		if e.Line != 0 {
			ce.line = e.Line
		}
	}
	prev := s.batch.caught
	s.batch.caught = ce
	defer func() { s.batch.caught = prev }()
	return s.runFuncList(ctx, st.Catch, fr)
}
