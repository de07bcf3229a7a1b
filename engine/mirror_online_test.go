package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestBecomePrincipalOnlineMeansUsable: a mirror taking over (BecomePrincipal)
// while sessions still get the mirror's 954 shows ONLINE in sys.databases and
// DATABASEPROPERTYEX only once mirroring has set the new principal's access,
// so a DBA's script (or a failover client) that waits for ONLINE and then runs
// USE is not refused with "acting as a mirror database". The manager sets the
// access after BecomePrincipal returns, tens of milliseconds later under load
// (the walkthrough's 954 after its manual failover, issue #6). With a
// principal that serves, ONLINE means USE and login work; without quorum it is
// shown RECOVERING with 955, as a principal that loses quorum later is
// (Database.ShownState: SQL Server bypasses its recovery, 1445).
func TestBecomePrincipalOnlineMeansUsable(t *testing.T) {
	noQuorum := &exec.Error{Number: 955, Severity: 14, State: 1, Message: "Database d is enabled for Database Mirroring, but the database lacks quorum: the database cannot be opened. Check the partner and witness connections if configured."}
	for _, tc := range []struct {
		name   string
		access error  // what the manager sets after BecomePrincipal
		want   int32  // the number USE d then gets; 0 for none
		state  string // what sys.databases then shows
	}{
		{name: "serving", access: nil, want: 0, state: StateOnline},
		{name: "without quorum", access: noQuorum, want: 955, state: StateRecovering},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			inst := openTestInstance(t, t.TempDir())
			t.Cleanup(func() { _ = inst.Close() })
			s := newTestSession(t, inst, "master")
			mustExec(t, s, "CREATE DATABASE d")
			db := inst.Database("d")

			// The manager's order for a principal giving up its role
			// (mirroring/apply.go prepare, changeRole) and then, for the
			// failover back, taking it again (changeRole, then finish).
			db.SetAccessError(exec.ErrCannotOpenMirror.New("d"))
			if err := db.BecomeMirror(ctx); err != nil {
				t.Fatal(err)
			}
			if err := db.BecomePrincipal(ctx); err != nil {
				t.Fatal(err)
			}
			if state, n := onlineThenUse(t, inst, s); state == StateOnline && n != 0 {
				t.Errorf("before the manager set the access: state %s, USE d gets %d — a database shown ONLINE refuses USE", state, n)
			}

			db.SetAccessError(tc.access)
			state, n := onlineThenUse(t, inst, s)
			if state != tc.state || n != tc.want {
				t.Errorf("after the manager set the access: state %s, USE d gets %d; want %s and %d", state, n, tc.state, tc.want)
			}
			_, err := inst.NewSession("sa", "d", exec.SessionInfo{})
			if (err == nil) != (tc.want == 0) {
				t.Errorf("login to d: %v; want it to succeed only when the principal serves", err)
			}
		})
	}

	// mirroring holds a new principal's access (952, in transition) until
	// sys.database_mirroring says PRINCIPAL (mirroring/apply.go
	// setAccessLocked): meanwhile the database is not ONLINE either — shown
	// ONLINE, a DBA's or a failover client's wait for ONLINE passed and its
	// USE got 952.
	t.Run("in transition, then serving", func(t *testing.T) {
		ctx := context.Background()
		inst := openTestInstance(t, t.TempDir())
		t.Cleanup(func() { _ = inst.Close() })
		s := newTestSession(t, inst, "master")
		mustExec(t, s, "CREATE DATABASE d")
		db := inst.Database("d")
		db.SetAccessError(exec.ErrCannotOpenMirror.New("d"))
		if err := db.BecomeMirror(ctx); err != nil {
			t.Fatal(err)
		}
		if err := db.BecomePrincipal(ctx); err != nil {
			t.Fatal(err)
		}
		db.SetAccessError(&exec.Error{Number: 952, Severity: 16, State: 1, Message: "Database 'd' is in transition. Try the statement later."})
		if state, n := onlineThenUse(t, inst, s); state == StateOnline || n != 952 {
			t.Errorf("in transition: state %s, USE d gets %d; want not ONLINE and 952", state, n)
		}
		db.SetAccessError(nil)
		if state, n := onlineThenUse(t, inst, s); state != StateOnline || n != 0 {
			t.Errorf("serving: state %s, USE d gets %d; want ONLINE and usable", state, n)
		}
	})

	// A principal resumed at start (no access error yet) is ONLINE at once.
	t.Run("no access error", func(t *testing.T) {
		inst := openTestInstance(t, t.TempDir())
		t.Cleanup(func() { _ = inst.Close() })
		s := newTestSession(t, inst, "master")
		mustExec(t, s, "CREATE DATABASE d")
		db := inst.Database("d")
		if err := db.BecomeMirror(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := db.BecomePrincipal(context.Background()); err != nil {
			t.Fatal(err)
		}
		if state, n := onlineThenUse(t, inst, s); state != StateOnline || n != 0 {
			t.Errorf("state %s, USE d gets %d; want ONLINE and usable", state, n)
		}
	})
}

// onlineThenUse reads d's state as a DBA does (sys.databases.state_desc,
// which must agree with DATABASEPROPERTYEX's Status), then runs USE d and
// returns the error number it got (0 for none). s ends in master.
func onlineThenUse(t *testing.T, inst *Instance, s *exec.Session) (string, int32) {
	t.Helper()
	got := mustExec(t, s, "SELECT state_desc, CONVERT(nvarchar(60), DATABASEPROPERTYEX('d', 'Status')) FROM sys.databases WHERE name = 'd'")
	if len(got) != 1 {
		t.Fatalf("sys.databases rows for d: %v", got)
	}
	state, status, _ := strings.Cut(got[0], ",")
	if state != status {
		t.Errorf("sys.databases says %s, DATABASEPROPERTYEX says %s", state, status)
	}
	out := &collect{}
	if err := s.ExecBatch(context.Background(), "USE d", out); err != nil {
		out.errs = append(out.errs, err)
	}
	mustExec(t, s, "USE master")
	if len(out.errs) == 0 {
		return state, 0
	}
	var e interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if !errors.As(out.errs[0], &e) {
		t.Fatalf("USE d: %v without a SQL Server number", out.errs[0])
	}
	n, _, _ := e.SQLServerError()
	return state, n
}
