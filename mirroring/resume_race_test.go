package mirroring

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
)

// TestForcedServiceStaleAcceptAfterResume (issue #6) is the owners' half of
// partner.TestResumeRacesStaleSessionAccept, on real logs: the old principal
// comes back after forced service with a tail of more than tailWindow blocks
// and is a SUSPENDED mirror; the SessionAccept it sends then must, when the
// principal judges it after RESUME (the accept crossed the RESUME), show the
// common point rather than no common point (1412). The accept describes its
// log up to the new principal's fork point; described up to its own end, as
// before, the same judgment finds no common point (checked too, so the test
// shows what it guards).
func TestForcedServiceStaleAcceptAfterResume(t *testing.T) {
	pr := newPair(t)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	commitN(t, pr.pdb, 20)
	pr.p.stop()
	commitN(t, pr.pdb, 3*tailWindow) // the old principal's tail, never shipped
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateDisconnected)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdForceService, 0); err != nil {
		t.Fatalf("FORCE_SERVICE_ALLOW_DATA_LOSS: %v", err)
	}
	commitN(t, pr.mdb, 10)
	pr.p.start()
	pr.p.waitState(pr.dbName, partner.RoleMirror, partner.StateSuspended)

	pr.m.mgr.mu.Lock()
	fork := pr.m.mgr.sessions[pr.dbName].m.HardState().ForkLSN
	pr.m.mgr.mu.Unlock()
	pr.p.mgr.mu.Lock()
	ps := pr.p.mgr.sessions[pr.dbName]
	end := pr.pdb.log.FlushedLSN()
	hardened := min(end, fork) // partner acceptSession while unreconciled
	stale := &proto.SessionAccept{RoleSeq: 2, Role: proto.Role(partner.RoleMirror), Hardened: hardened,
		TailBlocks: pr.p.mgr.tailBlocks(ps, pr.pdb.log, hardened)}
	whole := &proto.SessionAccept{RoleSeq: 2, Role: proto.Role(partner.RoleMirror), Hardened: end,
		TailBlocks: pr.p.mgr.tailBlocks(ps, pr.pdb.log, end)}
	pr.p.mgr.mu.Unlock()
	if end <= fork || len(whole.TailBlocks) < tailWindow || whole.TailBlocks[0].Offset <= fork.BlockOffset() {
		t.Fatalf("the old principal's log (end %s) has no tail of %d blocks after the fork %s: %d blocks listed",
			end, tailWindow, fork, len(whole.TailBlocks))
	}

	if err := pr.m.mgr.PartnerCommand(ctx, pr.dbName, CmdResume, 0); err != nil {
		t.Fatalf("RESUME: %v", err)
	}
	judge := func(v *proto.SessionAccept) partner.Message {
		pr.m.mgr.mu.Lock()
		defer pr.m.mgr.mu.Unlock()
		var msg partner.Message
		pr.m.mgr.checkFork(pr.m.mgr.sessions[pr.dbName], v, &msg)
		return msg
	}
	if msg := judge(stale); msg.NoCommonPoint || msg.CutAfter != 0 {
		t.Errorf("accept up to the fork point %s judged after RESUME: NoCommonPoint=%v CutAfter=%s, want the logs to agree",
			fork, msg.NoCommonPoint, msg.CutAfter)
	}
	if msg := judge(whole); !msg.NoCommonPoint {
		t.Errorf("accept of the whole divergent tail judged after RESUME: NoCommonPoint=%v CutAfter=%s, want no common point (the test no longer shows the race's verdict)",
			msg.NoCommonPoint, msg.CutAfter)
	}
	pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	eventually(t, "old principal resynchronized", 20*time.Second, func() bool {
		return pr.pdb.log.HardenedLSN() == pr.mdb.log.FlushedLSN()
	})
	sameLog(t, pr.mdb.log, pr.pdb.log, pr.mdb.log.RetainedFrom())
}
