package tests

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestTempTableLocksAreTheSessions: two sessions' own #t tables are two
// tables, and their key locks two resources: one session's open INSERT
// into its #t does not make the other's INSERT of the same key into its
// own #t wait. They were one resource (tempdb, store 100, key), and the
// second INSERT got 1222 (issue #4).
func TestTempTableLocksAreTheSessions(t *testing.T) {
	db := harness.Start(t, harness.Options{}).DB("master")
	a, b := appConn(t, db), appConn(t, db)
	connExec(t, a, "CREATE TABLE #t (k int PRIMARY KEY); BEGIN TRAN; INSERT #t VALUES (1)")
	defer connErr(a, "IF @@TRANCOUNT > 0 ROLLBACK")
	connExec(t, b, "SET LOCK_TIMEOUT 0; CREATE TABLE #t (k int PRIMARY KEY); BEGIN TRAN; INSERT #t VALUES (1); UPDATE #t SET k = 2; COMMIT")
}

// TestTempLocksShownInTempdb: sys.dm_tran_locks shows the key locks of a
// table variable and of a #temp table in tempdb (database_id 2), each
// under its own hobt_id — the one tempdb.sys.partitions gives the #temp
// table — distinct from a user table's whose store has the same number
// in its own database: the table variable's showed a database_id of its
// own (-1001) and all three the user table's hobt_id (issue #5).
func TestTempLocksShownInTempdb(t *testing.T) {
	db := harness.Start(t, harness.Options{}).DB("master")
	c := appConn(t, db)
	connExec(t, c, "CREATE TABLE dbo.u (k int PRIMARY KEY); CREATE TABLE #t (k int PRIMARY KEY)")
	var n, dbs, hobts, userOK, tempOK int
	err := c.QueryRowContext(context.Background(), `BEGIN TRAN;
DECLARE @v TABLE (k int PRIMARY KEY); INSERT @v VALUES (1); INSERT dbo.u VALUES (1); INSERT #t VALUES (1);
SELECT COUNT(*), COUNT(DISTINCT resource_database_id), COUNT(DISTINCT resource_associated_entity_id),
  SUM(CASE WHEN resource_database_id = DB_ID() AND resource_associated_entity_id =
    (SELECT hobt_id FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.u')) THEN 1 ELSE 0 END),
  SUM(CASE WHEN resource_database_id = 2 AND resource_associated_entity_id =
    (SELECT hobt_id FROM tempdb.sys.partitions WHERE object_id = OBJECT_ID('tempdb..#t')) THEN 1 ELSE 0 END)
FROM sys.dm_tran_locks WHERE request_session_id = @@SPID AND resource_type = 'KEY';
ROLLBACK`).Scan(&n, &dbs, &hobts, &userOK, &tempOK)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || dbs != 2 || hobts != 3 || userOK != 1 || tempOK != 1 {
		t.Errorf("KEY locks: %d, in %d databases, %d hobts, %d on dbo.u's hobt, %d on #t's; want 3, 2, 3, 1, 1", n, dbs, hobts, userOK, tempOK)
	}
}
