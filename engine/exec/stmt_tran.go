package exec

// BEGIN/COMMIT/ROLLBACK/SAVE TRAN: the nesting count and savepoints
// (s.nest) and the transaction they start, commit or roll back (s.tx).

import (
	"context"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// runTransaction handles BEGIN/COMMIT/ROLLBACK/SAVE TRAN.
func (s *Session) runTransaction(ctx context.Context, st *ast.TransactionStmt, out Output) error {
	name := ""
	if st.Name != nil {
		name = st.Name.Name
	} else if st.Var != nil {
		if v := s.lookupVar(st.Var.Name); v != nil {
			// A name from a variable keeps its first 32 characters, as
			// SQL Server's does (a longer literal name is 103 when the
			// batch compiles: compile_check.go).
			name = v.val.Str()
			if r := []rune(name); len(r) > maxTranName {
				name = string(r[:maxTranName])
			}
		}
	}
	switch st.Kind {
	case ast.BeginTran:
		if st.Mark {
			return s.beginMarked(ctx, st, name, out)
		}
		return s.BeginTransaction(name, out)
	case ast.CommitTran:
		return s.CommitTransaction(ctx, out)
	case ast.RollbackTran:
		return s.RollbackTransaction(ctx, name, out)
	case ast.SaveTran:
		if !s.nest.Active() {
			return &Error{Number: 628, Severity: 16, State: 0, Message: "Cannot issue SAVE TRANSACTION when there is no active transaction."}
		}
		return s.nest.Save(name, s.tx.mark())
	}
	return nil
}

// maxTranName is the longest transaction or savepoint name, in characters.
const maxTranName = 32

// beginMarked is BEGIN TRAN name WITH MARK ['description']: the mark is
// the transaction's, recorded when it commits. A mark needs a name (3901,
// and no transaction starts); a second mark in one transaction is ignored
// with 3920, a mark inside an unmarked one marks it.
func (s *Session) beginMarked(ctx context.Context, st *ast.TransactionStmt, name string, out Output) error {
	if name == "" {
		return &Error{Number: 3901, Severity: 16, State: 1, Message: "The transaction name must be specified when it is used with the mark option."}
	}
	desc := ""
	if st.MarkDescription != nil {
		d, err := s.EvalString(ctx, st.MarkDescription)
		if err != nil {
			return err
		}
		// Stored truncated to 128 characters (BEGIN TRANSACTION's page).
		if r := []rune(d); len(r) > 128 {
			d = string(r[:128])
		}
		desc = d
	}
	if err := s.BeginTransaction(name, out); err != nil {
		return err
	}
	if s.beginTx(false).logMark != nil {
		return out.Message(&Error{Number: 3920, Severity: 10, State: 1, Message: "The WITH MARK option only applies to the first BEGIN TRAN WITH MARK statement. The option is ignored.", Line: s.lineOf(st), Proc: s.messageProc()})
	}
	s.tx.logMark = &TxnMark{Name: name, Description: desc, User: s.OriginalLogin()}
	return nil
}

// BeginTransaction is BEGIN TRAN (and the TDS transaction-manager BEGIN).
func (s *Session) BeginTransaction(name string, out Output) error {
	started := s.nest.Begin(name)
	if started {
		t := s.beginTx(false)
		t.implicit = false
		return out.Transaction(TranBegan, t.desc)
	}
	return nil
}

// CommitTransaction is COMMIT TRAN: it commits when @@TRANCOUNT reaches 0.
func (s *Session) CommitTransaction(ctx context.Context, out Output) error {
	if !s.nest.Active() {
		return ErrCommitNoTran.New()
	}
	if s.nest.XactState() < 0 {
		return ErrUncommittable.New()
	}
	commit, err := s.nest.Commit()
	if err != nil {
		return err
	}
	if !commit {
		return nil
	}
	desc := s.tx.desc
	s.closeCursorsOnCommit() // cursor.go
	if err := s.commitTx(ctx); err != nil {
		_ = out.Transaction(TranRolledBack, desc)
		return err
	}
	return out.Transaction(TranCommitted, desc)
}

// RollbackTransaction is ROLLBACK TRAN [name]: the whole transaction, or back
// to a savepoint.
func (s *Session) RollbackTransaction(ctx context.Context, name string, out Output) error {
	if !s.nest.Active() {
		return ErrRollbackNoTran.New()
	}
	rb, err := s.nest.Rollback(name)
	if err != nil {
		return err
	}
	if rb.All {
		desc := s.tx.desc
		s.closeCursorsOnCommit() // cursor.go
		s.abortTx()
		return out.Transaction(TranRolledBack, desc)
	}
	s.tx.rollbackTo(rb.To.Mark)
	return nil
}
