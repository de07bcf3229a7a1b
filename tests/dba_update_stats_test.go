package tests

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// updateModifiedStats is our own maintenance procedure in the manner of
// IndexOptimize @UpdateStatistics = 'ALL', @OnlyModifiedStatistics = 'Y':
// it collects the statistics of every user table whose modification
// counter is above zero, then runs a dynamic UPDATE STATISTICS
// [db].[schema].[table] [stats] WITH FULLSCAN for each, logging what it did.
const updateModifiedStats = `CREATE PROCEDURE dbo.UpdateModifiedStats AS
BEGIN
  SET NOCOUNT ON
  DECLARE @work TABLE (id int IDENTITY PRIMARY KEY, schema_name sysname, table_name sysname, stats_name sysname, modified bigint, done bit DEFAULT 0)
  INSERT @work (schema_name, table_name, stats_name, modified)
  SELECT sc.name, t.name, s.name, p.modification_counter
  FROM sys.tables t
  JOIN sys.schemas sc ON sc.schema_id = t.schema_id
  JOIN sys.stats s ON s.object_id = t.object_id
  CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
  WHERE t.is_ms_shipped = 0 AND t.name <> 'stats_log' AND p.modification_counter > 0
  DECLARE @id int, @cmd nvarchar(max)
  WHILE EXISTS (SELECT * FROM @work WHERE done = 0)
  BEGIN
    SELECT TOP (1) @id = id, @cmd = N'UPDATE STATISTICS ' + QUOTENAME(DB_NAME()) + N'.' + QUOTENAME(schema_name) + N'.' + QUOTENAME(table_name) + N' ' + QUOTENAME(stats_name) + N' WITH FULLSCAN'
    FROM @work WHERE done = 0 ORDER BY id
    EXEC sp_executesql @cmd
    INSERT dbo.stats_log (command, error) VALUES (@cmd, @@ERROR)
    UPDATE @work SET done = 1 WHERE id = @id
  END
END`

// TestUpdateModifiedStatistics runs that procedure over go-mssqldb: the
// statistics the workload modified — and only those — are updated, their
// modification counters go back to 0 and STATS_DATE moves; a second run
// finds nothing to do.
func TestUpdateModifiedStatistics(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "updstats"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE updstats")
	db := srv.DB("updstats")
	mustExec(t, db, `CREATE TABLE dbo.orders (id int NOT NULL CONSTRAINT pk_orders PRIMARY KEY, customer int, amount int);
		CREATE INDEX ix_customer ON dbo.orders (customer);
		CREATE TABLE dbo.quiet (id int NOT NULL CONSTRAINT pk_quiet PRIMARY KEY);
		CREATE TABLE dbo.stats_log (id int IDENTITY PRIMARY KEY, command nvarchar(400), error int)`)
	mustExec(t, db, updateModifiedStats)
	for i := 1; i <= 25; i++ {
		mustExec(t, db, "INSERT dbo.orders VALUES (@p1, @p2, @p3)", i, i%5, i*10)
	}
	mustExec(t, db, "UPDATE dbo.orders SET amount = amount + 1 WHERE customer = 2")
	mustExec(t, db, "DELETE dbo.orders WHERE id > 20")

	const counters = `SELECT OBJECT_NAME(s.object_id) + '.' + s.name, p.modification_counter
		FROM sys.stats s CROSS APPLY sys.dm_db_stats_properties(s.object_id, s.stats_id) p
		WHERE s.object_id IN (OBJECT_ID('dbo.orders'), OBJECT_ID('dbo.quiet')) ORDER BY s.object_id, s.stats_id`
	// 25 inserts, 5 updated rows, 5 deletes: 35 per statistics object.
	if got, want := harness.RowsText(t, db, counters), "orders.pk_orders 35|orders.ix_customer 35|quiet.pk_quiet 0|"; got != want {
		t.Fatalf("before maintenance: %s, want %s", got, want)
	}
	before := harness.RowsText(t, db, "SELECT CONVERT(varchar(30), STATS_DATE(OBJECT_ID('dbo.orders'), 2), 121)")

	mustExec(t, db, "EXEC dbo.UpdateModifiedStats")
	if got, want := harness.RowsText(t, db, "SELECT command, error FROM dbo.stats_log ORDER BY id"),
		"UPDATE STATISTICS [updstats].[dbo].[orders] [pk_orders] WITH FULLSCAN 0|UPDATE STATISTICS [updstats].[dbo].[orders] [ix_customer] WITH FULLSCAN 0|"; got != want {
		t.Errorf("maintenance log: %s, want %s", got, want)
	}
	if got, want := harness.RowsText(t, db, counters), "orders.pk_orders 0|orders.ix_customer 0|quiet.pk_quiet 0|"; got != want {
		t.Errorf("after maintenance: %s, want %s", got, want)
	}
	if got := harness.RowsText(t, db, `SELECT p.rows, p.rows_sampled FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.orders'), 2) p`); got != "20 20|" {
		t.Errorf("rows, rows_sampled after FULLSCAN: %s, want 20 20", got)
	}
	after := harness.RowsText(t, db, "SELECT CONVERT(varchar(30), STATS_DATE(OBJECT_ID('dbo.orders'), 2), 121)")
	if after <= before {
		t.Errorf("STATS_DATE did not move: before %s, after %s", before, after)
	}

	// Nothing changed since: the second run updates nothing.
	mustExec(t, db, "EXEC dbo.UpdateModifiedStats")
	if got := harness.RowsText(t, db, "SELECT COUNT(*) FROM dbo.stats_log"); got != "2|" {
		t.Errorf("log rows after a second run: %s, want 2", got)
	}
}
