package partner_test

import (
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/mirroring/partner"
)

// TestReviewRebuiltPrincipalKeepsWitnessRule (review of 03cc6f3 and
// cf57717): the manager rebuilds a principal's machine from its last saved
// hard state when a state save fails (persistFailed), keeping its peers'
// liveness (KeepLinks). A SYNCHRONIZED principal has told the witness that
// the session can fail over; commits beyond the mirror's hardened log may
// then be released only once the witness has echoed a later ping (the
// exposed-principal rule, lastFailoverable). The rebuilt machine starts
// SYNCHRONIZING with the witness's old echo but without the clock of its last
// failoverable ping, so it released a commit the mirror never hardened while
// the witness still believed the session could fail over: the principal
// crashes, the witness grants the mirror the takeover, and the acknowledged
// commit is gone.
func TestReviewRebuiltPrincipalKeepsWitnessRule(t *testing.T) {
	e := newEnv(setupOpts{witness: true, manualHarden: true})
	for range 10 {
		e.tick()
		e.harden("b")
	}
	if st := e.nodes["a"].m.Status(); st.State != partner.StateSynchronized {
		t.Fatalf("setup: principal is %s, want SYNCHRONIZED\n%s", st.State, e.out)
	}
	// The witness hears nothing more from the principal (a slow or cut
	// link): it keeps the last report, SYNCHRONIZED with SAFETY FULL.
	e.blocked[[2]string{"a", "w"}] = true
	e.rebuild("a") // the owner's answer to a failed state save
	e.commit("a")  // released at once: nothing tells the machine to wait
	e.crash("a")   // before anything it sent since the rebuild arrived
	for range 60 {
		e.tick()
	}
	if len(e.violations) > 0 {
		t.Fatalf("%s\n%s", strings.Join(e.violations, "\n"), e.out)
	}
}
