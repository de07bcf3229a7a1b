package partner_test

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestFailoverToRestartedMirrorServes: a manual failover to a mirror that
// restarted a moment ago, with a witness, while the pings that would echo
// the mirror's new clock are still on their way (held here: no Ping or
// WitnessState reaches b after its restart). The mirror takes over by the
// handshake alone; the old principal's FailoverCommit answers the
// FailoverPrepared it sent, so the old principal heard it then, and the new
// principal serves at once. It used to refuse clients with 955 ("lacks
// quorum") until the next echo: tests/mirroring
// TestReviewKillDuringManualFailover read 955 right after FAILOVER returned
// (GOMAXPROCS=1, loaded machine).
func TestFailoverToRestartedMirrorServes(t *testing.T) {
	e := newEnv(setupOpts{witness: true})
	for range 3 {
		e.tick()
	}
	e.commit("a")
	e.deliver()
	e.crash("b")
	e.restart("b")
	held := func(m partner.Message) bool {
		return m.To == "b" && (m.Type == partner.MsgPing || m.Type == partner.MsgWitnessState)
	}
	deliver := func() {
		for len(e.queue) > 0 {
			if held(e.queue[0]) {
				e.queue = e.queue[1:]
				continue
			}
			e.deliverAt(0)
		}
	}
	a, b := e.nodes["a"], e.nodes["b"]
	for i := 0; i < 5 && a.m.Status().State != partner.StateSynchronized; i++ {
		e.tickOnly()
		deliver()
	}
	if st := a.m.Status().State; st != partner.StateSynchronized {
		t.Fatalf("a: %v after b's restart, want SYNCHRONIZED\n%s", st, e.out)
	}
	if err := a.m.Failover(); err != nil {
		t.Fatalf("FAILOVER: %v", err)
	}
	e.handle(a)
	deliver()
	if st := b.m.Status(); st.Role != partner.RolePrincipal {
		t.Fatalf("b: %v after the failover handshake, want PRINCIPAL\n%s", st.Role, e.out)
	}
	if err := b.m.AccessError(); err != nil || !b.serving {
		t.Fatalf("b, principal by manual failover: serving %v, access error %v; want serving\n%s", b.serving, err, e.out)
	}
}
