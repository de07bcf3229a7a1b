package mirroring_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// previousRelease is the commit of the release before this one, whose data
// directories, backups and mirroring endpoints this release must take
// (docs/compatibility.md). Moved forward when a release is cut.
const previousRelease = "2e399cb"

// TestRollingUpgrade is Microsoft's "Upgrading Mirrored Instances" with
// mirrorsql releases (reference §7.4, docs/compatibility.md): a SAFETY FULL
// pair of the previous release under a writer; the mirror is stopped and
// started on this release's binary over its own data, and catches up; the
// database fails over to it; the new principal does not ship its log to the
// older mirror but suspends the session (1453 naming 948 in its error log,
// SUSPENDED on both), and a RESUME suspends again; the former principal is
// upgraded too, RESUME brings the pair back to SYNCHRONIZED, and every
// acknowledged row is on both (read on the second after failing back to it).
func TestRollingUpgrade(t *testing.T) {
	old := harness.ReleaseBinary(t, previousRelease)
	cur := harness.Binary(t)
	c := newCluster(t, setupOptions{binary: old})
	p, m := c.principal, c.mirror
	w := startWriter(t, c.failoverDSN(p), 1)
	w.waitAckBy(time.Time{}, p.Name, 30*time.Second)

	// 1. Upgrade the mirror: the older principal ships to the newer mirror.
	m.Upgrade(cur)
	c.waitRole(m, "MIRROR", "SYNCHRONIZED")
	c.waitRole(p, "PRINCIPAL", "SYNCHRONIZED")
	w.waitAckBy(time.Now(), p.Name, failoverBound)

	// 2. Fail over to the upgraded instance: it serves, the session is
	// suspended rather than its log shipped to the older release.
	c.manualFailover(p, m)
	if r := c.waitRole(m, "PRINCIPAL", "SUSPENDED"); r.Safety != "FULL" {
		t.Errorf("new principal after failover: %v, want SAFETY FULL kept", r)
	}
	c.waitRole(p, "MIRROR", "SUSPENDED")
	w.waitAckBy(time.Now(), m.Name, failoverBound)
	logged := fmt.Sprintf("'%s', the remote mirroring partner for database '%s', encountered error 948, status 1, severity 20. Database mirroring has been suspended.", p.Name, dbName)
	if !c.errorLogHas(m, logged) {
		t.Errorf("%s: no error-log row with %q", m.Name, logged)
	}
	// RESUME while the partner still runs the older release is accepted and
	// suspended again at once (the partner cannot take this release's log).
	c.mustAlter(m, "SET PARTNER RESUME")
	if r := c.mustRow(m); r.State != "SUSPENDED" {
		t.Errorf("after RESUME with the partner not upgraded: %v, want SUSPENDED", r)
	}

	// 3. Upgrade the former principal, RESUME: SYNCHRONIZED again.
	p.Upgrade(cur)
	c.waitRole(p, "MIRROR", "SUSPENDED")
	c.mustAlter(m, "SET PARTNER RESUME")
	c.waitRole(m, "PRINCIPAL", "SYNCHRONIZED")
	c.waitRole(p, "MIRROR", "SYNCHRONIZED")
	w.waitAckBy(time.Now(), m.Name, failoverBound)
	w.stop()

	// 4. Every acknowledged row is on both: on the principal, and on the
	// other instance once the database fails back to it.
	acked := w.acked()
	for _, s := range []*harness.Server{m, p} {
		if s == p {
			c.manualFailover(m, p)
		}
		present, err := c.ids(s)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if lost := missing(acked, present); len(lost) > 0 {
			t.Errorf("%d of %d acknowledged rows missing on %s: %v", len(lost), len(acked), s.Name, head(lost))
		}
	}
	t.Logf("%d rows acknowledged across the upgrade", len(acked))
}

// TestUpgradeStandalone: a data directory the previous release wrote — master,
// a database with an index, a view and a procedure, its log — and a backup
// file it wrote are opened by this release: the rows and modules are there,
// the database takes writes, and the backup restores.
func TestUpgradeStandalone(t *testing.T) {
	old := harness.ReleaseBinary(t, previousRelease)
	s := harness.Start(t, harness.Options{Name: "upgraded", Binary: old})
	bak := filepath.Join(t.TempDir(), "shop.bak")
	db := s.DB("master")
	harness.MustRunScript(t, db, fmt.Sprintf(`CREATE DATABASE shop
GO
USE shop
CREATE TABLE dbo.orders (id int NOT NULL PRIMARY KEY, customer nvarchar(40) NOT NULL, total decimal(10, 2) NOT NULL)
CREATE INDEX ix_customer ON dbo.orders (customer)
GO
USE shop
EXEC('CREATE VIEW dbo.big AS SELECT id, customer FROM dbo.orders WHERE total > 100')
EXEC('CREATE PROCEDURE dbo.spent @c nvarchar(40) AS SELECT SUM(total) FROM dbo.orders WHERE customer = @c')
INSERT INTO dbo.orders VALUES (1, N'Ana', 50.25), (2, N'Bo', 150.00), (3, N'Ana', 200.50)
GO
BACKUP DATABASE shop TO DISK = '%s' WITH FORMAT, INIT
GO
USE shop
INSERT INTO dbo.orders VALUES (4, N'Cy', 10.00)`, bak))

	s.Upgrade(harness.Binary(t))
	db = s.DB("master")
	for _, tc := range []struct{ query, want string }{
		{"SELECT COUNT(*) FROM shop.dbo.orders", "4"},
		{"SELECT customer FROM shop.dbo.orders WITH (INDEX(ix_customer)) WHERE customer = N'Bo'", "Bo"},
		{"SELECT COUNT(*) FROM shop.dbo.big", "2"},
	} {
		got, err := harness.QueryString(t.Context(), db, tc.query)
		if err != nil || got != tc.want {
			t.Errorf("%s = %q, %v; want %q", tc.query, got, err, tc.want)
		}
	}
	const def = "CREATE PROCEDURE dbo.spent @c nvarchar(40) AS SELECT SUM(total) FROM dbo.orders WHERE customer = @c"
	if got, err := harness.QueryString(t.Context(), s.DB("shop"), "SELECT OBJECT_DEFINITION(OBJECT_ID('dbo.spent'))"); err != nil || got != def {
		t.Errorf("the procedure's definition: %q, %v; want %q", got, err, def)
	}
	spent, err := harness.QueryString(t.Context(), s.DB("shop"), "EXEC dbo.spent N'Ana'")
	if err != nil || spent != "250.75" {
		t.Errorf("EXEC dbo.spent N'Ana' = %q, %v; want 250.75", spent, err)
	}
	harness.MustExec(t, s.DB("shop"), "INSERT INTO dbo.orders VALUES (5, N'Di', 1.00)")
	harness.MustRunScript(t, db, fmt.Sprintf(`RESTORE DATABASE shop_copy FROM DISK = '%s'`, bak))
	if got, err := harness.QueryString(t.Context(), db, "SELECT COUNT(*) FROM shop_copy.dbo.orders"); err != nil || got != "3" {
		t.Errorf("rows restored from the previous release's backup: %q, %v; want 3", got, err)
	}

	// The restart after the upgrade reads what this release wrote.
	s.Restart()
	if got, err := harness.QueryString(t.Context(), s.DB("master"), "SELECT COUNT(*) FROM shop.dbo.orders"); err != nil || got != "5" {
		t.Errorf("rows after a restart of the upgraded server: %q, %v; want 5", got, err)
	}
	if strings.Contains(s.Output(), "panic") {
		t.Errorf("server output has a panic")
	}
}
