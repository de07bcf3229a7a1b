package tests

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestBackupHistoryPersists: msdb.dbo.backupset and backupmediafamily keep
// every backup's row across a clean restart and a SIGKILL (the history is
// committed to msdb, not held in memory).
func TestBackupHistoryPersists(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "history"})
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE hist")
	mustExec(t, srv.DB("hist"), "CREATE TABLE dbo.t (id int PRIMARY KEY)")
	dir := t.TempDir()
	full, logb := filepath.Join(dir, "hist.bak"), filepath.Join(dir, "hist.trn")
	mustExec(t, master, "BACKUP DATABASE hist TO DISK = '"+full+"' WITH INIT, NAME = 'nightly'")
	mustExec(t, srv.DB("hist"), "INSERT dbo.t VALUES (1)")
	mustExec(t, master, "BACKUP LOG hist TO DISK = '"+logb+"' WITH INIT")

	want := fmt.Sprintf("1 D nightly %s true|2 L  %s true|", full, logb)
	history := func(stage string) {
		t.Helper()
		rows, err := srv.DB("msdb").QueryContext(context.Background(), `SELECT s.backup_set_id, s.type, ISNULL(s.name, ''), f.physical_device_name, CASE WHEN s.backup_size > 0 THEN 1 ELSE 0 END
FROM msdb.dbo.backupset s JOIN msdb.dbo.backupmediafamily f ON f.media_set_id = s.media_set_id
WHERE s.database_name = 'hist' ORDER BY s.backup_set_id`)
		if err != nil {
			t.Fatalf("%s: %v", stage, err)
		}
		defer rows.Close()
		got := ""
		for rows.Next() {
			var id, sized int
			var typ, name, dev string
			if err := rows.Scan(&id, &typ, &name, &dev, &sized); err != nil {
				t.Fatal(err)
			}
			got += fmt.Sprintf("%d %s %s %s %v|", id, typ, name, dev, sized == 1)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("%s: history\n%s\nwant\n%s", stage, got, want)
		}
	}
	history("before restart")
	srv.Stop()
	srv.Restart()
	history("after clean restart")
	srv.Kill()
	srv.Restart()
	history("after SIGKILL")
	mustExec(t, srv.DB("master"), "BACKUP DATABASE hist TO DISK = '"+full+"' WITH INIT, NAME = 'nightly'")
	want += fmt.Sprintf("3 D nightly %s true|", full)
	history("after a third backup")
}
