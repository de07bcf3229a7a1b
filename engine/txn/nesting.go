package txn

import (
	"fmt"
	"time"
)

// Nesting is a session's transaction nesting: @@TRANCOUNT, the outermost
// transaction's name, its savepoints and whether it is doomed (XACT_STATE -1). M is
// whatever the executor needs to roll back to a savepoint (for example a write-set
// mark). The zero value is "no transaction". It is not safe for concurrent use.
//
// Semantics follow SQL Server: BEGIN TRAN increments @@TRANCOUNT; COMMIT decrements
// it and commits only when it reaches 0; ROLLBACK without a name (or with the
// outermost name) rolls the whole transaction back and sets @@TRANCOUNT to 0;
// ROLLBACK TRAN savepoint rolls back to the most recent savepoint of that name and
// leaves @@TRANCOUNT unchanged (the savepoint stays usable). Savepoint names are
// case-sensitive.
type Nesting[M any] struct {
	count      int
	name       string
	began      time.Time
	savepoints []Savepoint[M]
	doomed     bool
}

// Savepoint is one SAVE TRANSACTION.
type Savepoint[M any] struct {
	Name string
	Mark M
}

// TranCount is @@TRANCOUNT.
func (n *Nesting[M]) TranCount() int { return n.count }

// Active reports whether a transaction is open.
func (n *Nesting[M]) Active() bool { return n.count > 0 }

// Name is the outermost BEGIN TRANSACTION's name ("" if none).
func (n *Nesting[M]) Name() string { return n.name }

// Began is when the open transaction began (zero if none): DBCC OPENTRAN
// and sys.dm_tran_active_transactions show it.
func (n *Nesting[M]) Began() time.Time { return n.began }

// XactState is XACT_STATE().
func (n *Nesting[M]) XactState() XactState {
	switch {
	case n.count == 0:
		return XactNone
	case n.doomed:
		return XactUncommittable
	default:
		return XactActive
	}
}

// Doom marks the open transaction uncommittable (an error under SET XACT_ABORT ON
// inside TRY, or a severe error): only a full rollback is allowed from now on.
func (n *Nesting[M]) Doom() {
	if n.count > 0 {
		n.doomed = true
	}
}

// Begin handles BEGIN TRANSACTION [name]; started reports whether it opened a new
// transaction (@@TRANCOUNT went from 0 to 1). A name on a nested BEGIN is ignored,
// as SQL Server ignores it.
func (n *Nesting[M]) Begin(name string) (started bool) {
	n.count++
	if n.count == 1 {
		n.name, n.began = name, time.Now()
		return true
	}
	return false
}

// Commit handles COMMIT TRANSACTION; commit reports whether the transaction must be
// committed now (the outermost COMMIT). Errors: 3902 without a transaction, 3930 for
// a doomed transaction.
func (n *Nesting[M]) Commit() (commit bool, err error) {
	if n.count == 0 {
		return false, errNoBeginForCommit
	}
	if n.doomed {
		return false, errUncommittable
	}
	n.count--
	if n.count == 0 {
		n.reset()
		return true, nil
	}
	return false, nil
}

// Save handles SAVE TRANSACTION name with the executor's mark. Errors: 628 without a
// transaction, 3931 for a doomed one.
func (n *Nesting[M]) Save(name string, mark M) error {
	if n.count == 0 {
		return errSaveWithoutTran
	}
	if n.doomed {
		return errNoSavepointRollback
	}
	n.savepoints = append(n.savepoints, Savepoint[M]{Name: name, Mark: mark})
	return nil
}

// Rollback is what a ROLLBACK asks the executor to do.
type Rollback[M any] struct {
	// All: roll the whole transaction back and release its locks.
	All bool
	// To is the savepoint to roll back to when All is false.
	To Savepoint[M]
}

// Rollback handles ROLLBACK TRANSACTION [name]. Errors: 3903 without a transaction;
// 6401 when name is neither a savepoint nor the outermost transaction's name; 3931
// for a savepoint rollback of a doomed transaction.
func (n *Nesting[M]) Rollback(name string) (Rollback[M], error) {
	if n.count == 0 {
		return Rollback[M]{}, errNoBeginForRollback
	}
	if name != "" {
		for i := len(n.savepoints) - 1; i >= 0; i-- {
			if n.savepoints[i].Name != name {
				continue
			}
			if n.doomed {
				return Rollback[M]{}, errNoSavepointRollback
			}
			sp := n.savepoints[i]
			clear(n.savepoints[i+1:])
			n.savepoints = n.savepoints[:i+1]
			return Rollback[M]{To: sp}, nil
		}
		if name != n.name {
			return Rollback[M]{}, &Error{Number: 6401, Severity: 16, State: 1, Message: fmt.Sprintf(
				"Cannot roll back %s. No transaction or savepoint of that name was found.", name)}
		}
	}
	n.reset()
	return Rollback[M]{All: true}, nil
}

func (n *Nesting[M]) reset() {
	clear(n.savepoints)
	*n = Nesting[M]{savepoints: n.savepoints[:0]}
}

var (
	errNoBeginForCommit = &Error{Number: 3902, Severity: 16, State: 1,
		Message: "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION."}
	errNoBeginForRollback = &Error{Number: 3903, Severity: 16, State: 1,
		Message: "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION."}
	errSaveWithoutTran = &Error{Number: 628, Severity: 16, State: 0,
		Message: "Cannot issue SAVE TRANSACTION when there is no active transaction."}
	errUncommittable = &Error{Number: 3930, Severity: 16, State: 1,
		Message: "The current transaction cannot be committed and cannot support operations that write to the log file. Roll back the transaction."}
	errNoSavepointRollback = &Error{Number: 3931, Severity: 16, State: 1,
		Message: "The current transaction cannot be committed and cannot be rolled back to a savepoint. Roll back the entire transaction."}
)
