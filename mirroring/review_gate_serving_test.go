package mirroring

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestReviewQueuedNotServingReadyFailsCommits (review of 03cc6f3 and
// cf57717): a Ready queued behind the persist gate is applied after the
// machine has moved on. A Ready that stops serving (a manual FAILOVER sets
// PENDING_FAILOVER) fails the commits still waiting for the mirror, with the
// error of the moment they are failed — and when that moment came after the
// failover was given up (no answer within TIMEOUT: the principal serves
// again) the machine's access error was nil: commitWaits.fail(nil) let every
// waiting SAFETY FULL commit return success although the mirror had not
// hardened it (its log was still queued behind the gate, not even sent). A
// crash of the principal then, and an automatic failover, would lose
// acknowledged commits. The commit must fail (outcome unknown, 952) or be
// released by the mirror's ack, never succeed unreleased.
func TestReviewQueuedNotServingReadyFailsCommits(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	mgr := pr.p.mgr
	mgr.mu.Lock()
	s := mgr.sessions[pr.dbName]
	mgr.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// Close the principal's gate: a TIMEOUT change whose save is held.
	blk := newSaveBlocker(t, mgr, nil)
	timeoutc := make(chan error, 1)
	go func() { timeoutc <- mgr.PartnerCommand(ctx, pr.dbName, CmdTimeout, 11) }()
	blk.waitEntered(t)

	// FAILOVER behind the gate: the machine stops serving at once, its
	// Ready (and the FailoverRequest in it) waits for the save.
	failc := make(chan error, 1)
	go func() { failc <- mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0) }()
	eventually(t, "the principal's machine in PENDING_FAILOVER", 20*time.Second, func() bool {
		mgr.mu.Lock()
		defer mgr.mu.Unlock()
		return s.m.AccessError() != nil
	})

	// A commit made now waits for the mirror; its log is queued, unsent.
	type result struct {
		lsn txlog.LSN
		err error
	}
	commitc := make(chan result, 1)
	go func() {
		lsn, err := pr.pdb.commit(ctx)
		commitc <- result{lsn, err}
	}()
	eventually(t, "the commit waiting for the mirror", 20*time.Second, func() bool { return s.waits.blocked() == 1 })

	// No answer can come: the failover is given up after TIMEOUT and the
	// machine serves again, while its not-serving Ready is still queued.
	eventually(t, "the failover given up (machine serving again)", 40*time.Second, func() bool {
		mgr.mu.Lock()
		defer mgr.mu.Unlock()
		return s.m.AccessError() == nil
	})
	mgr.mu.Lock()
	hardenedByMirror := s.waits.releasedLSN()
	mgr.mu.Unlock()

	blk.release()
	var r result
	select {
	case r = <-commitc:
	case <-ctx.Done():
		t.Fatal("the commit still waits after the save")
	}
	if r.err == nil && r.lsn > hardenedByMirror {
		// Released by nothing but the queued Ready's fail(nil).
		t.Fatalf("commit at %s acknowledged by the stale not-serving Ready (released up to %s when it was applied): the mirror had not hardened it", r.lsn, hardenedByMirror)
	}
	if err := <-timeoutc; err != nil {
		t.Fatalf("TIMEOUT after its save: %v", err)
	}
	if err := <-failc; err == nil {
		t.Fatal("FAILOVER succeeded although the mirror never answered")
	}
}
