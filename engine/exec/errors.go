package exec

import "fmt"

// Error is an execution error with SQL Server's identity: number, severity (class),
// state and the exact message text. It satisfies the project's error convention
// (docs/conventions.md): SQLServerError and Error return what a client sees.
type Error struct {
	Number   int32
	Severity uint8
	State    uint8
	Message  string
	// Line is the 1-based line of the batch or procedure the error belongs to; 0 when
	// the session fills it in from the current statement.
	Line int32
	// NoLine reports the error at line 0, as SQL Server reports the errors
	// of binding a call's arguments (201, 8144, 8145, 8143), raised before
	// the procedure's first line; Line is then not filled in.
	NoLine bool
	// Proc names the procedure the error was raised in, if any.
	Proc string
	// procSchema is Proc's schema: ERROR_PROCEDURE() returns
	// schema.procedure, as SQL Server 2017 and later do; the TDS token's
	// procedure name stays unqualified.
	procSchema string
	// Abort says how far the error unwinds when it is not caught: the statement
	// (default), the batch, or the transaction as well (XACT_ABORT, deadlocks).
	Abort AbortScope
	// inTrigger: raised in a trigger's body, whose scope is not the
	// firing statement's (trigger_abort.go).
	inTrigger bool
}

// AbortScope says what an uncaught error ends.
type AbortScope uint8

const (
	// AbortStatement ends only the failing statement; the batch continues.
	AbortStatement AbortScope = iota
	// AbortBatch ends the batch; an open transaction stays open.
	AbortBatch
	// AbortTransaction ends the batch and rolls the transaction back.
	AbortTransaction
	// AbortConnection ends the batch and closes the connection (severity >= 20).
	AbortConnection
)

func (e *Error) Error() string { return e.Message }

// SQLServerError reports the error's SQL Server number, severity and state.
func (e *Error) SQLServerError() (int32, uint8, uint8) { return e.Number, e.Severity, e.State }

// SQLServerLine reports the line of the batch the error belongs to.
func (e *Error) SQLServerLine() int32 { return e.Line }

// SQLServerProc reports the procedure the error was raised in.
func (e *Error) SQLServerProc() string { return e.Proc }

// errorKind is one of SQL Server's messages: number, severity, state and a
// printf template of its text (sys.messages' %.*ls become %s).
type errorKind struct {
	number   int32
	severity uint8
	state    uint8
	format   string
	abort    AbortScope
}

func (k errorKind) New(args ...any) *Error {
	return &Error{Number: k.number, Severity: k.severity, State: k.state, Message: fmt.Sprintf(k.format, args...), Abort: k.abort}
}

