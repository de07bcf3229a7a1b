package engine

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestSetOnlineRecoveryOutsideTheGates: SET ONLINE of an EMERGENCY
// database runs its recovery after the user-access gates' lock is
// released. While that recovery runs (held here inside the database's
// close), a login to another database gets in — it waited for the whole
// recovery when it ran under the lock — and a login to the database being
// recovered is refused rather than let into the old copy.
func TestSetOnlineRecoveryOutsideTheGates(t *testing.T) {
	inst, admin := openTestDatabase(t, t.TempDir())
	defer inst.Close()
	mustExec(t, admin, "CREATE DATABASE other; CREATE TABLE d.dbo.t (id int); INSERT d.dbo.t VALUES (1)")
	mustExec(t, admin, "ALTER DATABASE d SET EMERGENCY")
	old := inst.Database("d")
	old.redoMu.Lock() // SET ONLINE's recovery stops in the old copy's close
	released := false
	release := func() {
		if !released {
			released = true
			old.redoMu.Unlock()
		}
	}
	defer release()
	done := make(chan error, 1)
	go func() {
		out := &collect{}
		err := admin.ExecBatch(context.Background(), "ALTER DATABASE d SET ONLINE", out)
		if err == nil && len(out.errs) > 0 {
			err = out.errs[0]
		}
		done <- err
	}()
	hangGuard := time.Now().Add(30 * time.Second) // not a speed assertion
	for inst.Database("d") != nil {               // recovery under way: the old copy is out
		if time.Now().After(hangGuard) {
			t.Fatal("SET ONLINE did not start its recovery")
		}
		time.Sleep(time.Millisecond)
	}
	type login struct {
		db  string
		err error
	}
	logins := make(chan login, 2)
	for _, db := range []string{"other", "d"} {
		go func() {
			s, err := inst.NewSession("sa", db, exec.SessionInfo{})
			if err == nil {
				inst.EndSession(s)
			}
			logins <- login{db, err}
		}()
	}
	got := map[string]error{}
	for range 2 {
		select {
		case l := <-logins:
			got[l.db] = l.err
		case <-time.After(time.Until(hangGuard)):
			t.Fatal("a login waited for another database's recovery")
		}
	}
	var xe *exec.Error
	if got["other"] != nil || !errors.As(got["d"], &xe) || xe.Number != 4060 {
		t.Fatalf("logins during the recovery of d: other %v, d %v; want other in, d refused (4060)", got["other"], got["d"])
	}
	release()
	if err := <-done; err != nil {
		t.Fatalf("SET ONLINE: %v", err)
	}
	if rows := mustExec(t, admin, "SELECT state_desc FROM sys.databases WHERE name = 'd'"); len(rows) != 1 || rows[0] != "ONLINE" {
		t.Fatalf("state_desc after SET ONLINE = %v, want ONLINE", rows)
	}
	s, err := inst.NewSession("sa", "d", exec.SessionInfo{})
	if err != nil {
		t.Fatalf("login to d after SET ONLINE: %v", err)
	}
	inst.EndSession(s)
}
