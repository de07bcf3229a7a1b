package mirroring

import (
	"testing"
	"time"

	"github.com/google/uuid"
)

// TestWitnessFamilyGUID: sys.database_mirroring_witnesses.family_guid on the
// witness is the database's backup family, the family_guid its partners'
// sys.database_recovery_status shows (a restore keeps it, so both copies
// have the same): the partners tell it with their pings (SessionFamily). It
// was NULL.
func TestWitnessFamilyGUID(t *testing.T) {
	pr, w := newWitnessedPair(t)
	family := uuid.MustParse("5e3a2b1c-0d9e-4f8a-b7c6-d5e4f3a2b1c0")
	for _, db := range []*fakeDB{pr.pdb, pr.mdb} {
		db.mu.Lock()
		db.family = family
		db.mu.Unlock()
	}
	waitWitnessed(t, pr, w)
	eventually(t, "the witness's row has the database's family", 20*time.Second, func() bool {
		ws := w.mgr.Witnessed()
		return len(ws) == 1 && ws[0].FamilyGUID == family
	})
}
