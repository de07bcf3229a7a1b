package storage

import "fmt"

// Error is a storage error a client may see, carrying SQL Server's identity
// (docs/conventions.md "Errors carry SQL Server's identity").
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

// errWriteSetFull is SQL Server's error 701, raised when a transaction's write set
// would exceed its memory limit (see WriteSet).
func errWriteSetFull() *Error {
	return &Error{
		Number:   701,
		Severity: 17,
		State:    1,
		Message:  fmt.Sprintf("There is insufficient system memory in resource pool '%s' to run this query.", "default"),
	}
}
