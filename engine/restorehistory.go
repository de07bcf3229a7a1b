package engine

import (
	"context"
	"encoding/binary"
	"path/filepath"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// Restore history (msdb.dbo.restorehistory): one row per RESTORE DATABASE
// or RESTORE LOG that succeeded, with its point-in-time options (stop_at,
// stop_at_mark_name, stop_before), what scripts read to see when a
// database was last restored and to what point. Rows are committed to msdb
// under catalog.ObjectMeta with key "restorehistory/" + restore time (8
// bytes, big-endian Unix nanoseconds), and numbered in that order. Each
// row keeps the files the restore wrote or rolled forward: msdb's
// restorefile (one row per file, where it is) and restorefilegroup (one
// per filegroup: PRIMARY, the one filegroup a database has here) show them
// under the same restore_history_id.

var restoreKeyPrefix = []byte("restorehistory/")

// restoreRecord is one restorehistory row, stored as JSON.
type restoreRecord struct {
	Date        time.Time `json:"date"`
	Database    string    `json:"database"`
	User        string    `json:"user,omitempty"`
	BackupSetID int64     `json:"backup_set_id,omitempty"` // 0: not in this server's history
	Type        string    `json:"type"`                    // D database, I differential, L log
	Replace     bool      `json:"replace,omitempty"`
	Recovery    bool      `json:"recovery,omitempty"`
	StopAt      time.Time `json:"stop_at,omitzero"`
	StopAtMark  string    `json:"stop_at_mark,omitempty"`
	StopBefore  bool      `json:"stop_before,omitempty"`
	// Files are the restored database's files (restorefile): the data and
	// the log file, by file id and physical name.
	Files []restoredFile `json:"files,omitempty"`
}

// restoredFile is one restorefile row's file.
type restoredFile struct {
	Number   int    `json:"number"`
	Physical string `json:"physical"`
}

// recordRestore commits a finished restore's history row to msdb. A failure
// is logged, not returned: the restore itself has succeeded.
func (inst *Instance) recordRestore(ctx context.Context, rec restoreRecord, h *backupHeader, stop *stopPoint) {
	rec.Date = time.Now().UTC()
	rec.Type = "D"
	switch {
	case h.Type == "LOG":
		rec.Type = "L"
	case h.Differential:
		rec.Type = "I"
	}
	if stop != nil {
		switch stop.kind {
		case stopAtTime:
			rec.StopAt = stop.at
		default:
			rec.StopAtMark, rec.StopBefore = stop.mark, stop.kind == stopBeforeMark
			rec.StopAt = stop.at // the AFTER time, if any
		}
	}
	if db := inst.Database(rec.Database); db != nil {
		for _, f := range db.files() {
			rec.Files = append(rec.Files, restoredFile{f.id, f.physical})
		}
	}
	inst.historyMu.Lock()
	for _, b := range inst.backupHistory {
		if b.Header.Start.Equal(h.Start) && b.Header.Database == h.Database && b.Header.FamilyGUID == h.FamilyGUID && b.Header.Type == h.Type {
			rec.BackupSetID = b.ID
		}
	}
	inst.historyMu.Unlock()
	if err := inst.persistRestoreRecord(ctx, rec); err != nil {
		inst.logger.Warn("restore history not recorded in msdb", "database", rec.Database, "err", err)
	}
}

func (inst *Instance) persistRestoreRecord(ctx context.Context, rec restoreRecord) error {
	key := binary.BigEndian.AppendUint64(append([]byte(nil), restoreKeyPrefix...), uint64(rec.Date.UnixNano()))
	return inst.putMsdbRow(ctx, key, rec)
}

// restoreHistory reads msdb's restore history in time order.
func (inst *Instance) restoreHistory() ([]restoreRecord, error) {
	return readMsdbRows[restoreRecord](inst, restoreKeyPrefix, "restore history")
}

// restoreHistoryRows serves msdb.dbo.restorehistory (dba_views.go).
func restoreHistoryRows(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
	recs, err := instanceOf(s).restoreHistory()
	if err != nil {
		return nil, err
	}
	rows := make([]exec.Row, 0, len(recs))
	for i, r := range recs {
		set := nullOf(tInt)
		if r.BackupSetID != 0 {
			set = in(r.BackupSetID)
		}
		mark := nullOf(tName)
		if r.StopAtMark != "" {
			mark = nv(r.StopAtMark)
		}
		rows = append(rows, exec.Row{in(int64(i + 1)), dtv(r.Date), nv(r.Database), nv(r.User), set,
			types.NewString(types.Char, r.Type), bt(r.Replace), bt(r.Recovery), bt(false), dtv(r.StopAt), ti(1), mark, bt(r.StopBefore)})
	}
	return rows, nil
}

// restoreFileRows serves msdb.dbo.restorefile: destination_phys_drive is
// the file's volume (its root, on Linux "/"), destination_phys_name its
// full path, as SQL Server's rows give it.
func restoreFileRows(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
	recs, err := instanceOf(s).restoreHistory()
	if err != nil {
		return nil, err
	}
	var rows []exec.Row
	for i, r := range recs {
		for _, f := range r.Files {
			number, _ := types.Convert(types.NewBigInt(int64(f.Number)), types.DecimalType(10, 0), 0)
			drive := filepath.VolumeName(f.Physical) + string(filepath.Separator)
			rows = append(rows, exec.Row{in(int64(i + 1)), number, nv(drive), nv(f.Physical)})
		}
	}
	return rows, nil
}

// restoreFilegroupRows serves msdb.dbo.restorefilegroup: PRIMARY for each
// restore that restored files.
func restoreFilegroupRows(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
	recs, err := instanceOf(s).restoreHistory()
	if err != nil {
		return nil, err
	}
	var rows []exec.Row
	for i, r := range recs {
		if len(r.Files) > 0 {
			rows = append(rows, exec.Row{in(int64(i + 1)), nv("PRIMARY")})
		}
	}
	return rows, nil
}
