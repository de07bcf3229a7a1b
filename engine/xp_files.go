package engine

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// xp_create_subdir and xp_delete_file, the undocumented extended procedures
// backup jobs (maintenance plans, Ola Hallengren's DatabaseBackup) use to
// make a backup directory and to remove old backups. Both are for sysadmin
// only, as in SQL Server, since they act on the server's file system.

// xpDenied is SQL Server's 229 for a login that may not run proc.
func xpDenied(proc string) error {
	return &exec.Error{Number: 229, Severity: 14, State: 5, Message: "The EXECUTE permission was denied on the object '" + proc + "', database 'mssqlsystemresource', schema 'sys'."}
}

// xpOSError is SQL Server's 22048 for an operating-system failure.
func xpOSError(proc string, err error) error {
	code, text := 5, "Access is denied."
	if errors.Is(err, fs.ErrNotExist) {
		code, text = 3, "The system cannot find the path specified."
	}
	return &exec.Error{Number: 22048, Severity: 16, State: 1, Message: proc + "() returned error " + itoa(code) + ", '" + text + "'"}
}

func itoa(n int) string { return strconv.Itoa(n) }

// xpCreateSubdir is xp_create_subdir 'path': makes the directory and any
// missing parents; an existing directory is success.
func xpCreateSubdir(_ context.Context, s *exec.Session, args []*exec.ProcArg, _ exec.Output) (int32, error) {
	if !s.Sysadmin() {
		return 1, xpDenied("xp_create_subdir")
	}
	dir := exec.ArgString(args, 0, "")
	if dir == "" {
		return 1, &exec.Error{Number: 22048, Severity: 16, State: 1, Message: "xp_create_subdir() returned error 161, 'The specified path is invalid.'"}
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return 1, xpOSError("xp_create_subdir", err)
	}
	return 0, nil
}

// xpDeleteFile is xp_delete_file file_type, folder, extension, cutoff
// [, subfolders]: removes the backups (file_type 0; 1, maintenance-plan
// reports, has none here) in folder — and with subfolders = 1 in its
// immediate subdirectories — whose name ends in .extension and whose
// backup finished before cutoff. As in SQL Server, a file that is not a
// backup (its header does not read) is left alone, so a mistyped folder
// cannot lose other data; folder may also name one file.
func xpDeleteFile(_ context.Context, s *exec.Session, args []*exec.ProcArg, _ exec.Output) (int32, error) {
	if !s.Sysadmin() {
		return 1, xpDenied("xp_delete_file")
	}
	kind, _ := exec.ArgInt(args, 0, "")
	folder := exec.ArgString(args, 1, "")
	ext := strings.TrimPrefix(exec.ArgString(args, 2, ""), ".")
	cutoff := time.Now()
	if len(args) > 3 && !args[3].Value.IsNull() {
		v, err := types.Convert(args[3].Value, tDateTime, 0)
		if err != nil {
			return 1, err
		}
		cutoff = v.Time()
	}
	subdirs, _ := exec.ArgInt(args, 4, "")
	if kind != 0 || folder == "" {
		return 0, nil
	}
	st, err := os.Stat(folder)
	if err != nil {
		return 1, xpOSError("xp_delete_file", err)
	}
	var candidates []string
	if !st.IsDir() {
		candidates = []string{folder}
	} else {
		dirs := []string{folder}
		if subdirs == 1 {
			if es, err := os.ReadDir(folder); err == nil {
				for _, e := range es {
					if e.IsDir() {
						dirs = append(dirs, filepath.Join(folder, e.Name()))
					}
				}
			}
		}
		for _, d := range dirs {
			es, err := os.ReadDir(d)
			if err != nil {
				continue
			}
			for _, e := range es {
				if e.Type().IsRegular() && (ext == "" || strings.EqualFold(filepath.Ext(e.Name()), "."+ext)) {
					candidates = append(candidates, filepath.Join(d, e.Name()))
				}
			}
		}
	}
	for _, p := range candidates {
		sets, err := readBackupSets(p, nil)
		if err != nil || len(sets) == 0 {
			continue // not a backup: never deleted
		}
		// The newest set's date decides; a header written before the set
		// finished has only its start.
		h := sets[len(sets)-1].header
		if when := maxTime(h.Start, h.Finish); when.Before(cutoff) {
			if err := os.Remove(p); err != nil {
				return 1, xpOSError("xp_delete_file", err)
			}
		}
	}
	return 0, nil
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func init() {
	exec.RegisterProc("xp_create_subdir", xpCreateSubdir)
	exec.RegisterProc("xp_delete_file", xpDeleteFile)
}
