package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// RESTORE … WITH MOVE 'logical' TO 'path'.
//
// A database's two files are directories (files.go): <dir>/data holds the
// store, <dir>/log the log segments. MOVE puts a file's directory at the
// path it names, and <dir>/data (or log) becomes a symbolic link to it, so
// opening the database — now or after a restart — goes through the link
// unchanged, and the catalog keeps the path for sys.master_files'
// physical_name (catalog.FileSetting.Path). DROP DATABASE, and every other
// deletion of a database's files, deletes the link's target too
// (removeDatabaseFiles).
//
// The path is checked before anything is restored, as SQL Server plans the
// restore: a directory that does not exist (5133) or cannot be written
// (3634) is 3156 for that file, a path another database's file is at is
// 1834 then 3156, a path that exists is 3142 unless WITH REPLACE (which
// overwrites a file or an empty directory), two files at one path is 3176;
// the list ends with 3119 and 3013.
//
// The restored copy is built beside the copy it replaces and swapped in
// (restore_swap.go), so a restore WITH REPLACE onto the replaced copy's own
// paths cannot build at them: the new file's directory is then path.db<N>
// (N the new copy's database_id), the name still shown as path. A file MOVE
// does not name, of a database restored over, stays where it is.

// fileMove is where one of the restored database's files goes.
type fileMove struct {
	logical string
	path    string // absolute: sys.master_files.physical_name
	dir     string // the directory that holds it: path, or path.db<N> beside the replaced copy's
	replace bool   // an existing file or empty directory at path is overwritten
}

// restorePlanError is 3119: the problems found while planning a RESTORE,
// each reported before it (and 3013 after it: terminatingAbnormally).
type restorePlanError struct{ causes []error }

func (e *restorePlanError) Error() string {
	return "Problems were identified while planning for the RESTORE statement. Previous messages provide details."
}

func (e *restorePlanError) SQLServerError() (int32, uint8, uint8) { return 3119, 16, 1 }

// resolveMoves evaluates MOVE's clauses: [0] the data file's target, [1]
// the log file's ("" when not moved). A logical name the backup does not
// have is 3234.
func resolveMoves(s *exec.Session, moves []*ast.Move, h *backupHeader) ([2]string, error) {
	var to [2]string
	dataFile, logFile := h.logicalFiles()
	for _, m := range moves {
		name, err := s.EvalString(context.Background(), m.Logical)
		if err != nil {
			return to, err
		}
		path, err := s.EvalString(context.Background(), m.Physical)
		if err != nil {
			return to, err
		}
		switch {
		case strings.EqualFold(name, dataFile):
			to[0] = path
		case strings.EqualFold(name, logFile):
			to[1] = path
		default:
			return to, &exec.Error{Number: 3234, Severity: 16, State: 2, Message: fmt.Sprintf("Logical file '%s' is not part of database '%s'. Use RESTORE FILELISTONLY to list the logical file names.", name, h.Database)}
		}
	}
	return to, nil
}

