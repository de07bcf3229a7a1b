package mirroring_test

import (
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewPartnerRestartedUnderAnotherName: a partner restarted with
// another --name (@@SERVERNAME) is no longer the session's partner — the
// partners and the witness know each other by instance name, as SQL
// Server's sys.database_mirroring_witnesses shows — so the session stays
// DISCONNECTED. It did so silently; now the principal's error log says why
// (1474, once) and what to do. Restarted under its former name, the mirror
// rejoins and the session is SYNCHRONIZED again.
func TestReviewPartnerRestartedUnderAnotherName(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.waitState(m, "SYNCHRONIZED")
	c.mustExec(p, "INSERT INTO "+dbName+".dbo.events (id, written_on) VALUES (1, @@SERVERNAME)")

	m.Stop()
	renamed := harness.Start(t, harness.Options{Name: "mirror_renamed", DataDir: m.DataDir, Port: m.Port})
	want := fmt.Sprintf("The mirroring partner of database '%s' was the server instance '%s' and is now named '%s'", dbName, m.Name, renamed.Name)
	c.waitFor("the principal's error log names the renamed partner", failoverBound, func() (bool, error) {
		return c.errorLogHas(p, want), nil
	})
	c.mustExec(p, "INSERT INTO "+dbName+".dbo.events (id, written_on) VALUES (2, @@SERVERNAME)")
	if r := c.mustRow(p); r.State != "DISCONNECTED" {
		t.Errorf("principal with its partner renamed: %v, want DISCONNECTED", r)
	}
	if n := c.errorLogCount(p, want); n != 1 {
		t.Errorf("the rename is logged %d times, want once", n)
	}

	renamed.Stop()
	back := harness.Start(t, harness.Options{Name: m.Name, DataDir: m.DataDir, Port: m.Port})
	c.waitState(p, "SYNCHRONIZED")
	c.mirror = back
	c.waitState(back, "SYNCHRONIZED")
}
