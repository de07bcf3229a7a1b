package tests

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestCursorConcurrency: two go-mssqldb sessions against a real server. A
// cursor's positioned UPDATE of a row another session changed after the
// FETCH fails under OPTIMISTIC concurrency (16947, as SQL Server), and a
// SCROLL_LOCKS cursor in a transaction holds a U lock on the row it
// fetched, so the other session's UPDATE of it times out (1222) while an
// UPDATE of another row goes through. A SCROLL_LOCKS cursor fetched in
// autocommit mode holds its lock to its next FETCH or CLOSE, as SQL
// Server's does (cursor_scrolllocks.go), and its own session's positioned
// UPDATE is not blocked by it; a fetch under REPEATABLE READ or SERIALIZABLE holds S on the row to the
// end of the transaction, and one under READ COMMITTED waits for a row
// another transaction has changed and not committed (1222 here).
func TestCursorConcurrency(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	ctx := context.Background()
	mustExec(t, db, "CREATE TABLE dbo.cc (id int PRIMARY KEY, v int NOT NULL)")
	mustExec(t, db, "INSERT dbo.cc VALUES (1, 10), (2, 20)")
	a, b := appConn(t, db), appConn(t, db)

	tests := []struct {
		name    string
		options string
		tran    bool
		iso     string // the transaction's isolation level ("": READ COMMITTED)
		// other is what the second session runs after the first fetched
		// row 1, and the SQL Server error it must get (0: none).
		other      string
		otherErr   int32
		positioned int32 // the error of the positioned UPDATE that follows (0: none)
	}{
		{name: "optimistic conflict", options: "KEYSET OPTIMISTIC", other: "UPDATE dbo.cc SET v = v + 1 WHERE id = 1", positioned: 16947},
		{name: "optimistic other row", options: "KEYSET OPTIMISTIC", other: "UPDATE dbo.cc SET v = v + 1 WHERE id = 2"},
		{name: "default concurrency conflict", options: "", other: "DELETE dbo.cc WHERE id = 1", positioned: 16947},
		{name: "scroll locks block", options: "KEYSET SCROLL_LOCKS", tran: true, other: "SET LOCK_TIMEOUT 200; UPDATE dbo.cc SET v = 0 WHERE id = 1", otherErr: 1222},
		{name: "scroll locks other row", options: "KEYSET SCROLL_LOCKS", tran: true, other: "SET LOCK_TIMEOUT 200; UPDATE dbo.cc SET v = 0 WHERE id = 2"},
		{name: "scroll locks autocommit block", options: "KEYSET SCROLL_LOCKS", other: "SET LOCK_TIMEOUT 200; UPDATE dbo.cc SET v = v + 1 WHERE id = 1", otherErr: 1222},
		{name: "scroll locks autocommit unchanged", options: "KEYSET SCROLL_LOCKS", other: "UPDATE dbo.cc SET v = v + 1 WHERE id = 2"},
		{name: "repeatable read holds S", options: "KEYSET", tran: true, iso: "REPEATABLE READ", other: "SET LOCK_TIMEOUT 200; UPDATE dbo.cc SET v = 0 WHERE id = 1", otherErr: 1222},
		{name: "serializable holds S", options: "DYNAMIC", tran: true, iso: "SERIALIZABLE", other: "SET LOCK_TIMEOUT 200; DELETE dbo.cc WHERE id = 1", otherErr: 1222},
		{name: "read committed holds nothing", options: "KEYSET", tran: true, other: "SET LOCK_TIMEOUT 200; UPDATE dbo.cc SET v = 0 WHERE id = 1", positioned: 16947},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mustExec(t, db, "DELETE dbo.cc; INSERT dbo.cc VALUES (1, 10), (2, 20)")
			if tc.iso != "" {
				connExec(t, a, "SET TRANSACTION ISOLATION LEVEL "+tc.iso)
				defer connExec(t, a, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
			}
			// Opened before the transaction: the locks are the FETCH's.
			connExec(t, a, "DECLARE c CURSOR GLOBAL "+tc.options+" FOR SELECT id, v FROM dbo.cc ORDER BY id; OPEN c")
			defer connExec(t, a, "DEALLOCATE c")
			if tc.tran {
				connExec(t, a, "BEGIN TRAN")
				// A failed case must not leave its locks to the next one.
				defer connExec(t, a, "IF @@TRANCOUNT > 0 ROLLBACK")
			}
			var id, v int
			if err := a.QueryRowContext(ctx, "FETCH NEXT FROM c").Scan(&id, &v); err != nil || id != 1 {
				t.Fatalf("FETCH: id %d, %v", id, err)
			}
			_, err := b.ExecContext(ctx, tc.other)
			if tc.otherErr != 0 {
				wantSQLError(t, err, tc.otherErr, "")
			} else if err != nil {
				t.Fatalf("%s: %v", tc.other, err)
			}
			_, err = a.ExecContext(ctx, "UPDATE dbo.cc SET v = 99 WHERE CURRENT OF c")
			if tc.positioned != 0 {
				wantSQLError(t, err, tc.positioned, "No rows were updated or deleted.")
			} else if err != nil {
				t.Fatalf("positioned UPDATE: %v", err)
			}
			if tc.tran {
				connExec(t, a, "COMMIT")
			}
			var got int
			err = db.QueryRowContext(ctx, "SELECT v FROM dbo.cc WHERE id = 1").Scan(&got)
			if tc.positioned == 0 && (err != nil || got != 99) {
				t.Fatalf("row 1 after the positioned UPDATE: v = %d, %v; want 99", got, err)
			}
		})
	}

	t.Run("scroll locks autocommit to the next fetch or close", func(t *testing.T) {
		mustExec(t, db, "DELETE dbo.cc; INSERT dbo.cc VALUES (1, 10), (2, 20)")
		connExec(t, a, "DECLARE c CURSOR GLOBAL KEYSET SCROLL_LOCKS FOR SELECT id, v FROM dbo.cc ORDER BY id; OPEN c")
		defer connExec(t, a, "IF CURSOR_STATUS('global', 'c') >= -1 DEALLOCATE c")
		connExec(t, a, "FETCH NEXT FROM c")
		update := func(id string, want int32) {
			t.Helper()
			_, err := b.ExecContext(ctx, "SET LOCK_TIMEOUT 200; UPDATE dbo.cc SET v = v + 1 WHERE id = "+id)
			if want != 0 {
				wantSQLError(t, err, want, "")
			} else if err != nil {
				t.Fatalf("UPDATE of row %s: %v", id, err)
			}
		}
		update("1", 1222) // fetched: locked after the FETCH's own transaction ended
		connExec(t, a, "FETCH NEXT FROM c")
		update("1", 0) // the lock moved to row 2
		update("2", 1222)
		connExec(t, a, "CLOSE c")
		update("2", 0)
	})

	t.Run("read committed fetch waits for a writer", func(t *testing.T) {
		mustExec(t, db, "DELETE dbo.cc; INSERT dbo.cc VALUES (1, 10), (2, 20)")
		connExec(t, a, "DECLARE c CURSOR GLOBAL KEYSET FOR SELECT id, v FROM dbo.cc ORDER BY id; OPEN c")
		defer connExec(t, a, "DEALLOCATE c")
		connExec(t, b, "BEGIN TRAN; UPDATE dbo.cc SET v = 0 WHERE id = 1")
		defer connExec(t, b, "ROLLBACK")
		_, err := a.ExecContext(ctx, "SET LOCK_TIMEOUT 200; FETCH NEXT FROM c")
		wantSQLError(t, err, 1222, "")
		connExec(t, a, "SET LOCK_TIMEOUT -1")
	})
}
