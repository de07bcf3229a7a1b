package mirroring

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

func sqlNumber(err error) int32 {
	var e interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if errors.As(err, &e) {
		n, _, _ := e.SQLServerError()
		return n
	}
	return 0
}

// commitN commits n transactions on d, failing the test on any error.
func commitN(t testing.TB, d *fakeDB, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i := 0; i < n; i++ {
		if _, err := d.commit(ctx); err != nil {
			t.Fatalf("commit %d: %v", i, err)
		}
	}
}

func TestMirrorRestartCatchesUp(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	commitN(t, pr.pdb, 20)

	pr.m.stop() // the mirror's manager goes away (its log stays)
	// The principal keeps serving, exposed, once it has noticed (§1.2, no witness).
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateDisconnected)
	commitN(t, pr.pdb, 100)
	if err := pr.pdb.access(); err != nil {
		t.Fatalf("principal stopped serving: %v", err)
	}
	if st := pr.p.status(pr.dbName); st.SendQueueKB == 0 {
		t.Errorf("send queue is empty while the mirror is away: %+v", st)
	}

	pr.m.start() // restart from the persisted state: no new SET PARTNER
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	eventually(t, "mirror caught up", 20*time.Second, func() bool {
		return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN()
	})
	commitN(t, pr.pdb, 10)
	sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())
}

func TestManualFailoverSwapsRoles(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	commitN(t, pr.pdb, 20)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0); sqlNumber(err) != 1470 {
		t.Errorf("FAILOVER on the mirror: %v, want 1470", err)
	}
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0); err != nil {
		t.Fatalf("FAILOVER: %v", err)
	}
	pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.p.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	if ps, ms := pr.p.status(pr.dbName), pr.m.status(pr.dbName); ps.RoleSequence != 2 || ms.RoleSequence != 2 {
		t.Errorf("role sequence %d / %d, want 2", ps.RoleSequence, ms.RoleSequence)
	}
	if pr.pdb.Restoring() == false || pr.mdb.Restoring() {
		t.Errorf("database states: old principal restoring=%v, new principal restoring=%v", pr.pdb.Restoring(), pr.mdb.Restoring())
	}
	if err := pr.mdb.access(); err != nil {
		t.Errorf("new principal not serving: %v", err)
	}
	if n := sqlNumber(pr.pdb.access()); n != 954 {
		t.Errorf("old principal access error %d, want 954", n)
	}
	// The new principal's commits reach the old one, SAFETY FULL.
	for i := 0; i < 50; i++ {
		lsn, err := pr.mdb.commit(ctx)
		if err != nil {
			t.Fatalf("commit on new principal: %v", err)
		}
		if h := pr.pdb.log.HardenedLSN(); h < lsn {
			t.Fatalf("commit %s released before the new mirror hardened it (%s)", lsn, h)
		}
	}
	sameLog(t, pr.mdb.log, pr.pdb.log, pr.mdb.log.RetainedFrom())
	// And back again.
	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0); err != nil {
		t.Fatalf("FAILOVER back: %v", err)
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	if st := pr.p.status(pr.dbName); st.RoleSequence != 3 {
		t.Errorf("role sequence %d, want 3", st.RoleSequence)
	}
}

func TestAutomaticFailoverWithWitness(t *testing.T) {
	pr, w := newWitnessedPair(t)
	waitWitnessed(t, pr, w)
	commitN(t, pr.pdb, 20)
	ws := w.mgr.Witnessed()[0]
	if ws.Database != pr.dbName || ws.PrincipalServer != "HOSTA" || ws.MirrorServer != "HOSTB" || ws.PartnerSyncStateDesc != "SYNCHRONIZED" {
		t.Errorf("witness row %+v", ws)
	}

	lostAt := time.Now()
	pr.p.stop() // the principal's mirroring goes away
	pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateDisconnected)
	took := time.Since(lostAt)
	t.Logf("automatic failover took %v (TIMEOUT %d units of %v)", took.Round(time.Millisecond), partner.DefaultTimeout, detectTimeoutUnit)
	if st := pr.m.status(pr.dbName); st.RoleSequence != 2 {
		t.Errorf("role sequence %d, want 2", st.RoleSequence)
	}
	if err := pr.mdb.access(); err != nil {
		t.Errorf("new principal not serving: %v", err)
	}
	commitN(t, pr.mdb, 10) // serving, exposed: partner lost, witness present

	// The old principal comes back, learns the new role sequence and becomes mirror.
	pr.p.start()
	pr.p.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	eventually(t, "old principal caught up", 20*time.Second, func() bool {
		return pr.pdb.log.HardenedLSN() == pr.mdb.log.FlushedLSN()
	})
	if n := sqlNumber(pr.pdb.access()); n != 954 {
		t.Errorf("old principal access error %d, want 954", n)
	}
}

