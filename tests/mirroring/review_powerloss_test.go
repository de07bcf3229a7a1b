package mirroring_test

import (
	"testing"
	"time"
)

// TestReviewBothPartnersKilled (review, issues #4 #6): a power loss takes
// both partners at once (SIGKILL of principal and mirror, the witness
// survives) while SAFETY FULL writers commit; in the second round it comes
// right after a manual failover, before the new principal has written
// anything of its own (a crash between the role change and the next write).
// The partners restart in the unfavourable order — the one that should be
// mirror first — and must settle as one principal (the one with the higher
// role sequence) and one SYNCHRONIZED mirror, the principal holding every
// acknowledged row and no row never attempted, and after a failover the
// other copy the same rows.
func TestReviewBothPartnersKilled(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	cur, oth := c.principal, c.mirror
	const n = 4
	for round, afterFailover := range []bool{false, true} {
		base := 1_000_000 * (round + 1)
		w := startPinnedWriters(t, cur.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base)
		time.Sleep(1500 * time.Millisecond) // commits in flight (not an assertion)
		if afterFailover {
			w.stop()
			c.manualFailover(cur, oth)
			cur, oth = oth, cur
		}
		seq := c.mustRow(cur).Seq
		cur.Kill()
		oth.Kill()
		w.stop()

		// The one that should come back as mirror starts first.
		oth.Restart()
		cur.Restart()
		if _, ok := c.tryWaitRow(cur, func(r mirroringRow) bool { return r.Role == "PRINCIPAL" && r.State == "SYNCHRONIZED" }); !ok {
			t.Fatalf("round %d: %s (role sequence %d before the power loss) is not a SYNCHRONIZED principal after both restarted; %s", round, cur.Name, seq, c.describe())
		}
		c.waitRole(oth, "MIRROR", "SYNCHRONIZED")
		onCur, waited := c.servingIDs(cur)
		if waited > 100*time.Millisecond {
			t.Logf("round %d: %s refused reads (955) for %v after both reported SYNCHRONIZED", round, cur.Name, waited.Round(time.Millisecond))
		}
		w.check(t, cur.Name, onCur, base, n)
		a, at := w.counts()
		t.Logf("round %d (after failover %v): %d of %d attempted rows acknowledged", round, afterFailover, a, at)
		if t.Failed() {
			t.Fatal(c.describe())
		}
		c.manualFailover(cur, oth)
		cur, oth = oth, cur
		sameIDs(t, c.mustIDs(cur), onCur, cur.Name, oth.Name)
		w.check(t, cur.Name+" after failover", c.mustIDs(cur), base, n)
		// A full scan read from the store makes the buffer pool load the
		// table in the background (engine/storage cache_load.go); once it
		// has, reads come from there. It read the store as of the stale
		// applied LSN a crash leaves behind, and the rows committed since
		// the last checkpoint vanished from the next read on.
		time.Sleep(300 * time.Millisecond) // the load runs meanwhile (not an assertion)
		w.check(t, cur.Name+" after failover, read again", c.mustIDs(cur), base, n)
	}
}
