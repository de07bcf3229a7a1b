package exec

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// sys.dm_os_file_exists(path): whether a path on the server's machine is a
// file, a directory, and whether its parent directory exists — what backup
// scripts check before BACKUP … TO DISK (Ola Hallengren's DatabaseBackup
// does). It reveals the file system, so it needs sysadmin (VIEW SERVER STATE
// in SQL Server).
func (s *Session) buildFileExists(t *ast.TableFunc, outer *scope) (*source, error) {
	if len(t.Call.Args) != 1 {
		return nil, ErrWrongArgCount.New("dm_os_file_exists", 1)
	}
	if !s.Sysadmin() {
		return nil, &Error{Number: 297, Severity: 16, State: 1, Message: "The user does not have permission to perform this action."}
	}
	c := &compiler{s: s, sc: &scope{outer: outer}}
	args, err := c.args(t.Call)
	if err != nil {
		return nil, err
	}
	q := strings.ToLower(identName(t.Alias))
	sc := &scope{outer: outer, cols: []scopeCol{
		{qual: q, name: "file_exists", typ: types.TypeInt, idx: 0},
		{qual: q, name: "file_is_a_directory", typ: types.TypeInt, idx: 1},
		{qual: q, name: "parent_directory_exists", typ: types.TypeInt, idx: 2},
	}}
	return &source{sc: sc, open: func(ec *evalCtx) (rowIter, error) {
		vals, err := evalArgs(ec, nil, args)
		if err != nil {
			return nil, err
		}
		if vals[0].IsNull() {
			return &sliceIter{}, nil
		}
		path, _ := asText(vals[0])
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
		return &sliceIter{rows: []Row{{types.NewInt(int32(isFile)), types.NewInt(int32(isDir)), types.NewInt(int32(parent))}}}, nil
	}}, nil
}
