package tests

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestBackupLogChainStartsAndBreaks: when BACKUP LOG runs and when it gets
// 4214 (no current database backup), step by step as SQL Server decides:
// not before the first full backup in FULL recovery; after it, log backups
// and COPY_ONLY ones; after SIMPLE and back to FULL not until a full or
// differential backup (a full backup taken while SIMPLE does not count);
// and on a database restored WITH RECOVERY from a full backup at once.
func TestBackupLogChainStartsAndBreaks(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "logchain2"})
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE lc2")
	mustExec(t, master, "ALTER DATABASE lc2 SET RECOVERY FULL")
	mustExec(t, srv.DB("lc2"), "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY)")
	dir := t.TempDir()
	file := func(name string) string { return "'" + filepath.Join(dir, name) + "'" }
	ctx := context.Background()
	for _, step := range []struct {
		sql    string
		errors []int32 // nil: succeeds
	}{
		{"BACKUP LOG lc2 TO DISK = " + file("l0.trn"), []int32{4214, 3013}},
		{"BACKUP DATABASE lc2 TO DISK = " + file("f1.bak"), nil},
		{"INSERT lc2.dbo.t VALUES (1)", nil},
		{"BACKUP LOG lc2 TO DISK = " + file("l1.trn"), nil},
		{"BACKUP LOG lc2 TO DISK = " + file("l1c.trn") + " WITH COPY_ONLY", nil},
		{"BACKUP LOG lc2 TO DISK = " + file("l2.trn"), nil},
		{"ALTER DATABASE lc2 SET RECOVERY SIMPLE", nil},
		{"BACKUP LOG lc2 TO DISK = " + file("l3.trn"), []int32{4208, 3013}},
		{"ALTER DATABASE lc2 SET RECOVERY FULL", nil},
		{"BACKUP LOG lc2 TO DISK = " + file("l4.trn"), []int32{4214, 3013}},
		{"BACKUP DATABASE lc2 TO DISK = " + file("f1.bak") + " WITH DIFFERENTIAL", nil},
		{"BACKUP LOG lc2 TO DISK = " + file("l5.trn"), nil},
		{"ALTER DATABASE lc2 SET RECOVERY SIMPLE", nil},
		{"BACKUP DATABASE lc2 TO DISK = " + file("f2.bak"), nil},
		{"ALTER DATABASE lc2 SET RECOVERY FULL", nil},
		{"BACKUP LOG lc2 TO DISK = " + file("l6.trn"), []int32{4214, 3013}},
		{"BACKUP DATABASE lc2 TO DISK = " + file("f3.bak"), nil},
		{"BACKUP LOG lc2 TO DISK = " + file("l7.trn"), nil},
		{"RESTORE DATABASE lc3 FROM DISK = " + file("f3.bak") + " WITH RECOVERY", nil},
		{"BACKUP LOG lc3 TO DISK = " + file("l8.trn"), nil},
	} {
		_, err := master.ExecContext(ctx, step.sql)
		if step.errors == nil {
			if err != nil {
				t.Fatalf("%s: %v", step.sql, err)
			}
			continue
		}
		if err == nil {
			t.Fatalf("%s succeeded, want errors %v", step.sql, step.errors)
		}
		wantChain(t, err, step.errors...) // database_user_access_test.go
	}
}
