package mirroring

import (
	"testing"

	"github.com/google/uuid"
	"github.com/mirrorsql/mirrorsql/mirroring/proto"
	"github.com/mirrorsql/mirrorsql/mirroring/witness"
)

// TestWitnessViewSyncStateIsThisRoles: sys.database_mirroring_witnesses shows
// partner_sync_state SYNCHRONIZED only when the principal's latest summary says
// so at the role sequence the witness knows. A partner restarted after a kill
// -9 and made principal again by a manual failover (role sequence 9) within a
// few hundred milliseconds had not reached the witness yet, whose latest
// summary from it was SYNCHRONIZED as principal at role sequence 7: the view
// said SYNCHRONIZED, yet the witness (rightly, §1.9.2) would not fail over.
func TestWitnessViewSyncStateIsThisRoles(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lastSeq uint32
		state   proto.State
		want    string
	}{
		{"synchronized at this role sequence", 9, proto.StateSynchronized, "SYNCHRONIZED"},
		{"synchronized at an older role sequence", 7, proto.StateSynchronized, "UNSYNCHRONIZED"},
		{"synchronizing at this role sequence", 9, proto.StateSynchronizing, "UNSYNCHRONIZED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			partners := [2]string{"P", "M"}
			w := &wsession{guid: uuid.New(), db: "mdb", partners: partners, last: map[string]proto.DBState{},
				m: witness.New(witness.Config{Self: "W", Partners: partners, State: witness.HardState{RoleSeq: 9, Principal: "P"}})}
			w.observe("P", &proto.DBState{RoleSeq: tc.lastSeq, Role: proto.RolePrincipal, State: tc.state, Safety: proto.SafetyFull})
			ws := w.status()
			if ws.PartnerSyncStateDesc != tc.want || ws.PrincipalServer != "P" || ws.MirrorServer != "M" || ws.RoleSequence != 9 {
				t.Errorf("row %+v, want partner_sync_state_desc %s", ws, tc.want)
			}
		})
	}
}
