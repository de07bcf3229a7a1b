package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/storage"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// TestCheckpointFailureMapping: a checkpoint's failures reach clients as SQL
// Server's errors and set the database's state as the stage requires — the
// store's sync 823 and OFFLINE (its files cannot be trusted after a failed
// sync), the control file 5120 or 823 and still ONLINE, the checkpoint
// record as a commit's log failure — and a database a failed store sync took
// OFFLINE answers 942 and comes back with ALTER DATABASE … SET ONLINE, its
// rows intact (issue #4).
func TestCheckpointFailureMapping(t *testing.T) {
	inst, s := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, s, "USE d; CREATE TABLE t (k int PRIMARY KEY); INSERT t VALUES (1), (2), (3); USE master")
	db := inst.Database("d")
	dataDir, logDir := filepath.Join(db.dir, "data"), filepath.Join(db.dir, "log")
	control := filepath.Join(logDir, "control.tmp")
	sst := filepath.Join(dataDir, "000007.sst")
	const severe = "This is a severe system-level error condition that threatens database integrity and must be corrected immediately. " +
		"Complete a full database consistency check (DBCC CHECKDB). This error can be caused by many factors; for more information, see https://go.microsoft.com/fwlink/?linkid=2252374."
	for _, tc := range []struct {
		name      string
		stage     int
		in        error
		number    int32
		severity  uint8
		message   string
		wantState string
	}{
		{name: "control file not created", stage: checkpointControl,
			in:     fmt.Errorf("set checkpoint: write control file: %w", &fs.PathError{Op: "open", Path: control, Err: syscall.EROFS}),
			number: 5120, severity: 16, wantState: StateOnline,
			message: `Unable to open the physical file "` + control + `". Operating system error 19: "19(The media is write protected.)".`},
		{name: "control file sync failed", stage: checkpointControl,
			in:     fmt.Errorf("sync control file: %w", &fs.PathError{Op: "sync", Path: control, Err: syscall.EIO}),
			number: 823, severity: 24, wantState: StateOnline,
			message: "The operating system returned error 1117(The request could not be performed because of an I/O device error.) to SQL Server during a write at offset 0x00000000000000 in file '" + control + "'. " +
				"Additional messages in the SQL Server error log and operating system error log may provide more detail. " + severe},
		{name: "not an OS error", stage: checkpointControl, in: errors.New("something else"), wantState: StateOnline},
		{name: "checkpoint record: log full", stage: checkpointLog, in: fmt.Errorf("append: %w: %w", txlog.ErrLogFull, syscall.ENOSPC),
			number: 9002, severity: 17, wantState: StateOnline, message: "The transaction log for database 'd' is full due to 'NOTHING'."},
		{name: "store below its free-space reserve", stage: checkpointStore,
			in:     fmt.Errorf("sync badger: %w", storage.ErrNoSpace),
			number: 9002, severity: 17, wantState: StateOnline, message: "The transaction log for database 'd' is full due to 'CHECKPOINT'."},
		{name: "store sync failed", stage: checkpointStore,
			in:     fmt.Errorf("sync badger: %w", &fs.PathError{Op: "write", Path: sst, Err: syscall.ENOSPC}),
			number: 823, severity: 24, wantState: StateOffline,
			message: "The operating system returned error 112(There is not enough space on the disk.) to SQL Server during a write at offset 0x00000000000000 in file '" + sst + "'. " +
				"Additional messages in the SQL Server error log and operating system error log may provide more detail. " + severe},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := db.checkpointFailure(tc.stage, tc.in)
			if !errors.Is(got, tc.in) {
				t.Errorf("mapped error %v does not wrap %v", got, tc.in)
			}
			var e *exec.Error
			if tc.number == 0 {
				if errors.As(got, &e) {
					t.Errorf("unexpected SQL Server error %d", e.Number)
				}
			} else if !errors.As(got, &e) {
				t.Errorf("%v: no SQL Server error inside", got)
			} else if n, sev, _ := e.SQLServerError(); n != tc.number || sev != tc.severity || e.Error() != tc.message {
				t.Errorf("got %d/%d %q,\nwant %d/%d %q", n, sev, e.Error(), tc.number, tc.severity, tc.message)
			}
			if st := db.State(); st != tc.wantState {
				t.Errorf("state %s, want %s", st, tc.wantState)
			}
		})
	}

	// The store's failure took d OFFLINE: access gets 942; SET ONLINE reopens it.
	out := &collect{}
	if err := s.ExecBatch(context.Background(), "SELECT COUNT(*) FROM d.dbo.t", out); err != nil {
		t.Fatal(err)
	}
	var e *exec.Error
	if len(out.errs) == 0 || !errors.As(out.errs[0], &e) || e.Number != 942 {
		t.Errorf("access to d after its store failed: %v, want 942", out.errs)
	}
	mustExec(t, s, "ALTER DATABASE d SET ONLINE")
	if reopened := inst.Database("d"); reopened == db || reopened.State() != StateOnline {
		t.Errorf("SET ONLINE did not reopen d (same database %v, state %s)", reopened == db, reopened.State())
	}
	if rows := mustExec(t, s, "SELECT COUNT(*) FROM d.dbo.t"); len(rows) != 1 || rows[0] != "3" {
		t.Errorf("rows after SET ONLINE: %v, want 3", rows)
	}
	mustExec(t, s, "INSERT d.dbo.t VALUES (4); CHECKPOINT")
}
