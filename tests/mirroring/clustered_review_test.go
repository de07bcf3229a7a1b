package mirroring_test

import (
	"testing"
)

// clusteredChurn inserts into three duplicate groups of a non-unique
// clustered key, deletes each group's newest row now and then (so a freed
// uniquifier is taken again), moves rows between groups by UPDATE of the
// key, and rolls back every fourth transaction.
const clusteredChurn = `CREATE TABLE dbo.churn (k int NOT NULL, id int NOT NULL, v int NOT NULL, INDEX cx CLUSTERED (k), INDEX ix_id (id))
GO
DECLARE @i int = 0
WHILE @i < 400
BEGIN
  BEGIN TRAN
  INSERT dbo.churn VALUES (@i % 3, @i, @i)
  IF @i % 5 = 0
    DELETE dbo.churn WHERE id = (SELECT MAX(id) FROM dbo.churn WHERE k = @i % 3 AND id < @i)
  IF @i % 7 = 0
    UPDATE dbo.churn SET k = (k + 1) % 3, v = -v WHERE id = @i / 2
  IF @i % 4 = 3 ROLLBACK ELSE COMMIT
  SET @i += 1
END`

// churnState is dbo.churn in clustered key order (uniquifier order within a
// key value), through the nonclustered index, and its count.
const churnState = `SELECT
  (SELECT STRING_AGG(CONCAT(k, ':', id, ':', v), ',') FROM dbo.churn),
  (SELECT STRING_AGG(CONCAT(k, ':', id), ',') WITHIN GROUP (ORDER BY id) FROM dbo.churn WITH (INDEX(ix_id))),
  (SELECT COUNT(*) FROM dbo.churn)`

// TestReviewClusteredChurnRedone (session 12 review, h8): the mirror's
// redo of clusteredChurn gives the new principal after a manual failover
// the principal's rows in the same clustered order (the same uniquifiers),
// the same nonclustered index, DBCC clean, and a new duplicate after the
// others of its group.
func TestReviewClusteredChurnRedone(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	c.mustExec(cur, "USE "+dbName+"\nGO\n"+clusteredChurn)
	var wantScan, wantIx string
	var wantN int
	if err := cur.DB(dbName).QueryRow(churnState).Scan(&wantScan, &wantIx, &wantN); err != nil {
		t.Fatal(err)
	}
	var sumV, sumK int
	if err := cur.DB(dbName).QueryRow("SELECT SUM(v), SUM(k) FROM dbo.churn").Scan(&sumV, &sumK); err != nil {
		t.Fatal(err)
	}
	// The script's outcome worked out apart (a Python model of its loop).
	if wantN != 241 || sumV != 42389 || sumK != 248 {
		t.Fatalf("the churn on the principal left %d rows, SUM(v) %d, SUM(k) %d; want 241, 42389, 248", wantN, sumV, sumK)
	}
	c.manualFailover(cur, oth)
	db := oth.DB(dbName)
	var scan, ix string
	var n int
	if err := db.QueryRow(churnState).Scan(&scan, &ix, &n); err != nil {
		t.Fatalf("on %s after failover: %v", oth.Name, err)
	}
	if scan != wantScan || ix != wantIx || n != wantN {
		t.Errorf("on %s after failover: %d rows, want %d\nscan %.400s\nwant %.400s\nindex %.400s\nwant  %.400s", oth.Name, n, wantN, scan, wantScan, ix, wantIx)
	}
	if _, err := db.Exec("DBCC CHECKTABLE ('dbo.churn') WITH NO_INFOMSGS"); err != nil {
		t.Errorf("DBCC CHECKTABLE on the new principal: %v", err)
	}
	var last int
	if _, err := db.Exec("INSERT dbo.churn VALUES (1, 100000, 0)"); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT TOP (1) id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS r FROM dbo.churn WHERE k = 1) AS x ORDER BY r DESC").Scan(&last); err != nil || last != 100000 {
		t.Errorf("a new duplicate on the new principal is not the last of its group: %d, %v", last, err)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM dbo.churn").Scan(&n); err != nil || n != wantN+1 {
		t.Errorf("after a new duplicate: %d rows, %v; want %d", n, err, wantN+1)
	}
}
