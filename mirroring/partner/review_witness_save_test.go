package partner_test

import (
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestReviewWitnessFailedSave (review of 03cc6f3, witness gate) models the
// manager's answer to a witness state save that fails: the witness machine
// (and the manager's in-memory record) keep the new state, the disk the old
// one. The save of the witness's grant to the mirror fails, and the witness
// then restarts from its disk. When the failed Ready's messages were
// dropped but later ones sent (the manager before the fix), the witness's
// next WitnessState pings announced the grant, the mirror took over and
// acknowledged a commit, and the restarted witness, back at the old role
// sequence, gave the old principal quorum without it. Holding every message
// until a save is durable (the fix, persistgate.go saveOnce) loses nothing.
func TestReviewWitnessFailedSave(t *testing.T) {
	tests := []struct {
		name          string
		hold          bool // messages after the failed save wait for a durable one
		wantViolation bool
	}{
		{name: "later messages sent", hold: false, wantViolation: true},
		{name: "messages held until durable", hold: true, wantViolation: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(setupOpts{witness: true})
			failed, armed, holding := false, false, false
			stepWitness := func() {
				rd := e.wit.m.Ready()
				if rd.Persist != nil && armed && !failed && rd.Persist.RoleSeq > e.wit.hs.RoleSeq {
					failed, holding = true, tc.hold
					e.logf("w: save of seq %d (principal %s) failed", rd.Persist.RoleSeq, rd.Persist.Principal)
					return // its messages are dropped either way: the retry has not succeeded
				}
				if holding {
					return // waiting for a durable save (the witness crashes first)
				}
				if rd.Persist != nil {
					e.wit.hs = *rd.Persist
				}
				for _, msg := range rd.Messages {
					e.enqueue(msg)
				}
			}
			deliver := func() {
				for len(e.queue) > 0 {
					msg := e.queue[0]
					if msg.To != "w" {
						e.deliverAt(0)
						continue
					}
					e.queue = e.queue[1:]
					if e.down(msg.From) || e.down("w") || e.blocked[[2]string{msg.From, "w"}] {
						continue
					}
					e.wit.m.Step(msg)
					stepWitness()
				}
			}
			tick := func() {
				for _, n := range e.sortedNodes() {
					if !n.crashed {
						n.m.Tick()
						e.handle(n)
					}
				}
				if !e.wit.crashed {
					e.wit.m.Tick()
					stepWitness()
				}
				deliver()
			}
			for range 10 {
				tick()
			}
			if st := e.nodes["a"].m.Status(); st.State != partner.StateSynchronized {
				t.Fatalf("setup: principal %s, want SYNCHRONIZED\n%s", st.State, e.out)
			}
			e.crash("a")
			armed = true
			for range 40 {
				tick()
			}
			e.commit("b") // acknowledged if b took over
			deliver()
			e.isolate("b")
			e.crash("w") // before any retry of its save succeeded
			holding = false
			e.restart("w")
			e.restart("a")
			deliver()
			for range 40 {
				tick()
			}
			if got := len(e.violations) > 0; got != tc.wantViolation {
				t.Fatalf("violations %v, want %t:\n%s\n%s", e.violations, tc.wantViolation, strings.Join(e.violations, "\n"), e.out)
			}
		})
	}
}
