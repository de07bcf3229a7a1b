package mirroring

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestReviewStaleMessageFromReplacedConnection (review of 0d44a0e and
// 3f29c26): a replaced connection is read until the peer's first message
// on its replacement, so its reader may hold a message it received before
// and hand it to the manager after messages of the replacement. A
// SessionStart the principal sent before it shipped more log, handed over
// after that log was hardened and acknowledged, named an end of log below
// the mirror's: the mirror took it for a principal that lost its tail in a
// crash (acceptSession → cutTail) and truncated acknowledged commits — a
// failover then lost them (partner-level model:
// TestReviewReplacedConnectionReorders). Messages from a connection that is
// neither the peer's connection nor superseded by it must be dropped.
func TestReviewStaleMessageFromReplacedConnection(t *testing.T) {
	pr := newNamedPair(t, "PRINCIPAL", "MIRROR")
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	pr.m.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
	commitN(t, pr.pdb, 3)
	staleEnd := pr.pdb.log.FlushedLSN()

	pr.m.mgr.mu.Lock()
	old := pr.m.mgr.peers[pr.p.name]
	pr.m.mgr.mu.Unlock()
	pr.m.redial(t, pr.p.addr())
	eventually(t, "the replaced connection closes once the principal switched", 20*time.Second, func() bool {
		select {
		case <-old.Done():
			return true
		default:
			return false
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var acked txlog.LSN
	for i := 0; i < 3; i++ {
		lsn, err := pr.pdb.commit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		acked = lsn
	}
	if h := pr.mdb.log.HardenedLSN(); h < acked {
		t.Fatalf("commit %s acknowledged, mirror hardened only %s", acked, h)
	}

	// What the old connection's reader still held: the principal's
	// SessionStart from before the last commits.
	pr.m.mgr.mu.Lock()
	s := pr.m.mgr.sessions[pr.dbName]
	hs := s.m.HardState()
	stale := toProto(s.guid, pr.dbName, pr.m.name, partner.Message{Type: partner.MsgSessionStart,
		RoleSeq: hs.RoleSeq, Role: partner.RolePrincipal, Safety: hs.Safety, SafetySeq: hs.SafetySeq,
		Suspended: hs.Suspended, SuspendSeq: hs.SuspendSeq, Timeout: hs.Timeout, Witness: hs.Witness,
		EndOfLog: staleEnd, Hardened: staleEnd})
	pr.m.mgr.mu.Unlock()
	pr.m.mgr.handle(old, stale) // a truncation it caused is done when it returns
	if h := pr.mdb.log.HardenedLSN(); h < acked {
		t.Fatalf("mirror's log cut to %s below acknowledged commit %s by a stale SessionStart from the replaced connection", h, acked)
	}
}
