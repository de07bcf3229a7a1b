package engine

import (
	"fmt"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
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
	return exec.SendRows(s, out, []exec.ResultColumn{{Name: "LogicalName", Type: types.NVarCharType(128)}, {Name: "PhysicalName", Type: types.NVarCharType(260)}, {Name: "Type", Type: types.Type{ID: types.Char, Length: 1}}, {Name: "Size", Type: types.DecimalType(20, 0)}},
		[]exec.Row{
			{types.NewNVarChar(dataFile), types.NewNVarChar(physical[0]), types.NewString(types.Char, "D"), types.MustDecimal(fmt.Sprint(h.Size))},
			{types.NewNVarChar(logFile), types.NewNVarChar(physical[1]), types.NewString(types.Char, "L"), types.MustDecimal("0")},
		})
}
