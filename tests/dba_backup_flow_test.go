package tests

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// backupJob is a backup job in the shape of the community maintenance
// scripts, in our own words: a command runner that executes each command
// through the target database's sp_executesql (named by a variable, with
// @stmt) and logs @@ERROR, and a procedure that picks the backup type from
// sys.master_files / sys.database_recovery_status the way they do.
const backupJob = `
CREATE TABLE dbo.JobLog (ID int IDENTITY PRIMARY KEY, DatabaseName sysname, CommandType nvarchar(60), Command nvarchar(max), ErrorNumber int)
GO
CREATE PROCEDURE dbo.RunLogged @Db sysname, @Type nvarchar(60), @Cmd nvarchar(max) AS
BEGIN
  DECLARE @sp nvarchar(400) = QUOTENAME(@Db) + N'.sys.sp_executesql', @err int, @id int
  INSERT dbo.JobLog (DatabaseName, CommandType, Command) VALUES (@Db, @Type, @Cmd)
  SET @id = SCOPE_IDENTITY()
  EXECUTE @sp @stmt = @Cmd
  SET @err = @@ERROR
  UPDATE dbo.JobLog SET ErrorNumber = @err WHERE ID = @id
END
GO
CREATE PROCEDURE dbo.BackupOne @Db sysname, @Type nvarchar(4), @Dir nvarchar(400) AS
BEGIN
  DECLARE @base numeric(25,0), @loglsn numeric(25,0), @file nvarchar(600), @cmd nvarchar(max)
  SELECT @base = differential_base_lsn FROM sys.master_files WHERE database_id = DB_ID(@Db) AND [type] = 0 AND [file_id] = 1
  SELECT @loglsn = last_log_backup_lsn FROM sys.database_recovery_status WHERE database_id = DB_ID(@Db)
  IF @Type = 'LOG' AND @loglsn IS NULL SET @Type = 'DIFF'
  IF @Type = 'DIFF' AND @base IS NULL SET @Type = 'FULL'
  SET @file = @Dir + N'/' + @Db + N'/' + @Type + N'/' + @Db + N'_' + @Type + CASE WHEN @Type = 'LOG' THEN N'.trn' ELSE N'.bak' END
  SET @cmd = CASE WHEN @Type = 'LOG' THEN N'BACKUP LOG ' ELSE N'BACKUP DATABASE ' END + QUOTENAME(@Db) + N' TO DISK = N''' + REPLACE(@file, '''', '''''') + N''' WITH CHECKSUM' + CASE WHEN @Type = 'DIFF' THEN N', DIFFERENTIAL' ELSE N'' END
  EXECUTE dbo.RunLogged @Db, @Type, @cmd
  EXECUTE dbo.RunLogged @Db, N'RESTORE_VERIFYONLY', @cmd = N'RESTORE VERIFYONLY FROM DISK = N''' + @file + N''' WITH CHECKSUM'
END
`

