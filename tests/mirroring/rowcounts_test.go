package mirroring_test

import (
	"database/sql"
	"testing"
)

// TestRowCountsFollowFailover: the row counts sys.partitions answers from
// (engine/rowcounts.go) are right on a new principal after a failover and
// after the failback. The first principal counts the table and keeps its
// figure as it writes; as mirror it then redoes the other partner's writes,
// which its Commit never saw; back as principal it must show the rows its
// redo wrote, not its old figure. Both RevertTo (the role change) and redo
// forget the figures; with neither, the failback's checks fail.
func TestRowCountsFollowFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	c.mustExec(cur, "USE "+dbName+`
GO
CREATE TABLE dbo.rc (id int PRIMARY KEY, v int NOT NULL)
CREATE INDEX iv ON dbo.rc (v)
INSERT dbo.rc VALUES (1, 1), (2, 2), (3, 3)`)
	check := func(db *sql.DB, step string, want int64) {
		t.Helper()
		var count, clustered, nonclustered int64
		err := db.QueryRow(`SELECT (SELECT COUNT_BIG(*) FROM dbo.rc),
			(SELECT rows FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.rc') AND index_id = 1),
			(SELECT row_count FROM sys.dm_db_partition_stats WHERE object_id = OBJECT_ID('dbo.rc') AND index_id = 2)`).Scan(&count, &clustered, &nonclustered)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if count != want || clustered != want || nonclustered != want {
			t.Errorf("%s: COUNT(*) %d, sys.partitions.rows %d, row_count of iv %d; want %d", step, count, clustered, nonclustered, want)
		}
	}
	check(cur.DB(dbName), "first principal", 3)
	c.mustExec(cur, "USE "+dbName+"\nGO\nINSERT dbo.rc VALUES (4, 4)")
	check(cur.DB(dbName), "first principal after an insert", 4)

	c.manualFailover(cur, oth)
	db := oth.DB(dbName)
	check(db, "new principal", 4)
	c.mustExec(oth, "USE "+dbName+"\nGO\nINSERT dbo.rc VALUES (5, 5), (6, 6), (7, 7)\nDELETE dbo.rc WHERE id = 1")
	check(db, "new principal after its writes", 6)

	c.manualFailover(oth, cur)
	check(cur.DB(dbName), "failback", 6)
	c.mustExec(cur, "USE "+dbName+"\nGO\nINSERT dbo.rc VALUES (8, 8)")
	check(cur.DB(dbName), "failback after an insert", 7)
}
