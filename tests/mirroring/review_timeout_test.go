package mirroring_test

import (
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewTimeoutUnderSafetyOff: SET PARTNER TIMEOUT in a high-performance
// session (SAFETY OFF). SQL Server accepts it — no error exists for it — but
// "in high-performance mode sessions, the time-out period is always 10
// seconds" (Possible Failures During Database Mirroring); the value is kept,
// shown in mirroring_connection_timeout, and applies once SAFETY is FULL.
// The session applied it under SAFETY OFF too: a mirror that stopped
// answering (SIGSTOP, a soft failure only the time-out detects) was noticed
// after 60 s instead of 10.
func TestReviewTimeoutUnderSafetyOff(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.mustAlter(p, "SET PARTNER SAFETY OFF")
	c.mustAlter(p, "SET PARTNER TIMEOUT 60")
	for _, s := range []*harness.Server{p, m} {
		c.waitRow(s, "TIMEOUT 60 and SAFETY OFF", func(r mirroringRow) bool { return r.Timeout == 60 && r.Safety == "OFF" })
	}
	c.waitState(p, "SYNCHRONIZED")

	m.Pause()
	start := time.Now()
	// failoverBound is 10 s and more of slack for a loaded machine, and far
	// below the 60 s configured.
	if _, ok := c.tryWaitRow(p, func(r mirroringRow) bool { return r.State == "DISCONNECTED" }); !ok {
		t.Errorf("the SAFETY OFF principal had not noticed the stopped mirror after %v: want about 10 s (the high-performance time-out), not TIMEOUT 60", time.Since(start).Round(time.Second))
	}
	m.Resume()
	c.waitState(p, "SYNCHRONIZED")

	c.mustAlter(p, "SET PARTNER SAFETY FULL")
	for _, s := range []*harness.Server{p, m} {
		c.waitRow(s, "SAFETY FULL with TIMEOUT 60 kept", func(r mirroringRow) bool { return r.Timeout == 60 && r.Safety == "FULL" })
	}
}
