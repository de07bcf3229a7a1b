package exec

import (
	"errors"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Arithmetic errors under SET ARITHABORT OFF and SET ANSI_WARNINGS OFF.
//
// SQL Server ends the statement on a divide by zero (8134) or an arithmetic
// overflow (8115, 220, 232) unless both options are OFF: then the
// operation's result is NULL, the statement goes on, and a warning says
// what happened ("Division by zero occurred." / "Arithmetic overflow
// occurred."). SET ARITHIGNORE ON suppresses that warning in queries; it
// does not affect INSERT, UPDATE and DELETE, which warn regardless (SET
// ARITHIGNORE, SET ARITHABORT in Microsoft's docs). The NULL then meets
// the target's NOT NULL like any other NULL.

// The warnings, informational (severity 10) as SQL Server sends them; one
// of each per statement, however many rows hit it.
var (
	warnArithOverflow = &Error{Number: 3606, Severity: 10, State: 1, Message: "Arithmetic overflow occurred."}
	warnDivideByZero  = &Error{Number: 3607, Severity: 10, State: 1, Message: "Division by zero occurred."}
)

// arithWarnings records which arithmetic warnings the current statement
// raised (Session.arith), sent by flushWarnings before its DONE.
type arithWarnings struct {
	overflow, divide bool
}

// arithLenient reports whether arithmetic errors yield NULL: ARITHABORT
// and ANSI_WARNINGS both OFF. Read when an expression is compiled (plans
// are kept per SET options, dmlplan.go).
func (s *Session) arithLenient() bool {
	return s.Opts.Flags&(arithAbortFlag|ansiWarningsFlag) == 0
}

// arithEndsBatch reports an arithmetic error (8134, 8115, 220, 232) under
// ARITHABORT ON and ANSI_WARNINGS OFF, which ends the batch rather than
// the statement.
func (s *Session) arithEndsBatch(num int32) bool {
	switch num {
	case types.ErrDivideByZero, types.ErrArithOverflow, 220, 232:
		return s.Opts.Flags&arithAbortFlag != 0 && s.Opts.Flags&ansiWarningsFlag == 0
	}
	return false
}

// softenArith turns an arithmetic error into NULL of type t and notes its
// warning, when lenient. ec is nil while an expression is folded at
// compile time: the error is then kept, so the folding is not done and the
// expression warns when it runs.
func softenArith(ec *evalCtx, lenient bool, t types.Type, err error) (types.Value, error) {
	if !lenient || ec == nil || ec.s == nil {
		return types.Value{}, err
	}
	var te *types.Error
	if !errors.As(err, &te) {
		return types.Value{}, err
	}
	switch te.Number {
	case types.ErrDivideByZero:
		ec.s.arith.divide = true
	case types.ErrArithOverflow, 220, 232: // as arithEndsBatch
		ec.s.arith.overflow = true
	default:
		return types.Value{}, err
	}
	return types.Null(t.ID), nil
}

// flushArithWarnings sends the statement's arithmetic warnings, unless
// ARITHIGNORE is ON and the statement is not a DML one.
func (s *Session) flushArithWarnings(out Output, cmd Cmd) error {
	if err := s.flushNotes(out); err != nil {
		return err
	}
	w := s.arith
	s.arith = arithWarnings{}
	if s.Opts.Flags&arithIgnoreFlag != 0 && cmd != CmdInsert && cmd != CmdUpdate && cmd != CmdDelete && cmd != CmdMerge {
		return nil
	}
	if w.divide {
		if err := out.Message(warnDivideByZero); err != nil {
			return err
		}
	}
	if w.overflow {
		return out.Message(warnArithOverflow)
	}
	return nil
}

// dmlCmd is the Cmd flushArithWarnings is told for a statement that failed:
// its DML kind, or CmdSelect for any other.
func dmlCmd(st ast.Statement) Cmd {
	switch st.(type) {
	case *ast.InsertStmt:
		return CmdInsert
	case *ast.UpdateStmt:
		return CmdUpdate
	case *ast.DeleteStmt:
		return CmdDelete
	case *ast.MergeStmt:
		return CmdMerge
	}
	return CmdSelect
}
