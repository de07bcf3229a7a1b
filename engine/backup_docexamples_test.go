package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocBackupRestoreExamples runs the examples of Microsoft's BACKUP and
// RESTORE pages that write to DISK, as written there but for the database
// (d for AdventureWorks2022) and the file names, which are relative: SQL
// Server puts them in its default backup directory, here the data directory
// (before, the server process's working directory). Logical backup devices
// (sp_addumpdevice: backup_devices_test.go), STOPAT (restore_stop_test.go),
// TAPE and URL are not covered here.
func TestDocBackupRestoreExamples(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	moved := t.TempDir()
	mustExec(t, s, "CREATE DATABASE d ON (NAME = d_Data) LOG ON (NAME = d_Log); CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	for _, sql := range []string{
		// BACKUP, A. Back up a complete database (to a new media set).
		"BACKUP DATABASE d TO DISK = 'AdvWorksData.bak' WITH FORMAT;",
		// BACKUP, B. Back up the database and log.
		"ALTER DATABASE d SET RECOVERY FULL;",
		"BACKUP DATABASE d TO DISK = 'AdvWorksData.bak' WITH FORMAT;",
		"BACKUP LOG d TO DISK = 'AdvWorksLog.bak';",
		// BACKUP, H. Create a compressed backup in a new media set.
		"BACKUP DATABASE d TO DISK = 'AdvWorksCompressed.bak' WITH FORMAT, COMPRESSION;",
		// RESTORE, B. Restore full and differential database backups.
		"BACKUP DATABASE d TO DISK = 'AdventureWorks2022.bak' WITH FORMAT;",
		"INSERT d.dbo.t VALUES (2);",
		"BACKUP DATABASE d TO DISK = 'AdventureWorks2022.bak' WITH DIFFERENTIAL;",
		"BACKUP LOG d TO DISK = 'AdventureWorks2022.bak' WITH NORECOVERY;",
		"RESTORE DATABASE d FROM DISK = 'AdventureWorks2022.bak' WITH FILE = 1, NORECOVERY;",
		"RESTORE DATABASE d FROM DISK = 'AdventureWorks2022.bak' WITH FILE = 2, RECOVERY;",
		// RESTORE, C. Restore a database using RESTORE WITH MOVE (and its log).
		"RESTORE DATABASE NewAdvWorks FROM DISK = 'AdvWorksData.bak' WITH NORECOVERY, " +
			"MOVE 'd_Data' TO '" + filepath.Join(moved, "NewAdvWorks.mdf") + "', MOVE 'd_Log' TO '" + filepath.Join(moved, "NewAdvWorks.ldf") + "';",
		"RESTORE LOG NewAdvWorks FROM DISK = 'AdvWorksLog.bak' WITH RECOVERY;",
		// RESTORE, D. Copy a database using BACKUP and RESTORE.
		"BACKUP DATABASE d TO DISK = 'AdventureWorksBackups.bak';",
		"RESTORE FILELISTONLY FROM DISK = 'AdventureWorksBackups.bak';",
		"RESTORE DATABASE TestDB FROM DISK = 'AdventureWorksBackups.bak' " +
			"WITH MOVE 'd_Data' TO '" + filepath.Join(moved, "testdb.mdf") + "', MOVE 'd_Log' TO '" + filepath.Join(moved, "testdb.ldf") + "';",
		// RESTORE HEADERONLY's and VERIFYONLY's examples.
		"RESTORE HEADERONLY FROM DISK = N'AdvWorksData.bak' WITH NOUNLOAD;",
		"RESTORE VERIFYONLY FROM DISK = 'AdvWorksData.bak';",
	} {
		mustExec(t, s, sql)
	}
	for _, f := range []string{"AdvWorksData.bak", "AdvWorksLog.bak", "AdvWorksCompressed.bak", "AdventureWorks2022.bak", "AdventureWorksBackups.bak"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s is not in the data directory: %v", f, err)
		}
	}
	for _, c := range []struct{ sql, want string }{
		{"SELECT COUNT(*) FROM d.dbo.t", "2"},
		{"SELECT COUNT(*) FROM NewAdvWorks.dbo.t", "1"},
		{"SELECT COUNT(*) FROM TestDB.dbo.t", "2"},
		{"SELECT physical_name FROM sys.master_files WHERE database_id = DB_ID('TestDB') AND file_id = 1", filepath.Join(moved, "testdb.mdf")},
		{"SELECT TOP 1 physical_device_name FROM msdb.dbo.backupmediafamily ORDER BY media_set_id DESC", filepath.Join(dir, "AdventureWorksBackups.bak")},
	} {
		if got := strings.Join(mustExec(t, s, c.sql), " "); got != c.want {
			t.Errorf("%s: %q, want %q", c.sql, got, c.want)
		}
	}
}

// TestTailLogBackupNoRecovery: BACKUP LOG … WITH NORECOVERY (the tail-log
// backup Microsoft's restore sequences start with) leaves the database
// RESTORING — the RESTORE that follows needs no REPLACE, RESTORE … WITH
// RECOVERY brings it back with its rows — and needs the database to itself
// (3101). Before, it stayed ONLINE and the restore was refused with 3159.
func TestTailLogBackupNoRecovery(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'full.bak'")
	mustExec(t, s, "INSERT d.dbo.t VALUES (2)")
	other := newTestSession(t, inst, "d")
	if got := execNumber(t, s, "BACKUP LOG d TO DISK = 'tail.trn' WITH NORECOVERY"); got != 3101 {
		t.Errorf("tail-log backup of a database in use: %d, want 3101", got)
	}
	mustExec(t, other, "USE master")
	state := "SELECT state_desc FROM sys.databases WHERE name = 'd'"
	mustExec(t, s, "BACKUP LOG d TO DISK = 'tail.trn' WITH NORECOVERY")
	if got := strings.Join(mustExec(t, s, state), ""); got != "RESTORING" {
		t.Errorf("after the tail-log backup: %s, want RESTORING", got)
	}
	mustExec(t, s, "RESTORE DATABASE d WITH RECOVERY")
	if got := strings.Join(mustExec(t, s, state+"; SELECT COUNT(*) FROM d.dbo.t"), " "); got != "ONLINE 2" {
		t.Errorf("RESTORE WITH RECOVERY after the tail-log backup: %q, want ONLINE 2", got)
	}
	mustExec(t, s, "BACKUP LOG d TO DISK = 'tail2.trn' WITH NORECOVERY")
	mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'full.bak' WITH NORECOVERY")
	mustExec(t, s, "RESTORE LOG d FROM DISK = 'tail.trn' WITH NORECOVERY")
	mustExec(t, s, "RESTORE LOG d FROM DISK = 'tail2.trn' WITH RECOVERY")
	if got := strings.Join(mustExec(t, s, state+"; SELECT COUNT(*) FROM d.dbo.t"), " "); got != "ONLINE 2" {
		t.Errorf("restored from the full backup and the tail: %q, want ONLINE 2", got)
	}
}
