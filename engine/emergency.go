package engine

import (
	"fmt"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// ALTER DATABASE … SET EMERGENCY makes a database — ONLINE, or SUSPECT
// because its recovery or a commit's apply failed — read-only (3906 on
// every write: ReadOnlyError) and usable by sysadmin only (useraccess.go),
// for the DBA to read out what it holds. The state is kept in master, so it
// lasts across restart; the other sessions leave first as the termination
// clause says (termination.go). SET ONLINE from EMERGENCY or SUSPECT runs
// recovery again — the database is closed and opened — and brings it ONLINE
// if recovery succeeds; otherwise it stays SUSPECT (926, 5069). A database
// whose log could not even be opened at start (not open, SUSPECT) is tried
// again the same way.

// StateEmergency is ALTER DATABASE … SET EMERGENCY's state.
const StateEmergency = "EMERGENCY"

// emergencyChange is the change SET EMERGENCY makes to database e.
func (inst *Instance) emergencyChange(e *catalog.DatabaseEntry) (exclusiveChange, error) {
	db := inst.Database(e.Name)
	if db == nil {
		return exclusiveChange{}, exec.ErrInRestore.New(e.Name) // not open: SET ONLINE tries recovery again
	}
	if err := inst.checkStateChange(e, "EMERGENCY"); err != nil { // readonly.go
		return exclusiveChange{}, err
	}
	switch db.State() {
	case StateOnline, StateSuspect, StateEmergency:
	default:
		return exclusiveChange{}, exec.ErrInRestore.New(e.Name)
	}
	inst.access.limited.Store(true) // before runExclusive's lock: see admit
	return exclusiveChange{e: e, stay: func(o *Session) bool { return inst.sysadminLogin(o.Login) }, change: func() error {
		if err := inst.setEntryState(e.Name, StateEmergency); err != nil { // admin.go
			return err
		}
		db.SetState(StateEmergency)
		return nil
	}}, nil
}

// recoveryRetry reports whether SET ONLINE of database e is a retry of its
// recovery (it is EMERGENCY or SUSPECT, or OFFLINE because its log failed)
// rather than the end of OFFLINE.
func (inst *Instance) recoveryRetry(e *catalog.DatabaseEntry) bool {
	if db := inst.Database(e.Name); db != nil {
		st := db.State()
		return st == StateEmergency || st == StateSuspect || db.failedOffline(e)
	}
	return inst.unrecoveredDatabase(e.Name)
}

// onlineChange is the change SET ONLINE makes to an EMERGENCY or SUSPECT
// database e, or to one its failed log took OFFLINE: recovery again, for session s (moved into the reopened
// database if it was in the old one). Under the gates' lock the database
// only becomes RECOVERING, which refuses newcomers (CheckAccess, mayEnter);
// recovery runs after the lock is released, so that the USEs and logins of
// other databases do not wait for it.
func (inst *Instance) onlineChange(s *exec.Session, e *catalog.DatabaseEntry) exclusiveChange {
	var was string // the open database's state before (none: not open)
	return exclusiveChange{e: e, change: func() error {
		if old := inst.Database(e.Name); old != nil {
			was = old.State()
			old.SetState(StateRecovering)
		}
		return nil
	}, after: func() error {
		old := inst.Database(e.Name)
		if err := inst.setEntryState(e.Name, StateOnline); err != nil {
			if old != nil && was != "" {
				old.SetState(was)
			}
			return err
		}
		inst.mu.Lock()
		delete(inst.dbs, strings.ToLower(e.Name))
		delete(inst.unrecovered, strings.ToLower(e.Name))
		inst.mu.Unlock()
		db, err := inst.reopenDatabase(old, e.ID)
		if err == nil && db.State() == StateSuspect {
			err = txlog.ErrCorrupt
		}
		if err != nil {
			inst.logger.Error("SET ONLINE: recovery failed again", "database", e.Name, "err", err)
			return alterFailed(errDatabaseSuspect(e.Name))
		}
		if old != nil && s.Database() == exec.Database(old) {
			s.UseDatabase(db) // the same name: the client's current database has not changed
		}
		return nil
	}}
}

// reopenDatabase closes old (nil: not open) and opens database id again
// under its entry's name, running recovery. A database that does not open,
// or opens SUSPECT, is registered all the same as at start: open and
// SUSPECT, or not open and unrecovered.
func (inst *Instance) reopenDatabase(old *Database, id int32) (*Database, error) {
	if old != nil {
		if err := old.close(); err != nil {
			inst.logger.Warn("close the database to open it again", "database", old.name, "err", err)
		}
		exec.DropSequences(old)
	}
	e := inst.Server().DatabaseByID(id)
	if e == nil {
		return nil, fmt.Errorf("reopen database %d: no entry", id)
	}
	// Files gone are not made again, empty (files_missing.go).
	var db *Database
	err := missingDatabaseFiles(inst.dbDir(e))
	if err == nil {
		db, err = openDatabase(inst, e, inst.dbDir(e), inst.logger)
	}
	inst.mu.Lock()
	defer inst.mu.Unlock()
	key := strings.ToLower(e.Name)
	if err != nil {
		if !unrecoverable(err) {
			inst.logger.Error("open database again", "database", e.Name, "err", err)
		}
		if inst.unrecovered == nil {
			inst.unrecovered = map[string]bool{}
		}
		inst.unrecovered[key] = true
		return nil, err
	}
	inst.dbs[key] = db
	return db, nil
}
