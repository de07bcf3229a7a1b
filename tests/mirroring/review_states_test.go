package mirroring_test

import (
	"fmt"
	"testing"
)

// TestReviewNoQuorumShowsRecovering: a principal that has lost quorum (the
// witness, then the mirror, gone) refuses its clients with 955. SQL Server
// bypasses its recovery (1445) and shows it RECOVERING — SSMS's "Principal,
// Disconnected / In Recovery" — with sys.database_mirroring saying PRINCIPAL
// and DISCONNECTED. It was shown ONLINE, so a monitoring query over
// sys.databases took a database no client could use for a healthy one. When
// the mirror returns the database is ONLINE again.
func TestReviewNoQuorumShowsRecovering(t *testing.T) {
	c := newCluster(t, setupOptions{witness: true})
	p := c.principal
	count := fmt.Sprintf("SELECT COUNT(*) FROM %s.dbo.kv", dbName)
	shown := func() string {
		var state int
		var desc, status string
		q := fmt.Sprintf("SELECT state, state_desc, CONVERT(nvarchar(60), DATABASEPROPERTYEX(name, 'Status')) FROM sys.databases WHERE name = '%s'", dbName)
		if err := c.master(p).QueryRow(q).Scan(&state, &desc, &status); err != nil {
			t.Fatalf("sys.databases: %v", err)
		}
		return fmt.Sprintf("%d %s %s", state, desc, status)
	}
	if got := shown(); got != "0 ONLINE ONLINE" {
		t.Fatalf("the principal with quorum: sys.databases state, state_desc, Status %q, want 0 ONLINE ONLINE", got)
	}

	c.witness.Stop()
	c.waitRow(p, "witness DISCONNECTED", func(r mirroringRow) bool { return r.WitnessState == "DISCONNECTED" })
	c.mirror.Stop()
	c.waitFor("the principal refuses its clients (955)", failoverBound, func() (bool, error) {
		return errNumber(c.exec(p, count)) == 955, nil
	})
	if got := shown(); got != "2 RECOVERING RECOVERING" {
		t.Errorf("the principal without quorum: sys.databases state, state_desc, Status %q, want 2 RECOVERING RECOVERING", got)
	}
	if r := c.mustRow(p); r.Role != "PRINCIPAL" || r.State != "DISCONNECTED" || r.WitnessState != "DISCONNECTED" {
		t.Errorf("the principal without quorum: sys.database_mirroring %v, want PRINCIPAL/DISCONNECTED, witness DISCONNECTED", r)
	}

	c.mirror.Restart()
	c.waitState(p, "SYNCHRONIZED")
	c.waitFor("the database serves again", failoverBound, func() (bool, error) { return c.exec(p, count) == nil, nil })
	if got := shown(); got != "0 ONLINE ONLINE" {
		t.Errorf("the principal with quorum again: sys.databases state, state_desc, Status %q, want 0 ONLINE ONLINE", got)
	}
}
