package tests

import (
	"context"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientCancelledTransactionEnds is what go-mssqldb's
// TestCancelDuringRollback means to check, without its race. Cancelling the
// context of a database/sql transaction makes database/sql roll it back from
// a goroutine of its own, and go-mssqldb, its context being done, returns from
// that rollback without waiting for the server's answer. The upstream test
// then counts sys.dm_tran_session_transactions (every session's transactions,
// as in SQL Server) from a new connection at once, racing that goroutine: on a
// loaded machine mirrorsql's login and query (≈0.4 ms on loopback) can finish
// before the other connection's rollback request is processed (docs/
// go-mssqldb-suite.md). Here the server must end the transaction (release
// its locks, undo its update) eventually, which is what a leak would break:
// polled with a generous bound, never timed.
func TestClientCancelledTransactionEnds(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	mustExec(t, db, "CREATE TABLE dbo.cr (k int PRIMARY KEY, v int)")
	mustExec(t, db, "INSERT dbo.cr VALUES (1, 2)")
	check := srv.DB("master")
	for attempt := 1; attempt <= 10; attempt++ {
		ctx, cancel := context.WithCancel(context.Background())
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		var spid int
		if err := tx.QueryRowContext(ctx, "SELECT @@SPID").Scan(&spid); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE dbo.cr SET v = 1 WHERE k = 1"); err != nil {
			t.Fatal(err)
		}
		cancel()
		deadline := time.Now().Add(10 * time.Second)
		for {
			var open int
			if err := check.QueryRow("SELECT COUNT(*) FROM sys.dm_tran_session_transactions WHERE session_id = @p1", spid).Scan(&open); err != nil {
				t.Fatal(err)
			}
			if open == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("attempt %d: session %d still has its cancelled transaction open", attempt, spid)
			}
			time.Sleep(5 * time.Millisecond)
		}
		// Undone, and its lock released: a reader under the default READ
		// COMMITTED would block (and time out) on a leaked X lock.
		var v int
		if err := check.QueryRow("SET LOCK_TIMEOUT 5000; SELECT v FROM dbo.cr WHERE k = 1").Scan(&v); err != nil {
			t.Fatalf("attempt %d: read after the cancelled transaction: %v", attempt, err)
		}
		if v != 2 {
			t.Fatalf("attempt %d: v = %d after the cancelled transaction, want 2 (undone)", attempt, v)
		}
	}
}