// planMoves checks the MOVE targets of a restore into name (replacing the
// copy old, nil if none) and says where each moved file goes.
func (inst *Instance) planMoves(to [2]string, h *backupHeader, name string, old *Database, replace bool) ([2]*fileMove, error) {
	var plan [2]*fileMove
	var causes []error
	logical := h.Files
	if len(logical) != 2 {
		d, l := h.logicalFiles()
		logical = []string{d, l}
	}
	cannot := func(i int, path string, state uint8) error {
		return &exec.Error{Number: 3156, Severity: 16, State: state, Message: fmt.Sprintf("File '%s' cannot be restored to '%s'. Use WITH MOVE to identify a valid location for the file.", logical[i], path)}
	}
	oldDirs := map[string]bool{}
	if e := inst.Entry(name); old != nil && e != nil {
		// A file MOVE does not name stays where the replaced copy has it,
		// as SQL Server restores over an existing database's files.
		for i, f := range fileSettings(e) {
			if to[i] == "" {
				to[i] = f.Path
			}
		}
	}
	if old != nil {
		for _, f := range old.files() {
			if real, err := filepath.EvalSymlinks(f.dir); err == nil {
				oldDirs[real] = true
			}
		}
	}
	for i, p := range to {
		if p == "" {
			continue
		}
		// A relative target is in the default data directory, as SQL
		// Server resolves it (backup_devices.go), not the process's.
		path, err := inst.defaultDirPath(p)
		if err != nil {
			path = p
		}
		if i == 1 && plan[0] != nil && samePath(plan[0].path, path) {
			causes = append(causes, &exec.Error{Number: 3176, Severity: 16, State: 1, Message: fmt.Sprintf("File '%s' is claimed by '%s'(%d) and '%s'(%d). The WITH MOVE clause can be used to relocate one or more files.", path, logical[1], 2, logical[0], 1)})
			continue
		}
		if other := inst.databaseAt(path, old); other != "" {
			causes = append(causes, &exec.Error{Number: 1834, Severity: 16, State: 1, Message: fmt.Sprintf("The file '%s' cannot be overwritten.  It is being used by database '%s'.", path, other)}, cannot(i, path, 4))
			continue
		}
		if err := checkWritableDir(filepath.Dir(path)); err != nil {
			if errors.Is(err, os.ErrPermission) {
				causes = append(causes, &exec.Error{Number: 3634, Severity: 16, State: 1, Message: fmt.Sprintf("The operating system returned the error '5(Access is denied.)' while attempting 'RestoreContainer::ValidateTargetForCreation' on '%s'.", path)}, cannot(i, path, 8))
			} else {
				causes = append(causes, &exec.Error{Number: 5133, Severity: 16, State: 1, Message: fmt.Sprintf("Directory lookup for the file \"%s\" failed with the operating system error 2(The system cannot find the file specified.).", path)}, cannot(i, path, 3))
			}
			continue
		}
		if other := inst.databaseHolding(path, old); other != "" {
			causes = append(causes, &exec.Error{Number: 1834, Severity: 16, State: 1, Message: fmt.Sprintf("The file '%s' cannot be overwritten.  It is being used by database '%s'.", path, other)}, cannot(i, path, 4))
			continue
		}
		real, rerr := filepath.EvalSymlinks(path)
		ownFile := rerr == nil && oldDirs[real] // the replaced copy's file: restored beside it
		if !ownFile && inst.reservedName(path) {
			causes = append(causes, &exec.Error{Number: 3634, Severity: 16, State: 1, Message: fmt.Sprintf("The operating system returned the error '5(Access is denied.)' while attempting 'RestoreContainer::ValidateTargetForCreation' on '%s'.", path)}, cannot(i, path, 8))
			continue
		}
		m := &fileMove{logical: logical[i], path: path, dir: path}
		if ownFile {
			m.dir = "" // beside the replaced copy: named once the new database_id is known
		} else if fi, err := os.Lstat(path); err == nil {
			if !replace || !overwritable(path, fi) {
				causes = append(causes, &exec.Error{Number: 3142, Severity: 16, State: 1, Message: fmt.Sprintf("File \"%s\" cannot be restored over the existing \"%s\". Reissue the RESTORE statement using WITH REPLACE to overwrite pre-existing files, or WITH MOVE to identify an alternate location.", logical[i], path)})
				continue
			}
			m.replace = true
		}
		plan[i] = m
	}
	if len(causes) > 0 {
		return plan, &restorePlanError{causes}
	}
	return plan, nil
}

// samePath compares two file paths as the file system does here.
func samePath(a, b string) bool { return filepath.Clean(a) == filepath.Clean(b) }

// databaseAt names the database other than old whose file is at path, or "".
func (inst *Instance) databaseAt(path string, old *Database) string {
	for _, db := range inst.Databases() {
		if db == old {
			continue
		}
		for _, f := range db.files() {
			if samePath(f.physical, path) || samePath(f.dir, path) {
				return strings.TrimPrefix(db.name, restoreStagingName(""))
			}
		}
	}
	return ""
}

// databaseHolding names the database a path at or inside whose directory,
// or the directory of one of its files, path is — "" when none. The
// replaced copy old's own file directories are not in the way (a restore
// onto them is built beside them), but a path inside them, or inside its
// directory, is: they are deleted once the restore is done. A restored file
// nested in another database's would go with that database's DROP, and
// REPLACE would delete a live database's file.
func (inst *Instance) databaseHolding(path string, old *Database) string {
	real := resolvePath(path)
	for _, e := range inst.Server().Databases {
		dir := inst.dbDir(e)
		name := strings.TrimPrefix(e.Name, restoreStagingName(""))
		roots := []string{dir, filepath.Join(dir, fileSubdirs[0]), filepath.Join(dir, fileSubdirs[1])}
		for _, f := range fileSettings(e) {
			if f.Path != "" {
				roots = append(roots, f.Path)
			}
		}
		inside := func(p, r string) bool { return p == r || strings.HasPrefix(p, r+string(filepath.Separator)) }
		rdir := resolvePath(dir)
		for _, r := range roots {
			r = resolvePath(r)
			if real == r && old != nil && e.ID == old.id && !inside(r, rdir) {
				continue // one the replaced copy's files was moved to: planMoves' oldDirs
			}
			if inside(real, r) {
				return name
			}
		}
	}
	return ""
}

// resolvePath is path with the symbolic links on its way (and at it)
// resolved, as far as they exist.
func resolvePath(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(path)); err == nil {
		return filepath.Join(real, filepath.Base(path))
	}
	return filepath.Clean(path)
}

