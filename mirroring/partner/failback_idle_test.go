package partner_test

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestFailbackToRestartedMirrorIdle: a DBA's rolling upgrade of an idle
// database. b, restored WITH NORECOVERY, has no record of its own: its log
// starts at a's log end, block 0x0A. FAILOVER makes b principal with its fork
// there; a is restarted while mirror, and both name their log's end as a log
// end (Config.EndOfLog: slot 0 of the next block, txlog.Log.FlushedEnd), which
// is the same for both. FAILOVER back must succeed: when a named its end by
// its last record, 0x09:5, it stayed below b's 0x0A:0 and FAILOVER failed with
// 1404 for ever. No special case: the two ends are simply equal.
func TestFailbackToRestartedMirrorIdle(t *testing.T) {
	logEnd := txlog.MakeLSN(10, 0)
	e := newEnv(setupOpts{witness: true})
	a, b := e.nodes["a"], e.nodes["b"]
	for _, n := range []*node{a, b} {
		e.crash(n.name)
	}
	a.logEnd, b.logEnd = logEnd, logEnd
	for _, n := range []*node{a, b} {
		e.restart(n.name)
	}
	synchronize := func(principal *node) {
		t.Helper()
		for i := 0; i < 10 && principal.m.Status().State != partner.StateSynchronized; i++ {
			e.tick()
			e.deliver()
		}
		if st := principal.m.Status().State; st != partner.StateSynchronized {
			t.Fatalf("%s: %v, want SYNCHRONIZED\n%s", principal.name, st, e.out)
		}
	}
	failover := func(from, to *node) {
		t.Helper()
		if err := from.m.Failover(); err != nil {
			t.Fatalf("FAILOVER on %s: %v\n%s", from.name, err, e.out)
		}
		e.handle(from)
		for i := 0; i < 5 && to.m.Status().Role != partner.RolePrincipal; i++ {
			e.deliver()
			e.tick()
		}
		if st := to.m.Status(); st.Role != partner.RolePrincipal {
			t.Fatalf("%s: %v after FAILOVER on %s, want PRINCIPAL\n%s", to.name, st.Role, from.name, e.out)
		}
	}
	synchronize(a)
	failover(a, b)
	synchronize(b)

	// a restarts as mirror; nothing was written since b took over.
	e.crash("a")
	e.restart("a")
	if got := a.m.Status().EndOfLog; got != logEnd {
		t.Fatalf("a restarted at %v, want %v", got, logEnd)
	}
	synchronize(b)
	failover(b, a)

	// The new principal's log reaches the mirror.
	e.commit("a")
	e.deliver()
	e.harden("b")
	e.deliver()
	if got := b.m.Status().EndOfLog; got != a.logEnd {
		t.Fatalf("b hardened %v after a's commit at %v\n%s", got, a.logEnd, e.out)
	}
	if len(e.violations) > 0 {
		t.Fatalf("%v\n%s", e.violations, e.out)
	}
}
