package engine

import (
	"time"

	"github.com/google/uuid"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
)

// The views backup scripts read to choose a backup type (Ola Hallengren's
// DatabaseBackup, most log-shipping and "is a log backup due" checks):
// sys.master_files' differential base (files.go), sys.database_recovery_status
// and sys.dm_db_log_stats. Their figures come from the backup history
// (backuphistory.go) and the database's catalog entry, so they agree with
// msdb.dbo.backupset and with what BACKUP LOG accepts (4214 until a full
// backup starts the chain).

// fileBackupState is what sys.master_files shows of a database's backups.
type fileBackupState struct {
	// diffBaseLSN, diffBaseGUID and diffBaseTime describe the last full,
	// not COPY_ONLY, database backup: its checkpoint_lsn (the value
	// msdb.dbo.backupset has, which scripts join on), the backup set's
	// identity and its start time. NULL before any full backup.
	diffBaseLSN, diffBaseGUID, diffBaseTime types.Value
	// backupLSN is the checkpoint LSN of the latest database or log backup
	// that was not COPY_ONLY, NULL before any.
	backupLSN types.Value
}

// fileHistory reads the backup history for db's file rows.
func (inst *Instance) fileHistory(db string) fileBackupState {
	st := fileBackupState{nullOf(tNumeric), nullOf(tGUID), nullOf(types.TypeDateTime), nullOf(tNumeric)}
	inst.historyMu.Lock()
	defer inst.historyMu.Unlock()
	for i := len(inst.backupHistory) - 1; i >= 0; i-- {
		h := inst.backupHistory[i].Header
		if h.Database != db || h.CopyOnly {
			continue
		}
		if st.backupLSN.IsNull() {
			st.backupLSN = lsnValue(txlog.LSN(h.CheckpointLSN))
		}
		if h.Type == "DATABASE" && !h.Differential {
			st.diffBaseLSN = lsnValue(txlog.LSN(h.CheckpointLSN))
			st.diffBaseGUID = guidValue(backupSetGUID(h).String())
			st.diffBaseTime = dtv(h.Start)
			break
		}
	}
	return st
}

// hasDifferentialBase reports whether db has a full backup a differential
// can be based on (sys.master_files.differential_base_lsn is not NULL).
func (inst *Instance) hasDifferentialBase(db string) bool {
	return !inst.fileHistory(db).diffBaseLSN.IsNull()
}

// backupSetGUID names one backup set: derived from the database's family
// GUID and the set's start, so the same set always shows the same GUID.
func backupSetGUID(h backupHeader) uuid.UUID {
	ns, err := uuid.Parse(h.FamilyGUID)
	if err != nil {
		ns = uuid.Nil
	}
	return uuid.NewSHA1(ns, []byte(h.Start.UTC().Format(time.RFC3339Nano)))
}

// fileGUID is file id's file_guid: stable for the database's family (a
// restore keeps it), NULL for a database that has no family GUID yet.
func fileGUID(db *Database, id int) types.Value {
	e := db.inst.Entry(db.name)
	if e == nil || e.FamilyGUID == "" {
		return nullOf(tGUID)
	}
	ns, err := uuid.Parse(e.FamilyGUID)
	if err != nil {
		return nullOf(tGUID)
	}
	return guidValue(uuid.NewSHA1(ns, []byte{byte(id)}).String())
}

// lastLogBackup is db's latest log backup that was not COPY_ONLY.
func (inst *Instance) lastLogBackup(db string) (backupHeader, bool) {
	inst.historyMu.Lock()
	defer inst.historyMu.Unlock()
	for i := len(inst.backupHistory) - 1; i >= 0; i-- {
		h := inst.backupHistory[i].Header
		if h.Database == db && h.Type == "LOG" && !h.CopyOnly {
			return h, true
		}
	}
	return backupHeader{}, false
}

// mbOf is a byte count in MB, as the log views show sizes.
func mbOf(bytes uint64) types.Value { return types.NewFloat(float64(bytes) / (1 << 20)) }

