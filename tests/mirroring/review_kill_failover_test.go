package mirroring_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewKillDuringManualFailover (review, issues #4 #6): SET PARTNER
// FAILOVER runs under SAFETY FULL writers with a witness, and one partner is
// SIGKILLed a few milliseconds into it — in each round another delay and,
// alternately, the principal that asked for it or the mirror taking over —
// so the kill lands between the failover request, the mirror's role change
// record and its first write. After the killed partner restarts the two
// must settle as one PRINCIPAL and one SYNCHRONIZED MIRROR (whichever way
// round), never both principal at one role sequence, and the principal must
// hold every row acknowledged by either instance and none never attempted;
// after a further failover the other copy has the same rows.
func TestReviewKillDuringManualFailover(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	cur, oth := c.principal, c.mirror
	const n = 3
	delays := []time.Duration{0, 5 * time.Millisecond, 20 * time.Millisecond, 60 * time.Millisecond}
	for round, delay := range delays {
		base := 1_000_000 * (round + 1)
		ws := []*pinnedWriters{
			startPinnedWriters(t, cur.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base),
			startPinnedWriters(t, oth.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base+500_000),
		}
		c.stable(cur, oth)
		time.Sleep(700 * time.Millisecond) // commits in flight (not an assertion)
		victim, role := cur, "principal"
		if round%2 == 1 {
			victim, role = oth, "mirror"
		}
		failed := make(chan error, 1)
		go func() { failed <- c.alter(cur, "SET PARTNER FAILOVER") }()
		time.Sleep(delay)
		victim.Kill()
		err := <-failed
		victim.Restart()

		// Settle: one principal, one synchronized mirror.
		var p, m *harness.Server
		c.waitFor("one PRINCIPAL and one SYNCHRONIZED MIRROR", failoverBound, func() (bool, error) {
			a, errA := c.row(cur)
			b, errB := c.row(oth)
			if errA != nil || errB != nil {
				return false, nil
			}
			if a.Role == "PRINCIPAL" && b.Role == "PRINCIPAL" && a.Seq == b.Seq {
				return false, fmt.Errorf("both partners PRINCIPAL at role sequence %d", a.Seq)
			}
			switch {
			case a.Role == "PRINCIPAL" && b.Role == "MIRROR" && b.State == "SYNCHRONIZED":
				p, m = cur, oth
			case b.Role == "PRINCIPAL" && a.Role == "MIRROR" && a.State == "SYNCHRONIZED":
				p, m = oth, cur
			default:
				return false, nil
			}
			return true, nil
		})
		for _, w := range ws {
			w.stop()
		}
		onP, waited := c.servingIDs(p)
		if waited > 100*time.Millisecond {
			t.Logf("round %d: %s refused reads (955) for %v after both reported SYNCHRONIZED", round, p.Name, waited.Round(time.Millisecond))
		}
		ws[0].check(t, fmt.Sprintf("round %d: %s", round, p.Name), onP, base, n)
		ws[1].check(t, fmt.Sprintf("round %d: %s", round, p.Name), onP, base+500_000, n)
		a0, _ := ws[0].counts()
		a1, _ := ws[1].counts()
		t.Logf("round %d: killed the %s (%s) %v into FAILOVER (which returned %v); principal now %s; %d + %d rows acknowledged", round, role, victim.Name, delay, err, p.Name, a0, a1)
		if t.Failed() {
			t.Fatal(c.describe())
		}
		c.stable(p, m)
		c.manualFailover(p, m)
		sameIDs(t, c.mustIDs(m), onP, m.Name, p.Name)
		cur, oth = m, p
	}
}
