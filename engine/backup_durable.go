package engine

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// A BACKUP reports success only once its file would survive a power loss:
// the file's bytes are fsynced, and so is the directory holding its entry
// (a new file's name is in its directory, which fsyncing the file does not
// make durable on Linux), and each directory BACKUP created on the way
// (SQL Server on Linux creates a missing backup directory) is made durable
// in its parent as it is created. The same holds for every MIRROR TO copy.

// backupSyncHook, when set (tests only), is called before each fsync a
// BACKUP makes — what is "file" or "dir" — and an error it returns stands
// for that fsync failing.
var backupSyncHook func(what, path string) error

// fsyncPath fsyncs f (a file or directory named path), through the hook.
func fsyncPath(what, path string, f *os.File) error {
	if backupSyncHook != nil {
		if err := backupSyncHook(what, path); err != nil {
			return err
		}
	}
	return f.Sync()
}

// openBackupFile opens the backup file at path for writing with flags (the
// caller's O_TRUNC for INIT or FORMAT; otherwise the new set is appended at
// the end, which finish's header rewrite needs: WriteAt refuses O_APPEND),
// creating its directory if needed (3201 when it cannot be opened).
func openBackupFile(path string, flags int) (*os.File, error) {
	if err := makeBackupDir(filepath.Dir(path)); err != nil {
		return nil, backupWriteError(path, err)
	}
	f, err := os.OpenFile(path, flags&^os.O_APPEND, 0o644)
	if err != nil {
		return nil, backupDeviceError(path, err)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return nil, backupDeviceError(path, err)
	}
	return f, nil
}

// makeBackupDir creates dir and its missing parents, fsyncing the parent
// of each one created. A directory that cannot be made is left to the
// open that follows to report (3201, as SQL Server words it).
func makeBackupDir(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || !errors.Is(err, fs.ErrNotExist) || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	if len(missing) == 0 {
		return nil
	}
	if os.MkdirAll(dir, 0o750) != nil {
		return nil
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := syncDir(filepath.Dir(missing[i])); err != nil {
			return err
		}
	}
	return nil
}

// syncBackupFile makes the backup file f at path durable: its bytes, then
// its directory entry.
func syncBackupFile(f *os.File, path string) error {
	if err := fsyncPath("file", path, f); err != nil {
		return backupWriteError(path, err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return backupWriteError(path, err)
	}
	return nil
}

// syncDir fsyncs directory dir.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return fsyncPath("dir", dir, d)
}

// backupWriteError is SQL Server's 3202 for a backup file whose writing
// failed after it was opened (a full disk, a failed flush).
func backupWriteError(path string, err error) error {
	return &exec.Error{Number: 3202, Severity: 16, State: 1, Message: fmt.Sprintf("Write on \"%s\" failed: %s", path, osErrorText(path, err))}
}
