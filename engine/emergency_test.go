package engine

import (
	"errors"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestEmergencyFromSuspect: a database marked SUSPECT (a commit's apply
// failed) can be set EMERGENCY, where sysadmin reads it and writes get 3906
// and a login without sysadmin is refused; SET ONLINE runs recovery again
// and brings it back ONLINE with its rows.
func TestEmergencyFromSuspect(t *testing.T) {
	dir := t.TempDir()
	inst, s := openTestDatabase(t, dir)
	defer inst.Close()
	mustExec(t, s, "CREATE TABLE d.dbo.t (id int); INSERT d.dbo.t VALUES (1); CREATE LOGIN plain WITH PASSWORD = 'Plain!Passw0rd'")
	mustExec(t, s, "USE d; CREATE USER plain FOR LOGIN plain; GRANT SELECT TO plain; USE master")
	inst.Database("d").SetState(StateSuspect)

	mustExec(t, s, "ALTER DATABASE d SET EMERGENCY")
	if rows := mustExec(t, s, "SELECT state_desc FROM sys.databases WHERE name = 'd'"); len(rows) != 1 || rows[0] != "EMERGENCY" {
		t.Fatalf("state_desc = %v, want EMERGENCY", rows)
	}
	if rows := mustExec(t, s, "SELECT COUNT(*) FROM d.dbo.t"); len(rows) != 1 || rows[0] != "1" {
		t.Fatalf("sysadmin reads %v, want 1", rows)
	}
	if n := batchErrorNumber(s, "INSERT d.dbo.t VALUES (2)"); n != 3906 { // snapshot_test.go
		t.Fatalf("a write in EMERGENCY got error %d, want 3906", n)
	}
	_, err := inst.NewSession("plain", "d", exec.SessionInfo{})
	var xe *exec.Error
	if !errors.As(err, &xe) || xe.Number != 4060 {
		t.Fatalf("login without sysadmin: %v, want 4060", err)
	}

	mustExec(t, s, "ALTER DATABASE d SET ONLINE")
	mustExec(t, s, "INSERT d.dbo.t VALUES (2)")
	if rows := mustExec(t, s, "SELECT state_desc FROM sys.databases WHERE name = 'd'"); len(rows) != 1 || rows[0] != "ONLINE" {
		t.Fatalf("state_desc after SET ONLINE = %v, want ONLINE", rows)
	}
	if rows := mustExec(t, s, "SELECT COUNT(*) FROM d.dbo.t"); len(rows) != 1 || rows[0] != "2" {
		t.Fatalf("rows after SET ONLINE: %v, want 2", rows)
	}
	p, err := inst.NewSession("plain", "d", exec.SessionInfo{})
	if err != nil {
		t.Fatalf("login without sysadmin after SET ONLINE: %v", err)
	}
	inst.EndSession(p)
}
