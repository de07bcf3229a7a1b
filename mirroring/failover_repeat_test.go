package mirroring

import (
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
	pr, _ := newWitnessedPair(t)
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
