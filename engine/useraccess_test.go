package engine

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// TestUserAccessChangeAtomicForLogins: ALTER DATABASE … SET SINGLE_USER |
// MULTI_USER takes effect at its statement's commit, after the gates' lock
// is released. A login arriving between the change and that commit (held
// here by holding the database's DDL commit lock) is refused as after the
// change: it does not slip into a database about to be single-user, nor
// into a single-user one whose holder is leaving it. A commit that fails
// leaves no single-user holder recorded and the database as it was; one
// that succeeds leaves the setter holding it.
func TestUserAccessChangeAtomicForLogins(t *testing.T) {
	for _, tc := range []struct {
		name       string
		before     string // the mode set first
		alter      string
		commitFail bool
		wantMode   string
		wantHolder bool // the ALTER's session holds d after its commit
	}{
		{"SINGLE_USER committed", "", "SINGLE_USER", false, accessSingle, true},
		{"SINGLE_USER commit fails", "", "SINGLE_USER", true, accessMulti, false},
		{"MULTI_USER committed", "SINGLE_USER", "MULTI_USER", false, accessMulti, false},
		{"MULTI_USER commit fails", "SINGLE_USER", "MULTI_USER", true, accessSingle, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inst, admin := openTestDatabase(t, t.TempDir())
			defer inst.Close()
			if tc.before != "" {
				mustExec(t, admin, "ALTER DATABASE d SET "+tc.before)
			}
			db := inst.Database("d")
			g := &inst.access
			db.ddlMu.Lock() // the ALTER's commit waits here, after the change
			done := make(chan error, 1)
			go func() {
				out := &collect{}
				err := admin.ExecBatch(context.Background(), "ALTER DATABASE d SET "+tc.alter, out)
				if err == nil && len(out.errs) > 0 {
					err = out.errs[0]
				}
				done <- err
			}()
			deadline := time.Now().Add(30 * time.Second) // a hang guard, not a speed assertion
			for !inst.changeHeld(db.id, admin.SPID) {
				if time.Now().After(deadline) {
					db.ddlMu.Unlock()
					t.Fatal("the ALTER did not reach its commit")
				}
				time.Sleep(time.Millisecond)
			}
			if s, err := inst.NewSession("sa", "d", exec.SessionInfo{}); err == nil {
				inst.EndSession(s)
				db.ddlMu.Unlock()
				t.Fatalf("a login entered d between SET %s and its commit", tc.alter)
			}
			if tc.commitFail {
				injected := error(errors.New("injected commit failure"))
				db.accessErr.Store(&injected)
			}
			db.ddlMu.Unlock()
			err := <-done
			db.accessErr.Store(nil)
			if (err != nil) != tc.commitFail {
				t.Fatalf("ALTER DATABASE d SET %s: %v", tc.alter, err)
			}
			g.mu.Lock()
			h, held := g.holders[db.id]
			_, pending := g.pending[db.id]
			g.mu.Unlock()
			if got := inst.userAccess("d"); got != tc.wantMode {
				t.Errorf("user access %s, want %s", got, tc.wantMode)
			}
			if held != tc.wantHolder || (held && h.spid != admin.SPID) || pending {
				t.Errorf("holder recorded %v (%+v), pending %v; want holder %v (spid %d), none pending", held, h, pending, tc.wantHolder, admin.SPID)
			}
			other, err := inst.NewSession("sa", "d", exec.SessionInfo{})
			if tc.wantHolder {
				if err == nil {
					inst.EndSession(other)
					t.Fatal("a login entered d its setter holds in SINGLE_USER")
				}
				return
			}
			if err != nil {
				t.Fatalf("a login to d after the change: %v", err)
			}
			inst.EndSession(other)
		})
	}
}

// changeHeld reports whether session spid's change of database id's user
// access is made and waits for its statement's commit (or for the
// sessions in the database to leave: none are, here).
func (inst *Instance) changeHeld(id, spid int32) bool {
	g := &inst.access
	g.mu.Lock()
	defer g.mu.Unlock()
	p, ok := g.pending[id]
	return ok && p.spid == spid
}
