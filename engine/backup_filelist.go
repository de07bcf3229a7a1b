package engine

import (
	"fmt"

	"github.com/google/uuid"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// sendFileList answers RESTORE FILELISTONLY for set FILE = fileNo of sets:
// each database file's logical name and, as SQL Server gives them, its
// physical name on the server that made the backup — here the database's
// data and log directories (sys.database_files' physical_name), which a
// RESTORE … WITH MOVE names by their logical names. A set written before
// sets recorded them shows the files of the database of its name here, if
// there is one, else the names a file-based server would use.
func (inst *Instance) sendFileList(s *exec.Session, out exec.Output, sets []*backupSet, fileNo int) error {
	if fileNo < 1 || fileNo > len(sets) {
		fileNo = 1
	}
	h := sets[fileNo-1].header
	dataFile, logFile := h.logicalFiles()
	physical := h.Physical
	if len(physical) != 2 {
		physical = []string{h.Database + ".mdf", h.Database + "_log.ldf"}
		if db := inst.Database(h.Database); db != nil {
			physical = physical[:0]
			for _, f := range db.files() {
				physical = append(physical, f.physical)
			}
		}
	}
	return exec.SendRows(s, out, fileListColumns, []exec.Row{
		fileListRow(&h, 1, dataFile, physical[0]),
		fileListRow(&h, 2, logFile, physical[1]),
	})
}

// fileListColumns are RESTORE FILELISTONLY's columns, in Microsoft's
// documented order and types.
var fileListColumns = func() []exec.ResultColumn {
	lsn, guid := types.DecimalType(25, 0), types.Type{ID: types.UniqueIdentifier}
	c := func(n string, t types.Type) exec.ResultColumn { return exec.ResultColumn{Name: n, Type: t} }
	return []exec.ResultColumn{c("LogicalName", types.NVarCharType(128)), c("PhysicalName", types.NVarCharType(260)),
		c("Type", types.Type{ID: types.Char, Length: 1}), c("FileGroupName", types.NVarCharType(128)), c("Size", types.DecimalType(20, 0)),
		c("MaxSize", types.DecimalType(20, 0)), c("FileID", types.TypeBigInt), c("CreateLSN", lsn), c("DropLSN", lsn), c("UniqueID", guid),
		c("ReadOnlyLSN", lsn), c("ReadWriteLSN", lsn), c("BackupSizeInBytes", types.TypeBigInt), c("SourceBlockSize", types.TypeInt),
		c("FileGroupID", types.TypeInt), c("LogGroupGUID", guid), c("DifferentialBaseLSN", lsn), c("DifferentialBaseGUID", guid),
		c("IsReadOnly", types.TypeBit), c("IsPresent", types.TypeBit), c("TDEThumbprint", types.Type{ID: types.VarBinary, Length: 32}),
		c("SnapshotURL", types.NVarCharType(360))}
}()

// fileListRow is file id's FILELISTONLY row of set h. The data file is in
// filegroup PRIMARY and holds the backed-up rows (BackupSizeInBytes); the
// log file has no filegroup and, in a data backup, no bytes of its own, as
// SQL Server shows them. MaxSize is SQL Server's for UNLIMITED (16 TB for
// data, 2 TB for a log); UniqueID is the file's sys.database_files.file_guid
// (derived from the family GUID, so a restored copy keeps it).
func fileListRow(h *backupHeader, id int, logical, physical string) exec.Row {
	zero := types.MustDecimal("0")
	lsn := func(v uint64) types.Value { return types.MustDecimal(txlog.LSN(v).Numeric().String()) }
	unique := types.Null(types.UniqueIdentifier)
	if ns, err := uuid.Parse(h.FamilyGUID); err == nil {
		unique = guidValue(uuid.NewSHA1(ns, []byte{byte(id)}).String())
	}
	size := h.EntryBytes
	if size == 0 {
		size = h.Size
	}
	if id == 2 {
		backed := int64(0)
		if h.Type == "LOG" {
			backed = size
		}
		return exec.Row{types.NewNVarChar(logical), types.NewNVarChar(physical), types.NewString(types.Char, "L"), types.Null(types.NVarChar),
			types.MustDecimal("0"), types.MustDecimal("2199023255552"), types.NewBigInt(2), zero, types.Null(types.Decimal), unique,
			zero, zero, types.NewBigInt(backed), types.NewInt(512), types.NewInt(0), types.Null(types.UniqueIdentifier),
			zero, types.Null(types.UniqueIdentifier), types.NewBit(false), types.NewBit(true), types.Null(types.VarBinary), types.Null(types.NVarChar)}
	}
	// The data file's differential base: a differential's base, or the full
	// backup itself (the base of the differentials after it).
	baseLSN, baseGUID := lsn(h.CheckpointLSN), guidValue(backupSetGUID(*h).String())
	switch {
	case h.Differential && h.DiffBaseGUID != "":
		baseLSN, baseGUID = lsn(h.DiffBaseLSN), guidValue(h.DiffBaseGUID)
	case h.Type == "LOG":
		baseLSN, baseGUID = zero, types.Null(types.UniqueIdentifier)
	}
	backed := size
	if h.Type == "LOG" {
		backed = 0
	}
	return exec.Row{types.NewNVarChar(logical), types.NewNVarChar(physical), types.NewString(types.Char, "D"), types.NewNVarChar("PRIMARY"),
		types.MustDecimal(fmt.Sprint(h.Size)), types.MustDecimal("35184372080640"), types.NewBigInt(1), zero, types.Null(types.Decimal), unique,
		zero, zero, types.NewBigInt(backed), types.NewInt(512), types.NewInt(1), types.Null(types.UniqueIdentifier),
		baseLSN, baseGUID, types.NewBit(false), types.NewBit(true), types.Null(types.VarBinary), types.Null(types.NVarChar)}
}
