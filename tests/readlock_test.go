package tests

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Reads that lock (issues #4 #5): isolation levels and locking table
// hints, over go-mssqldb against a real server, from concurrent sessions.

// TestUpdlockCounterLosesNothing: the counter pattern — read with UPDLOCK,
// write the value read plus one, in one transaction — from 16 sessions
// loses no increment.
func TestUpdlockCounterLosesNothing(t *testing.T) {
	const workers, each = 16, 20
	db := workersDB(t, workers, "CREATE TABLE dbo.ctr (k int PRIMARY KEY, v int NOT NULL); INSERT dbo.ctr VALUES (1, 0)")
	const batch = `SET XACT_ABORT ON; BEGIN TRAN;
DECLARE @v int; SELECT @v = v FROM dbo.ctr WITH (UPDLOCK) WHERE k = 1;
WAITFOR DELAY '00:00:00.001';
UPDATE dbo.ctr SET v = @v + 1 WHERE k = 1; COMMIT`
	runWorkers(t, workers, func(int) error {
		for range each {
			if _, err := db.Exec(batch); err != nil {
				return err
			}
		}
		return nil
	})
	var v int
	if err := db.QueryRow("SELECT v FROM dbo.ctr WHERE k = 1").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != workers*each {
		t.Fatalf("counter = %d after %d sessions × %d UPDLOCK increments, want %d", v, workers, each, workers*each)
	}
}

// TestUpdlockHoldlockUpsertNeverDuplicates: the upsert pattern — IF NOT
// EXISTS (… WITH (UPDLOCK, HOLDLOCK)) INSERT ELSE UPDATE — from 16
// sessions on the same new keys never gives 2627, and every call counts.
func TestUpdlockHoldlockUpsertNeverDuplicates(t *testing.T) {
	const workers, keys = 16, 10
	db := workersDB(t, workers, "CREATE TABLE dbo.ups (k int PRIMARY KEY, n int NOT NULL)")
	const batch = `SET XACT_ABORT ON; BEGIN TRAN;
IF NOT EXISTS (SELECT 1 FROM dbo.ups WITH (UPDLOCK, HOLDLOCK) WHERE k = @p1)
BEGIN
  WAITFOR DELAY '00:00:00.010';
  INSERT dbo.ups (k, n) VALUES (@p1, 1);
END
ELSE UPDATE dbo.ups SET n = n + 1 WHERE k = @p1;
COMMIT`
	runWorkers(t, workers, func(int) error {
		for k := range keys {
			if _, err := db.Exec(batch, k); err != nil {
				return err
			}
		}
		return nil
	})
	var rows, total int
	if err := db.QueryRow("SELECT COUNT(*), SUM(n) FROM dbo.ups").Scan(&rows, &total); err != nil {
		t.Fatal(err)
	}
	if rows != keys || total != workers*keys {
		t.Fatalf("%d rows, SUM(n) = %d; want %d rows, %d", rows, total, keys, workers*keys)
	}
}

// workersDB starts a server, runs setup in master and returns a pool for n
// concurrent sessions.
func workersDB(t *testing.T, n int, setup string) *sql.DB {
	t.Helper()
	db := harness.Start(t, harness.Options{}).DB("master")
	db.SetMaxOpenConns(n)
	mustExec(t, db, setup)
	return db
}

// runWorkers runs f from n goroutines and fails the test with their errors.
func runWorkers(t *testing.T, n int, f func(w int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(w); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// victimsOfWorkers runs batch rounds times from each of workers sessions of
// db, with the key (w+i)%keys as @p1, and returns how many runs were chosen
// as deadlock victims (1205); any other error fails the test.
func victimsOfWorkers(t *testing.T, db *sql.DB, workers, rounds, keys int, batch string) int {
	t.Helper()
	deadlocks := make([]int, workers)
	runWorkers(t, workers, func(w int) error {
		for i := range rounds {
			if _, err := db.Exec(batch, (w+i)%keys); err != nil {
				var me mssql.Error
				if errors.As(err, &me) && me.Number == 1205 {
					deadlocks[w]++
					continue
				}
				return fmt.Errorf("round %d: %w", i, err)
			}
		}
		return nil
	})
	victims := 0
	for _, d := range deadlocks {
		victims += d
	}
	return victims
}

// lockTestConns starts a server with dbo.t (k 1..3) and returns two
// sessions of it.
func lockTestConns(t *testing.T) (a, b *sql.Conn) {
	t.Helper()
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	mustExec(t, db, "CREATE TABLE dbo.t (k int PRIMARY KEY, v int NOT NULL)")
	mustExec(t, db, "INSERT dbo.t VALUES (1, 10), (2, 20), (3, 30)")
	return appConn(t, db), appConn(t, db)
}

// connErr runs query on c and returns its error.
func connErr(c *sql.Conn, query string) error {
	_, err := c.ExecContext(context.Background(), query)
	return err
}

// TestReadCommittedReaderWaitsForWriter: under locking READ COMMITTED a
// reader of a row another transaction changed waits for it — 1222 with a
// LOCK_TIMEOUT, the committed value once the writer commits — while NOLOCK,
// READPAST and SNAPSHOT readers never wait, and NOWAIT fails at once.
func TestReadCommittedReaderWaitsForWriter(t *testing.T) {
	a, b := lockTestConns(t)
	ctx := context.Background()
	connExec(t, a, "BEGIN TRAN; UPDATE dbo.t SET v = 21 WHERE k = 2")
	connExec(t, b, "SET LOCK_TIMEOUT 200")
	for _, q := range []string{
		"SELECT v FROM dbo.t WHERE k = 2", // point lookup
		"SELECT SUM(v) FROM dbo.t",        // scan
		"SELECT v FROM dbo.t WITH (REPEATABLEREAD) WHERE k >= 2",
	} {
		var v int
		wantSQLError(t, b.QueryRowContext(ctx, q).Scan(&v), 1222, "Lock request time out period exceeded.")
	}
	connExec(t, b, "SET LOCK_TIMEOUT -1")
	var v int
	if err := b.QueryRowContext(ctx, "SELECT SUM(v) FROM dbo.t WITH (NOLOCK)").Scan(&v); err != nil || v != 60 {
		t.Fatalf("NOLOCK: %d, %v; want the committed 60 without waiting", v, err)
	}
	if err := b.QueryRowContext(ctx, "SELECT SUM(v) FROM dbo.t WITH (READPAST)").Scan(&v); err != nil || v != 40 {
		t.Fatalf("READPAST: %d, %v; want 40 (row 2 skipped)", v, err)
	}
	wantSQLError(t, b.QueryRowContext(ctx, "SELECT v FROM dbo.t WITH (NOWAIT) WHERE k = 2").Scan(&v), 1222, "")
	done := make(chan error, 1)
	go func() { done <- b.QueryRowContext(ctx, "SELECT v FROM dbo.t WHERE k = 2").Scan(&v) }()
	select {
	case err := <-done:
		t.Fatalf("reader did not wait for the writer: %v, v = %d", err, v)
	case <-time.After(300 * time.Millisecond):
	}
	connExec(t, a, "COMMIT")
	if err := <-done; err != nil || v != 21 {
		t.Fatalf("after the writer's commit: %d, %v; want 21", v, err)
	}
}

// TestRepeatableReadHoldsRows: a row read under REPEATABLE READ cannot be
// changed by another session until the reader's transaction ends; two
// REPEATABLE READ sessions that read and then update one row deadlock and
// one of them gets 1205.
func TestRepeatableReadHoldsRows(t *testing.T) {
	a, b := lockTestConns(t)
	connExec(t, a, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; BEGIN TRAN; SELECT v FROM dbo.t WHERE k = 1")
	connExec(t, b, "SET LOCK_TIMEOUT 200")
	wantSQLError(t, connErr(b, "UPDATE dbo.t SET v = 11 WHERE k = 1"), 1222, "Lock request time out period exceeded.")
	connExec(t, b, "UPDATE dbo.t SET v = 31 WHERE k = 3") // a row not read: free
	connExec(t, a, "COMMIT")
	connExec(t, b, "UPDATE dbo.t SET v = 11 WHERE k = 1")

	connExec(t, b, "SET LOCK_TIMEOUT -1")
	connExec(t, a, "BEGIN TRAN; SELECT v FROM dbo.t WHERE k = 2")
	connExec(t, b, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; BEGIN TRAN; SELECT v FROM dbo.t WHERE k = 2")
	errs := make(chan error, 2)
	for _, c := range []*sql.Conn{a, b} {
		go func() {
			err := connErr(c, "UPDATE dbo.t SET v = v + 1 WHERE k = 2")
			if err == nil {
				err = connErr(c, "COMMIT")
			}
			errs <- err
		}()
	}
	if victims := deadlockVictims(t, errs, 2); victims != 1 { // keyrange_test.go
		t.Fatalf("%d deadlock victims, want 1", victims)
	}
}

// TestSerializableKeepsPhantomsOut: an insert into a range a SERIALIZABLE
// transaction read — or of the missing key it sought — waits until the
// reader ends.
func TestSerializableKeepsPhantomsOut(t *testing.T) {
	a, b := lockTestConns(t)
	connExec(t, b, "SET LOCK_TIMEOUT 200")
	for _, read := range []string{
		"SELECT COUNT(*) FROM dbo.t WHERE k BETWEEN 1 AND 10",
		"SELECT v FROM dbo.t WHERE k = 5", // a key that is not there
	} {
		connExec(t, a, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; "+read)
		wantSQLError(t, connErr(b, "INSERT dbo.t VALUES (5, 50)"), 1222, "Lock request time out period exceeded.")
		connExec(t, a, "COMMIT")
		connExec(t, b, "INSERT dbo.t VALUES (5, 50); DELETE dbo.t WHERE k = 5")
	}
}

// TestTableLocksAndVersionedReaders: TABLOCKX keeps every locking reader
// out until the transaction ends (NOLOCK reads on); under
// READ_COMMITTED_SNAPSHOT a reader of a row another transaction holds
// reads the committed version without waiting, unless READCOMMITTEDLOCK
// asks it to lock.
func TestTableLocksAndVersionedReaders(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	mustExec(t, srv.DB("master"), "CREATE DATABASE rcsi; ALTER DATABASE rcsi SET READ_COMMITTED_SNAPSHOT ON")
	db := srv.DB("rcsi")
	mustExec(t, db, "CREATE TABLE dbo.t (k int PRIMARY KEY, v int NOT NULL); INSERT dbo.t VALUES (1, 10), (2, 20)")
	a, b := appConn(t, db), appConn(t, db)
	ctx := context.Background()
	connExec(t, b, "SET LOCK_TIMEOUT 200")
	var v int

	connExec(t, a, "BEGIN TRAN; SELECT COUNT(*) FROM dbo.t WITH (TABLOCKX)")
	wantSQLError(t, b.QueryRowContext(ctx, "SELECT v FROM dbo.t WITH (READCOMMITTEDLOCK) WHERE k = 1").Scan(&v), 1222, "")
	if err := b.QueryRowContext(ctx, "SELECT v FROM dbo.t WITH (NOLOCK) WHERE k = 1").Scan(&v); err != nil || v != 10 {
		t.Fatalf("NOLOCK under TABLOCKX: %d, %v", v, err)
	}
	connExec(t, a, "COMMIT")

	connExec(t, a, "BEGIN TRAN; UPDATE dbo.t SET v = 11 WHERE k = 1")
	if err := b.QueryRowContext(ctx, "SELECT v FROM dbo.t WHERE k = 1").Scan(&v); err != nil || v != 10 {
		t.Fatalf("READ_COMMITTED_SNAPSHOT reader: %d, %v; want the committed 10 without waiting", v, err)
	}
	wantSQLError(t, b.QueryRowContext(ctx, "SELECT v FROM dbo.t WITH (READCOMMITTEDLOCK) WHERE k = 1").Scan(&v), 1222, "")
	connExec(t, a, "COMMIT")
}

// TestJoinedTableLockHints: a table hint on a join's right table holds
// whichever way the join reads it — an index nested loop, the adaptive
// join's point reads (ON its primary key) or a hash join (ON a column
// without an index): UPDLOCK, HOLDLOCK keeps a writer out until the
// reader's transaction ends, and NOLOCK reads another session's
// uncommitted row without waiting.
func TestJoinedTableLockHints(t *testing.T) {
	a, b := lockTestConns(t)
	ctx := context.Background()
	connExec(t, a, "CREATE TABLE dbo.o (id int PRIMARY KEY, tk int NOT NULL); INSERT dbo.o VALUES (1, 2), (2, 20), (3, 3)")
	for from, want := range map[string]int{
		"dbo.o JOIN dbo.t WITH (%s) ON t.k = o.tk":                               2, // adaptive join's point reads
		"dbo.o JOIN dbo.t WITH (%s) ON t.v = o.tk":                               1, // hash join
		"dbo.o, dbo.t WITH (%s) WHERE t.v = o.tk":                                1,
		"dbo.o CROSS APPLY (SELECT t.k FROM dbo.t WITH (%s) WHERE t.k = o.tk) t": 2,
	} {
		connExec(t, b, "SET LOCK_TIMEOUT 200")
		connExec(t, a, "BEGIN TRAN")
		var n int
		q := "SELECT COUNT(*) FROM " + fmt.Sprintf(from, "UPDLOCK, HOLDLOCK")
		if err := a.QueryRowContext(ctx, q).Scan(&n); err != nil || n != want {
			t.Fatalf("%s: %d, %v; want %d", q, n, err, want)
		}
		t.Log(q)
		wantSQLError(t, connErr(b, "UPDATE dbo.t SET v = v WHERE k = 2"), 1222, "Lock request time out period exceeded.")
		connExec(t, a, "COMMIT")
		connExec(t, b, "UPDATE dbo.t SET v = v WHERE k = 2")

		connExec(t, a, "BEGIN TRAN; UPDATE dbo.t SET v = 3 WHERE k = 3")
		q = "SELECT COUNT(*) FROM " + fmt.Sprintf(from, "NOLOCK")
		if err := b.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s waited for the writer or failed: %v", q, err)
		}
		connExec(t, a, "ROLLBACK")
	}
}
