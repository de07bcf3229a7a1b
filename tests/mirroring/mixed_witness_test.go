package mirroring_test

import (
	"database/sql"
	"fmt"
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

// TestNewSessionAcrossReleases: a session set up (SET PARTNER) between
// instances of different releases, which SQL Server refuses and mirrorsql
// allows under rule 2 (docs/compatibility.md). An older principal with a
// newer mirror, what a rolling upgrade runs: the session starts and is
// SYNCHRONIZED. A newer principal does not ship its log to an older mirror
// (rule 2): the new session starts SUSPENDED on both, and the principal's
// error log names 948, as for a session that was failed over to the newer
// release. The endpoints say ENCRYPTION = REQUIRED ALGORITHM RC4, as a pair
// upgraded from SQL Server 2014 may: the previous release negotiates no
// algorithm, so the newer instance's RC4 is taken and its
// sys.dm_db_mirroring_connections shows it.
func TestNewSessionAcrossReleases(t *testing.T) {
	old := harness.ReleaseBinary(t, previousRelease)
	cur := harness.Binary(t)
	for _, tc := range []struct {
		name                string
		principal, mirror   string
		principalState      string
		suspendedWithReason bool
	}{
		{"older-principal-newer-mirror", old, cur, "SYNCHRONIZED", false},
		{"newer-principal-older-mirror", cur, old, "SUSPENDED", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &cluster{t: t, endpoint: map[*harness.Server]int{}, meta: map[*harness.Server]*sql.DB{}, backupDir: t.TempDir()}
			c.principal = harness.Start(t, harness.Options{Name: "principal", Binary: tc.principal})
			c.mirror = harness.Start(t, harness.Options{Name: "mirror", Binary: tc.mirror})
			for _, s := range c.servers() {
				c.endpoint[s] = harness.FreePort(t)
				c.mustExec(s, fmt.Sprintf("CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = %d) FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4, ROLE = PARTNER)", c.endpoint[s]))
			}
			c.seedMirror(c.principal, c.mirror)
			c.mustExec(c.principal, fmt.Sprintf("ALTER DATABASE %s SET PARTNER = '%s'", dbName, c.address(c.mirror)))
			c.waitRole(c.principal, "PRINCIPAL", tc.principalState)
			c.waitRole(c.mirror, "MIRROR", tc.principalState)
			if tc.suspendedWithReason {
				logged := fmt.Sprintf("'%s', the remote mirroring partner for database '%s', encountered error 948, status 1, severity 20. Database mirroring has been suspended.", c.mirror.Name, dbName)
				c.waitLogged(c.principal, logged)
			}
			newer := map[bool]*harness.Server{true: c.principal, false: c.mirror}[tc.principal == cur]
			if alg, err := harness.QueryString(t.Context(), c.master(newer), "SELECT encryption_algorithm_desc FROM sys.dm_db_mirroring_connections"); err != nil || alg != "RC4" {
				t.Errorf("%s's connection: algorithm %q (%v), want RC4", newer.Name, alg, err)
			}
			// The principal serves either way (exposed when SUSPENDED).
			c.mustExec(c.principal, "USE "+dbName+"; INSERT INTO dbo.kv (k, v) VALUES (7, 7)")
		})
	}
}
