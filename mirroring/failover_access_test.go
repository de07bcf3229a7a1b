package mirroring

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestFailoverAccessAgreesWithView: during a manual failover the old
// principal's clients get what sys.database_mirroring says — while its row
// still says PRINCIPAL (PENDING_FAILOVER) a USE gets 952 ("in transition"),
// and 954 ("acting as a mirror database") only once the row says MIRROR. The
// old principal set 954 as soon as it started giving up its role, before its
// new role was saved and published (tens of milliseconds under load, held
// here by a slow engine role change): a DBA or a failover client that read
// PRINCIPAL got 954 for a database the view did not call a mirror. The test
// records, at every access error the manager sets on the old principal, the
// row readers see at that moment, on both partners: the new principal
// serves only once its row says PRINCIPAL; the failover back checks the
// other side.
func TestFailoverAccessAgreesWithView(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	commitN(t, pr.pdb, 5)
	type seen struct {
		number int32
		role   string
	}
	record := func(in *instance, db *fakeDB) (get func() []seen) {
		var mu sync.Mutex
		var log []seen
		db.mu.Lock()
		db.onAccess = func(err error) {
			// The manager holds its lock (every writer of the snapshot
			// does), and at the mirror's 954 also snapMu: the row as
			// readers see it, read without snapMu.
			st := in.mgr.snaps[pr.dbName]
			mu.Lock()
			log = append(log, seen{sqlNumber(err), st.RoleDesc})
			mu.Unlock()
		}
		// A slow engine role change widens the window between the
		// decision and the published row.
		db.roleHold = func() { time.Sleep(100 * time.Millisecond) }
		db.mu.Unlock()
		return func() []seen {
			mu.Lock()
			defer mu.Unlock()
			return append([]seen(nil), log...)
		}
	}
	check := func(what string, got []seen) {
		t.Helper()
		var mirrorSeen bool
		for _, s := range got {
			if s.number == 954 && s.role != "MIRROR" {
				t.Errorf("%s: access error 954 set while sys.database_mirroring says %q (all: %v)", what, s.role, got)
				return
			}
			if s.number != 954 && s.number != 952 && s.number != 0 {
				t.Errorf("%s: access error %d during the failover (all: %v)", what, s.number, got)
			}
			mirrorSeen = mirrorSeen || s.number == 954
		}
		if !mirrorSeen {
			t.Errorf("%s: the old principal never answered 954 (%v)", what, got)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// The new principal: clients use it only once its row says PRINCIPAL
	// (it served while the row still said MIRROR).
	checkNew := func(what string, got []seen) {
		t.Helper()
		var served bool
		for _, s := range got {
			if s.number == 0 && s.role != "PRINCIPAL" {
				t.Errorf("%s: clients may use the database while sys.database_mirroring says %q (all: %v)", what, s.role, got)
				return
			}
			served = served || s.number == 0
		}
		if !served {
			t.Errorf("%s: the new principal never served (%v)", what, got)
		}
	}

	got, gotNew := record(pr.p, pr.pdb), record(pr.m, pr.mdb)
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0); err != nil {
		t.Fatalf("FAILOVER: %v", err)
	}
	pr.p.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	check("HOSTA", got())
	checkNew("HOSTB", gotNew())
	if err := pr.mdb.access(); err != nil {
		t.Errorf("HOSTB, the principal now: access error %v", err)
	}
	if n := sqlNumber(pr.pdb.access()); n != 954 {
		t.Errorf("HOSTA, the mirror now: access error %d, want 954", n)
	}

	got, gotNew = record(pr.m, pr.mdb), record(pr.p, pr.pdb)
	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0); err != nil {
		t.Fatalf("FAILOVER back: %v", err)
	}
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	check("HOSTB", got())
	checkNew("HOSTA", gotNew())
	if n := sqlNumber(pr.mdb.access()); n != 954 {
		t.Errorf("HOSTB, the mirror again: access error %d, want 954", n)
	}
}
