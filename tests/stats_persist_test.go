package tests

import (
	"path/filepath"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestStatisticsPersist: statistics are kept in the database (issue #5).
// An UPDATE STATISTICS result — its histogram, rows, STATS_DATE — and the
// modification counter since survive a SIGKILL and a clean restart, and
// come back with RESTORE; what is shown is the stored statistics, not a
// rebuild from the rows there are now (more than when they were made).
func TestStatisticsPersist(t *testing.T) {
	const digits = "(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))"

	srv := harness.Start(t, harness.Options{Name: "statspersist"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE sp")
	db := srv.DB("sp")
	mustExec(t, db, `CREATE TABLE dbo.orders (id int NOT NULL PRIMARY KEY, customer int NOT NULL, note varchar(20));
		CREATE INDEX ix_customer ON dbo.orders (customer)`)
	mustExec(t, db, `INSERT dbo.orders SELECT 1 + a.d * 100 + b.d * 10 + c.d, (a.d * 100 + b.d * 10 + c.d) % 40, 'x'
		FROM `+digits+` AS a(d) CROSS JOIN `+digits+` AS b(d) CROSS JOIN `+digits+` AS c(d)`)
	mustExec(t, db, "CREATE STATISTICS st_note ON dbo.orders (note) WHERE customer < 10")
	mustExec(t, db, "UPDATE STATISTICS dbo.orders ix_customer WITH FULLSCAN")
	// 100 rows more, under the automatic update threshold: the stored
	// statistics still describe 1000 rows, a rebuild would say 1100.
	mustExec(t, db, `INSERT dbo.orders SELECT 1001 + b.d * 10 + c.d, 7, 'y' FROM `+digits+` AS b(d) CROSS JOIN `+digits+` AS c(d)`)

	const (
		header = "DBCC SHOW_STATISTICS ('dbo.orders', ix_customer) WITH STAT_HEADER"
		hist   = "DBCC SHOW_STATISTICS ('dbo.orders', ix_customer) WITH HISTOGRAM"
		props  = `SELECT p.rows, p.rows_sampled, p.steps, p.modification_counter, CONVERT(varchar(30), p.last_updated, 121),
			CONVERT(varchar(30), STATS_DATE(OBJECT_ID('dbo.orders'), 2), 121)
			FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.orders'), 2) p`
		filtered = "DBCC SHOW_STATISTICS ('dbo.orders', st_note) WITH STAT_HEADER"
	)
	wantHeader, wantHist, wantProps, wantFiltered := harness.RowsText(t, db, header), harness.RowsText(t, db, hist), harness.RowsText(t, db, props), harness.RowsText(t, db, filtered)
	// The filtered statistics describe the 250 rows of customers 0-9, of
	// the table's 1000 when made.
	if got := harness.RowsText(t, db, "SELECT rows, unfiltered_rows FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.orders'), 3)"); got != "250 1000|" {
		t.Errorf("filtered statistics: rows, unfiltered_rows = %s, want 250 1000", got)
	}
	if got := harness.RowsText(t, db, "SELECT rows, modification_counter FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.orders'), 2)"); got != "1000 100|" {
		t.Fatalf("before restart: rows, modification_counter = %s, want 1000 100", got)
	}
	mustExec(t, db, "CHECKPOINT") // the counter is written at checkpoints
	db.Close()

	check := func(t *testing.T, when string) {
		t.Helper()
		db := srv.DB("sp")
		defer db.Close() // RESTORE waits for the database's sessions to end
		for _, q := range []struct{ q, want string }{{header, wantHeader}, {hist, wantHist}, {props, wantProps}, {filtered, wantFiltered}} {
			if got := harness.RowsText(t, db, q.q); got != q.want {
				t.Errorf("%s: %s\n got %s\nwant %s", when, q.q, got, q.want)
			}
		}
	}
	srv.Kill()
	srv.Restart()
	check(t, "after SIGKILL")
	srv.Stop()
	srv.Restart()
	check(t, "after a clean restart")

	file := filepath.Join(t.TempDir(), "sp.bak")
	master := srv.DB("master")
	mustExec(t, master, "BACKUP DATABASE sp TO DISK = '"+file+"'")
	waitDatabaseUnused(t, master, "sp")
	mustExec(t, master, "DROP DATABASE sp")
	mustExec(t, master, "RESTORE DATABASE sp FROM DISK = '"+file+"'")
	check(t, "after RESTORE")
}
