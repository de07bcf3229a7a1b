package partner_test

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestFailbackToRestartedMirrorIdle: a DBA's rolling upgrade of an idle
// database. b, restored WITH NORECOVERY, has no record of its own: its log
// starts at a's log end, block 0x0A, and it names that end 0x0A:0. FAILOVER
// makes b principal with its fork there; a is restarted while mirror and then
// names the same end by its last record, 0x09:5. FAILOVER back must succeed:
// it used to fail with 1404 for ever, as a's end stayed below b's.
func TestFailbackToRestartedMirrorIdle(t *testing.T) {
	lastRecord, blockEnd := txlog.MakeLSN(9, 5), txlog.MakeLSN(10, 0)
	e := newEnv(setupOpts{witness: true})
	a, b := e.nodes["a"], e.nodes["b"]
	for _, n := range []*node{a, b} {
		e.crash(n.name)
	}
	a.logEnd, b.logEnd = lastRecord, blockEnd
	for _, n := range []*node{a, b} {
		e.restart(n.name)
	}
	// For the env's checks: what a holds durably reaches block 0x0A, whatever
	// LSN its machine names that end by.
	a.logEnd = blockEnd
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

	// a restarts as mirror: its last durable record is 0x09:5, its log's
	// durable end block 0x0A (nothing was written since b took over). From
	// here the env no longer hardens what the LSN-counting env "ships" between
	// 0x09:5 and 0x0A:0: in a real log there are no blocks there, and the
	// mirror's owner hardens only blocks (Hardened(logPos) stays at 0x09:5).
	e.manualHarden = true
	e.crash("a")
	a.logEnd, a.durableEnd = lastRecord, blockEnd
	e.restart("a")
	a.logEnd = blockEnd
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
