package engine

import (
	"context"
	"encoding/binary"
)

// Backup history (msdb.dbo.backupset, msdb.dbo.backupmediafamily). Each
// backup's record is committed to msdb, like SQL Server's history tables, under
// the engine's bookkeeping object (catalog.ObjectMeta) with key
// "backupset/" + backup_set_id (8 bytes big-endian), so it goes through msdb's
// log and survives restarts. inst.backupHistory caches it in id order; it is
// loaded once at Open.

var historyKeyPrefix = []byte("backupset/")

// backupRecord is one backup_set row; it is stored as JSON.
type backupRecord struct {
	ID     int64        `json:"id"`
	Header backupHeader `json:"header"`
	Size   int64        `json:"size"`
	Path   string       `json:"path"` // backupmediafamily.physical_device_name
}

func historyKey(id int64) []byte {
	return binary.BigEndian.AppendUint64(append([]byte(nil), historyKeyPrefix...), uint64(id))
}

// recordBackup commits a backup's history row to msdb and caches it. A failure
// to record is logged, not returned: the backup itself has succeeded.
func (inst *Instance) recordBackup(ctx context.Context, h *backupHeader, size int64, path string) {
	inst.historyMu.Lock()
	defer inst.historyMu.Unlock()
	rec := backupRecord{ID: int64(len(inst.backupHistory)) + 1, Header: *h, Size: size, Path: path}
	if n := len(inst.backupHistory); n > 0 {
		rec.ID = inst.backupHistory[n-1].ID + 1
	}
	if err := inst.persistBackupRecord(ctx, rec); err != nil {
		inst.logger.Warn("backup history not recorded in msdb", "database", h.Database, "err", err)
	}
	inst.backupHistory = append(inst.backupHistory, rec)
}

func (inst *Instance) persistBackupRecord(ctx context.Context, rec backupRecord) error {
	return inst.putMsdbRow(ctx, historyKey(rec.ID), rec)
}

// loadBackupHistory reads msdb's backup history into the cache (Open).
func (inst *Instance) loadBackupHistory() error {
	recs, err := readMsdbRows[backupRecord](inst, historyKeyPrefix, "backup history")
	if err != nil {
		return err
	}
	inst.historyMu.Lock()
	defer inst.historyMu.Unlock()
	inst.backupHistory = recs
	return nil
}
