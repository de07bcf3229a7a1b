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

// TestWitnessViewSettingsAreThisRoles: the row's safety_level,
// safety_sequence_number, is_suspended and is_suspended_sequence_number come,
// like partner_sync_state, from the principal's summary at the role sequence
// the witness knows. After a forced service (the witness granted role sequence
// 9 to P, which suspended the session) P's latest summary was still the one it
// sent as the mirror at 8, SAFETY FULL and not suspended: the row said so,
// although at 9 the session is suspended. Until P reports at 9 the row
// shows what it shows for a session the witness has heard nothing of.
func TestWitnessViewSettingsAreThisRoles(t *testing.T) {
	for _, tc := range []struct {
		name       string
		last       proto.DBState
		safety     uint8
		safetyDesc string
		safetySeq  uint32
		suspended  bool
		suspendSeq uint32
	}{
		{"this role sequence", proto.DBState{RoleSeq: 9, Role: proto.RolePrincipal, State: proto.StateSuspended, Safety: proto.SafetyOff, SafetySeq: 4, Suspended: true, SuspendSeq: 3},
			1, "OFF", 4, true, 3},
		{"an older role sequence", proto.DBState{RoleSeq: 8, Role: proto.RoleMirror, State: proto.StateSynchronized, Safety: proto.SafetyFull, SafetySeq: 3, SuspendSeq: 2},
			0, "UNKNOWN", 0, false, 0},
		{"nothing heard", proto.DBState{}, 0, "UNKNOWN", 0, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			partners := [2]string{"P", "M"}
			w := &wsession{guid: uuid.New(), db: "mdb", partners: partners, last: map[string]proto.DBState{},
				m: witness.New(witness.Config{Self: "W", Partners: partners, State: witness.HardState{RoleSeq: 9, Principal: "P"}})}
			if tc.last.RoleSeq != 0 {
				w.observe("P", &tc.last)
			}
			ws := w.status()
			if ws.SafetyLevel != tc.safety || ws.SafetyLevelDesc != tc.safetyDesc || ws.SafetySequence != tc.safetySeq ||
				ws.IsSuspended != tc.suspended || ws.IsSuspendedSequence != tc.suspendSeq {
				t.Errorf("row safety %d %s seq %d, suspended %v seq %d; want %d %s seq %d, suspended %v seq %d",
					ws.SafetyLevel, ws.SafetyLevelDesc, ws.SafetySequence, ws.IsSuspended, ws.IsSuspendedSequence,
					tc.safety, tc.safetyDesc, tc.safetySeq, tc.suspended, tc.suspendSeq)
			}
		})
	}
}
