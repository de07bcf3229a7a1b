package tests

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Key-range locks under SERIALIZABLE (issues #4 #5), over go-mssqldb
// against a real server: a range read keeps inserts out of its range only.

// keyRangeConns starts a server with dbo.q, a queue keyed (customer, seq)
// holding customers 10, 20 and 30, and returns two sessions of it.
func keyRangeConns(t *testing.T) (a, b *sql.Conn) {
	t.Helper()
	db := harness.Start(t, harness.Options{}).DB("master")
	mustExec(t, db, `CREATE TABLE dbo.q (customer int NOT NULL, seq int NOT NULL, PRIMARY KEY (customer, seq));
INSERT dbo.q VALUES (10, 1), (10, 2), (20, 1), (20, 2), (30, 1)`)
	return appConn(t, db), appConn(t, db)
}

// TestKeyRangeReadBlocksOnlyItsRange: a SERIALIZABLE read of customer 20
// makes an insert into that range wait (1222 with LOCK_TIMEOUT) but not
// one after the next key (30, 1) it locked, or before the range, or into
// another customer's rows.
func TestKeyRangeReadBlocksOnlyItsRange(t *testing.T) {
	a, b := keyRangeConns(t)
	connExec(t, a, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; SELECT COUNT(*) FROM dbo.q WHERE customer = 20")
	connExec(t, b, "SET LOCK_TIMEOUT 200")
	for _, ins := range []string{"(20, 3)", "(20, 0)"} {
		wantSQLError(t, connErr(b, "INSERT dbo.q VALUES "+ins), 1222, "Lock request time out period exceeded.")
	}
	connExec(t, b, "INSERT dbo.q VALUES (30, 2), (10, 0), (5, 1), (40, 1)")
	connExec(t, b, "UPDATE dbo.q SET seq = -1 WHERE customer = 10 AND seq = 0")           // a key move outside the range
	wantSQLError(t, connErr(b, "DELETE dbo.q WHERE customer = 30 AND seq = 1"), 1222, "") // the next key is locked
	connExec(t, a, "COMMIT")
	connExec(t, b, "INSERT dbo.q VALUES (20, 3)")
}

// TestKeyRangeReadWaitsForUncommittedInsert: a range read meets another
// transaction's uncommitted insert into its range and waits for it, as
// SQL Server's scan waits on the new key; once it commits, the read sees
// the row.
func TestKeyRangeReadWaitsForUncommittedInsert(t *testing.T) {
	a, b := keyRangeConns(t)
	ctx := context.Background()
	connExec(t, b, "BEGIN TRAN; INSERT dbo.q VALUES (20, 7)")
	connExec(t, a, "SET LOCK_TIMEOUT 200; SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
	var n int
	wantSQLError(t, a.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.q WHERE customer = 20").Scan(&n), 1222, "")
	// Another customer's range does not hold the insert.
	if err := a.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.q WHERE customer = 10").Scan(&n); err != nil || n != 2 {
		t.Fatalf("customer 10: %d, %v; want 2 without waiting", n, err)
	}
	connExec(t, b, "COMMIT")
	if err := a.QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.q WHERE customer = 20").Scan(&n); err != nil || n != 3 {
		t.Fatalf("customer 20 after the insert committed: %d, %v; want 3", n, err)
	}
}

// TestKeyRangeLocksShown: sys.dm_tran_locks shows a range read's locks as
// SQL Server does — RangeS-S on each key read and on the next key, RangeS-U
// under UPDLOCK, the end of the index as (ffffffffffff) — and a DELETE
// under SERIALIZABLE holds RangeX-X on the keys it removes and RangeS-U on
// the next key: an UPDATE or DELETE reads in update mode (the locking
// guide's RangeS-U, "Serializable update scan"), where it took RangeS-S.
func TestKeyRangeLocksShown(t *testing.T) {
	a, b := keyRangeConns(t)
	locks := sessionLocks(t, a, b, `SELECT request_mode + CASE resource_description WHEN '(ffffffffffff)' THEN ' end' ELSE '' END
FROM sys.dm_tran_locks WHERE request_session_id = @p1 AND resource_type = 'KEY'`)
	tests := []struct {
		name, batch string
		want        []string
	}{
		{"range", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; SELECT COUNT(*) FROM dbo.q WHERE customer = 20",
			[]string{"RangeS-S", "RangeS-S", "RangeS-S"}},
		{"updlock at the end", "BEGIN TRAN; SELECT COUNT(*) FROM dbo.q WITH (UPDLOCK, HOLDLOCK) WHERE customer >= 30",
			[]string{"RangeS-U", "RangeS-U end"}},
		{"delete", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; DELETE dbo.q WHERE customer = 30",
			[]string{"RangeS-U end", "RangeX-X"}},
	}
	for _, tc := range tests {
		checkLocksHeld(t, a, tc.name, tc.batch, locks, tc.want)
	}
}

// TestKeyRangeCheckThenInsert: the queue pattern — read a customer's rows
// WITH (UPDLOCK, HOLDLOCK), then insert the next one — from 16 sessions.
// For 16 customers whose ranges do not touch, every session holds its
// locks at once (none waits: LOCK_TIMEOUT would fail it); for one customer
// they take turns, losing nothing and never hitting 2627.
func TestKeyRangeCheckThenInsert(t *testing.T) {
	const workers, each = 16, 5
	db := harness.Start(t, harness.Options{}).DB("master")
	db.SetMaxOpenConns(workers + 1) // the workers' sessions and one to check
	// Customer c's rows sit between spacer rows (c-1, 0) and (c+1, 0), which
	// nobody reads: the next key past customer c's range is its own spacer,
	// as SQL Server's next-key locking needs for the ranges not to touch.
	var seed strings.Builder
	seed.WriteString("CREATE TABLE dbo.q (customer int NOT NULL, seq int NOT NULL, PRIMARY KEY (customer, seq)); INSERT dbo.q VALUES (0, 0)")
	for w := range workers {
		fmt.Fprintf(&seed, ", (%d, 0)", 2*w+1)
	}
	mustExec(t, db, seed.String())
	// A batch, not an RPC: the transaction stays open after it (an RPC that
	// leaves one open gets 266).
	check := func(customer int) string {
		return fmt.Sprintf(`SET LOCK_TIMEOUT 5000; SET XACT_ABORT ON; BEGIN TRAN;
DECLARE @n int = (SELECT COUNT(*) FROM dbo.q WITH (UPDLOCK, HOLDLOCK) WHERE customer = %d);
INSERT dbo.q VALUES (%d, @n + 1)`, customer, customer)
	}

	ctx := context.Background()
	conns := make([]*sql.Conn, workers)
	for w := range conns {
		conns[w] = appConn(t, db)
	}
	// Distinct customers: each session reads and inserts, leaving its
	// transaction open; all of them must get through before any commits.
	runWorkers(t, workers, func(w int) error {
		_, err := conns[w].ExecContext(ctx, check(2*w+2))
		return err
	})
	runWorkers(t, workers, func(w int) error {
		_, err := conns[w].ExecContext(ctx, "COMMIT")
		return err
	})
	// One customer: the sessions wait for each other in turn.
	runWorkers(t, workers, func(w int) error {
		for range each {
			if _, err := conns[w].ExecContext(ctx, check(100)+"; COMMIT"); err != nil {
				return err
			}
		}
		return nil
	})
	var n, maxSeq, customers int
	if err := db.QueryRow("SELECT COUNT(*), MAX(seq) FROM dbo.q WHERE customer = 100").Scan(&n, &maxSeq); err != nil {
		t.Fatal(err)
	}
	if n != workers*each || maxSeq != workers*each {
		t.Errorf("customer 100: %d rows, MAX(seq) %d; want %d of each", n, maxSeq, workers*each)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM dbo.q WHERE customer % 2 = 0 AND customer BETWEEN 2 AND 32 AND seq = 1").Scan(&customers); err != nil || customers != workers {
		t.Errorf("%d distinct customers inserted, %v; want %d", customers, err, workers)
	}
}

// TestKeyRangeReadersThatInsertDeadlock: two SERIALIZABLE transactions read
// the same range; each can insert outside it, but when both insert into it,
// each insert waits for the other's range lock and one of them is chosen as
// the deadlock victim.
func TestKeyRangeReadersThatInsertDeadlock(t *testing.T) {
	a, b := keyRangeConns(t)
	for _, c := range []*sql.Conn{a, b} {
		connExec(t, c, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; BEGIN TRAN; SELECT COUNT(*) FROM dbo.q WHERE customer = 20")
	}
	connExec(t, a, "SET LOCK_TIMEOUT 2000; INSERT dbo.q VALUES (40, 1); SET LOCK_TIMEOUT -1")
	errs := make(chan error, 2)
	for i, c := range []*sql.Conn{a, b} {
		go func() {
			err := connErr(c, fmt.Sprintf("INSERT dbo.q VALUES (20, %d)", 10+i))
			if err == nil {
				err = connErr(c, "COMMIT")
			}
			errs <- err
		}()
	}
	if victims := deadlockVictims(t, errs, 2); victims != 1 {
		t.Fatalf("%d deadlock victims, want 1", victims)
	}
}

// deadlockVictims reads n results from errs and counts the 1205s; any other
// error fails the test.
func deadlockVictims(t *testing.T, errs <-chan error, n int) int {
	t.Helper()
	var victims int
	for range n {
		var me mssql.Error
		switch err := <-errs; {
		case err == nil:
		case errors.As(err, &me) && me.Number == 1205:
			victims++
		default:
			t.Errorf("racing transactions: %v", err)
		}
	}
	return victims
}

// sessionLocks returns a function that lists, sorted, the one string
// column query q returns on observer for session of's SPID (its @p1):
// the locks of of that a test expects.
func sessionLocks(t *testing.T, of, observer *sql.Conn, q string) func() []string {
	t.Helper()
	ctx := context.Background()
	var spid int
	if err := of.QueryRowContext(ctx, "SELECT @@SPID").Scan(&spid); err != nil {
		t.Fatal(err)
	}
	return func() []string {
		t.Helper()
		rows, err := observer.QueryContext(ctx, q, spid)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
}

// checkLocksHeld runs batch on c, which leaves a transaction open, and
// compares the locks listed then with want before rolling it back.
func checkLocksHeld(t *testing.T, c *sql.Conn, name, batch string, locks func() []string, want []string) {
	t.Run(name, func(t *testing.T) {
		connExec(t, c, batch)
		got := locks()
		connExec(t, c, "ROLLBACK; SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
		if !slices.Equal(got, want) {
			t.Errorf("KEY locks = %v, want %v", got, want)
		}
	})
}
