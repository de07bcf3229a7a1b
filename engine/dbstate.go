package engine

import (
	"context"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// setDBState runs ALTER DATABASE … SET SINGLE_USER | RESTRICTED_USER |
// MULTI_USER | READ_ONLY | READ_WRITE | ONLINE | OFFLINE | EMERGENCY for
// session s: the checks that need nobody to leave first, then the change
// once the sessions the new setting leaves out are gone (termination.go).
func (inst *Instance) setDBState(ctx context.Context, s *exec.Session, e *catalog.DatabaseEntry, st *ast.AlterDatabaseStmt, state string, out exec.Output) error {
	c := exclusiveChange{e: e}
	// The options changes write the database's catalog (changeOptions):
	// its lock is taken before the change, outside the gates' lock.
	lockCatalog := func() error { return inst.changeOptions(ctx, s, e, func(*catalog.DatabaseOptions) {}) }
	switch state {
	case accessSingle, accessRestricted, accessMulti:
		switch strings.ToLower(e.Name) {
		case "master", "tempdb":
			return &exec.Error{Number: 5058, Severity: 16, State: 5, Message: "Option '" + state + "' cannot be set in database '" + e.Name + "'."}
		}
		c.mode, c.access = state, state
		c.change = func() error { return inst.setUserAccess(ctx, s, e, state) }
		c.prepare = lockCatalog
		switch state {
		case accessRestricted:
			db := inst.Database(e.Name)
			c.stay = func(o *Session) bool { return db != nil && inst.restrictedQualified(o.Login, db) }
		case accessMulti:
			c.mode = ""
			c.stay = func(*Session) bool { return true }
		}
	case "READ_ONLY", "READ_WRITE":
		if err := inst.checkStateChange(e, "READ_ONLY"); err != nil { // readonly.go
			return err
		}
		c.change = func() error { return inst.setReadOnly(ctx, s, e, state == "READ_ONLY") }
		c.prepare = lockCatalog
	case "ONLINE", "OFFLINE":
		if err := inst.checkStateChange(e, "OFFLINE"); err != nil {
			return err
		}
		c.change = func() error { return inst.setOffline(e, state == "OFFLINE") } // offline.go
		if state == "ONLINE" && inst.recoveryRetry(e) {
			c = inst.onlineChange(s, e) // emergency.go
		}
	case "EMERGENCY":
		var err error
		if c, err = inst.emergencyChange(e); err != nil { // emergency.go
			return err
		}
	default:
		return nil
	}
	if err := inst.runExclusive(ctx, s, st, c, out); err != nil {
		return err
	}
	if state == "OFFLINE" {
		inst.leaveOfflineDatabase(s, e.Name, out) // offline.go
	}
	return nil
}
