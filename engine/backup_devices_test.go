package engine

import (
	"os"
	"path/filepath"
	"testing"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// firstError runs sql and returns the SQL Server number of its first error,
// 0 when it succeeded.
func firstError(t *testing.T, s *sqlexec.Session, sql string) int32 {
	t.Helper()
	if nums := errorNumbers(t, s, sql); len(nums) > 0 {
		return nums[0]
	}
	return 0
}

// TestLogicalBackupDevices follows the sp_addumpdevice, sp_dropdevice and
// BACKUP pages: a logical device names a backup file (in the default backup
// directory when the name has none), sys.backup_devices lists it, BACKUP …
// TO and RESTORE … FROM take its name or a variable holding it, and
// sp_dropdevice … 'delfile' removes the file. The names survive a restart.
// Errors: 15026, 15061, 15044, 15045, 15012, 15002 and 3206. Before, the
// procedures did not exist and BACKUP … TO name was a syntax error.
func TestLogicalBackupDevices(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	abs := filepath.Join(t.TempDir(), "AdvWorksData.bak")
	mustExec(t, s, "EXEC sp_addumpdevice 'disk', 'mydiskdump', 'dump1.bak'")
	mustExec(t, s, "EXEC sp_addumpdevice @devtype = 'disk', @logicalname = 'AdvWorksData', @physicalname = '"+abs+"'")
	devices := "SELECT name + ',' + CONVERT(varchar(3), type) + ',' + type_desc + ',' + physical_name FROM sys.backup_devices ORDER BY name"
	if got, want := one(t, s, devices), "AdvWorksData,2,DISK,"+abs+" mydiskdump,2,DISK,dump1.bak"; got != want {
		t.Errorf("sys.backup_devices: %q, want %q", got, want)
	}
	mustExec(t, s, "BACKUP DATABASE d TO AdvWorksData WITH FORMAT")
	if _, err := os.Stat(abs); err != nil {
		t.Errorf("BACKUP … TO AdvWorksData did not write %s: %v", abs, err)
	}
	mustExec(t, s, "INSERT d.dbo.t VALUES (2); DECLARE @dev sysname = N'mydiskdump'; BACKUP DATABASE d TO @dev WITH INIT")
	if _, err := os.Stat(filepath.Join(dir, "dump1.bak")); err != nil {
		t.Errorf("BACKUP … TO @dev did not write dump1.bak in the data directory: %v", err)
	}
	if got := len(mustExec(t, s, "RESTORE HEADERONLY FROM AdvWorksData")); got != 1 {
		t.Errorf("RESTORE HEADERONLY FROM AdvWorksData: %d sets, want 1", got)
	}
	mustExec(t, s, "RESTORE DATABASE d FROM AdvWorksData WITH REPLACE")
	if got := one(t, s, "SELECT COUNT(*) FROM d.dbo.t"); got != "1" {
		t.Errorf("restored from AdvWorksData: %s rows, want 1", got)
	}
	mustExec(t, s, "RESTORE DATABASE d FROM mydiskdump WITH REPLACE")
	if got := one(t, s, "SELECT COUNT(*) FROM d.dbo.t"); got != "2" {
		t.Errorf("restored from mydiskdump: %s rows, want 2", got)
	}

	for _, c := range []struct {
		sql  string
		want int32
	}{
		{"EXEC sp_addumpdevice 'disk', 'ADVWORKSDATA', 'other.bak'", 15026},
		{"EXEC sp_addumpdevice 'disk', 'other', '" + abs + "'", 15061},
		{"EXEC sp_addumpdevice 'pipe', 'p', 'p.bak'", 15044},
		{"EXEC sp_addumpdevice 'disk', NULL, 'p.bak'", 15045},
		{"EXEC sp_addumpdevice 'disk', 'p', NULL", 15046},
		{"EXEC sp_dropdevice 'nosuch'", 15012},
		{"BACKUP DATABASE d TO nosuch", 3206},
		{"RESTORE DATABASE d FROM nosuch", 3206},
		{"BEGIN TRAN; EXEC sp_dropdevice 'AdvWorksData'", 15002},
	} {
		if got := firstError(t, s, c.sql); got != c.want {
			t.Errorf("%s: %d, want %d", c.sql, got, c.want)
		}
	}
	mustExec(t, s, "IF @@TRANCOUNT > 0 ROLLBACK")

	mustExec(t, s, "EXEC sp_dropdevice 'AdvWorksData', 'delfile'")
	if _, err := os.Stat(abs); !os.IsNotExist(err) {
		t.Errorf("sp_dropdevice … 'delfile' left %s: %v", abs, err)
	}
	inst, s = restartTestInstance(t, inst, dir, "master", s)
	t.Cleanup(func() { _ = inst.Close() })
	if got, want := one(t, s, devices), "mydiskdump,2,DISK,dump1.bak"; got != want {
		t.Errorf("sys.backup_devices after a restart: %q, want %q", got, want)
	}
}

// TestRestoreMoveRelative: a relative WITH MOVE target is in the default
// data directory (here the data directory), as SQL Server resolves it —
// sys.master_files shows the full path and the file is there. Before, it
// was resolved against the server process's working directory.
func TestRestoreMoveRelative(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d ON (NAME = d_data) LOG ON (NAME = d_log); CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'rel.bak'")
	mustExec(t, s, "RESTORE DATABASE d2 FROM DISK = 'rel.bak' WITH MOVE 'd_data' TO 'd2.mdf', MOVE 'd_log' TO 'd2_log.ldf'")
	mdf, ldf := filepath.Join(dir, "d2.mdf"), filepath.Join(dir, "d2_log.ldf")
	if got, want := one(t, s, "SELECT physical_name FROM sys.master_files WHERE database_id = DB_ID('d2') ORDER BY file_id"), mdf+" "+ldf; got != want {
		t.Errorf("sys.master_files: %q, want %q", got, want)
	}
	for _, p := range []string{mdf, ldf} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if got := one(t, s, "SELECT COUNT(*) FROM d2.dbo.t"); got != "1" {
		t.Errorf("d2: %s rows, want 1", got)
	}
}
