package mirroring

import (
	"errors"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestReviewWitnessFailedSaveGrantsNothing (review of 03cc6f3, witness
// gate): when the save of a witness's grant fails, its messages were dropped
// but its machine and in-memory record kept the grant, so its next
// WitnessState pings (no Persist of their own, sent at once) announced the
// new role sequence with the mirror as principal, and the mirror took over
// on the strength of a vote the witness's disk did not hold. A witness
// restarted then grants from its old record: the partner model
// (mirroring/partner TestReviewWitnessFailedSave) loses an acknowledged
// commit that way. While the grant is not durable, nothing the witness
// sends may reveal it; once it is, the takeover goes ahead.
func TestReviewWitnessFailedSaveGrantsNothing(t *testing.T) {
	pr, w := newWitnessedPair(t)
	waitWitnessed(t, pr, w)
	commitN(t, pr.pdb, 5)

	// The witness's disk refuses every write from now on.
	errDisk := errors.New("injected: device error")
	blk := newSaveBlocker(t, w.mgr, errDisk)
	blk.release()
	pr.p.stop() // the principal goes away: the mirror asks the witness
	eventually(t, "the witness tried to save its grant", 20*time.Second, func() bool { return blk.count() > 0 })
	for range 20 { // several TIMEOUTs (1 s) pass
		if st := pr.m.status(pr.dbName); st.Role == uint8(partner.RolePrincipal) {
			t.Fatalf("the mirror became principal (role sequence %d) on a grant the witness could not save", st.RoleSequence)
		}
		time.Sleep(testPing)
	}

	// The disk is back: the grant is saved, then the mirror takes over.
	w.mgr.mu.Lock()
	w.mgr.save.hook = nil
	w.mgr.mu.Unlock()
	pr.m.waitState(pr.dbName, partner.RolePrincipal, partner.StateDisconnected)
}
