package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A user database whose files are gone when the instance starts (its
// directory removed, a volume not mounted) must not be created again, empty,
// under its old name: clients would write into it and the DBA would learn of
// the loss late. SQL Server cannot open the file (5120) and the database does
// not recover (3414, SUSPECT here); the instance starts, so that master, the
// other databases and DROP or RESTORE stay available.

// msgCannotOpenFile is SQL Server's 5120 for a file the operating system
// reports missing (error 2).
func msgCannotOpenFile(path string) string {
	return fmt.Sprintf(`Unable to open the physical file "%s". Operating system error 2: "2(The system cannot find the file specified.)".`, path)
}

// missingDatabaseFiles returns an error when dir, a database's directory,
// has no log: the only part of a database that cannot be rebuilt.
func missingDatabaseFiles(dir string) error {
	logDir := filepath.Join(dir, "log")
	if _, err := os.Stat(logDir); errors.Is(err, fs.ErrNotExist) {
		return &fs.PathError{Op: "open", Path: logDir, Err: fs.ErrNotExist}
	}
	return nil
}
