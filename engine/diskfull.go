package engine

import (
	"errors"
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// Disk-full and log-failure errors, mapped once here from the log's and the
// store's sentinels to what SQL Server reports. A commit that fails with one of
// them has logged nothing (the checks run before the log append), so the
// transaction is rolled back and every earlier acknowledged commit stays intact.

// errLogFull is SQL Server's 9002 (severity 17): the log cannot grow. reason is
// sys.databases.log_reuse_wait_desc, what keeps the log from being reused.
func errLogFull(db, reason string) *exec.Error {
	return &exec.Error{Number: 9002, Severity: 17, State: 2, Abort: exec.AbortTransaction,
		Message: fmt.Sprintf("The transaction log for database '%s' is full due to '%s'.", db, reason)}
}

// errFilegroupFull is SQL Server's 1105 (severity 17). index is "" or the
// index's name, shown as SQL Server does after the object ('dbo.t'.'PK_t').
func errFilegroupFull(object, index, db string) *exec.Error {
	if index != "" {
		index = ".'" + index + "'"
	}
	return &exec.Error{Number: 1105, Severity: 17, State: 2, Abort: exec.AbortTransaction,
		Message: fmt.Sprintf("Could not allocate space for object '%s'%s in database '%s' because the '%s' filegroup is full. "+
			"Create disk space by deleting unneeded files, dropping objects in the filegroup, adding additional files to the filegroup, "+
			"or setting autogrowth on for existing files in the filegroup.", object, index, db, "PRIMARY")}
}

// errLogUnavailable is SQL Server's 9001 (severity 21): the log failed a write
// or fdatasync and the database is taken offline until it is restarted or
// set ONLINE.
func errLogUnavailable(db string) *exec.Error {
	return &exec.Error{Number: 9001, Severity: 21, State: 1, Abort: exec.AbortConnection,
		Message: fmt.Sprintf("The log for database '%s' is not available. Check the operating system error log for related error messages. Resolve any errors and restart the database.", db)}
}

// logFailure maps an error of the log's Append or WaitDurable. A full log
// (txlog.ErrLogFull) becomes 9002 and leaves the database usable; a failed
// write or fdatasync (txlog.ErrFailed) becomes 9001 and takes the database
// OFFLINE (942 from then on): after fsyncgate nothing may be acknowledged
// from this log, and only reopening it — a restart, or ALTER DATABASE … SET
// ONLINE (failedOffline) — recovers from what is really on disk. Other
// errors pass through.
func (db *Database) logFailure(err error) error {
	switch {
	case errors.Is(err, txlog.ErrLogFull):
		return fmt.Errorf("%w (%w)", errLogFull(db.name, db.LogReuseWait()), err)
	case errors.Is(err, txlog.ErrFailed):
		if db.State() == StateOnline {
			db.SetState(StateOffline)
			db.inst.logger.Error("log write failed; database taken offline", "database", db.name, "err", err)
		}
		return fmt.Errorf("%w (%w)", errLogUnavailable(db.name), err)
	}
	return err
}

// failedOffline reports whether the database is OFFLINE because its log or
// its store failed (logFailure, checkpointFailure) rather than by ALTER
// DATABASE … SET OFFLINE, which master records (entry e). Neither may be
// trusted from then on, so SET ONLINE closes the database and runs recovery
// on it again (emergency.go), once the DBA has repaired the fault: what is
// really on disk decides.
func (db *Database) failedOffline(e *catalog.DatabaseEntry) bool {
	return db.State() == StateOffline && e.State != StateOffline
}

// CheckSpace returns an error wrapping storage.ErrNoSpace while the store's
// file system has less free space than the store needs to apply more log. The
// mirroring manager asks it before a mirror hardens received log
// (mirroring.SpaceChecker), as a principal's commit does through checkSpace.
func (db *Database) CheckSpace() error { return db.store.CheckSpace() }

// checkSpace refuses a commit while the store's file system has less free
// space than the store needs to apply it (storage.ErrNoSpace; see
// engine/storage/space.go). The log and the data share that file system, so
// the error follows log_reuse_wait_desc, as SQL Server's does when its log
// cannot grow: while something keeps the log from being reused — a mirror
// that has not received it (SUSPENDED, DISCONNECTED), a log backup not taken
// in FULL recovery, a backup reading it — the log is what grows without
// bound, and 9002 names what to clear; otherwise it is the data: 1105, naming
// the first object batch writes.
func (db *Database) checkSpace(batch *storage.Batch) error {
	err := db.store.CheckSpace()
	if !errors.Is(err, storage.ErrNoSpace) {
		return err
	}
	switch reason := db.LogReuseWait(); reason {
	case "DATABASE_MIRRORING", "LOG_BACKUP", "ACTIVE_BACKUP_OR_RESTORE":
		return fmt.Errorf("%w (%w)", errLogFull(db.name, reason), err)
	}
	object, index := "", ""
	if ops := batch.Ops(); len(ops) > 0 {
		object, index = db.storeObjectName(ops[0].ObjectID)
	}
	return fmt.Errorf("%w (%w)", errFilegroupFull(object, index, db.name), err)
}

// storeObjectName names the table and index a storage object id belongs to.
func (db *Database) storeObjectName(id uint32) (object, index string) {
	if cat := db.Catalog(); cat != nil {
		for _, t := range cat.Tables {
			for _, ix := range t.Indexes {
				if ix.StoreID == id {
					return t.Schema + "." + t.Name, ix.Name
				}
			}
		}
	}
	return fmt.Sprintf("object %d", id), ""
}
