package mirroring_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// optionsOf is s's sys.databases view of dbName's options as one line.
func (c *cluster) optionsOf(s *harness.Server) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var si, rcsi, trust bool
	var compat int
	err := c.master(s).QueryRowContext(ctx, `SELECT snapshot_isolation_state, is_read_committed_snapshot_on, compatibility_level, is_trustworthy_on
FROM sys.databases WHERE name = @p1`, dbName).Scan(&si, &rcsi, &compat, &trust)
	return fmt.Sprintf("snapshot=%v rcsi=%v compat=%d trustworthy=%v", si, rcsi, compat, trust), err
}

// waitOptions waits until s's sys.databases shows want for dbName.
func (c *cluster) waitOptions(s *harness.Server, want string) {
	c.t.Helper()
	c.waitFor(s.Name+" sys.databases: "+want, 30*time.Second, func() (bool, error) {
		got, err := c.optionsOf(s)
		return got == want, err
	})
}

// TestDatabaseOptionsFollowFailover: options set on the principal reach the
// mirror through the log — its sys.databases shows them, also after a kill
// -9 and restart of the mirror — and after a manual failover a SNAPSHOT
// transaction on the new principal works without setting anything again.
// TRUSTWORTHY is each instance's own, as in SQL Server.
func TestDatabaseOptionsFollowFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	p, m := c.principal, c.mirror
	c.mustExec(p, fmt.Sprintf(`ALTER DATABASE %[1]s SET ALLOW_SNAPSHOT_ISOLATION ON
GO
ALTER DATABASE %[1]s SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE
GO
ALTER DATABASE %[1]s SET COMPATIBILITY_LEVEL = 140
GO
ALTER DATABASE %[1]s SET TRUSTWORTHY ON`, dbName))
	const set = "snapshot=true rcsi=true compat=140"
	c.waitOptions(p, set+" trustworthy=true")
	c.waitOptions(m, set+" trustworthy=false")

	m.Kill()
	m.Restart()
	c.waitRole(m, "MIRROR", "SYNCHRONIZED")
	if got, err := c.optionsOf(m); err != nil || got != set+" trustworthy=false" {
		t.Fatalf("mirror after kill -9 and restart: %s (%v); want %s trustworthy=false", got, err, set)
	}

	c.manualFailover(p, m)
	c.waitOptions(m, set+" trustworthy=false")
	c.waitOptions(p, set+" trustworthy=true")
	db := m.DB(dbName)
	tx, err := db.BeginTx(context.Background(), &sql.TxOptions{Isolation: sql.LevelSnapshot})
	if err != nil {
		t.Fatalf("BEGIN TRAN under SNAPSHOT on the new principal: %v", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM dbo.kv").Scan(&n); err != nil || n != 3 {
		t.Fatalf("SNAPSHOT read on the new principal: %d rows, %v; want 3", n, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("COMMIT of the SNAPSHOT transaction: %v", err)
	}
}
