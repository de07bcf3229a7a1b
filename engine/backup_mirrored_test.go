package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTailLogBackupOfMirroredPrincipal: BACKUP LOG … WITH NORECOVERY on a
// mirrored principal is 1468 (then 3013), as the docs say it is not allowed
// while the session is active: it writes no backup and the principal stays
// ONLINE and usable. It took the principal to RESTORING under the session.
// A log backup without NORECOVERY is allowed, and once mirroring is removed
// the tail-log backup is too.
func TestTailLogBackupOfMirroredPrincipal(t *testing.T) {
	dir := t.TempDir()
	inst := openTestInstance(t, dir)
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'full.bak'")
	f := newFakeMirroring()
	mirrorAsPrincipal(inst, f, inst.Database("d"), 0)

	if got := execNumber(t, s, "BACKUP LOG d TO DISK = 'tail.trn' WITH NORECOVERY"); got != 1468 {
		t.Errorf("tail-log backup of a mirrored principal: %d, want 1468", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "tail.trn")); !os.IsNotExist(err) {
		t.Errorf("the refused tail-log backup wrote tail.trn (%v)", err)
	}
	state := "SELECT state_desc FROM sys.databases WHERE name = 'd'"
	if got := strings.Join(mustExec(t, s, state), ""); got != "ONLINE" {
		t.Errorf("after the refused tail-log backup: %s, want ONLINE", got)
	}
	mustExec(t, s, "INSERT d.dbo.t VALUES (2)")
	mustExec(t, s, "BACKUP LOG d TO DISK = 'log.trn'") // an ordinary log backup is allowed

	f.mu.Lock()
	delete(f.st, "d") // SET PARTNER OFF
	f.mu.Unlock()
	mustExec(t, s, "BACKUP LOG d TO DISK = 'tail.trn' WITH NORECOVERY")
	if got := strings.Join(mustExec(t, s, state), ""); got != "RESTORING" {
		t.Errorf("tail-log backup once mirroring is removed: %s, want RESTORING", got)
	}
}
