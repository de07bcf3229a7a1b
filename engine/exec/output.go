package exec

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// ResultColumn describes one column of a result set.
type ResultColumn struct {
	Name     string
	Type     types.Type
	Nullable bool
	// NotNull is set when the column is known never to be NULL (a NOT NULL
	// table column selected outside an outer join); COLMETADATA then clears
	// fNullable. The zero value, "may be NULL", is what every other result
	// column reports.
	NotNull bool
}

// Row is one row of values, in column order.
type Row []types.Value

// Cmd is the kind of statement a DONE token reports (TDS CurCmd).
type Cmd uint16

// Statement kinds as SQL Server reports them in DONE tokens.
const (
	CmdNone    Cmd = 0
	CmdSet     Cmd = 0xB9
	CmdSelect  Cmd = 0xC1
	CmdInsert  Cmd = 0xC3
	CmdDelete  Cmd = 0xC4
	CmdUpdate  Cmd = 0xC5
	CmdBegin   Cmd = 0xD4
	CmdEnd     Cmd = 0xD5
	CmdExecute Cmd = 0xE0
	CmdMerge   Cmd = 0x117
)

// Output receives what a batch produces, in order. The session layer turns it
// into TDS tokens; tests collect it. Row values are valid only during the call.
type Output interface {
	// Columns starts a result set.
	Columns(cols []ResultColumn) error
	// Row sends one row of the current result set.
	Row(r Row) error
	// Done ends a statement; count is the rows affected or returned when
	// hasCount (SET NOCOUNT OFF and a statement that counts); inProc marks
	// statements inside a procedure (DONEINPROC). cmd CmdExecute outside a
	// procedure is the end of an EXEC of a procedure at the top of a batch,
	// sent as DONEPROC (doneinproc.go).
	Done(cmd Cmd, count int64, hasCount bool, inProc bool, failed bool) error
	// Message sends an informational message (PRINT, RAISERROR severity <= 10).
	Message(m *Error) error
	// Error sends an error message; the statement's Done follows.
	Error(err error) error
	// Transaction reports a transaction change: begin, commit or rollback of
	// the transaction with this descriptor.
	Transaction(kind TranEvent, descriptor uint64) error
	// DatabaseChanged reports USE.
	DatabaseChanged(newDB, oldDB string) error
	// ReturnStatus reports the return status of a procedure EXECuted at the
	// top of a batch; its Done (CmdExecute) follows.
	ReturnStatus(status int32) error
}

// TranEvent is a transaction state change reported to the client.
type TranEvent uint8

// Transaction events.
const (
	TranBegan TranEvent = iota + 1
	TranCommitted
	TranRolledBack
)
