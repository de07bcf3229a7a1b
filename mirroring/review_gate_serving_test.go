package mirroring

import (
	"context"
	"errors"
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
	pr, s := synchronizedPair(t)
	mgr := pr.p.mgr
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
		select {
		case err := <-failc:
			// Its pings wait behind the gate: on a very loaded machine the
			// principal may have left SYNCHRONIZED before FAILOVER ran.
			t.Skipf("FAILOVER refused before the scenario could start: %v", err)
		default:
		}
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

// TestReviewFailedSaveReleasesWaitingCommits (review of 03cc6f3): a failed
// state save rebuilds the principal's machine from its last saved record and
// drops the Readys queued behind the save — among them the commit releases.
// A SAFETY FULL commit that was waiting then must still end: released once
// the mirror has hardened it (or failed), not left waiting for a later
// commit to push the release point past it. The rebuilt machine starts with
// everything durable counted as released ("nothing waits on it", true at
// boot only), so it never released the commit.
func TestReviewFailedSaveReleasesWaitingCommits(t *testing.T) {
	pr, s := synchronizedPair(t)
	mgr := pr.p.mgr
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	errDisk := errors.New("injected: device error")
	blk := newSaveBlocker(t, mgr, errDisk)
	timeoutc := make(chan error, 1)
	go func() { timeoutc <- mgr.PartnerCommand(ctx, pr.dbName, CmdTimeout, 11) }()
	blk.waitEntered(t)

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

	blk.release() // the save fails: the session is rebuilt, its queue dropped
	if err := <-timeoutc; !errors.Is(err, errDisk) {
		t.Fatalf("TIMEOUT with a failing save: %v, want the save's error", err)
	}
	mgr.mu.Lock()
	mgr.save.hook = nil
	mgr.mu.Unlock()
	waitSaveWorks(t, mgr)

	select {
	case r := <-commitc:
		// Released by the rebuilt machine (SYNCHRONIZING without a witness
		// releases what is durable here), or failed: either ends the wait.
		if r.err == nil && s.waits.releasedLSN() < r.lsn {
			t.Fatalf("commit at %s acknowledged but released only to %s", r.lsn, s.waits.releasedLSN())
		}
	case <-time.After(40 * time.Second):
		mgr.mu.Lock()
		st := s.m.Status()
		mgr.mu.Unlock()
		t.Fatalf("the commit still waits 40 s after the disk came back (machine released %s, waits released %s, mirror hardened %s)",
			st.Released, s.waits.releasedLSN(), pr.mdb.log.FlushedLSN())
	}
}

// TestReviewFailedSaveOfFailoverKeepsPrincipalCommitting (review of 03cc6f3
// and cf57717): on the principal of a manual failover, the Ready that makes
// it mirror shuts the commit waits (prepare) before its state save. When
// that save fails, the session is rebuilt from its saved record — principal
// at the old role sequence, serving again — but the waits stayed shut: every
// later commit failed at once with "acting as mirror" although the database
// served as principal.
func TestReviewFailedSaveOfFailoverKeepsPrincipalCommitting(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	mgr := pr.p.mgr
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	errDisk := errors.New("injected: device error")
	blk := newSaveBlocker(t, mgr, errDisk)
	failc := make(chan error, 1)
	go func() { failc <- mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0) }()
	select { // the old principal saves its mirror role …
	case <-blk.entered:
	case err := <-failc:
		// Refused at once (the session left SYNCHRONIZED on a very loaded
		// machine): the scenario did not start.
		t.Skipf("FAILOVER returned before its state save started: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("no state save was started")
	}
	blk.release() // … and the disk refuses it
	if err := <-failc; err == nil {
		t.Fatal("FAILOVER succeeded although the principal could not save its new role")
	}
	mgr.mu.Lock()
	mgr.save.hook = nil
	mgr.mu.Unlock()
	waitSaveWorks(t, mgr)

	var last error
	var lastStatus Status
	deadline := time.Now().Add(60 * time.Second)
	for {
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		_, last = pr.pdb.commit(cctx)
		ccancel()
		lastStatus = pr.p.status(pr.dbName)
		if last == nil && lastStatus.Role == uint8(partner.RolePrincipal) {
			return
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(testPing)
	}
	t.Fatalf("no commit succeeds on the principal after the failed failover: %v (principal status role %d state %d, mirror role %d state %d)",
		last, lastStatus.Role, lastStatus.State, pr.m.status(pr.dbName).Role, pr.m.status(pr.dbName).State)
}

// TestReviewFailedSaveEndsPendingCommands (review of 03cc6f3): a failed
// state save rebuilds the session's machine, which knows nothing of the
// commands the old one had accepted and not yet answered. Only the commands
// answered in the dropped Readys failed; a FAILOVER still waiting for the
// mirror's answer was never answered (the rebuilt machine ignores that
// answer), and the DBA's ALTER DATABASE hung until its client gave up.
func TestReviewFailedSaveEndsPendingCommands(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	// The mirror's answer to the FAILOVER will wait behind its own held save
	// (of the TIMEOUT the principal passes on).
	mblk := newSaveBlocker(t, pr.m.mgr, nil)
	if err := pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdTimeout, 11); err != nil {
		t.Fatalf("TIMEOUT 11: %v", err)
	}
	mblk.waitEntered(t)
	failc := make(chan error, 1)
	go func() { failc <- pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdFailover, 0) }()
	eventually(t, "the principal's machine in PENDING_FAILOVER", 20*time.Second, func() bool {
		select {
		case err := <-failc:
			t.Skipf("FAILOVER refused before the scenario could start: %v", err)
		default:
		}
		pr.p.mgr.mu.Lock()
		defer pr.p.mgr.mu.Unlock()
		return pr.p.mgr.sessions[pr.dbName].m.AccessError() != nil
	})

	// Meanwhile a state save of the principal fails: its session is rebuilt.
	errDisk := errors.New("injected: device error")
	pblk := newSaveBlocker(t, pr.p.mgr, errDisk)
	timeoutc := make(chan error, 1)
	go func() { timeoutc <- pr.p.mgr.PartnerCommand(ctx, pr.dbName, CmdTimeout, 12) }()
	pblk.waitEntered(t)
	pblk.release()
	if err := <-timeoutc; !errors.Is(err, errDisk) {
		t.Fatalf("TIMEOUT with a failing save: %v, want the save's error", err)
	}
	pr.p.mgr.mu.Lock()
	pr.p.mgr.save.hook = nil
	pr.p.mgr.mu.Unlock()
	mblk.release()

	select {
	case err := <-failc:
		if err == nil && pr.p.status(pr.dbName).Role == uint8(partner.RolePrincipal) {
			t.Fatal("FAILOVER reported success, but the old principal is still principal")
		}
	case <-time.After(45 * time.Second):
		t.Fatal("FAILOVER still unanswered 45 s after the principal's machine was rebuilt")
	}
}

// synchronizedPair is newPair once both partners are SYNCHRONIZED, with the
// principal's session.
func synchronizedPair(t *testing.T) (*pair, *session) {
	t.Helper()
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	pr.p.mgr.mu.Lock()
	defer pr.p.mgr.mu.Unlock()
	return pr, pr.p.mgr.sessions[pr.dbName]
}
