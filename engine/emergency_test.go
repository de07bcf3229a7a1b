package engine

import (
	"context"
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
	wantNumber := func(err error, n int32) {
		t.Helper()
		var xe *exec.Error
		if !errors.As(err, &xe) || xe.Number != n {
			t.Fatalf("error %v, want %d", err, n)
		}
	}
	out := &collect{}
	err := s.ExecBatch(context.Background(), "INSERT d.dbo.t VALUES (2)", out)
	if err == nil && len(out.errs) > 0 {
		err = out.errs[0]
	}
	wantNumber(err, 3906)
	_, err = inst.NewSession("plain", "d", exec.SessionInfo{})
	wantNumber(err, 4060)

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
