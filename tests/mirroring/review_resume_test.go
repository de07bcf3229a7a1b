package mirroring_test

import (
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewResumeWhenNotSuspended: SET PARTNER RESUME on a session that is
// not suspended is accepted by SQL Server and changes nothing. It restarted
// the session: both partners showed SYNCHRONIZING until the mirror
// acknowledged again, and in that window SET WITNESS got 1426, FAILOVER
// 1422 and a snapshot of the mirror 1822. Issued on either partner, the
// session must stay SYNCHRONIZED on both throughout.
func TestReviewResumeWhenNotSuspended(t *testing.T) {
	c := newCluster(t, setupOptions{})
	c.waitState(c.mirror, "SYNCHRONIZED")
	for _, on := range []*harness.Server{c.principal, c.mirror} {
		if err := c.alter(on, "SET PARTNER RESUME"); err != nil {
			t.Fatalf("RESUME on the %s of a SYNCHRONIZED session: %v, want no error", on.Name, err)
		}
		// Long enough for a restarted session to show (the old code's
		// SYNCHRONIZING lasted until the next ping and ack).
		for end := time.Now().Add(1500 * time.Millisecond); time.Now().Before(end); {
			for _, s := range []*harness.Server{c.principal, c.mirror} {
				if r := c.mustRow(s); r.State != "SYNCHRONIZED" {
					t.Fatalf("after RESUME on the %s: %s shows %v, want SYNCHRONIZED throughout", on.Name, s.Name, r)
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	// Manual failover needs SYNCHRONIZED (1422): right after a RESUME it
	// must go through.
	c.mustAlter(c.principal, "SET PARTNER RESUME")
	c.mustAlter(c.principal, "SET PARTNER FAILOVER")
	c.waitRole(c.mirror, "PRINCIPAL", "")
}
