package txn

import (
	"errors"
	"fmt"
)

// Error is a transaction-layer error a client may see, carrying SQL Server's
// identity (docs/conventions.md "Errors carry SQL Server's identity").
type Error struct {
	Number   int32
	Severity uint8
	State    uint8
	Message  string
}

// Error returns SQL Server's message text.
func (e *Error) Error() string { return e.Message }

// SQLServerError reports the error's number, severity and state.
func (e *Error) SQLServerError() (number int32, severity uint8, state uint8) {
	return e.Number, e.Severity, e.State
}

// Is makes errors.Is match any *Error with the same number.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Number == e.Number
}

// Error numbers of this package.
const (
	NumLockTimeout = 1222
	NumDeadlock    = 1205
)

// ErrLockTimeout is error 1222, returned when a lock wait exceeds the session's
// LOCK_TIMEOUT. The statement is cancelled; the transaction is not rolled back.
// SQL Server reports it with state 51 (also seen as 52); we use 51.
var ErrLockTimeout = &Error{Number: NumLockTimeout, Severity: 16, State: 51,
	Message: "Lock request time out period exceeded."}

// ErrDeadlockVictim matches (errors.Is) every deadlock-victim error.
var ErrDeadlockVictim = &Error{Number: NumDeadlock}

// deadlockError is error 1205 for the victim's session: severity 13, state 51. The
// caller rolls the victim's transaction back and ends the batch.
func deadlockError(spid int32) *Error {
	return &Error{Number: NumDeadlock, Severity: 13, State: 51, Message: fmt.Sprintf(
		"Transaction (Process ID %d) was deadlocked on lock resources with another process "+
			"and has been chosen as the deadlock victim. Rerun the transaction.", spid)}
}
