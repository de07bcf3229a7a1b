package mirroring

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestAutomaticFailoverRightAfterRejoin: ping-pong automatic failovers with a
// witness, each principal stopped as soon as the former one (restarted) is
// its SYNCHRONIZED mirror again and a commit went through — the shape of
// tests/mirroring TestAutomaticFailover, whose second failover once never
// came under load (the mirror stayed MIRROR/DISCONNECTED with the witness
// CONNECTED for 30 s).
func TestAutomaticFailoverRightAfterRejoin(t *testing.T) {
	pr := newDetectPair(t)
	w := newInstanceUnit(t, "HOSTW", "WITNESS", detectTimeoutUnit)
	pr.p.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pr.p.mgr.SetWitness(ctx, pr.dbName, w.addr()); err != nil {
		t.Fatalf("SET WITNESS: %v", err)
	}
	cur, oth := pr.p, pr.m
	curDB, othDB := pr.pdb, pr.mdb
	for round := 0; round < 4; round++ {
		cur.waitState(pr.dbName, partner.RolePrincipal, partner.StateSynchronized)
		oth.waitState(pr.dbName, partner.RoleMirror, partner.StateSynchronized)
		eventually(t, "both partners see the witness", 20*time.Second, func() bool {
			return cur.status(pr.dbName).WitnessStateDesc == "CONNECTED" && oth.status(pr.dbName).WitnessStateDesc == "CONNECTED"
		})
		commitN(t, curDB, 3)
		seq := cur.status(pr.dbName).RoleSequence
		cur.stop()
		eventually(t, "automatic failover", 20*time.Second, func() bool {
			return oth.status(pr.dbName).Role == uint8(partner.RolePrincipal)
		})
		if st := oth.status(pr.dbName); st.RoleSequence != seq+1 {
			t.Errorf("round %d: role sequence %d after failover, want %d", round, st.RoleSequence, seq+1)
		}
		cur.start()
		cur, oth = oth, cur
		curDB, othDB = othDB, curDB
	}
}
