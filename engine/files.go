package engine

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// A database's files as SQL Server's views show them: file 1 (ROWS) is the
// badger directory holding its rows and indexes, file 2 (LOG) the directory
// of its log segments. Logical names are the ones RESTORE FILELISTONLY
// reports (db, db_log); sizes are what the directories hold on disk, in 8-KB
// pages, so disk-space scripts (SUM(size) * 8 / 1024 AS MB) read real usage.

// dirBytes is the total size of the regular files under dir.
func dirBytes(dir string) int64 {
	var n int64
	// A file RESTORE … WITH MOVE placed elsewhere is a symbolic link to its
	// directory (restore_move.go); WalkDir would not follow it.
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// databaseFile is one row of sys.master_files / sys.database_files.
type databaseFile struct {
	id       int
	kind     int // 0 ROWS, 1 LOG
	name     string
	physical string
	pages    int64
	setting  catalog.FileSetting // dbfiles.go
	dir      string              // the directory holding it (a link to where MOVE put it)
}

func (db *Database) files() []databaseFile {
	pages := func(dir string) int64 { return (dirBytes(dir) + 8191) / 8192 }
	data, log := filepath.Join(db.dir, "data"), filepath.Join(db.dir, "log")
	fs := defaultFiles(db.name)
	if e := db.inst.Entry(db.name); e != nil {
		fs = fileSettings(e)
	}
	physical := func(f catalog.FileSetting, dir string) string {
		if f.Path != "" { // where RESTORE … WITH MOVE put it (restore_move.go)
			return f.Path
		}
		return dir
	}
	return []databaseFile{
		{1, 0, fs[0].Name, physical(fs[0], data), pages(data), fs[0], data},
		{2, 1, fs[1].Name, physical(fs[1], log), pages(log), fs[1], log},
	}
}

// fileColumns are the columns sys.database_files and sys.master_files share.
var fileColumns = []exec.ViewColumn{col("file_id", tInt), col("file_guid", tGUID), col("type", tTinyInt), col("type_desc", tDesc),
	col("data_space_id", tInt), col("name", tName), col("physical_name", types.NVarCharType(260)), col("state", tTinyInt),
	col("state_desc", tDesc), col("size", tInt), col("max_size", tInt), col("growth", tInt), col("is_media_read_only", tBit),
	col("is_read_only", tBit), col("is_sparse", tBit), col("is_percent_growth", tBit), col("is_name_reserved", tBit),
	col("is_persistent_log_buffer", tBit), col("create_lsn", tNumeric), col("drop_lsn", tNumeric), col("read_only_lsn", tNumeric),
	col("read_write_lsn", tNumeric), col("differential_base_lsn", tNumeric), col("differential_base_guid", tGUID),
	col("differential_base_time", tDateTime), col("redo_start_lsn", tNumeric), col("redo_start_fork_guid", tGUID),
	col("redo_target_lsn", tNumeric), col("redo_target_fork_guid", tGUID), col("backup_lsn", tNumeric)}

func fileRow(db *Database, f databaseFile) exec.Row {
	space, desc, state := int64(1), "ROWS", db.State()
	if f.kind == 1 {
		space, desc = 0, "LOG"
	}
	stateID := map[string]int64{"ONLINE": 0, "RESTORING": 1, "RECOVERING": 2, "RECOVERY_PENDING": 3, "SUSPECT": 4, "OFFLINE": 6}[state]
	// max_size -1: grows until the disk is full; growth in pages (8,192 = 64 MB,
	// the log's segment size) unless MODIFY FILE set them (dbfiles.go).
	set := f.setting
	hist := db.inst.fileHistory(db.name)
	return exec.Row{in(int64(f.id)), fileGUID(db, f.id), ti(int64(f.kind)), nv(desc), in(space), nv(f.name), nv(f.physical), ti(stateID), nv(state),
		in(min(max(f.pages, set.SizePages), math.MaxInt32)), in(min(set.MaxSizePages, math.MaxInt32)), in(min(set.Growth, math.MaxInt32)),
		bt(false), bt(false), bt(false), bt(set.PercentGrowth), bt(false), bt(false),
		// create_lsn is NULL for the files CREATE DATABASE made, as SQL
		// Server shows them; nothing drops or marks a file read-only.
		nullOf(tNumeric), nullOf(tNumeric), nullOf(tNumeric), nullOf(tNumeric),
		hist.diffBaseLSN, hist.diffBaseGUID, hist.diffBaseTime,
		// No file is waiting for a restore's roll forward once the
		// database is online: the redo columns are NULL, as SQL Server's.
		nullOf(tNumeric), nullOf(tGUID), nullOf(tNumeric), nullOf(tGUID),
		hist.backupLSN}
}

func init() {
	exec.RegisterView("sys.database_files", fileColumns, func(s *exec.Session, db exec.Database) ([]exec.Row, error) {
		d := instanceOf(s).Database(db.Name())
		if d == nil {
			return nil, nil
		}
		var out []exec.Row
		for _, f := range d.files() {
			out = append(out, fileRow(d, f))
		}
		return out, nil
	})
	exec.RegisterView("sys.master_files", append(append([]exec.ViewColumn{col("database_id", tInt)}, fileColumns...), col("credential_id", tInt)),
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			for _, d := range instanceOf(s).Databases() {
				for _, f := range d.files() {
					row := append(exec.Row{in(int64(d.id))}, fileRow(d, f)...)
					out = append(out, append(row, nullOf(tInt))) // credential_id: no Azure blob files
				}
			}
			return out, nil
		})
	exec.RegisterProc("sp_spaceused", spSpaceUsed)
}

