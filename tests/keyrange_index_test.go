package tests

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Locks on nonclustered index keys (issues #4 #5), over go-mssqldb: a seek
// through an index locks the index keys it reads, not the whole table.

// indexSeekConns starts a server with dbo.p, rows 1…5 in groups 10, 20,
// 20, 30, 40 and a nonclustered index on grp, and returns two sessions.
func indexSeekConns(t *testing.T) (a, b *sql.Conn) {
	t.Helper()
	db := harness.Start(t, harness.Options{}).DB("master")
	mustExec(t, db, `CREATE TABLE dbo.p (id int NOT NULL PRIMARY KEY, grp int NOT NULL, v int NOT NULL);
CREATE INDEX ix_grp ON dbo.p (grp);
INSERT dbo.p VALUES (1, 10, 0), (2, 20, 0), (3, 20, 0), (4, 30, 0), (5, 40, 0)`)
	return appConn(t, db), appConn(t, db)
}

// TestIndexKeyRangeReadBlocksOnlyItsRange: a SERIALIZABLE seek of grp 20
// through ix_grp makes an insert or a move into grp 20 wait (1222 with
// LOCK_TIMEOUT), and a change of the next key (grp 30) it locked, but not
// inserts and updates elsewhere in the table — a table lock blocked those.
func TestIndexKeyRangeReadBlocksOnlyItsRange(t *testing.T) {
	a, b := indexSeekConns(t)
	connExec(t, a, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; SELECT id FROM dbo.p WHERE grp = 20")
	connExec(t, b, "SET LOCK_TIMEOUT 200")
	for _, stmt := range []string{
		"INSERT dbo.p VALUES (6, 20, 0)",         // into the range
		"INSERT dbo.p VALUES (7, 25, 0)",         // into the gap before the next key
		"UPDATE dbo.p SET grp = 20 WHERE id = 5", // a move into the range
		"DELETE dbo.p WHERE id = 2",              // a row read
		"UPDATE dbo.p SET grp = 35 WHERE id = 4", // the next key
	} {
		wantSQLError(t, connErr(b, stmt), 1222, "Lock request time out period exceeded.")
	}
	connExec(t, b, "INSERT dbo.p VALUES (8, 5, 0), (9, 50, 0), (10, 31, 0)") // outside it
	connExec(t, b, "UPDATE dbo.p SET v = 1 WHERE id = 5")                    // a row not read
	connExec(t, b, "UPDATE dbo.p SET grp = 45 WHERE id = 5")                 // a move outside
	connExec(t, a, "COMMIT")
	connExec(t, b, "INSERT dbo.p VALUES (6, 20, 0)")
}

// TestIndexKeyRangeLocksShown: sys.dm_tran_locks shows the seek's locks on
// the index's hobt (sys.partitions) — RangeS-S on each key read and the
// next — and S on the rows it looked up; a DELETE under SERIALIZABLE holds
// RangeX-X on the index key it removes.
func TestIndexKeyRangeLocksShown(t *testing.T) {
	a, b := indexSeekConns(t)
	keyLocks := sessionLocks(t, a, b, `SELECT CASE p.index_id WHEN 1 THEN 'pk ' ELSE 'ix ' END + l.request_mode
FROM sys.dm_tran_locks AS l JOIN sys.partitions AS p ON p.hobt_id = l.resource_associated_entity_id
WHERE l.request_session_id = @p1 AND l.resource_type = 'KEY' AND p.object_id = OBJECT_ID('dbo.p')`)
	tests := []struct {
		name, batch string
		want        []string
	}{
		{"seek", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; SELECT v FROM dbo.p WHERE grp = 20",
			[]string{"ix RangeS-S", "ix RangeS-S", "ix RangeS-S", "pk S", "pk S"}},
		{"delete", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; DELETE dbo.p WHERE id = 4",
			[]string{"ix RangeX-X", "pk RangeX-X"}},
	}
	for _, tc := range tests {
		checkLocksHeld(t, a, tc.name, tc.batch, keyLocks, tc.want)
	}
}

// TestIndexSeekReadCommittedWaits: a READ COMMITTED seek through ix_grp
// waits for another transaction's uncommitted insert into its range and
// for an update that moved a row's key into it, as SQL Server's seek
// meets the new index key and waits for its X lock: LOCK_TIMEOUT gives
// 1222, READPAST skips the row, NOLOCK does not wait.
func TestIndexSeekReadCommittedWaits(t *testing.T) {
	a, b := indexSeekConns(t)
	ctx := context.Background()
	connExec(t, a, "SET LOCK_TIMEOUT 200")
	ids := func(q string) ([]int, error) { return columnInts(ctx, a, q) }
	for _, change := range []string{"INSERT dbo.p VALUES (6, 20, 0)", "UPDATE dbo.p SET grp = 20 WHERE id = 5"} {
		t.Run(change, func(t *testing.T) {
			connExec(t, b, "BEGIN TRAN; "+change)
			defer connExec(t, b, "ROLLBACK")
			_, err := ids("SELECT id FROM dbo.p WHERE grp = 20")
			wantSQLError(t, err, 1222, "Lock request time out period exceeded.")
			if got, err := ids("SELECT id FROM dbo.p WITH (READPAST) WHERE grp = 20 ORDER BY id"); err != nil || !slices.Equal(got, []int{2, 3}) {
				t.Errorf("READPAST: %v, %v; want [2 3]", got, err)
			}
			if _, err := ids("SELECT id FROM dbo.p WITH (NOLOCK) WHERE grp = 20"); err != nil {
				t.Errorf("NOLOCK: %v", err)
			}
			if got, err := ids("SELECT id FROM dbo.p WHERE grp = 10"); err != nil || !slices.Equal(got, []int{1}) {
				t.Errorf("another range: %v, %v; want [1] without waiting", got, err)
			}
		})
	}
}
