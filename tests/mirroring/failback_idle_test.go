package mirroring_test

import (
	"testing"
	"time"
)

// TestFailbackToRestartedMirrorIdle: a DBA's rolling upgrade of an idle
// database. FAILOVER with no writes makes the restored mirror, which has no
// log record of its own, principal; the old principal is killed (-9) and
// restarted as mirror — patched — and FAILOVER back must succeed. It used to
// answer 1404 for ever: the restarted mirror named the common end of log by
// its last record, the new principal by the slot-0 LSN of its fork, and the
// mirror never counted itself caught up. A write on the principal after the
// failback reaches the mirror (it is there after one more failover).
func TestFailbackToRestartedMirrorIdle(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p, m := c.principal, c.mirror
	c.stable(p, m)
	c.manualFailover(p, m)
	c.stable(m, p)

	p.Kill()
	p.Restart()
	c.stable(m, p)
	c.manualFailover(m, p)

	const id = 42
	start := time.Now()
	for err := c.tryInsert(p, id); err != nil; err = c.tryInsert(p, id) {
		if time.Since(start) > failoverBound {
			t.Fatalf("%s, principal again, accepted no write: %v; %s", p.Name, err, c.describe())
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.stable(p, m)
	c.manualFailover(p, m)
	ids, err := c.ids(m)
	if err != nil || !ids[id] {
		t.Fatalf("%s after failing over again: row %d present %v (%v); %s", m.Name, id, ids[id], err, c.describe())
	}
}
