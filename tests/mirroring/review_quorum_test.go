package mirroring_test

import (
	"fmt"
	"testing"
)

// TestReviewWitnessOffWithoutQuorum: the witness is lost, then the mirror
// (§1.3 rule 5): the principal lacks quorum and refuses its clients (955).
// A DBA's reflex, ALTER DATABASE … SET WITNESS OFF, brought the database
// back: the principal served again although it could not know whether the
// mirror had meanwhile taken over with the witness — two principals. SQL
// Server refuses it with 1431, as it does the other reconfigurations, and
// the database stays unavailable; SET PARTNER OFF is the deliberate way to
// have this copy back without the session.
func TestReviewWitnessOffWithoutQuorum(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p := c.principal
	count := fmt.Sprintf("SELECT COUNT(*) FROM %s.dbo.kv", dbName)

	c.witness.Stop()
	c.waitRow(p, "witness DISCONNECTED", func(r mirroringRow) bool { return r.WitnessState == "DISCONNECTED" })
	c.mirror.Stop()
	c.waitFor("the principal refuses its clients (955)", failoverBound, func() (bool, error) {
		return errNumber(c.exec(p, count)) == 955, nil
	})

	noQuorum := fmt.Sprintf(`1431/16/1 Neither the partner nor the witness server instance for database "%s" is available. Reissue the command when at least one of the instances becomes available.`, dbName)
	for _, clause := range []string{"SET WITNESS OFF", "SET PARTNER SAFETY OFF", "SET PARTNER TIMEOUT 20"} {
		if got := sqlErr(c.alter(p, clause)); got != noQuorum {
			t.Errorf("ALTER DATABASE %s %s on a principal without quorum:\n got %s\nwant %s", dbName, clause, got, noQuorum)
		}
	}
	if err := c.exec(p, count); errNumber(err) != 955 {
		t.Errorf("the database after the refused statements: %v, want 955", err)
	}
	if r := c.mustRow(p); r.Witness == "" || r.Safety != "FULL" || r.Timeout != int64(partnerTimeout) {
		t.Errorf("the session after the refused statements: %v, want the witness, SAFETY FULL and TIMEOUT %d kept", r, partnerTimeout)
	}

	c.mustAlter(p, "SET PARTNER OFF")
	if err := c.exec(p, count); err != nil {
		t.Errorf("the database after SET PARTNER OFF: %v", err)
	}
}
