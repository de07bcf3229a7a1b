package engine

import "testing"

// TestRestoreLogRefusedInMirroringSession: a mirror in a session takes its
// log from the principal's stream only. RESTORE LOG into it is 3104 + 3013
// and appends nothing — it appended the backup's blocks beside the stream,
// forking the mirror's log from the principal's. Once mirroring is removed
// the same RESTORE LOG works.
func TestRestoreLogRefusedInMirroringSession(t *testing.T) {
	inst := openTestInstance(t, t.TempDir())
	t.Cleanup(func() { _ = inst.Close() })
	s := newTestSession(t, inst, "master")
	mustExec(t, s, "CREATE DATABASE d; ALTER DATABASE d SET RECOVERY FULL; CREATE TABLE d.dbo.t (k int PRIMARY KEY); INSERT d.dbo.t VALUES (1)")
	mustExec(t, s, "BACKUP DATABASE d TO DISK = 'ms_full.bak' WITH INIT")
	mustExec(t, s, "INSERT d.dbo.t VALUES (2)")
	mustExec(t, s, "BACKUP LOG d TO DISK = 'ms_log.trn' WITH INIT")
	mustExec(t, s, "RESTORE DATABASE d FROM DISK = 'ms_full.bak' WITH NORECOVERY, REPLACE")

	f := newFakeMirroring()
	f.set("d", 2, 0) // the mirror, in a session
	inst.SetMirroring(f)
	end := inst.Database("d").log.DurableEnd()
	if n := execNumber(t, s, "RESTORE LOG d FROM DISK = 'ms_log.trn' WITH NORECOVERY"); n != 3104 {
		t.Fatalf("RESTORE LOG into a mirror in a session: error %d, want 3104", n)
	}
	if got := inst.Database("d").log.DurableEnd(); got != end {
		t.Fatalf("the refused RESTORE LOG moved the mirror's log end %v → %v", end, got)
	}

	f.mu.Lock()
	delete(f.st, "d") // SET PARTNER OFF
	f.mu.Unlock()
	mustExec(t, s, "RESTORE LOG d FROM DISK = 'ms_log.trn' WITH RECOVERY")
	if got := one(t, s, "SELECT k FROM d.dbo.t ORDER BY k"); got != "1 2" {
		t.Errorf("rows %q, want 1 2", got)
	}
}