func TestForcedService(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	commitN(t, pr.pdb, 20)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdForceService, 0); sqlNumber(err) != 1455 {
		t.Errorf("forced service with the principal connected: %v, want 1455", err)
	}
	pr.p.stop()
	// The cut-off principal's log grows a tail the mirror never receives: it is
	// lost when service is forced, and discarded on RESUME (§1.9.3).
	commitN(t, pr.pdb, 5)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateDisconnected)
	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdForceService, 0); err != nil {
		t.Fatalf("FORCE_SERVICE_ALLOW_DATA_LOSS: %v", err)
	}
	st := pr.m.status(pr.dbName)
	if st.Role != uint8(partner.RolePrincipal) || st.StateDesc != "SUSPENDED" || st.RoleSequence != 2 {
		t.Errorf("after forced service: %+v", st)
	}
	if err := pr.mdb.access(); err != nil {
		t.Errorf("forced principal not serving: %v", err)
	}
	commitN(t, pr.mdb, 10) // SUSPENDED: runs exposed

	// The old principal returns: mirror, SUSPENDED, until RESUME.
	pr.p.start()
	pr.p.waitState(pr.dbName, partner.RoleMirror, partner.StateSuspended)
	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdResume, 0); err != nil {
		t.Fatalf("RESUME: %v", err)
	}
	pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	eventually(t, "old principal resynchronized", 20*time.Second, func() bool {
		return pr.pdb.log.HardenedLSN() == pr.mdb.log.FlushedLSN()
	})
	sameLog(t, pr.mdb.log, pr.pdb.log, pr.mdb.log.RetainedFrom())
}

func TestQuorumLossStopsPrincipal(t *testing.T) {
	pr, w := newWitnessedPair(t)
	eventually(t, "witness connected", 20*time.Second, func() bool {
		return pr.p.status(pr.dbName).WitnessStateDesc == "CONNECTED"
	})
	pr.m.stop()
	w.stop()
	eventually(t, "principal without quorum stops serving", 20*time.Second, func() bool {
		return sqlNumber(pr.pdb.access()) == 955
	})
	// Quorum returns with the witness: the principal serves again (§1.3 rule 7).
	w.start()
	eventually(t, "principal serves again", 20*time.Second, func() bool { return pr.pdb.access() == nil })
}

func TestEndpointStopIsPartnerLoss(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	if err := pr.m.mgr.StopEndpoint(); err != nil {
		t.Fatal(err)
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateDisconnected)
	commitN(t, pr.pdb, 20)
	if err := pr.m.mgr.StartEndpoint(EndpointConfig{Name: "Mirroring", Port: pr.m.port, IP: "127.0.0.1", Role: "ALL", State: "STARTED"}); err != nil {
		t.Fatal(err)
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	eventually(t, "mirror caught up", 20*time.Second, func() bool {
		return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN()
	})
}

func TestWitnessOffForgetsSession(t *testing.T) {
	pr := newPair(t)
	w := newInstance(t, "HOSTW", "WITNESS")
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pr.p.mgr.SetWitness(ctx, pr.dbName, w.addr()); err != nil {
		t.Fatalf("SET WITNESS: %v", err)
	}
	eventually(t, "witness row", 20*time.Second, func() bool { return len(w.mgr.Witnessed()) == 1 })
	if err := pr.p.mgr.SetWitness(ctx, pr.dbName, ""); err != nil {
		t.Fatalf("SET WITNESS OFF: %v", err)
	}
	eventually(t, "witness forgets the session", 20*time.Second, func() bool { return len(w.mgr.Witnessed()) == 0 })
	if st := pr.p.status(pr.dbName); st.WitnessName != "" {
		t.Errorf("witness still configured: %+v", st)
	}
	// Without a witness, losing the mirror leaves the principal serving (§1.12).
	pr.m.stop()
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateDisconnected)
	if err := pr.pdb.access(); err != nil {
		t.Errorf("principal stopped serving without a witness: %v", err)
	}
}