// The execution errors clients and scripts test for, with SQL Server's texts.
var (
	ErrInvalidObject       = errorKind{208, 16, 1, "Invalid object name '%s'.", AbortStatement}
	ErrInvalidColumn       = errorKind{207, 16, 1, "Invalid column name '%s'.", AbortStatement}
	ErrAmbiguousColumn     = errorKind{209, 16, 1, "Ambiguous column name '%s'.", AbortStatement}
	ErrMustDeclare         = errorKind{137, 15, 2, "Must declare the scalar variable \"%s\".", AbortStatement}
	ErrVariableDeclared    = errorKind{134, 15, 1, "The variable name '%s' has already been declared. Variable names must be unique within a query batch or stored procedure.", AbortBatch}
	ErrObjectExists        = errorKind{2714, 16, 6, "There is already an object named '%s' in the database.", AbortStatement}
	ErrCannotDropTable     = errorKind{3701, 11, 5, "Cannot drop the table '%s', because it does not exist or you do not have permission.", AbortStatement}
	ErrCannotDropObject    = errorKind{3701, 11, 5, "Cannot drop the %s '%s', because it does not exist or you do not have permission.", AbortStatement}
	ErrDatabaseNotExist    = errorKind{911, 16, 1, "Database '%s' does not exist. Make sure that the name is entered correctly.", AbortStatement}
	ErrDatabaseExists      = errorKind{1801, 16, 3, "Database '%s' already exists. Choose a different database name.", AbortStatement}
	ErrDropDatabaseMissing = errorKind{3701, 11, 1, "Cannot drop the database '%s', because it does not exist or you do not have permission.", AbortStatement}
	ErrProcNotFound        = errorKind{2812, 16, 62, "Could not find stored procedure '%s'.", AbortStatement}
	ErrDuplicateKey        = errorKind{2627, 14, 1, "Violation of %s constraint '%s'. Cannot insert duplicate key in object '%s'. The duplicate key value is (%s).", AbortStatement}
	ErrDuplicateIndexKey   = errorKind{2601, 14, 1, "Cannot insert duplicate key row in object '%s' with unique index '%s'. The duplicate key value is (%s).", AbortStatement}
	ErrNullNotAllowed      = errorKind{515, 16, 2, "Cannot insert the value NULL into column '%s', table '%s'; column does not allow nulls. %s fails.", AbortStatement}
	ErrConstraintConflict  = errorKind{547, 16, 0, "The %s statement conflicted with the %s constraint \"%s\". The conflict occurred in database \"%s\", table \"%s\"%s.", AbortStatement}
	ErrColumnCountMismatch = errorKind{213, 16, 1, "Column name or number of supplied values does not match table definition.", AbortStatement}
	ErrSelectListShorter   = errorKind{120, 15, 1, "The select list for the INSERT statement contains fewer items than the insert list. The number of SELECT values must match the number of INSERT columns.", AbortStatement}
	ErrSelectListLonger    = errorKind{121, 15, 1, "The select list for the INSERT statement contains more items than the insert list. The number of SELECT values must match the number of INSERT columns.", AbortStatement}
	ErrInsertValueCount    = errorKind{110, 15, 1, "There are fewer columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement.", AbortStatement}
	ErrInsertColumnCount   = errorKind{109, 15, 1, "There are more columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement.", AbortStatement}
	ErrIdentityInsert      = errorKind{544, 16, 1, "Cannot insert explicit value for identity column in table '%s' when IDENTITY_INSERT is set to OFF.", AbortStatement}
	ErrUpdateIdentity      = errorKind{8102, 16, 1, "Cannot update identity column '%s'.", AbortStatement}
	ErrNotInGroupBy        = errorKind{8120, 16, 1, "Column '%s' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.", AbortStatement}
	ErrHavingNotInGroupBy  = errorKind{8121, 16, 1, "Column '%s' is invalid in the HAVING clause because it is not contained in either an aggregate function or the GROUP BY clause.", AbortStatement}
	ErrOrderNotInGroupBy   = errorKind{8127, 16, 1, "Column \"%s\" is invalid in the ORDER BY clause because it is not contained in either an aggregate function or the GROUP BY clause.", AbortStatement}
	ErrNotInAggregate      = errorKind{8118, 16, 1, "Column '%s' is invalid in the select list because it is not contained in an aggregate function and there is no GROUP BY clause.", AbortStatement}
	ErrHavingNotInAgg      = errorKind{8119, 16, 1, "Column '%s' is invalid in the HAVING clause because it is not contained in an aggregate function and there is no GROUP BY clause.", AbortStatement}
	ErrOrderNotInAggregate = errorKind{8126, 16, 1, "Column \"%s\" is invalid in the ORDER BY clause because it is not contained in an aggregate function and there is no GROUP BY clause.", AbortStatement}
	ErrUnknownFunction     = errorKind{195, 15, 10, "'%s' is not a recognized built-in function name.", AbortStatement}
	ErrCommitNoTran        = errorKind{3902, 16, 1, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.", AbortStatement}
	ErrRollbackNoTran      = errorKind{3903, 16, 1, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.", AbortStatement}
	ErrTranCountMismatch   = errorKind{266, 16, 2, "Transaction count after EXECUTE indicates a mismatching number of BEGIN and COMMIT statements. Previous count = %d, current count = %d.", AbortStatement}
	ErrUncommittable       = errorKind{3930, 16, 1, "The current transaction cannot be committed and cannot support operations that write to the log file. Roll back the transaction.", AbortStatement}
	ErrNoSavepoint         = errorKind{6401, 16, 1, "Cannot roll back %s. No transaction or savepoint of that name was found.", AbortStatement}
	ErrSubqueryMultiRow    = errorKind{512, 16, 1, "Subquery returned more than 1 value. This is not permitted when the subquery follows =, !=, <, <= , >, >= or when the subquery is used as an expression.", AbortStatement}
	ErrOrderByInView       = errorKind{1033, 15, 1, "The ORDER BY clause is invalid in views, inline functions, derived tables, subqueries, and common table expressions, unless TOP, OFFSET or FOR XML is also specified.", AbortStatement}
	ErrDatabaseInUse       = errorKind{3702, 16, 4, "Cannot drop database \"%s\" because it is currently in use.", AbortStatement}
	ErrNotSupported        = errorKind{40508, 16, 1, "%s is not supported.", AbortStatement}
	ErrCannotOpenMirror    = errorKind{954, 14, 1, "The database \"%s\" cannot be opened. It is acting as a mirror database.", AbortStatement}
	ErrInRestore           = errorKind{927, 14, 2, "Database '%s' cannot be opened. It is in the middle of a restore.", AbortStatement}
	ErrNoQuorum            = errorKind{955, 14, 1, "Database %s is enabled for Database Mirroring, but the database lacks quorum: the database cannot be opened. Check the partner and witness connections if configured.", AbortStatement}
	ErrUserRaised          = errorKind{50000, 16, 1, "%s", AbortStatement}
	ErrWrongArgCount       = errorKind{174, 15, 1, "The %s function requires %d argument(s).", AbortStatement}
	ErrProcTooManyArgs     = errorKind{8144, 16, 2, "Procedure or function %s has too many arguments specified.", AbortStatement}
	ErrProcMissingArg      = errorKind{201, 16, 4, "Procedure or function '%s' expects parameter '%s', which was not supplied.", AbortStatement}
	ErrSelectStarNoTables  = errorKind{263, 16, 1, "Must specify table to select from.", AbortStatement}
	ErrTruncateFK          = errorKind{4712, 16, 1, "Cannot truncate table '%s' because it is being referenced by a FOREIGN KEY constraint.", AbortStatement}
)
