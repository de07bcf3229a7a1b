package partner

import "fmt"

// Error is a SQL Server error raised by a mirroring command or by access to a
// mirrored database. It implements the project's SQLServerError contract
// (docs/conventions.md); Error() is exactly SQL Server's message text
// (reference/mirroring.md §5).
type Error struct {
	Number   int32
	Severity uint8
	State    uint8
	Message  string
}

func (e *Error) Error() string { return e.Message }

// SQLServerError reports number, severity and state.
func (e *Error) SQLServerError() (number int32, severity uint8, state uint8) {
	return e.Number, e.Severity, e.State
}

func newErr(num int32, sev uint8, format string, args ...any) *Error {
	return &Error{Number: num, Severity: sev, State: 1, Message: fmt.Sprintf(format, args...)}
}

// ErrMirrorBusy is 1404 (a command is already in progress).
func ErrMirrorBusy() *Error {
	return newErr(1404, 16, "The command failed because the database mirror is busy. Reissue the command later.")
}

// ErrNotConfigured is 1416 (the database is not mirrored).
func ErrNotConfigured(db string) *Error {
	return newErr(1416, 16, "Database \"%s\" is not configured for database mirroring.", db)
}

// ErrNotCaughtUp is 1422 (manual failover while not SYNCHRONIZED).
func ErrNotCaughtUp(db string) *Error {
	return newErr(1422, 16, "The mirror server instance is not caught up to the recent changes to database \"%s\". Unable to fail over.", db)
}

// ErrWitnessNotConnected is 1426 (SET WITNESS while not interconnected / caught up).
func ErrWitnessNotConnected() *Error {
	return newErr(1426, 16, "To issue ALTER DATABASE SET WITNESS, all three server instances must be interconnected, and the mirror database must be caught up. When these conditions are met, reissue the command.")
}

// ErrWitnessDistinct is 1429 (witness is one of the partners).
func ErrWitnessDistinct() *Error {
	return newErr(1429, 16, "The witness server instance name must be distinct from both of the server instances that manage the database. The ALTER DATABASE SET WITNESS command failed.")
}

// ErrNoPartnerOrWitness is 1431 (a reconfiguration on a principal that lacks
// quorum: neither partner nor witness is connected).
func ErrNoPartnerOrWitness(db string) *Error {
	return newErr(1431, 16, "Neither the partner nor the witness server instance for database \"%s\" is available. Reissue the command when at least one of the instances becomes available.", db)
}

// ErrNoWitness is 1439 (SET WITNESS OFF with no witness).
func ErrNoWitness(db string) *Error {
	return newErr(1439, 16, "There is currently no witness associated with database \"%s\".", db)
}

// ErrPartnersNotConnected is 1447 (a command that needs both partners connected).
func ErrPartnersNotConnected(db string) *Error {
	return newErr(1447, 16, "ALTER DATABASE \"%s\" command cannot be executed until both partner server instances are up, running, and connected. Start the partner and reissue the command.", db)
}

// ErrCannotForce is 1455 (FORCE_SERVICE_ALLOW_DATA_LOSS refused).
func ErrCannotForce(db string) *Error {
	return newErr(1455, 16, "The database mirroring service cannot be forced for database \"%s\" because the database is not in the correct state to become the principal database.", db)
}

// ErrNotPrincipal is 1470 (a configuration command issued on the mirror).
func ErrNotPrincipal(db string) *Error {
	return newErr(1470, 16, "The alter database for this partner config values may only be initiated on the current principal server for database \"%s\".", db)
}

// ErrTimeoutRange is 1476 (TIMEOUT above 32767).
func ErrTimeoutRange(n int) *Error {
	return newErr(1476, 16, "Database mirroring timeout value %d exceeds the maximum value 32767.", n)
}

// ErrSafetyNotFull is 1477 (manual failover with SAFETY OFF).
func ErrSafetyNotFull(db string) *Error {
	return newErr(1477, 16, "The database mirroring safety level must be FULL to manually failover database \"%s\". Set safety level to FULL and retry.", db)
}

// ErrActingAsMirror is 954 (access to the mirror copy).
func ErrActingAsMirror(db string) *Error {
	return newErr(954, 14, "The database \"%s\" cannot be opened. It is acting as a mirror database.", db)
}

// ErrNoQuorum is 955 (principal without quorum).
func ErrNoQuorum(db string) *Error {
	return newErr(955, 14, "Database %s is enabled for Database Mirroring, but the database lacks quorum: the database cannot be opened. Check the partner and witness connections if configured.", db)
}

// ErrInTransition is 952 (the database is changing roles).
func ErrInTransition(db string) *Error {
	return newErr(952, 16, "Database '%s' is in transition. Try the statement later.", db)
}

// ErrRestoring is 927 (a database in RESTORING that is no longer a mirror).
func ErrRestoring(db string) *Error {
	return newErr(927, 14, "Database '%s' cannot be opened. It is in the middle of a restore.", db)
}
