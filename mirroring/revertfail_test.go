package mirroring

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// revertFaults makes RevertTo of a fakeDB fail: *fakeDB → error. Databases not
// in it revert successfully (nothing to undo: fakeDB redo is the log itself).
var revertFaults sync.Map

// revertCalls counts RevertTo calls per *fakeDB.
var revertCalls sync.Map

// RevertTo makes every fakeDB a Reverter (as the engine's databases are).
func (d *fakeDB) RevertTo(_ context.Context, _ txlog.LSN) error {
	n, _ := revertCalls.LoadOrStore(d, new(int))
	d.mu.Lock()
	*n.(*int)++
	d.mu.Unlock()
	if err, ok := revertFaults.Load(d); ok {
		return err.(error)
	}
	return nil
}

func reverts(d *fakeDB) int {
	n, ok := revertCalls.Load(d)
	if !ok {
		return 0
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return *n.(*int)
}

// TestRevertFailureKeepsLogAndSuspends: a principal becoming mirror in a
// manual failover whose store cannot be undone to the failover point keeps its
// log, does not go on as a mirror (no BecomeMirror, so no redo over a store
// that contradicts the shared log) and suspends the session; the new principal
// serves, exposed, and nothing is appended to the old principal's log.
func TestRevertFailureKeepsLogAndSuspends(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	commitN(t, pr.pdb, 10)
	revertFaults.Store(pr.pdb, errors.New("injected store failure"))
	t.Cleanup(func() { revertFaults.Delete(pr.pdb) })
	end := pr.pdb.log.FlushedLSN()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0); err != nil {
		t.Fatalf("FAILOVER: %v", err)
	}
	pr.p.waitState(pr.dbName, partner.RoleMirror, partner.StateSuspended)
	pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateSuspended)
	if n := reverts(pr.pdb); n == 0 {
		t.Fatal("RevertTo was not called in the role change")
	}
	pr.pdb.mu.Lock()
	toMirror, restoring := pr.pdb.toMirror, pr.pdb.restoring
	pr.pdb.mu.Unlock()
	if toMirror != 0 || restoring {
		t.Errorf("the old principal went on as a mirror (BecomeMirror calls %d, restoring %v)", toMirror, restoring)
	}
	if pr.pdb.access() == nil {
		t.Error("the old principal's database still accepts clients")
	}
	// The new principal serves, exposed; its log does not reach the old one.
	commitN(t, pr.mdb, 10)
	time.Sleep(5 * testPing) // give a wrongly resumed session time to ship
	if got := pr.pdb.log.FlushedLSN(); got != end {
		t.Errorf("the old principal's log changed: ends at %s, want %s", got, end)
	}
}
