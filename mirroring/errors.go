package mirroring

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// Errors of SET PARTNER / SET WITNESS set-up (reference/mirroring.md §5.2). They
// are *partner.Error values, so they carry SQL Server's number, severity, state
// and exact text (docs/conventions.md). The errors of the other commands come
// from mirroring/partner.

func sqlErr(n int32, format string, args ...any) *partner.Error {
	return &partner.Error{Number: n, Severity: 16, State: 1, Message: fmt.Sprintf(format, args...)}
}

func errAlreadyMirrored(db string) *partner.Error {
	return sqlErr(1405, `The database "%s" is already enabled for database mirroring.`, db)
}

func errRemoteAlreadyMirrored(db string) *partner.Error {
	return sqlErr(1410, `The remote copy of database "%s" is already enabled for database mirroring.`, db)
}

func errNotBeyond(db string) *partner.Error {
	return sqlErr(1412, `The remote copy of database "%s" has not been rolled forward to a point in time that is encompassed in the local copy of the database log.`, db)
}

func errNotConfigured(db string) *partner.Error { return partner.ErrNotConfigured(db) }

func errUnreachable(addr string) *partner.Error {
	return sqlErr(1418, `The server network address "%s" can not be reached or does not exist. Check the network address name and that the ports for the local and remote endpoints are operational.`, addr)
}

// errRemoteMissing is the mirror's answer when it has no database of that name
// at all; a copy that exists but is not RESTORING is errRemoteCannotOpen.
func errRemoteMissing(db string) *partner.Error {
	return sqlErr(1448, `The remote copy of database "%s" does not exist. Check the database name and reissue the command.`, db)
}

func errRemoteCannotOpen(db string) *partner.Error {
	return sqlErr(1419, `The remote copy of database "%s" cannot be opened. Check the database name and ensure that it is in the restoring state, and then reissue the command.`, db)
}

func errWitnessCannotAct(name string) *partner.Error {
	return sqlErr(1427, `The server instance '%s' could not act as the witness. The ALTER DATABASE SET WITNESS command failed.`, name)
}

func errUnexpectedMessage(kind string, typ int, server, db string) *partner.Error {
	return sqlErr(1434, `Invalid or unexpected database mirroring %s message of type %d was received from server %s, database %s.`, kind, typ, server, db)
}

func errInvalidAddress() *partner.Error {
	return sqlErr(1449, `ALTER DATABASE command failed due to an invalid server connection string.`)
}

func errPartnerIsSelf() *partner.Error {
	return sqlErr(1452, `The partner server instance name must be distinct from the server instance that manages the database. The ALTER DATABASE SET PARTNER command failed.`)
}

func errNotFull(db string) *partner.Error {
	return sqlErr(1465, `Database "%s" database is not in full recovery mode on each of the server instances. The full recovery model is required for a database to participate in database mirroring or in an availability group.`, db)
}

func errInsufficientLog(db string) *partner.Error {
	return sqlErr(1478, `The mirror database, "%s", has insufficient transaction log data to preserve the log backup chain of the principal database. This may happen if a log backup from the principal database has not been taken or has not been restored on the mirror database.`, db)
}

func errNotRecovering(db string) *partner.Error {
	return sqlErr(1464, `Database "%s" is not in a recovering state which is required for a mirror database or secondary database. The remote database must be restored using WITH NORECOVERY.`, db)
}

// msgActive is SQL Server's error-log message 1440 (role "principal") or
// 1441 ("mirror"), which DBAs search the error log for (sp_readerrorlog).
func msgActive(db, role string) string {
	return "Database mirroring is active with database '" + db + "' as the " + role + " copy. This is an informational message only. No user action is required."
}

// msgRoleChange is SQL Server's error-log message 1480, which DBAs alert
// on to learn of a failover: the database's role changes and why.
func msgRoleChange(db, from, to string, why partner.FailoverKind) string {
	if why == "" {
		why = partner.FailoverFromPartner
	}
	return fmt.Sprintf(`The mirrored database "%s" is changing roles from "%s" to "%s" because the mirroring session or availability group failed over due to %s. This is an informational message only. No user action is required.`, db, from, to, why)
}

// msgTerminated is SQL Server's error-log message 1443: SET PARTNER OFF
// ended the session (on either partner).
func msgTerminated(db string) string {
	return "Database mirroring has been terminated for database '" + db + "'. This is an informational message only. No user action is required."
}

// msgEnabled is SQL Server's error-log message 1485, logged at startup by an
// instance that has mirrored databases.
const msgEnabled = "Database mirroring has been enabled on this instance of SQL Server."

// msgBypassMirror is SQL Server's error-log message 1444: at startup the
// mirror copy is not recovered (it keeps taking the principal's log).
func msgBypassMirror(db string) string {
	return "Bypassing recovery for database '" + db + "' because it is marked as a mirror database, which cannot be recovered. This is an informational message only. No user action is required."
}

// msgBypassInaccessible is SQL Server's error-log message 1445: at startup
// a principal copy that needs quorum (a witness is set) has none yet, and is
// not served until its partner or witness answers (955 meanwhile).
func msgBypassInaccessible(db string) string {
	return "Bypassing recovery for database '" + db + "' because it is marked as an inaccessible database mirroring database. " +
		"A problem exists with the mirroring session. The session either lacks a quorum or the communications links are broken because of problems with links, " +
		"endpoint configuration, or permissions (for the server account or security certificate). " +
		"To gain access to the database, figure out what has changed in the session configuration and undo the change."
}

// msgInactive is SQL Server's error-log message 1442: the session lost its
// partner.
func msgInactive(db string) string {
	return "Database mirroring is inactive for database '" + db + "'. This is an informational message only. No user action is required."
}

// msgSuspendedOnError is SQL Server's error-log message 1454 (severity 17),
// logged by a partner that suspends the session on an error of its own (here
// a mirror that cannot harden received log), naming that error.
func msgSuspendedOnError(self, db string, number, state, severity int) string {
	return fmt.Sprintf("Database mirroring will be suspended. Server instance '%s' encountered error %d, state %d, severity %d when it was acting as a mirroring partner for database '%s'. "+
		"The database mirroring partners might try to recover automatically from the error and resume the mirroring session. For more information, view the error log for additional error messages.",
		self, number, state, severity, db)
}
