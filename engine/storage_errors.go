package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
)

// Operating-system errors of a database's files, as SQL Server reports them:
// 5120 when a file cannot be opened (or created), 823 when a write or a sync
// of one fails. A DBA's runbooks and monitoring match these numbers; "Msg
// 50000 Internal error" matched nothing.

// osFailure reports whether err carries an operating-system error.
func osFailure(err error) bool {
	var errno syscall.Errno
	return errors.As(err, &errno) || errors.Is(err, fs.ErrNotExist)
}

// errCannotOpenFile is 5120 (severity 16): the operating system would not
// open (or create) path. files_missing.go logs the same text for a missing
// database file at start (msgCannotOpenFile).
func errCannotOpenFile(path string, err error) *exec.Error {
	text := osErrorText(path, err) // restore_move.go
	code, _, _ := strings.Cut(text, "(")
	return &exec.Error{Number: 5120, Severity: 16, State: 101,
		Message: fmt.Sprintf(`Unable to open the physical file "%s". Operating system error %s: "%s".`, path, code, text)}
}

// errWriteFailed is 823 (severity 24, the connection closes): a write or a
// sync of file failed. The offset is where the write went when known, else 0.
func errWriteFailed(file string, offset int64, err error) *exec.Error {
	return &exec.Error{Number: 823, Severity: 24, State: 2, Abort: exec.AbortConnection,
		Message: fmt.Sprintf("The operating system returned error %s to SQL Server during a write at offset 0x%014x in file '%s'. "+
			"Additional messages in the SQL Server error log and operating system error log may provide more detail. "+
			"This is a severe system-level error condition that threatens database integrity and must be corrected immediately. "+
			"Complete a full database consistency check (DBCC CHECKDB). "+
			"This error can be caused by many factors; for more information, see https://go.microsoft.com/fwlink/?linkid=2252374.",
			osErrorText(file, err), offset, file)}
}

// Where a checkpoint failed (checkpointFailure).
const (
	checkpointStore   = iota // syncing the store: the data files
	checkpointLog            // logging the checkpoint record
	checkpointControl        // recording it in the log's control file
)

// checkpointFailure maps the error of a checkpoint's stage to SQL Server's
// and sets the database's state after it:
//   - the checkpoint record's append or flush: as a commit's (logFailure:
//     9002 with the database usable, 9001 and OFFLINE);
//   - the store's sync: 823, and the database OFFLINE. After a failed sync
//     the store's files are in an unknown state (fsyncgate), and a later
//     checkpoint whose sync happened to succeed would move recovery's start
//     past writes that never reached the disk. The log still has them from
//     the last good checkpoint on: SET ONLINE or a restart replays them.
//   - the store's refusal to write below its free-space reserve
//     (storage.ErrNoSpace): 9002 naming CHECKPOINT, the database usable;
//   - the control file (the checkpoint's position): 5120 if it cannot be
//     created, else 823. The control file is replaced atomically, so the old
//     one still names the last good checkpoint: the database stays ONLINE,
//     and the next checkpoint tries again.
//
// An error without an operating-system error inside passes through.
func (db *Database) checkpointFailure(stage int, err error) error {
	if stage == checkpointLog {
		return db.logFailure(err)
	}
	if errors.Is(err, storage.ErrNoSpace) {
		// The store refused to write below its free-space reserve: nothing
		// failed, but the log cannot be reused until a checkpoint succeeds.
		return fmt.Errorf("%w (%w)", errLogFull(db.name, "CHECKPOINT"), err)
	}
	if !osFailure(err) {
		return err
	}
	file := filepath.Join(db.dir, "data")
	if stage == checkpointControl {
		file = filepath.Join(db.dir, "log")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		file = pe.Path
		if stage == checkpointControl && pe.Op == "open" {
			db.inst.logger.Error("checkpoint failed", "database", db.name, "error", 5120, "err", err)
			return fmt.Errorf("%w (%w)", errCannotOpenFile(file, err), err)
		}
	}
	if stage == checkpointStore && db.State() == StateOnline {
		db.SetState(StateOffline)
		db.inst.logger.Error("store sync failed; database taken offline", "database", db.name, "error", 823, "err", err)
	} else {
		db.inst.logger.Error("checkpoint failed", "database", db.name, "error", 823, "err", err)
	}
	return fmt.Errorf("%w (%w)", errWriteFailed(file, 0, err), err)
}
