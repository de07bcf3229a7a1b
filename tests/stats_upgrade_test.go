package tests

import (
	"path/filepath"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// ownersBeforeSID is a release from before owners were kept by SID and
// statistics in the database (session 29's last commit before them).
const ownersBeforeSID = "d60a8a2"

// TestUpgradeFromReleaseBeforeStoredStatistics: a data directory and a
// backup written by that release open in this one (issues #5, #6). The
// database bob owned by name is bob's by SID — master's owner_sid and
// dbo's sid both bob's login's SID — its statistics, of which the old
// release stored nothing, are built on first need from the rows there
// are, and from the first update on they are kept (they survive a
// restart: SHOW_STATISTICS then shows the rows when updated, not those
// after). The old backup restores with dbo's SID bob's, owner_sid the
// restorer's.
func TestUpgradeFromReleaseBeforeStoredStatistics(t *testing.T) {
	old := harness.ReleaseBinary(t, ownersBeforeSID)
	srv := harness.Start(t, harness.Options{Name: "statsupgrade", Binary: old})
	master := srv.DB("master")
	const digits = "(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))"
	mustExec(t, master, "CREATE LOGIN bob WITH PASSWORD = 'Passw0rd!bob'")
	mustExec(t, master, "CREATE DATABASE up")
	mustExec(t, master, "ALTER AUTHORIZATION ON DATABASE::up TO bob")
	db := srv.DB("up")
	mustExec(t, db, `CREATE TABLE dbo.orders (id int NOT NULL PRIMARY KEY, customer int NOT NULL);
		CREATE INDEX ix_customer ON dbo.orders (customer)`)
	mustExec(t, db, `INSERT dbo.orders SELECT 1 + a.d * 100 + b.d * 10 + c.d, (a.d * 100 + b.d * 10 + c.d) % 40
		FROM `+digits+` AS a(d) CROSS JOIN `+digits+` AS b(d) CROSS JOIN `+digits+` AS c(d)`)
	mustExec(t, db, "UPDATE STATISTICS dbo.orders WITH FULLSCAN")
	file := filepath.Join(t.TempDir(), "up.bak")
	mustExec(t, master, "BACKUP DATABASE up TO DISK = '"+file+"'")
	db.Close()
	master.Close()

	srv.Upgrade(harness.Binary(t))
	master = srv.DB("master")
	db = srv.DB("up")
	const (
		owner    = "SELECT SUSER_SNAME(owner_sid) FROM sys.databases WHERE name = '"
		dboIsBob = "SELECT CASE WHEN sid = SUSER_SID('bob') THEN 'bob' ELSE CONVERT(varchar(200), sid, 1) END FROM sys.database_principals WHERE name = 'dbo'"
		rows     = "SELECT rows FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.orders'), 2)"
		header   = "SELECT COUNT(*) FROM dbo.orders; DBCC SHOW_STATISTICS ('dbo.orders', ix_customer) WITH STAT_HEADER"
	)
	for _, c := range []struct {
		name string
		got  string
		want string
	}{
		{"owner_sid", harness.RowsText(t, master, owner+"up'"), "bob|"},
		{"dbo's sid", harness.RowsText(t, db, dboIsBob), "bob|"},
		{"statistics' rows", harness.RowsText(t, db, rows), "1000|"},
	} {
		if c.got != c.want {
			t.Errorf("after the upgrade: %s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if _, err := db.Exec(header); err != nil {
		t.Errorf("after the upgrade: %s: %v", header, err)
	}
	// Updated now, they are kept: 10 rows later and a restart, they still
	// describe 1000 rows.
	mustExec(t, db, "UPDATE STATISTICS dbo.orders ix_customer WITH FULLSCAN")
	mustExec(t, db, "INSERT dbo.orders SELECT 2000 + d, 1 FROM "+digits+" AS x(d)")
	db.Close()
	master.Close()
	srv.Stop()
	srv.Restart()
	master = srv.DB("master")
	db = srv.DB("up")
	if got := harness.RowsText(t, db, "SELECT rows, modification_counter FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.orders'), 2)"); got != "1000 10|" {
		t.Errorf("after a restart: rows, modification_counter = %s, want 1000 10", got)
	}

	// The old release's backup.
	mustExec(t, master, "RESTORE DATABASE upcopy FROM DISK = '"+file+"'")
	copyDB := srv.DB("upcopy")
	if got := harness.RowsText(t, master, owner+"upcopy'"); got != "sa|" {
		t.Errorf("restored: owner_sid names %s, want sa (the restorer)", got)
	}
	if got := harness.RowsText(t, copyDB, dboIsBob); got != "bob|" {
		t.Errorf("restored: dbo's sid %s, want bob's", got)
	}
	if got := harness.RowsText(t, copyDB, rows); got != "1000|" {
		t.Errorf("restored: statistics' rows %s, want 1000", got)
	}
}
