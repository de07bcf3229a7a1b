package tests

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestKeyRangeUniquifiedMove: on a non-unique clustered index a row whose
// key is updated moves to a new uniquified key (issues #4 #5). The move is
// an insert into the range the new key falls in: it waits for a
// SERIALIZABLE reader of that range, and a reader of the range waits for
// the uncommitted move, as for a plain insert.
func TestKeyRangeUniquifiedMove(t *testing.T) {
	db := harness.Start(t, harness.Options{}).DB("master")
	mustExec(t, db, `CREATE TABLE dbo.m (grp int NOT NULL, v int NOT NULL);
CREATE CLUSTERED INDEX cx ON dbo.m (grp);
INSERT dbo.m VALUES (10, 1), (20, 1), (20, 2), (30, 1), (40, 1)`)
	a, b := appConn(t, db), appConn(t, db)
	ctx := context.Background()
	connExec(t, b, "SET LOCK_TIMEOUT 200")

	t.Run("move into a locked range waits", func(t *testing.T) {
		connExec(t, a, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; SELECT COUNT(*) FROM dbo.m WHERE grp = 20")
		wantSQLError(t, connErr(b, "UPDATE dbo.m SET grp = 20 WHERE grp = 40"), 1222, "Lock request time out period exceeded.")
		connExec(t, b, "UPDATE dbo.m SET grp = 5 WHERE grp = 10") // outside the range (before it)
		connExec(t, a, "COMMIT; SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
	})
	t.Run("reader waits for an uncommitted move", func(t *testing.T) {
		connExec(t, b, "BEGIN TRAN; UPDATE dbo.m SET grp = 20 WHERE grp = 40")
		connExec(t, a, "SET LOCK_TIMEOUT 200; SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
		var n int
		wantSQLError(t, a.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.m WHERE grp = 20").Scan(&n), 1222, "")
		connExec(t, b, "COMMIT")
		if err := a.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.m WHERE grp = 20").Scan(&n); err != nil || n != 3 {
			t.Fatalf("grp 20 after the move committed: %d, %v; want 3", n, err)
		}
		connExec(t, a, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
	})
}
