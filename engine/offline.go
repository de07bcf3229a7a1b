package engine

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// ALTER DATABASE … SET OFFLINE | ONLINE. OFFLINE is kept in master
// (DatabaseEntry.State, so it lasts across restart and sys.databases shows
// it) and in the open database's state; USE and every other access then get
// 942 (CheckAccess). ONLINE brings back only a database taken offline so: a
// RESTORING or SUSPECT one stays as it is. Like READ_ONLY, it is refused on a
// mirrored database (1468) and in master, tempdb and model (5058).

// setOffline takes database e OFFLINE (on) or brings it back ONLINE.
func (inst *Instance) setOffline(e *catalog.DatabaseEntry, on bool) error {
	if err := inst.checkStateChange(e, "OFFLINE"); err != nil { // readonly.go
		return err
	}
	from, to := StateOnline, StateOffline
	if !on {
		from, to = StateOffline, StateOnline
	}
	db := inst.Database(e.Name)
	cur := e.State
	if db != nil {
		cur = db.State()
	}
	if cur != from {
		return nil
	}
	if err := inst.setEntryState(e.Name, to); err != nil { // admin.go
		return err
	}
	if db != nil {
		db.SetState(to)
	}
	return nil
}

// leaveOfflineDatabase moves session s, which just took database name
// offline, to master if name was its current database: otherwise every
// later batch of the connection, USE master too, would fail with 942. The
// client follows the ENVCHANGE as after a USE.
func (inst *Instance) leaveOfflineDatabase(s *exec.Session, name string, out exec.Output) {
	if !strings.EqualFold(s.Database().Name(), name) {
		return
	}
	m := inst.Database("master")
	if m == nil {
		return
	}
	s.UseDatabase(m)
	if out != nil {
		_ = out.DatabaseChanged(m.Name(), name)
	}
}

// errDatabaseOffline is 942, what access to an OFFLINE database gets.
func errDatabaseOffline(name string) error {
	return &exec.Error{Number: 942, Severity: 14, State: 4, Message: "Database '" + name + "' cannot be opened because it is offline."}
}

// errDatabaseSuspect is 926, what access to a SUSPECT database gets: one that
// recovery could not open, or whose durable commit could not be applied to
// the store while it was open.
func errDatabaseSuspect(name string) *exec.Error {
	return &exec.Error{Number: 926, Severity: 14, State: 1, Message: "Database '" + name + "' cannot be opened. It has been marked SUSPECT by recovery. See the SQL Server errorlog for more information."}
}
