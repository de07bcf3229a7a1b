package engine

import (
	"path/filepath"
	"testing"
)

// TestRestoreHistory: each RESTORE DATABASE and RESTORE LOG leaves a row in
// msdb.dbo.restorehistory — its database, login, the backup set it read
// (msdb.dbo.backupset's id), D or L, whether it recovered the database and
// its stop point (stop_at, stop_at_mark_name, stop_before). Before, the
// view had no rows.
func TestRestoreHistory(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'rh.bak' WITH INIT")
	mustExec(t, s, "BEGIN TRAN Load1 WITH MARK; INSERT d.dbo.t VALUES (1); COMMIT")
	mustExec(t, s, "BACKUP LOG d TO DISK = 'rh.trn' WITH INIT, NORECOVERY")
	mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'rh.bak' WITH NORECOVERY")
	mustExec(t, s, "RESTORE LOG d FROM DISK = 'rh.trn' WITH STOPBEFOREMARK = 'Load1'")
	mustExec(t, s, "RESTORE DATABASE d2 FROM DISK = 'rh.bak' WITH NORECOVERY")
	mustExec(t, s, "RESTORE LOG d2 FROM DISK = 'rh.trn' WITH RECOVERY, STOPAT = '2999-01-01'") // beyond: stays RESTORING
	got := one(t, s, `SELECT CONVERT(varchar(5), restore_history_id) + ',' + destination_database_name + ',' + user_name + ','
		+ CONVERT(varchar(5), backup_set_id) + ',' + restore_type + ',' + CONVERT(varchar(1), [replace]) + CONVERT(varchar(1), recovery) + ','
		+ ISNULL(CONVERT(varchar(4), YEAR(stop_at)), '-') + ',' + ISNULL(stop_at_mark_name, '-') + ',' + CONVERT(varchar(1), stop_before)
		FROM msdb.dbo.restorehistory ORDER BY restore_history_id`)
	want := "1,d,sa,1,D,00,-,-,0 2,d,sa,2,L,01,-,Load1,1 3,d2,sa,1,D,00,-,-,0 4,d2,sa,2,L,00,2999,-,0"
	if got != want {
		t.Errorf("msdb.dbo.restorehistory:\n got %s\nwant %s", got, want)
	}
}

// TestRestoreFileRows: each RESTORE DATABASE and RESTORE LOG has a row in
// msdb.dbo.restorefile for each file of the database it restored — file
// 1 the data, 2 the log, where they are (MOVE's targets, sys.master_files'
// physical_name) — and one in restorefilegroup (PRIMARY), under its
// restore_history_id. Before, both were empty.
func TestRestoreFileRows(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'rf.bak' WITH INIT")
	mustExec(t, s, "BACKUP LOG d TO DISK = 'rf.trn' WITH INIT")
	mustExec(t, s, "RESTORE DATABASE c FROM DISK = 'rf.bak' WITH NORECOVERY, MOVE 'd' TO 'c_data', MOVE 'd_log' TO 'c_log'")
	mustExec(t, s, "RESTORE LOG c FROM DISK = 'rf.trn' WITH RECOVERY")
	got := one(t, s, `SELECT CONVERT(varchar(3), f.restore_history_id) + ',' + CONVERT(varchar(3), f.file_number) + ','
		+ f.destination_phys_drive + ',' + CASE WHEN f.destination_phys_name = m.physical_name THEN 'same' ELSE f.destination_phys_name END
		FROM msdb.dbo.restorefile f JOIN sys.master_files m ON m.database_id = DB_ID('c') AND m.file_id = f.file_number
		ORDER BY f.restore_history_id, f.file_number`)
	if want := "1,1,/,same 1,2,/,same 2,1,/,same 2,2,/,same"; got != want {
		t.Errorf("msdb.dbo.restorefile:\n got %s\nwant %s", got, want)
	}
	if got, want := one(t, s, "SELECT physical_name FROM sys.master_files WHERE database_id = DB_ID('c') ORDER BY file_id"),
		filepath.Join(dir, "c_data")+" "+filepath.Join(dir, "c_log"); got != want {
		t.Errorf("sys.master_files: %s, want %s", got, want)
	}
	got = one(t, s, "SELECT CONVERT(varchar(3), restore_history_id) + ',' + filegroup_name FROM msdb.dbo.restorefilegroup ORDER BY restore_history_id")
	if want := "1,PRIMARY 2,PRIMARY"; got != want {
		t.Errorf("msdb.dbo.restorefilegroup: %s, want %s", got, want)
	}
}
