package engine

import "testing"

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