// reservedName reports whether path is one of the names the server keeps
// in its data directory: db<N> (CREATE DATABASE and RESTORE make them,
// and a start deletes one no database uses) or a file already there (the
// lock file, mirroring's state, tls). A database's file there would be
// deleted by the server, or REPLACE would delete the server's.
func (inst *Instance) reservedName(path string) bool {
	real := resolvePath(path)
	if filepath.Dir(real) != resolvePath(inst.cfg.DataDir) {
		return false
	}
	base := filepath.Base(real)
	if n, ok := strings.CutPrefix(base, "db"); ok && n != "" && strings.Trim(n, "0123456789") == "" {
		return true
	}
	_, err := os.Lstat(real)
	return err == nil
}

// checkWritableDir reports whether a file can be made in dir, by making one.
func checkWritableDir(dir string) error {
	f, err := os.CreateTemp(dir, ".mirrorsql-restore-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// overwritable is what REPLACE may overwrite at a MOVE target: a file (SQL
// Server's files are files) or an empty directory — never a directory with
// something in it, which is not a database file this server could have made.
func overwritable(path string, fi os.FileInfo) bool {
	if !fi.IsDir() {
		return true
	}
	ents, err := os.ReadDir(path)
	return err == nil && len(ents) == 0
}

// movedFiles are the file settings of a restored database named name whose
// backup named its files logical, with the paths plan moves them to (nil
// when neither is given).
func movedFiles(name string, logical []string, plan [2]*fileMove) []catalog.FileSetting {
	if len(logical) != 2 && plan[0] == nil && plan[1] == nil {
		return nil
	}
	fs := defaultFiles(name)
	if len(logical) == 2 {
		fs[0].Name, fs[1].Name = logical[0], logical[1]
	}
	for i, m := range plan {
		if m != nil {
			fs[i].Path = m.path
		}
	}
	return fs
}

// placeMovedFiles makes the moved files' directories and links dir/data
// and dir/log to them, before the database in dir is opened; id is the
// restored copy's database_id.
func placeMovedFiles(dir string, id int32, plan [2]*fileMove) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, m := range plan {
		if m == nil {
			continue
		}
		if m.dir == "" {
			m.dir = fmt.Sprintf("%s.db%d", m.path, id)
		}
		if m.replace {
			if err := os.Remove(m.dir); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("overwrite %s: %w", m.dir, err)
			}
		}
		if err := os.Mkdir(m.dir, 0o755); err != nil {
			return fmt.Errorf("create %s: %w", m.dir, err)
		}
		if err := os.Symlink(m.dir, filepath.Join(dir, fileSubdirs[i])); err != nil {
			_ = os.Remove(m.dir)
			return fmt.Errorf("link %s: %w", m.dir, err)
		}
	}
	// The links are the only record of where the files are: durable
	// before the restore is.
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// fileSubdirs are the directories of a database's data and log files
// under its directory (database.go opens them).
var fileSubdirs = [2]string{"data", "log"}

// removeDatabaseFiles deletes a database's directory and the directories
// MOVE put elsewhere, which its links point to.
func removeDatabaseFiles(dir string) error {
	var first error
	for _, sub := range fileSubdirs {
		p := filepath.Join(dir, sub)
		if fi, err := os.Lstat(p); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			continue
		}
		if target, err := os.Readlink(p); err == nil {
			if err := os.RemoveAll(target); err != nil && first == nil {
				first = err
			}
		}
	}
	if err := os.RemoveAll(dir); err != nil && first == nil {
		first = err
	}
	return first
}

// osErrorText is err, from opening or making path, as SQL Server reports an
// operating system error — the Windows code and text, which SQL Server on
// Linux reports too: 2 for a missing file, 3 for a missing directory on the
// way to it, 5 for a refused one, 19 for a read-only file system, 112 for a
// full disk, 1117 for EIO. Scripts and DBAs match on these (3201's
// "Operating system error 2(…)" means a wrong path).
func osErrorText(path string, err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "112(There is not enough space on the disk.)"
	case errors.Is(err, syscall.ENOTDIR):
		return "3(The system cannot find the path specified.)"
	case errors.Is(err, os.ErrNotExist):
		if fi, serr := os.Stat(filepath.Dir(path)); serr != nil || !fi.IsDir() {
			return "3(The system cannot find the path specified.)"
		}
		return "2(The system cannot find the file specified.)"
	case errors.Is(err, os.ErrPermission), errors.Is(err, syscall.EISDIR):
		return "5(Access is denied.)"
	case errors.Is(err, syscall.EROFS):
		return "19(The media is write protected.)"
	case errors.Is(err, syscall.EIO):
		return "1117(The request could not be performed because of an I/O device error.)"
	}
	return "31(A device attached to the system is not functioning.)"
}
