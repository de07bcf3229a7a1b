package mirroring

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/endpoint"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// redial makes in dial addr once more while a connection to that peer already
// exists, as both dial loops do when a cut link heals: both sides then keep the
// new connection and close the old one, and whatever was still in flight on the
// old one is lost.
func (in *instance) redial(t *testing.T, addr string) {
	t.Helper()
	in.mgr.mu.Lock()
	id := in.mgr.identity()
	in.mgr.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	nc, err := endpoint.Dial(ctx, addr, id, in.mgr.sec)
	if err != nil {
		t.Fatalf("%s: dial %s: %v", in.name, addr, err)
	}
	in.mgr.wg.Add(1)
	go func() {
		defer in.mgr.wg.Done()
		in.mgr.serveConn(nc, addr)
	}()
}

// TestConnectionReplacedUnderCommits is the regression test for e2e TestQuorum's
// rare hang after a healed partition: log shipped on a connection that the other
// side was just replacing was lost, the session stayed up, and without further
// commits the mirror never asked for it again: both partners stayed
// SYNCHRONIZING, and a SAFETY FULL commit waited forever. A replaced connection
// now restarts shipping from what the mirror has hardened.
func TestConnectionReplacedUnderCommits(t *testing.T) {
	// The mirror's name sorts first, so the connections it dials win, as in
	// TestQuorum: the principal's log in flight on the connection it dialed is
	// lost when the mirror closes that connection.
	pr := newNamedPair(t, "PRINCIPAL", "MIRROR")
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)

	// One committer: a lost shipment is then the last one, which no later
	// commit's shipment reveals as a gap. The principal's manager is held
	// while the mirror replaces the connection, so that the principal ships
	// the commit's log on the connection the mirror has just closed.
	for i := 0; i < 20; i++ {
		pr.m.mgr.mu.Lock()
		old := pr.m.mgr.peers[pr.p.name]
		pr.m.mgr.mu.Unlock()
		pr.p.mgr.mu.Lock()
		done := make(chan error, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, err := pr.pdb.commit(ctx)
			done <- err
		}()
		pr.m.redial(t, pr.p.addr()) // replaces the connection on both sides
		eventually(t, "the mirror keeps the new connection", 20*time.Second, func() bool {
			pr.m.mgr.mu.Lock()
			defer pr.m.mgr.mu.Unlock()
			c := pr.m.mgr.peers[pr.p.name]
			return c != nil && c != old
		})
		time.Sleep(5 * time.Millisecond) // the commit's flush is waiting for the lock
		pr.p.mgr.mu.Unlock()
		if err := <-done; err != nil {
			t.Fatalf("round %d: a SAFETY FULL commit across a replaced connection: %v", i, err)
		}
	}
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	eventually(t, "mirror hardened the principal's whole log", 20*time.Second, func() bool {
		return pr.mdb.log.HardenedLSN() == pr.pdb.log.FlushedLSN()
	})
	sameLog(t, pr.pdb.log, pr.mdb.log, pr.mdb.log.RetainedFrom())
}

// TestReplacedConnectionOutlivesPeerSwitch: when the mirror's dial replaces the
// connection the principal dialed (the mirror's name sorts first, as in
// tests/mirroring), the mirror keeps the old connection open until the
// principal has switched to the new one. Closed at once, its end could reach
// the principal before the principal had registered the replacement: the
// principal took its mirror for lost (§1.4 hard error), went DISCONNECTED and
// restarted the session — SET WITNESS right after set-up failed with 1426, and
// commits meanwhile were released without the mirror.
func TestReplacedConnectionOutlivesPeerSwitch(t *testing.T) {
	pr := newNamedPair(t, "PRINCIPAL", "MIRROR")
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	for round := 0; round < 5; round++ {
		pr.m.mgr.mu.Lock()
		old := pr.m.mgr.peers[pr.p.name]
		pr.m.mgr.mu.Unlock()
		// The principal's manager is held: it cannot register the new
		// connection, so it still sends on, and reads, the old one.
		pr.p.mgr.mu.Lock()
		pr.m.redial(t, pr.p.addr())
		eventually(t, "the mirror keeps the new connection", 20*time.Second, func() bool {
			pr.m.mgr.mu.Lock()
			defer pr.m.mgr.mu.Unlock()
			c := pr.m.mgr.peers[pr.p.name]
			return c != nil && c != old
		})
		select {
		case <-old.Done():
			pr.p.mgr.mu.Unlock()
			t.Fatalf("round %d: the mirror closed the replaced connection before the principal switched", round)
		default:
		}
		pr.p.mgr.mu.Unlock()
		eventually(t, "the replaced connection closes once the principal switched", 20*time.Second, func() bool {
			select {
			case <-old.Done():
				return true
			default:
				return false
			}
		})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		lsn, err := pr.pdb.commit(ctx)
		cancel()
		if err != nil {
			t.Fatalf("round %d: commit: %v", round, err)
		}
		if h := pr.mdb.log.HardenedLSN(); h < lsn {
			t.Fatalf("round %d: commit released before the mirror hardened it (the principal took its mirror for lost)", round)
		}
		if st := pr.p.status(pr.dbName); st.State != uint8(partner.StateSynchronized) {
			t.Fatalf("round %d: principal %s after the replacement, want SYNCHRONIZED", round, st.StateDesc)
		}
	}
}
