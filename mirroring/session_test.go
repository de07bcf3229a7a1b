package mirroring

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

func TestSetupStreamsLogByteIdentical(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)

	ctx := context.Background()
	for i := 0; i < 300; i++ {
		lsn, err := pr.pdb.commit(ctx)
		if err != nil {
			t.Fatalf("commit %d: %v", i, err)
		}
		// SAFETY FULL + SYNCHRONIZED: the commit is acknowledged only once the
		// mirror has hardened it (§1.5).
		if h := pr.mdb.log.HardenedLSN(); h < lsn {
			t.Fatalf("commit %s released before the mirror hardened it (mirror at %s)", lsn, h)
		}
	}
	sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())

	ps, ms := pr.p.status(pr.dbName), pr.m.status(pr.dbName)
	if ps.GUID != ms.GUID || ps.RoleSequence != 1 || ms.RoleSequence != 1 {
		t.Errorf("guid/role sequence: principal %v/%d mirror %v/%d", ps.GUID, ps.RoleSequence, ms.GUID, ms.RoleSequence)
	}
	if ps.SafetyLevelDesc != "FULL" || ps.ConnectionTimeout != 10 || ps.PartnerInstance != "HOSTB" || ms.PartnerInstance != "HOSTA" {
		t.Errorf("status: %+v / %+v", ps, ms)
	}
	if got := pr.p.mgr.PartnerInstance(pr.dbName); got != "HOSTB" {
		t.Errorf("PartnerInstance = %q", got)
	}
	if err := pr.mdb.access(); err == nil {
		t.Errorf("mirror database is accessible")
	} else if n, _, _ := err.(*partner.Error).SQLServerError(); n != 954 {
		t.Errorf("mirror access error %v, want 954", err)
	}
	if len(pr.p.mgr.Connections()) != 1 || len(pr.m.mgr.Connections()) != 1 {
		t.Errorf("connections: %d / %d, want one each", len(pr.p.mgr.Connections()), len(pr.m.mgr.Connections()))
	}
}

func TestSafetyOffNeverWaits(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx := context.Background()
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdSafetyOff, 0); err != nil {
		t.Fatalf("SAFETY OFF: %v", err)
	}
	// Stop the mirror: with SAFETY OFF the principal never waits for it.
	pr.m.stop()
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for i := 0; i < 50; i++ {
		if _, err := pr.pdb.commit(cctx); err != nil {
			t.Fatalf("commit %d with SAFETY OFF: %v", i, err)
		}
	}
	if st := pr.p.status(pr.dbName); st.SafetyLevelDesc != "OFF" {
		t.Errorf("safety %s", st.SafetyLevelDesc)
	}
}

// TestTwoDatabasesOneConnection mirrors two databases between the same instances,
// in opposite directions: one connection carries both sessions.
func TestTwoDatabasesOneConnection(t *testing.T) {
	pr := newPair(t)
	ctx := context.Background()
	// A second database, principal on HOSTB this time (HOSTA's endpoint is PARTNER).
	hr := pr.m.addDB("hr", false, 0)
	commitN(t, hr, 3)
	hrMirror := pr.p.addDB("hr", true, hr.log.DurableEnd())
	if err := pr.p.mgr.SetPartner(ctx, "hr", pr.m.addr()); err != nil {
		t.Fatalf("arm hr: %v", err)
	}
	if err := pr.m.mgr.SetPartner(ctx, "hr", pr.p.addr()); err != nil {
		t.Fatalf("SET PARTNER hr: %v", err)
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState("hr", partner.RolePrincipal, partner.StateSynchronized)
	commitN(t, pr.pdb, 30)
	commitN(t, hr, 30)
	sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())
	sameLog(t, hr.log, hrMirror.log, hrMirror.log.RetainedFrom())
	if n, m := len(pr.p.mgr.Connections()), len(pr.m.mgr.Connections()); n != 1 || m != 1 {
		t.Errorf("connections %d / %d, want one per instance pair", n, m)
	}
}