func init() {
	// sys.database_recovery_status: last_log_backup_lsn is where the next
	// log backup starts — set by the first full backup, as SQL Server's is
	// (scripts read NULL as "no log backup is possible yet"), NULL under
	// SIMPLE recovery. There are no recovery forks: a database restored
	// from a backup keeps its family, fork_point_lsn is NULL.
	exec.RegisterView("sys.database_recovery_status", []exec.ViewColumn{col("database_id", tInt), col("database_guid", tGUID),
		col("family_guid", tGUID), col("last_log_backup_lsn", tNumeric), col("recovery_fork_guid", tGUID),
		col("first_recovery_fork_guid", tGUID), col("fork_point_lsn", tNumeric)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			inst := instanceOf(s)
			var out []exec.Row
			for _, d := range inst.Databases() {
				e := inst.Entry(d.name)
				if e == nil {
					continue
				}
				family, dbGUID := nullOf(tGUID), nullOf(tGUID)
				if ns, err := uuid.Parse(e.FamilyGUID); err == nil {
					family = guidValue(ns.String())
					dbGUID = guidValue(uuid.NewSHA1(ns, []byte("database")).String())
				}
				last := nullOf(tNumeric)
				if e.LogChainStarted() && e.RecoveryModel != "SIMPLE" {
					last = lsnValue(txlog.MakeLSN(e.BackupChainEnd, 1))
				}
				out = append(out, exec.Row{in(int64(d.id)), dbGUID, family, last, family, family, nullOf(tNumeric)})
			}
			return out, nil
		})

	// sys.dm_db_log_stats(database_id): the log's segments are its VLFs
	// (dmv_io.go); "since last log backup" counts from where the next log
	// backup starts (or from the oldest retained log before the first
	// full backup); recovery after a crash starts at the checkpoint.
	lsnText := types.NVarCharType(24)
	exec.RegisterTableFunc(exec.TableFunc{Name: "dm_db_log_stats", MinArgs: 1, MaxArgs: 1,
		Cols: []exec.ViewColumn{col("database_id", tInt), col("recovery_model", tDesc), col("log_min_lsn", lsnText),
			col("log_end_lsn", lsnText), col("current_vlf_sequence_number", tBigInt), col("current_vlf_size_mb", types.TypeFloat),
			col("total_vlf_count", tBigInt), col("total_log_size_mb", types.TypeFloat), col("active_vlf_count", tBigInt),
			col("active_log_size_mb", types.TypeFloat), col("log_truncation_holdup_reason", tDesc), col("log_backup_time", tDateTime),
			col("log_backup_lsn", lsnText), col("log_since_last_log_backup_mb", types.TypeFloat), col("log_checkpoint_lsn", lsnText),
			col("log_since_last_checkpoint_mb", types.TypeFloat), col("log_recovery_lsn", lsnText),
			col("log_recovery_size_mb", types.TypeFloat), col("recovery_vlf_count", tBigInt)},
		Rows: func(s *exec.Session, args []types.Value) ([]exec.Row, error) {
			inst := instanceOf(s)
			var out []exec.Row
			for _, d := range inst.databaseArg(s, args[0], false) {
				e := inst.Entry(d.name)
				if e == nil {
					continue
				}
				vs, err := d.vlfs()
				if err != nil {
					return nil, err
				}
				end := d.log.EndOfLog()
				endOff, cp := end.BlockOffset(), d.log.CheckpointLSN()
				var total, active, recoveryVLFs int64
				var totalBytes, activeBytes uint64
				var curSeq int64
				var curSize uint64
				for _, v := range vs {
					total++
					totalBytes += uint64(v.size)
					if v.active {
						active++
						activeBytes += uint64(v.size)
					}
					if v.begin <= endOff {
						curSeq, curSize = int64(v.seq), uint64(v.size)
					}
					if v.begin+uint64(v.size) > cp.BlockOffset() && v.begin <= endOff {
						recoveryVLFs++
					}
				}
				since := d.log.RetainedFrom()
				backupTime, backupLSN := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), txlog.LSN(0)
				if e.LogChainStarted() {
					since = e.BackupChainEnd
				}
				if h, ok := inst.lastLogBackup(d.name); ok {
					backupTime, backupLSN = h.Finish, txlog.MakeLSN(h.LastOffset, 1)
				}
				diff := func(from uint64) uint64 {
					if endOff > from {
						return endOff - from
					}
					return 0
				}
				out = append(out, exec.Row{in(int64(d.id)), nv(e.RecoveryModel), nv(txlog.MakeLSN(d.log.RetainedFrom(), 1).String()),
					nv(end.String()), types.NewBigInt(curSeq), mbOf(curSize), types.NewBigInt(total), mbOf(totalBytes),
					types.NewBigInt(active), mbOf(activeBytes), nv(d.LogReuseWait()), dtv(backupTime), nv(backupLSN.String()),
					mbOf(diff(since)), nv(cp.String()), mbOf(diff(cp.BlockOffset())), nv(cp.String()), mbOf(diff(cp.BlockOffset())),
					types.NewBigInt(recoveryVLFs)})
			}
			return out, nil
		}})
}
