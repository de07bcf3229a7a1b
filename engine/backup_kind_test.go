package engine

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestRestoreWrongKindOfBackupSet is "Prepare a Mirror Database for
// Mirroring": the full backup and the log backup go to one file
// (AdventureWorks.bak, backup sets 1 and 2), and the page's step 6 restores
// the log WITH FILE=1 — the full backup. SQL Server refuses a backup set of
// the wrong kind with 3135 naming the file and the BACKUP that made it
// (then 3013), whichever way round; the right set then restores.
func TestRestoreWrongKindOfBackupSet(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s, err := inst.NewSession("sa", "master", sqlexec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(dir, "AdventureWorks.bak")
	mustExec(t, s, "CREATE DATABASE AdventureWorks; ALTER DATABASE AdventureWorks SET RECOVERY FULL")
	mustExec(t, s, "CREATE TABLE AdventureWorks.dbo.t (k int PRIMARY KEY); INSERT AdventureWorks.dbo.t VALUES (1)")
	mustExec(t, s, "BACKUP DATABASE AdventureWorks TO DISK = '"+bak+"' WITH FORMAT")
	mustExec(t, s, "INSERT AdventureWorks.dbo.t VALUES (2)")
	mustExec(t, s, "BACKUP LOG AdventureWorks TO DISK = '"+bak+"'")
	mustExec(t, s, "DROP DATABASE AdventureWorks")

	for _, tc := range []struct{ sql, want string }{
		{"RESTORE DATABASE AdventureWorks FROM DISK = '" + bak + "' WITH FILE = 2, NORECOVERY",
			"The backup set in file '" + bak + "' was created by BACKUP LOG and cannot be used for this restore operation."},
		{"RESTORE DATABASE AdventureWorks FROM DISK = '" + bak + "' WITH NORECOVERY", ""},
		{"RESTORE LOG AdventureWorks FROM DISK = '" + bak + "' WITH FILE=1, NORECOVERY",
			"The backup set in file '" + bak + "' was created by BACKUP DATABASE and cannot be used for this restore operation."},
		{"RESTORE LOG AdventureWorks FROM DISK = '" + bak + "' WITH FILE=2, NORECOVERY", ""},
		{"RESTORE DATABASE AdventureWorks WITH RECOVERY", ""},
	} {
		out := &collect{}
		if err := s.ExecBatch(context.Background(), tc.sql, out); err != nil {
			out.errs = append(out.errs, err)
		}
		if tc.want == "" {
			if len(out.errs) > 0 {
				t.Fatalf("%s: %v", tc.sql, out.errs)
			}
			continue
		}
		if len(out.errs) != 2 {
			t.Fatalf("%s: errors %v, want 3135 then 3013", tc.sql, out.errs)
		}
		var e interface {
			SQLServerError() (int32, uint8, uint8)
		}
		if !errors.As(out.errs[0], &e) {
			t.Fatalf("%s: %v carries no SQL Server number", tc.sql, out.errs[0])
		}
		if n, sev, st := e.SQLServerError(); n != 3135 || sev != 16 || st != 2 || out.errs[0].Error() != tc.want {
			t.Errorf("%s:\n got %d/%d/%d %s\nwant 3135/16/2 %s", tc.sql, n, sev, st, out.errs[0], tc.want)
		}
	}
	if got := mustExec(t, s, "SELECT COUNT(*) FROM AdventureWorks.dbo.t"); len(got) != 1 || got[0] != "2" {
		t.Errorf("rows after the log restore: %v, want 2", got)
	}
}
