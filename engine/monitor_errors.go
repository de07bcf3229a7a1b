package engine

import (
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// The database mirroring monitor procedures' errors (reference §4.3, §5.4):
// SQL Server's numbers and texts, severity 16, state 1.

// errMonitorPeriod is 32032: an update period outside 1–120 minutes.
func errMonitorPeriod(v int64) *exec.Error {
	return monitorErr(32032, fmt.Sprintf("Invalid value '%d' for update period. Update period should be between 1 and 120 minutes.", v))
}

// errMonitorJobExists is 32033: sp_dbmmonitoraddmonitoring when the job
// is already there.
var errMonitorJobExists = monitorErr(32033, "The update job for the database mirroring monitor already exists. To change the update period, use sys.sp_dbmmonitorchangemonitoring")

// errMonitorRange is 32036: an @parameter_id or @alert_id the procedure
// does not know.
var errMonitorRange = monitorErr(32036, "Parameter(s) out of range.")

// errMonitorNoJob is 32049: changing or reading the update period when
// sp_dbmmonitoraddmonitoring has not run.
var errMonitorNoJob = monitorErr(32049, "The database mirroring monitoring job does not exist. Run sp_dbmmonitoraddmonitoring to setup the job.")

// errMonitorSystemDB is 32050: thresholds on master, msdb, model or tempdb.
var errMonitorSystemDB = monitorErr(32050, "Alerts cannot be created on the system databases, master, msdb, model or tempdb.")

// errNotMonitored is 32039: sp_dbmmonitorupdate of a database that is not
// mirrored.
func errNotMonitored(db string) *exec.Error {
	return monitorErr(32039, "The database '"+db+"' is not being mirrored. No update of the base table was done.")
}

// errMonitorNotMsdb is 32045: sp_dbmmonitorresults and sp_dbmmonitorupdate
// read and write msdb's status table and run only with msdb current
// (EXEC msdb..sp_dbmmonitorresults from anywhere).
func errMonitorNotMsdb(proc string) *exec.Error {
	return monitorErr(32045, "'sys."+proc+"' must be executed in msdb.")
}

// errMonitorNotSysadmin is 21089: a monitor procedure other than
// sp_dbmmonitorresults called by a login that is not sysadmin (reference
// §4.1: dbm_monitor members may only read the status).
var errMonitorNotSysadmin = &exec.Error{Number: 21089, Severity: 16, State: 1,
	Message: "Only members of the sysadmin fixed server role can perform this operation."}

// errMonitorNotReader is 32046: sp_dbmmonitorresults called by a login that
// is neither sysadmin nor a member of msdb's dbm_monitor role.
var errMonitorNotReader = monitorErr(32046, "Only members of the sysadmin fixed server role or the 'dbm_monitor' role in msdb can perform this operation.")

// errMonitorNullParam is 32052: a required parameter passed as NULL or empty.
func errMonitorNullParam(param string) *exec.Error {
	return monitorErr(32052, "Parameter '"+param+"' cannot be null or empty. Specify a value for the named parameter and retry the operation.")
}

// errNoDatabase is 15010, a database name that names no database.
func errNoDatabase(db string) *exec.Error {
	return &exec.Error{Number: 15010, Severity: 16, State: 1, Message: "The database '" + db + "' does not exist. Supply a valid database name. To see available databases, use sys.databases."}
}

func monitorErr(n int32, text string) *exec.Error {
	return &exec.Error{Number: n, Severity: 16, State: 1, Message: text}
}

// inMsdb reports whether s runs with msdb current, which the monitor's
// status procedures need.
func inMsdb(s *exec.Session) bool { return strings.EqualFold(s.Database().Name(), "msdb") }

// isSystemDatabaseName reports whether name is master, tempdb, model or msdb.
func isSystemDatabaseName(name string) bool {
	for _, n := range systemDatabases {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// errMonitorNoTables is 32041: sp_dbmmonitorresults before any
// sp_dbmmonitorupdate made msdb's tables.
var errMonitorNoTables = monitorErr(32041, "The database mirroring monitor base tables have not been created. Please run sys.sp_dbmmonitorupdate to create them.")
