package mirroring_test

import (
	"testing"
	"time"
)

// TestReviewFrozenPrincipalSplitBrain (review, issues #4 #6): the principal
// is frozen (SIGSTOP: alive, sockets open, running nothing — a stalled VM)
// under SAFETY FULL writers with a witness, for longer than the partner
// timeout, so the mirror takes over. Writers keep writing to the new
// principal. Then the old principal runs again (SIGCONT) with its writers'
// statements still in flight and those sessions still writing to it: it
// must not acknowledge a write the new principal lacks (two principals
// accepting writes), it must rejoin as a SYNCHRONIZED mirror, and after a
// failover back both copies hold the same rows — every acknowledged one and
// none never attempted.
func TestReviewFrozenPrincipalSplitBrain(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p, m := c.principal, c.mirror
	const base, n = 1_000_000, 4
	old := startPinnedWriters(t, p.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base)
	time.Sleep(1500 * time.Millisecond) // commits in flight when the freeze comes (not an assertion)

	p.Pause()
	frozen := time.Now()
	c.waitRole(m, "PRINCIPAL", "")
	t.Logf("mirror took over %v after the freeze", time.Since(frozen).Round(time.Millisecond))
	const newBase = 2_000_000
	cur := startPinnedWriters(t, m.DSN(dbName, "connection timeout=3", "dial timeout=2"), 2, newBase)
	time.Sleep(1 * time.Second)

	resumed := time.Now()
	p.Resume()
	// The old principal's sessions go on writing to it while it learns it
	// has lost its role; give it time to do the wrong thing.
	time.Sleep(3 * time.Second)
	if _, ok := c.tryWaitRow(p, func(r mirroringRow) bool { return r.Role == "MIRROR" && r.State == "SYNCHRONIZED" }); !ok {
		t.Errorf("old principal after SIGCONT does not rejoin as a SYNCHRONIZED mirror; %s", c.describe())
	}
	old.stop()
	cur.stop()
	for _, a := range old.ackedAfter(resumed) {
		if a.server == p.Name {
			t.Logf("old principal acknowledged id %d at %s, after SIGCONT", a.id, a.at.Format("15:04:05.000"))
		}
	}

	onNew := c.mustIDs(m)
	old.check(t, "new principal (old principal's writers)", onNew, base, n)
	cur.check(t, "new principal (its own writers)", onNew, newBase, 2)
	if t.Failed() {
		t.Log(c.describe())
		return
	}
	c.manualFailover(m, p)
	onOld := c.mustIDs(p)
	sameIDs(t, onOld, onNew, p.Name, m.Name)
	oa, _ := old.counts()
	ca, _ := cur.counts()
	t.Logf("%d rows acknowledged before the freeze, %d by the new principal", oa, ca)
}

// TestReviewFrozenMirror (review, issues #4 #6): the mirror is frozen
// (SIGSTOP) under SAFETY FULL writers with a witness for longer than the
// partner timeout: the principal must stop waiting for it and serve
// exposed. When the mirror runs again (SIGCONT) its clocks have jumped: it
// must not take the principal's role (the witness still sees the
// principal), it must catch up on the log it missed and be SYNCHRONIZED,
// and then, when the principal dies (SIGKILL), the automatic failover must
// find every acknowledged row on it.
func TestReviewFrozenMirror(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p, m := c.principal, c.mirror
	const base, n = 1_000_000, 4
	w := startPinnedWriters(t, p.DSN(dbName, "connection timeout=3", "dial timeout=2"), n, base)
	time.Sleep(1 * time.Second) // commits in flight when the freeze comes (not an assertion)
	m.Pause()
	c.waitState(p, "DISCONNECTED")
	exposed := time.Now()
	w.waitAckAfter(t, exposed, 30*time.Second) // the principal serves, exposed
	time.Sleep(time.Second)
	m.Resume()
	// Its clocks jumped at once: a wrong decision would come within a
	// few ticks (a bound on a non-event, not an expectation of speed).
	time.Sleep(2 * time.Second)
	if r := c.mustRow(m); r.Role != "MIRROR" {
		t.Fatalf("the mirror, frozen past the timeout and running again, took the role %s while the principal served; %s", r.Role, c.describe())
	}
	c.stable(p, m)
	time.Sleep(500 * time.Millisecond) // commits hardened on both (not an assertion)
	p.Kill()
	c.waitRole(m, "PRINCIPAL", "")
	w.stop()
	onNew, _ := c.servingIDs(m)
	w.check(t, m.Name+" after automatic failover", onNew, base, n)
	a, _ := w.counts()
	t.Logf("%d rows acknowledged, %d after the principal ran exposed", a, len(w.ackedAfter(exposed)))
}
