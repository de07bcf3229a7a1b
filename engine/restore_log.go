package engine

import (
	"context"
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// restoreLog applies a log backup to a RESTORING database, checking the
// chain, up to stop when there is one (restore_stop.go). notice is the
// message of a stop point beyond the backup: the database stays RESTORING.
func (inst *Instance) restoreLog(ctx context.Context, name string, set *backupSet, recovery bool, stop *stopPoint) (notice *exec.Error, err error) {
	db := inst.Database(name)
	if db == nil {
		return nil, &exec.Error{Number: 3201, Severity: 16, State: 2, Message: "Database '" + name + "' does not exist."}
	}
	if db.State() != StateRestoring {
		return nil, &exec.Error{Number: 3117, Severity: 16, State: 1, Message: "The log or differential backup cannot be restored because no files are ready to rollforward."}
	}
	if e := inst.Entry(name); e != nil && e.RestoreStopped {
		return nil, &exec.Error{Number: 4332, Severity: 16, State: 1, Message: "RESTORE LOG has been halted. To use the database in its current state, run RESTORE DATABASE " + name + " WITH RECOVERY."}
	}
	end := db.log.DurableEnd()
	if set.header.FirstOffset > end {
		return nil, &exec.Error{Number: 4305, Severity: 16, State: 1, Message: fmt.Sprintf("The log in this backup set begins at LSN %s, which is too recent to apply to the database. An earlier log backup that includes LSN %s can be restored.", numericLSN(set.header.FirstOffset), numericLSN(end))}
	}
	if set.header.LastOffset <= end && set.header.LastOffset != set.header.FirstOffset {
		return nil, &exec.Error{Number: 4326, Severity: 16, State: 1, Message: fmt.Sprintf("The log in this backup set terminates at LSN %s, which is too early to apply to the database. A more recent log backup that includes LSN %s can be restored.", numericLSN(set.header.LastOffset), numericLSN(end))}
	}
	c, err := inst.cutRestoredLog(name, set, stop) // restore_stop.go
	if err != nil {
		return nil, err
	}
	for _, raw := range c.logs {
		if err := db.log.AppendBlocks(raw); err != nil {
			return nil, fmt.Errorf("restore log of %s: %w", name, err)
		}
	}
	if !c.reached {
		recovery = false
		notice = c.notice
	}
	// A log cut at its stop point continues, once recovered, where the cut
	// left it: the next log backup starts there.
	chainEnd := set.header.LastOffset
	if stop != nil && c.reached {
		chainEnd = db.log.DurableEnd()
	}
	if err := inst.UpdateServer(func(srv *catalog.Server) error {
		if x := srv.Database(name); x != nil {
			x.StartLogChain(chainEnd)
			x.RolledForwardTo, x.RestoreStopped = c.at, stop != nil && c.reached && !recovery
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := db.catchUp(ctx); err != nil {
		return nil, err
	}
	if recovery {
		// A former mirror keeps the access error mirroring left on it
		// (927), as for RESTORE DATABASE … WITH RECOVERY (backup.go):
		// recovery makes it an ordinary database, and BecomePrincipal
		// shows it ONLINE only without one. A database still in a
		// mirroring session keeps the access mirroring gave it.
		if !inst.mirroringStatus(name) {
			db.SetAccessError(nil)
		}
		return nil, db.BecomePrincipal(ctx)
	}
	return notice, nil
}
