package tests

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Row versioning isolation over TDS (issues #4 #5): SNAPSHOT transactions
// and READ_COMMITTED_SNAPSHOT, each scenario with two go-mssqldb sessions
// (sql.Conn) of a real server, as Microsoft's "Row versioning-based
// isolation level example" runs them.

// snapshotDB creates database name with a two-row table t (id 1 → 10, id 2
// → 20) and the given ALTER DATABASE … SET options.
func snapshotDB(t *testing.T, srv *harness.Server, name string, options ...string) *sql.DB {
	t.Helper()
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE "+name)
	for _, o := range options {
		mustExec(t, master, "ALTER DATABASE "+name+" SET "+o)
	}
	db := srv.DB(name)
	mustExec(t, db, "CREATE TABLE dbo.t (id int PRIMARY KEY, v int NOT NULL)")
	mustExec(t, db, "INSERT dbo.t VALUES (1, 10), (2, 20)")
	return db
}

// queryInts runs a query returning one row of ints.
func queryInts(t *testing.T, c *sql.Conn, q string, n int) []int {
	t.Helper()
	out := make([]int, n)
	ptrs := make([]any, n)
	for i := range out {
		ptrs[i] = &out[i]
	}
	if err := c.QueryRowContext(context.Background(), q).Scan(ptrs...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

func execConn(t *testing.T, c *sql.Conn, q string) {
	t.Helper()
	if _, err := c.ExecContext(context.Background(), q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func TestSnapshotIsolation(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	ctx := context.Background()

	t.Run("repeatable reads while another session commits", func(t *testing.T) {
		db := snapshotDB(t, srv, "snap_reads", "ALLOW_SNAPSHOT_ISOLATION ON")
		a, b := appConn(t, db), appConn(t, db)
		execConn(t, a, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT")
		execConn(t, a, "BEGIN TRAN")
		// The snapshot starts at the first read, not at BEGIN TRAN.
		execConn(t, b, "UPDATE dbo.t SET v = 11 WHERE id = 1")
		if got := queryInts(t, a, "SELECT COUNT(*), SUM(v) FROM dbo.t", 2); got[0] != 2 || got[1] != 31 {
			t.Fatalf("first read = %v, want [2 31] (the update committed before it)", got)
		}
		execConn(t, b, "UPDATE dbo.t SET v = 100 WHERE id = 1")
		execConn(t, b, "DELETE dbo.t WHERE id = 2")
		execConn(t, b, "INSERT dbo.t VALUES (3, 30)")
		for _, q := range []string{
			"SELECT COUNT(*), SUM(v) FROM dbo.t",
			"SELECT COUNT(*), SUM(v) FROM dbo.t WHERE id BETWEEN 1 AND 3",
		} {
			if got := queryInts(t, a, q, 2); got[0] != 2 || got[1] != 31 {
				t.Fatalf("%s in the snapshot = %v, want [2 31]", q, got)
			}
		}
		if got := queryInts(t, a, "SELECT v FROM dbo.t WHERE id = 1", 1); got[0] != 11 {
			t.Fatalf("point read in the snapshot = %d, want 11", got[0])
		}
		// The transaction DMVs show the snapshot, to this session and others.
		if got := queryInts(t, a, "SELECT CAST(transaction_is_snapshot AS int), CASE WHEN first_snapshot_sequence_num > 0 THEN 1 ELSE 0 END FROM sys.dm_tran_current_transaction", 2); got[0] != 1 || got[1] != 1 {
			t.Fatalf("sys.dm_tran_current_transaction = %v, want [1 1]", got)
		}
		if got := queryInts(t, b, "SELECT COUNT(*), MIN(session_id) FROM sys.dm_tran_active_snapshot_database_transactions", 2); got[0] != 1 || got[1] != queryInts(t, a, "SELECT @@SPID", 1)[0] {
			t.Fatalf("sys.dm_tran_active_snapshot_database_transactions: count, session = %v, want 1 and the snapshot session's", got)
		}
		// Its own writes are seen over the snapshot.
		execConn(t, a, "INSERT dbo.t VALUES (4, 40)")
		if got := queryInts(t, a, "SELECT COUNT(*), SUM(v) FROM dbo.t", 2); got[0] != 3 || got[1] != 71 {
			t.Fatalf("after its own insert = %v, want [3 71]", got)
		}
		execConn(t, a, "COMMIT")
		if got := queryInts(t, a, "SELECT COUNT(*), SUM(v) FROM dbo.t", 2); got[0] != 3 || got[1] != 170 {
			t.Fatalf("after COMMIT = %v, want [3 170]", got)
		}
		if got := queryInts(t, b, "SELECT COUNT(*) FROM sys.dm_tran_active_snapshot_database_transactions", 1); got[0] != 0 {
			t.Fatalf("after COMMIT %d active snapshot transactions, want 0", got[0])
		}
	})

	t.Run("readers do not wait for an open writer", func(t *testing.T) {
		db := snapshotDB(t, srv, "snap_noblock", "ALLOW_SNAPSHOT_ISOLATION ON", "READ_COMMITTED_SNAPSHOT ON")
		w, snap, rc := appConn(t, db), appConn(t, db), appConn(t, db)
		execConn(t, w, "BEGIN TRAN")
		execConn(t, w, "UPDATE dbo.t SET v = 999 WHERE id = 1")
		execConn(t, snap, "SET LOCK_TIMEOUT 2000; SET TRANSACTION ISOLATION LEVEL SNAPSHOT")
		execConn(t, rc, "SET LOCK_TIMEOUT 2000")
		for _, c := range []*sql.Conn{snap, rc} {
			if got := queryInts(t, c, "SELECT v FROM dbo.t WHERE id = 1", 1); got[0] != 10 {
				t.Fatalf("read beside an open writer = %d, want the committed 10", got[0])
			}
		}
		execConn(t, w, "COMMIT")
		if got := queryInts(t, rc, "SELECT v FROM dbo.t WHERE id = 1", 1); got[0] != 999 {
			t.Fatalf("after the writer's commit = %d, want 999", got[0])
		}
	})

	t.Run("update conflict 3960 rolls the transaction back", func(t *testing.T) {
		db := snapshotDB(t, srv, "snap_conflict", "ALLOW_SNAPSHOT_ISOLATION ON")
		for _, stmt := range []string{
			"UPDATE dbo.t SET v = v + 1 WHERE id = 1",
			"DELETE dbo.t WHERE id = 1",
			"MERGE dbo.t AS x USING (SELECT 1 AS id) AS s ON x.id = s.id WHEN MATCHED THEN UPDATE SET v = 0;",
		} {
			mustExec(t, db, "UPDATE dbo.t SET v = 10 WHERE id = 1")
			a, b := appConn(t, db), appConn(t, db)
			execConn(t, a, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT")
			execConn(t, a, "BEGIN TRAN")
			execConn(t, a, "INSERT dbo.t VALUES (7, 70)") // undone by the rollback
			queryInts(t, a, "SELECT v FROM dbo.t WHERE id = 1", 1)
			execConn(t, b, "UPDATE dbo.t SET v = 12 WHERE id = 1")
			_, err := a.ExecContext(ctx, stmt)
			wantSQLError(t, err, 3960, "Snapshot isolation transaction aborted due to update conflict. You cannot use snapshot isolation to access table 'dbo.t' directly or indirectly in database 'snap_conflict' to update, delete, or insert the row that has been modified or deleted by another transaction. Retry the transaction or change the isolation level for the update/delete statement.")
			if got := queryInts(t, a, "SELECT @@TRANCOUNT, XACT_STATE()", 2); got[0] != 0 || got[1] != 0 {
				t.Fatalf("%s: after 3960 @@TRANCOUNT, XACT_STATE() = %v, want [0 0]", stmt, got)
			}
			if got := queryInts(t, a, "SELECT v, (SELECT COUNT(*) FROM dbo.t WHERE id = 7) FROM dbo.t WHERE id = 1", 2); got[0] != 12 || got[1] != 0 {
				t.Fatalf("%s: after 3960 = %v, want the other session's 12 and no row 7", stmt, got)
			}
		}
		// A row nobody else changed updates fine; so does one under READ COMMITTED.
		a := appConn(t, db)
		execConn(t, a, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT; BEGIN TRAN; UPDATE dbo.t SET v = v + 1 WHERE id = 2; COMMIT")
		if got := queryInts(t, a, "SELECT v FROM dbo.t WHERE id = 2", 1); got[0] != 21 {
			t.Fatalf("snapshot update without conflict: v = %d, want 21", got[0])
		}
	})

	t.Run("3961 after another session's DDL", func(t *testing.T) {
		db := snapshotDB(t, srv, "snap_ddl", "ALLOW_SNAPSHOT_ISOLATION ON")
		for _, ddl := range []string{"TRUNCATE TABLE dbo.t", "ALTER TABLE dbo.t ADD w int NULL", "CREATE INDEX ix_v ON dbo.t (v)"} {
			a, b := appConn(t, db), appConn(t, db)
			execConn(t, a, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT; BEGIN TRAN")
			queryInts(t, a, "SELECT COUNT(*) FROM dbo.t", 1)
			execConn(t, b, ddl)
			var n int
			err := a.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.t").Scan(&n)
			wantSQLError(t, err, 3961, "Snapshot isolation transaction failed in database 'snap_ddl' because the object accessed by the statement has been modified by a DDL statement in another concurrent transaction since the start of this transaction. It is disallowed because the metadata is not versioned. A concurrent update to metadata can lead to inconsistency if mixed with snapshot isolation.")
			if got := queryInts(t, a, "SELECT @@TRANCOUNT", 1); got[0] != 0 {
				t.Fatalf("%s: after 3961 @@TRANCOUNT = %d, want 0", ddl, got[0])
			}
			mustExec(t, db, "INSERT dbo.t (id, v) SELECT 1, 10 WHERE NOT EXISTS (SELECT 1 FROM dbo.t WHERE id = 1)")
		}
	})

	t.Run("3952 without ALLOW_SNAPSHOT_ISOLATION", func(t *testing.T) {
		db := snapshotDB(t, srv, "snap_off")
		a := appConn(t, db)
		execConn(t, a, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT")
		const msg = "Snapshot isolation transaction failed accessing database 'snap_off' because snapshot isolation is not allowed in this database. Use ALTER DATABASE to allow snapshot isolation."
		for _, q := range []string{"SELECT v FROM dbo.t WHERE id = 1", "UPDATE dbo.t SET v = 1 WHERE id = 1", "INSERT dbo.t VALUES (5, 5)"} {
			var v int
			err := a.QueryRowContext(ctx, q).Scan(&v)
			if q[0] != 'S' {
				_, err = a.ExecContext(ctx, q)
			}
			wantSQLError(t, err, 3952, msg)
		}
		execConn(t, a, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
		if got := queryInts(t, a, "SELECT SUM(v) FROM dbo.t", 1); got[0] != 30 {
			t.Fatalf("nothing written under the refused SNAPSHOT: sum = %d, want 30", got[0])
		}
	})

	t.Run("READ_COMMITTED_SNAPSHOT does not lose updates", func(t *testing.T) {
		db := snapshotDB(t, srv, "rcsi_lost", "READ_COMMITTED_SNAPSHOT ON")
		a, b := appConn(t, db), appConn(t, db)
		execConn(t, a, "BEGIN TRAN")
		execConn(t, a, "UPDATE dbo.t SET v = v + 1 WHERE id = 1")
		done := make(chan error, 1)
		go func() {
			_, err := b.ExecContext(ctx, "UPDATE dbo.t SET v = v + 10 WHERE id = 1")
			done <- err
		}()
		// b's UPDATE waits for a's X lock, then reads the row a committed.
		execConn(t, a, "WAITFOR DELAY '00:00:00.200'; COMMIT")
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := queryInts(t, a, "SELECT v FROM dbo.t WHERE id = 1", 1); got[0] != 21 {
			t.Fatalf("v = %d, want 21 (10 + 1 + 10)", got[0])
		}
	})
}

// TestSnapshotBankInvariant: writers move money between accounts in
// transactions while readers sum the balances; a reader under
// READ_COMMITTED_SNAPSHOT (one statement) or SNAPSHOT (two statements of
// one transaction) must always see the same total, as if no transfer were
// half done.
func TestSnapshotBankInvariant(t *testing.T) {
	const accounts, initial, writers, transfers = 300, 1000, 4, 60
	srv := harness.Start(t, harness.Options{})
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE bank")
	mustExec(t, master, "ALTER DATABASE bank SET ALLOW_SNAPSHOT_ISOLATION ON")
	mustExec(t, master, "ALTER DATABASE bank SET READ_COMMITTED_SNAPSHOT ON")
	db := srv.DB("bank")
	db.SetMaxOpenConns(writers + 2)
	mustExec(t, db, "CREATE TABLE dbo.acct (id int PRIMARY KEY, bal int NOT NULL)")
	mustExec(t, db, fmt.Sprintf("INSERT dbo.acct SELECT value, %d FROM GENERATE_SERIES(1, %d)", initial, accounts))
	const total = accounts * initial
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	errs := make(chan error, writers+2)
	stop := make(chan struct{})
	readersDone := make(chan struct{}, 2)
	reader := func(snapshot bool) {
		defer func() { readersDone <- struct{}{} }()
		c, err := db.Conn(ctx)
		if err != nil {
			errs <- err
			return
		}
		defer c.Close()
		if snapshot {
			if _, err := c.ExecContext(ctx, "SET TRANSACTION ISOLATION LEVEL SNAPSHOT"); err != nil {
				errs <- err
				return
			}
		}
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			// A join reads every account twice: the scan of a and the
			// seeks into b, all as of the statement's one read point.
			q := "SELECT SUM(a.bal + b.bal) / 2 FROM dbo.acct AS a JOIN dbo.acct AS b ON b.id = a.id"
			if snapshot {
				q = "BEGIN TRAN; SELECT SUM(bal) FROM dbo.acct; WAITFOR DELAY '00:00:00.005'; SELECT SUM(bal) FROM dbo.acct WHERE id > 0; COMMIT"
			}
			rows, err := c.QueryContext(ctx, q)
			if err != nil {
				errs <- err
				return
			}
			for set := 0; ; set++ {
				for rows.Next() {
					var sum int
					if err := rows.Scan(&sum); err != nil {
						errs <- err
						return
					}
					if sum != total {
						rows.Close()
						errs <- fmt.Errorf("reader (snapshot %v) read %d: total %d, want %d", snapshot, n, sum, total)
						return
					}
				}
				if !rows.NextResultSet() {
					break
				}
			}
			if err := rows.Close(); err != nil {
				errs <- err
				return
			}
		}
	}
	go reader(false)
	go reader(true)
	done := make(chan struct{}, writers)
	for w := 0; w < writers; w++ {
		go func(w int) {
			defer func() { done <- struct{}{} }()
			for i := 0; i < transfers; i++ {
				from, to := 1+(w*7+i*13)%accounts, 1+(w*11+i*17+1)%accounts
				if from == to {
					continue
				}
				q := fmt.Sprintf("BEGIN TRAN; UPDATE dbo.acct SET bal = bal - 7 WHERE id = %d; UPDATE dbo.acct SET bal = bal + 7 WHERE id = %d; COMMIT", from, to)
				if _, err := db.ExecContext(ctx, q); err != nil {
					if isDeadlock(err) {
						continue
					}
					errs <- err
					return
				}
			}
		}(w)
	}
	for w := 0; w < writers; w++ {
		<-done
	}
	close(stop)
	<-readersDone
	<-readersDone
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var sum int
	if err := db.QueryRow("SELECT SUM(bal) FROM dbo.acct").Scan(&sum); err != nil || sum != total {
		t.Fatalf("final total %d (%v), want %d", sum, err, total)
	}
}

// isDeadlock reports a deadlock victim's 1205.
func isDeadlock(err error) bool {
	var me mssql.Error
	return errors.As(err, &me) && me.Number == 1205
}
