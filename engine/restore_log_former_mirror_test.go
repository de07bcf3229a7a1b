package engine

import (
	"testing"

	sqlexec "github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestRestoreLogRecoversFormerMirror: a former mirror (mirroring removed,
// the database left RESTORING with the 927 mirroring set on it) is brought
// online by RESTORE LOG … WITH RECOVERY as by RESTORE DATABASE … WITH
// RECOVERY: usable and ONLINE. RESTORE LOG kept the access error, so since
// 69658da BecomePrincipal left the database RESTORING in sys.databases
// (waiting for a mirroring access decision that never comes) while its
// entry said ONLINE, and before that every USE got 927.
func TestRestoreLogRecoversFormerMirror(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'fm_full.bak' WITH INIT")
	mustExec(t, s, "INSERT d.dbo.t VALUES (2)")
	mustExec(t, s, "BACKUP LOG d TO DISK = 'fm_log.trn' WITH INIT")
	mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'fm_full.bak' WITH NORECOVERY, REPLACE")
	// What removing mirroring leaves on a mirror (engine/backup.go, RESTORE
	// … WITH RECOVERY's comment).
	inst.Database("d").SetAccessError(&sqlexec.Error{Number: 927, Severity: 14, State: 2,
		Message: "Database 'd' cannot be opened. It is in the middle of a restore."})
	mustExec(t, s, "RESTORE LOG d FROM DISK = 'fm_log.trn' WITH RECOVERY")
	if got := one(t, s, "SELECT state_desc FROM sys.databases WHERE name = 'd'"); got != "ONLINE" {
		t.Errorf("after RESTORE LOG … WITH RECOVERY: %s, want ONLINE", got)
	}
	if got := one(t, s, "SELECT k FROM d.dbo.t ORDER BY k"); got != "1 2" {
		t.Errorf("rows %q, want 1 2", got)
	}
}
