package mirroring

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestPartnerOffGoneWhenItReturns: when SET PARTNER OFF is answered, the
// database's sys.database_mirroring row is gone — a DBA's script checks it in
// its next batch (the walkthrough's 7_remove.sql failed 2 of 11 runs with
// "still mirrored after SET PARTNER OFF"). The command's Ready is applied
// behind the persist gate: finish published the row again just before it
// answered the command, and dropSession removed it only afterwards, while
// readers of the snapshot take no lock. The test applies the removal's last
// step (finish, with the session marked removed as changeRole marks it) and
// looks at the snapshot the moment the command has its answer.
func TestPartnerOffGoneWhenItReturns(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	m := pr.p.mgr
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.sessions[pr.dbName]
	s.removed = true
	answer := make(chan error, 1)
	s.pending[partner.CmdOff] = append(s.pending[partner.CmdOff], answer)
	m.finish(s, &partner.Ready{RoleChange: partner.Removed, Done: []partner.CommandResult{{Cmd: partner.CmdOff}}}, false)
	if err := <-answer; err != nil {
		t.Fatalf("OFF answered %v", err)
	}
	if st, ok := m.Status(pr.dbName); ok {
		t.Errorf("SET PARTNER OFF answered while sys.database_mirroring still shows the session (%s %s)", st.RoleDesc, st.StateDesc)
	}
	m.dropSession(s)
}

// TestCommandAnsweredWithItsStatus: a command whose Ready is applied while
// later Readys wait behind the persist gate is answered only once the status
// showing its effect is published. finish published no status then (the
// machine may hold changes not durable yet) but answered at once: the
// walkthrough's FAILOVER returned while the old principal's row still said
// PRINCIPAL ("after FAILOVER the old principal is not the mirror", 1 of 20
// runs on main's server this session). The test applies a SUSPEND's Ready
// with another Ready queued behind it.
func TestCommandAnsweredWithItsStatus(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	m := pr.p.mgr
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.sessions[pr.dbName]
	answer := make(chan error, 1)
	if err := s.m.Suspend(); err != nil {
		t.Fatal(err)
	}
	s.pending[partner.CmdSuspend] = append(s.pending[partner.CmdSuspend], answer)
	rd := s.m.Ready()
	s.gate.queue = []gatedReady{{}} // a later Ready, waiting behind the gate
	m.finish(s, &rd, false)
	select {
	case <-answer:
		if st, _ := m.Status(pr.dbName); st.State != uint8(partner.StateSuspended) {
			t.Errorf("SUSPEND answered while sys.database_mirroring says %s", st.StateDesc)
		}
		return
	default:
	}
	s.gate.queue = nil // the later Ready applied
	m.snapLocked(s)
	select {
	case err := <-answer:
		if st, _ := m.Status(pr.dbName); err != nil || st.State != uint8(partner.StateSuspended) {
			t.Errorf("SUSPEND answered %v with sys.database_mirroring saying %s", err, st.StateDesc)
		}
	default:
		t.Errorf("SUSPEND not answered once its status was published")
	}
}
