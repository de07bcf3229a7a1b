package mirroring_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/golang-sql/sqlexp"
	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestStatisticsFollowFailover: statistics reach the mirror through the
// log (issue #5): after a failover the new principal shows the statistics
// the first one made — histogram, rows, STATS_DATE, modification counter —
// and plans with them. The data are made so that the stored statistics
// and a rebuild from the rows there are now choose differently: the
// histogram says customer 5 has 10 rows (a seek and its lookups), while
// 810 have it now (past the tipping point: a scan), an UPDATE of 800 rows
// since being under the automatic update threshold of 2000 rows. So the
// query's logical reads on the new principal are the first principal's
// only when it plans with the statistics the log brought.
func TestStatisticsFollowFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	const digits = "(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))"
	c.mustExec(cur, "USE "+dbName+`
GO
CREATE TABLE dbo.orders (id int NOT NULL PRIMARY KEY, customer int NOT NULL, pad char(200) NOT NULL)
CREATE INDEX ix_customer ON dbo.orders (customer)
GO
INSERT dbo.orders SELECT n, n % 200, 'x' FROM (SELECT 1 + a.d * 1000 + b.d * 100 + c.d * 10 + e.d AS n
	FROM `+digits+` AS a(d) CROSS JOIN `+digits+` AS b(d) CROSS JOIN `+digits+` AS c(d) CROSS JOIN `+digits+` AS e(d)) AS q WHERE n <= 2000
GO
UPDATE STATISTICS dbo.orders ix_customer WITH FULLSCAN
GO
UPDATE dbo.orders SET customer = 5 WHERE id <= 800
GO
CHECKPOINT`)
	const (
		query  = "SELECT COUNT(pad) FROM dbo.orders WHERE customer = 5"
		header = "DBCC SHOW_STATISTICS ('dbo.orders', ix_customer) WITH STAT_HEADER"
		props  = `SELECT p.rows, p.steps, p.modification_counter, CONVERT(varchar(30), p.last_updated, 121)
			FROM sys.dm_db_stats_properties(OBJECT_ID('dbo.orders'), 2) p`
	)
	first := cur.DB(dbName)
	wantReads, wantHeader, wantProps := statisticsIO(t, first, query), harness.RowsText(t, first, header), harness.RowsText(t, first, props)
	if !strings.HasPrefix(wantProps, "2000 200 800 ") {
		t.Fatalf("first principal: rows, steps, modification_counter = %s, want 2000 200 800", wantProps)
	}
	first.Close()

	c.manualFailover(cur, oth)
	db := oth.DB(dbName)
	if got := harness.RowsText(t, db, header); got != wantHeader {
		t.Errorf("new principal's SHOW_STATISTICS:\n got %s\nwant %s", got, wantHeader)
	}
	if got := harness.RowsText(t, db, props); got != wantProps {
		t.Errorf("new principal's dm_db_stats_properties: %s, want %s", got, wantProps)
	}
	if got := statisticsIO(t, db, query); got != wantReads {
		t.Errorf("new principal's reads: %s\nfirst principal's: %s", got, wantReads)
	}
}

// statisticsIO runs q with SET STATISTICS IO ON on one connection of db
// and returns its 3615 messages.
func statisticsIO(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET STATISTICS IO ON"); err != nil {
		t.Fatal(err)
	}
	retmsg := &sqlexp.ReturnMessage{}
	rows, err := conn.QueryContext(ctx, q, retmsg)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for active := true; active; {
		switch m := retmsg.Message(ctx).(type) {
		case sqlexp.MsgNotice:
			if e, ok := m.Message.(mssql.Error); ok && e.Number == 3615 {
				out = append(out, e.Message)
			}
		case sqlexp.MsgNextResultSet:
			active = rows.NextResultSet()
		case sqlexp.MsgNext:
			for rows.Next() {
			}
		case sqlexp.MsgError:
			t.Fatal(m.Error)
		}
	}
	return strings.Join(out, "\n")
}