// TestDBABackupFlow runs a maintenance-script style backup job: the type
// falls back LOG → DIFF → FULL while there is no base, FULL, DIFF and LOG
// backups are written (directories created) and verified, each logged with
// ErrorNumber 0; a failing command logs its error; the history and the
// views agree; xp_delete_file removes only old backups.
func TestDBABackupFlow(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "dbabackup"})
	master := srv.DB("master")
	ctx := context.Background()
	mustExec(t, master, "CREATE DATABASE jobdb")
	mustExec(t, srv.DB("jobdb"), "CREATE TABLE dbo.t (id int PRIMARY KEY, v nvarchar(20)); INSERT dbo.t VALUES (1, N'a')")
	for _, b := range strings.Split(backupJob, "\nGO\n") {
		mustExec(t, master, b)
	}
	dir := t.TempDir()
	run := func(typ string) {
		t.Helper()
		mustExec(t, master, "EXECUTE dbo.BackupOne @Db = N'jobdb', @Type = N'"+typ+"', @Dir = N'"+dir+"'")
	}
	run("LOG") // no full backup yet: becomes FULL
	mustExec(t, srv.DB("jobdb"), "INSERT dbo.t VALUES (2, N'b')")
	run("DIFF")
	mustExec(t, srv.DB("jobdb"), "INSERT dbo.t VALUES (3, N'c')")
	run("LOG")
	// A command that fails (the directory is a file) logs its error.
	blocker := filepath.Join(dir, "blocker")
	if err := os.WriteFile(blocker, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := master.ExecContext(ctx, "EXECUTE dbo.RunLogged N'jobdb', N'FULL', N'BACKUP DATABASE jobdb TO DISK = N''"+blocker+"/x/y.bak'''"); err == nil {
		t.Fatal("a backup under a regular file succeeded")
	}

	got := harness.RowsText(t, master, "SELECT CommandType, ISNULL(ErrorNumber, -1) FROM dbo.JobLog ORDER BY ID")
	want := "FULL 0|RESTORE_VERIFYONLY 0|DIFF 0|RESTORE_VERIFYONLY 0|LOG 0|RESTORE_VERIFYONLY 0|FULL 3013|"
	if got != want {
		t.Fatalf("job log\n%s\nwant\n%s", got, want)
	}
	for _, f := range []string{"FULL/jobdb_FULL.bak", "DIFF/jobdb_DIFF.bak", "LOG/jobdb_LOG.trn"} {
		if _, err := os.Stat(filepath.Join(dir, "jobdb", f)); err != nil {
			t.Errorf("backup file %s: %v", f, err)
		}
	}
	// The history and the views agree: the differential base is the full
	// backup's checkpoint_lsn; the differential is type I and did not move it.
	got = harness.RowsText(t, master, `SELECT b.type, CASE WHEN b.type = 'D' AND b.checkpoint_lsn = f.differential_base_lsn AND b.backup_start_date = f.differential_base_time THEN 'base' ELSE '-' END
FROM msdb.dbo.backupset b CROSS JOIN sys.master_files f
WHERE b.database_name = 'jobdb' AND f.database_id = DB_ID('jobdb') AND f.file_id = 1 ORDER BY b.backup_set_id`)
	if got != "D base|I -|L -|" {
		t.Fatalf("history against sys.master_files: %s", got)
	}
	got = harness.RowsText(t, master, `SELECT CASE WHEN r.last_log_backup_lsn IS NOT NULL THEN 'chain' ELSE 'none' END,
  CASE WHEN l.log_backup_time > '2000-01-01' THEN 'logged' ELSE 'never' END
FROM sys.database_recovery_status r CROSS APPLY sys.dm_db_log_stats(r.database_id) l WHERE r.database_id = DB_ID('jobdb')`)
	if got != "chain logged|" {
		t.Fatalf("recovery status / log stats: %s", got)
	}
	// A differential without a full backup is SQL Server's 3035.
	mustExec(t, master, "CREATE DATABASE nobase")
	_, err := master.ExecContext(ctx, "BACKUP DATABASE nobase TO DISK = N'"+filepath.Join(dir, "nobase.bak")+"' WITH DIFFERENTIAL")
	var me mssql.Error
	if !errors.As(err, &me) || me.All[0].Number != 3035 {
		t.Fatalf("differential without a base: %v, want 3035", err)
	}
	// Cleanup: a cutoff before the backups keeps them; a cutoff after
	// removes the backups but never a file that is not one.
	other := filepath.Join(dir, "jobdb", "FULL", "notes.bak")
	if err := os.WriteFile(other, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(dir, "jobdb", "FULL")
	mustExec(t, master, "EXECUTE master.dbo.xp_delete_file 0, N'"+full+"', N'bak', '2000-01-01T00:00:00'")
	if _, err := os.Stat(filepath.Join(full, "jobdb_FULL.bak")); err != nil {
		t.Fatalf("old cutoff removed a new backup: %v", err)
	}
	mustExec(t, master, "EXECUTE master.dbo.xp_delete_file 0, N'"+dir+"/jobdb', N'bak', '2999-01-01T00:00:00', 1")
	if _, err := os.Stat(filepath.Join(full, "jobdb_FULL.bak")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("backup older than the cutoff kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "jobdb", "DIFF", "jobdb_DIFF.bak")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("backup in a subfolder kept: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Fatalf("a file that is not a backup was deleted: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "jobdb", "LOG", "jobdb_LOG.trn")); err != nil {
		t.Fatalf("a .trn removed by a .bak cleanup: %v", err)
	}
}
