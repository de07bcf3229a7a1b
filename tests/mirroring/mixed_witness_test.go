package mirroring_test

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestWitnessOfAnotherRelease: a witness may run any release that shares a
// protocol version with the partners (docs/compatibility.md rule 2; SQL
// Server's docs have the witness upgraded at any point of a rolling upgrade).
// With a witness of the previous release and partners of this one, and the
// other way round, the session sets up, the witness is CONNECTED, and kill
// -9 of the principal is an automatic failover: the mirror, with the
// witness's vote, becomes principal at a higher role sequence, and the old
// principal comes back as its mirror.
func TestWitnessOfAnotherRelease(t *testing.T) {
	old := harness.ReleaseBinary(t, previousRelease)
	cur := harness.Binary(t)
	for _, tc := range []struct {
		name              string
		partners, witness string
	}{
		{"previous-release-witness", cur, old},
		{"previous-release-partners", old, cur},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t, setupOptions{witness: true, binary: tc.partners, witnessBinary: tc.witness})
			p, m := c.principal, c.mirror
			c.waitRole(m, "MIRROR", "SYNCHRONIZED")
			seq := c.mustRow(p).Seq
			p.Kill()
			r, ok := c.tryWaitRow(m, func(r mirroringRow) bool { return r.Role == "PRINCIPAL" })
			if !ok {
				t.Fatalf("no automatic failover: %s", c.describe())
			}
			if r.Seq <= seq {
				t.Errorf("role sequence %d after failover, want > %d", r.Seq, seq)
			}
			c.mustExec(m, "USE "+dbName+"; INSERT INTO dbo.kv (k, v) VALUES (1000001, 1)")
			p.Restart()
			c.waitRole(p, "MIRROR", "SYNCHRONIZED")
			c.waitRole(m, "PRINCIPAL", "SYNCHRONIZED")
		})
	}
}
