package engine

import (
	"context"
	"encoding/binary"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
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
	// Logical is the TO device's name when it is a logical device;
	// Mirrors are the MIRROR TO copies, in order (backupmediafamily's
	// rows with mirror 1, 2, …).
	Logical string        `json:"logical,omitempty"`
	Mirrors []mediaFamily `json:"mirrors,omitempty"`
}

// mediaFamily is one file a backup was written to: its physical path and,
// for a logical backup device (sp_addumpdevice), the device's name.
type mediaFamily struct {
	Path    string `json:"path"`
	Logical string `json:"logical,omitempty"`
}

func historyKey(id int64) []byte {
	return binary.BigEndian.AppendUint64(append([]byte(nil), historyKeyPrefix...), uint64(id))
}

// recordBackup commits a backup's history row to msdb and caches it;
// families are the files it was written to, the TO device first, then each
// mirror. A failure to record is logged, not returned: the backup itself
// has succeeded.
func (inst *Instance) recordBackup(ctx context.Context, h *backupHeader, size int64, families []mediaFamily) {
	inst.historyMu.Lock()
	defer inst.historyMu.Unlock()
	rec := backupRecord{ID: int64(len(inst.backupHistory)) + 1, Header: *h, Size: size, Path: families[0].Path,
		Logical: families[0].Logical, Mirrors: families[1:]}
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

func init() {
	// One media family (one DISK file) per backup, and a row for each
	// mirror of it (mirror 0 is the TO device): media_set_id is the
	// backup_set_id. device_type is 2 for a disk file named in the
	// statement, 102 for a logical (permanent) disk device, whose name is
	// logical_device_name. media_family_id is the media set's family GUID
	// (RESTORE LABELONLY's MediaFamilyId).
	exec.RegisterView("dbo.backupmediafamily", []exec.ViewColumn{col("media_set_id", tInt), col("family_sequence_number", tTinyInt),
		col("media_family_id", tGUID), col("media_count", tInt), col("logical_device_name", tName),
		col("physical_device_name", types.NVarCharType(260)), col("device_type", tTinyInt), col("physical_block_size", tInt),
		col("mirror", tTinyInt)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			inst := instanceOf(s)
			inst.historyMu.Lock()
			defer inst.historyMu.Unlock()
			var out []exec.Row
			for _, r := range inst.backupHistory {
				family := guidValue(r.Header.MediaSetID) // NULL in a set without one
				for i, f := range append([]mediaFamily{{Path: r.Path, Logical: r.Logical}}, r.Mirrors...) {
					logical, typ := nullOf(tName), uint8(2)
					if f.Logical != "" {
						logical, typ = nv(f.Logical), 102
					}
					out = append(out, exec.Row{in(r.ID), types.NewTinyInt(1), family, in(1), logical, nv(f.Path),
						types.NewTinyInt(typ), nullOf(tInt), types.NewTinyInt(uint8(i))})
				}
			}
			return out, nil
		})
}
