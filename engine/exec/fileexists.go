package exec

import (
	"os"
	"path/filepath"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// sys.dm_os_file_exists(path): whether a path on the server's machine is a
// file, a directory, and whether its parent directory exists — what backup
// scripts check before BACKUP … TO DISK (Ola Hallengren's DatabaseBackup
// does). It reveals the file system, so it needs sysadmin (VIEW SERVER STATE
// in SQL Server).
func fileExistsRows(s *Session, args []types.Value) ([]Row, error) {
	if !s.Sysadmin() {
		return nil, &Error{Number: 297, Severity: 16, State: 1, Message: "The user does not have permission to perform this action."}
	}
	if args[0].IsNull() {
		return nil, nil
	}
	path, _ := asText(args[0])
	isFile, isDir, parent := 0, 0, 0
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			isDir = 1
		} else {
			isFile = 1
		}
	}
	if fi, err := os.Stat(filepath.Dir(filepath.Clean(path))); err == nil && fi.IsDir() {
		parent = 1
	}
	return []Row{{types.NewInt(int32(isFile)), types.NewInt(int32(isDir)), types.NewInt(int32(parent))}}, nil
}

func init() {
	RegisterTableFunc(TableFunc{Name: "dm_os_file_exists", MinArgs: 1, MaxArgs: 1, Rows: fileExistsRows,
		Cols: []ViewColumn{{"file_exists", types.TypeInt}, {"file_is_a_directory", types.TypeInt}, {"parent_directory_exists", types.TypeInt}}})
}
