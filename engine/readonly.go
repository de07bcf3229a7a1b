package engine

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// ALTER DATABASE … SET READ_ONLY | READ_WRITE. The setting is one of the
// database's options (dboptions.go: logged, kept in its catalog, shown by
// master's copy, DatabaseEntry.Options["READ_ONLY"], which sys.databases and
// DATABASEPROPERTYEX read) and mirrored in Database.readOnly, which the
// write check reads on every DML and DDL statement (exec/readonly_db.go),
// so that check costs an atomic load rather than a walk of the catalog.
//
// A mirrored database refuses the change (1468), as SQL Server does, so the
// setting never has to travel to the mirror; enabling mirroring on a
// read-only database gets 1466 (setPartner).

// ReadOnlyError implements exec's readOnlyDatabase: 3906 while the database
// is READ_ONLY, nil otherwise.
func (db *Database) ReadOnlyError() error {
	if db.readOnly.Load() || db.State() == StateEmergency { // emergency.go
		return errReadOnlyDatabase(db.name)
	}
	return nil
}

// setReadOnly records READ_ONLY (on) or READ_WRITE for database e, in
// effect once the statement commits.
func (inst *Instance) setReadOnly(ctx context.Context, s *exec.Session, e *catalog.DatabaseEntry, on bool) error {
	if err := inst.checkStateChange(e, "READ_ONLY"); err != nil {
		return err
	}
	return inst.changeOptions(ctx, s, e, func(o *catalog.DatabaseOptions) {
		if !on {
			delete(o.Set, "READ_ONLY")
			return
		}
		if o.Set == nil {
			o.Set = map[string]string{}
		}
		o.Set["READ_ONLY"] = "ON"
	})
}

// checkStateChange refuses SET READ_ONLY or OFFLINE (option) where SQL
// Server does: in master, tempdb and model (5058) and on a mirrored
// database (1468).
func (inst *Instance) checkStateChange(e *catalog.DatabaseEntry, option string) error {
	switch strings.ToLower(e.Name) {
	case "master", "tempdb", "model":
		return &exec.Error{Number: 5058, Severity: 16, State: 1, Message: "Option '" + option + "' cannot be set in database '" + e.Name + "'."}
	}
	if inst.mirroringStatus(e.Name) {
		return errMirroredDatabaseOp(e.Name)
	}
	return nil
}

// entryReadOnly reports whether master records e as READ_ONLY.
func entryReadOnly(e *catalog.DatabaseEntry) bool { return databaseOptionOn(e, "READ_ONLY", false) }

// errMirroredDatabaseOp is 1468, what an operation a mirrored database does
// not allow gets.
func errMirroredDatabaseOp(name string) error {
	return &exec.Error{Number: 1468, Severity: 16, State: 1, Message: "The operation cannot be performed on database \"" + name + "\" because it is involved in a database mirroring session or an availability group. Some operations are not allowed on a database that is participating in a database mirroring session or in an availability group."}
}

// errReadOnlyMirror is 1466: mirroring cannot start on a read-only database.
func errReadOnlyMirror(name string) error {
	return &exec.Error{Number: 1466, Severity: 16, State: 1, Message: "Database \"" + name + "\" is read-only on one of the server instances which is incompatible with participating in database mirroring or in an availability group. Set the database to read-write mode, and retry the operation."}
}