// spSpaceUsed is sp_spaceused: with @objname, one table's rows and space;
// without, the current database's size and the space of all its tables.
// Sizes are text, as SQL Server's ("16.00 MB", "72 KB"); scripts parse them.
func spSpaceUsed(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
	kb := func(pages int64) types.Value { return types.NewVarChar(fmt.Sprintf("%d KB", pages*8)) }
	pagesOf := func(bytes int64) int64 { return (bytes + 8191) / 8192 }
	extents := func(pages int64) int64 { return (pages + 7) / 8 * 8 }
	if name := exec.ArgString(args, 0, "@objname"); name != "" {
		ts, err := s.SpaceUsed(ctx, name)
		if err != nil {
			return 1, err
		}
		data, index := pagesOf(ts.DataBytes), pagesOf(ts.IndexBytes)
		reserved := extents(data) + extents(index)
		return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("name", tName), rc("rows", types.Type{ID: types.Char, Length: 20}),
			rc("reserved", types.VarCharType(18)), rc("data", types.VarCharType(18)), rc("index_size", types.VarCharType(18)), rc("unused", types.VarCharType(18))},
			[]exec.Row{{nv(ts.Name), types.NewString(types.Char, fmt.Sprintf("%-20d", ts.Rows)), kb(reserved), kb(data), kb(index), kb(reserved - data - index)}})
	}
	d := instanceOf(s).filesDatabase(s.Database().Name())
	if d == nil {
		return 1, fmt.Errorf("sp_spaceused: database %s is not open", s.Database().Name())
	}
	var filePages, dataPages, indexPages, reserved int64
	for _, f := range d.files() {
		filePages += f.pages
	}
	for _, t := range s.Database().Catalog().SortedTables() { // a snapshot's own tables
		ts, err := s.SpaceUsed(ctx, "["+strings.ReplaceAll(t.Schema, "]", "]]")+"].["+strings.ReplaceAll(t.Name, "]", "]]")+"]")
		if err != nil {
			return 1, err
		}
		data, index := pagesOf(ts.DataBytes), pagesOf(ts.IndexBytes)
		dataPages, indexPages, reserved = dataPages+data, indexPages+index, reserved+extents(data)+extents(index)
	}
	mb := func(pages int64) types.Value {
		return types.NewVarChar(fmt.Sprintf("%.2f MB", float64(pages)*8/1024))
	}
	if err := exec.SendRows(s, out, []exec.ResultColumn{rc("database_name", tName), rc("database_size", types.VarCharType(18)), rc("unallocated space", types.VarCharType(18))},
		[]exec.Row{{nv(s.Database().Name()), mb(filePages), mb(max(filePages-reserved, 0))}}); err != nil {
		return 1, err
	}
	return 0, exec.SendRows(s, out, []exec.ResultColumn{rc("reserved", types.VarCharType(18)), rc("data", types.VarCharType(18)),
		rc("index_size", types.VarCharType(18)), rc("unused", types.VarCharType(18))},
		[]exec.Row{{kb(reserved), kb(dataPages), kb(indexPages), kb(reserved - dataPages - indexPages)}})
}
