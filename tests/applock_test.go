package tests

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// getAppLock runs sp_getapplock on conn and returns its return code.
func getAppLock(t *testing.T, conn *sql.Conn, args string) int {
	t.Helper()
	var r int
	if err := conn.QueryRowContext(context.Background(), "DECLARE @r int; EXEC @r = sp_getapplock "+args+"; SELECT @r").Scan(&r); err != nil {
		t.Fatalf("sp_getapplock %s: %v", args, err)
	}
	return r
}

// TestClientAppLocks: sp_getapplock / sp_releaseapplock / APPLOCK_MODE /
// APPLOCK_TEST between real go-mssqldb sessions, with SQL Server's return
// codes: 0 granted at once, 1 after waiting, -1 timeout, -3 deadlock victim,
// -999 (with message 15626) for a Transaction lock outside a transaction;
// error 1223 releasing a lock not held; Transaction locks end with their
// transaction, Session locks with the session; names are case-sensitive.
func TestClientAppLocks(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "applock"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE apps")
	db := srv.DB("apps")
	db.SetMaxOpenConns(10)
	ctx := context.Background()
	a, b := appConn(t, db), appConn(t, db)

	if _, err := a.ExecContext(ctx, "BEGIN TRAN"); err != nil {
		t.Fatal(err)
	}
	if r := getAppLock(t, a, "@Resource = 'job', @LockMode = 'Exclusive'"); r != 0 {
		t.Fatalf("A: exclusive in a transaction = %d, want 0", r)
	}
	if r := getAppLock(t, b, "'job', 'Exclusive', 'Session', 0"); r != -1 {
		t.Errorf("B: conflicting request with timeout 0 = %d, want -1", r)
	}
	if r := getAppLock(t, b, "'Job', 'Exclusive', 'Session', 0"); r != 0 {
		t.Errorf("B: 'Job' (another name: binary compare) = %d, want 0", r)
	}
	var mode string
	if err := b.QueryRowContext(ctx, "SELECT APPLOCK_MODE('public', 'Job', 'Session')").Scan(&mode); err != nil || mode != "Exclusive" {
		t.Errorf("APPLOCK_MODE = %q (%v), want Exclusive", mode, err)
	}
	var test int
	if err := b.QueryRowContext(ctx, "SELECT APPLOCK_TEST('public', 'job', 'Shared', 'Session')").Scan(&test); err != nil || test != 0 {
		t.Errorf("APPLOCK_TEST while A holds it = %d (%v), want 0", test, err)
	}
	var locks int
	if err := a.QueryRowContext(ctx, "SELECT COUNT(*) FROM sys.dm_tran_locks WHERE resource_type = 'APPLICATION'").Scan(&locks); err != nil || locks != 2 {
		t.Errorf("sys.dm_tran_locks APPLICATION rows = %d (%v), want 2", locks, err)
	}

	// B waits; A's COMMIT ends its Transaction lock and B gets it (1).
	got := make(chan int, 1)
	go func() {
		var r int
		err := b.QueryRowContext(ctx, "DECLARE @r int; EXEC @r = sp_getapplock 'job', 'Exclusive', 'Session', 60000; SELECT @r").Scan(&r)
		if err != nil {
			t.Error(err)
		}
		got <- r
	}()
	waitFor(t, "B blocked on the application lock", func() bool {
		var n int
		err := a.QueryRowContext(ctx, "SELECT COUNT(*) FROM sys.dm_tran_locks WHERE resource_type = 'APPLICATION' AND request_status = 'WAIT'").Scan(&n)
		return err == nil && n == 1
	})
	if _, err := a.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if r := <-got; r != 1 {
		t.Errorf("B after A committed = %d, want 1 (granted after waiting)", r)
	}

	// Release counting and 1223.
	for _, res := range []string{"job", "Job"} {
		if _, err := b.ExecContext(ctx, "EXEC sp_releaseapplock @Resource = @p1, @LockOwner = 'Session'", res); err != nil {
			t.Errorf("release %s: %v", res, err)
		}
	}
	_, err := b.ExecContext(ctx, "EXEC sp_releaseapplock 'job', 'Session'")
	if err == nil || !strings.Contains(err.Error(), "Cannot release the application lock (Database Principal: 'public', Resource: 'job') because it is not currently held.") {
		t.Errorf("second release: %v, want error 1223", err)
	}

	// A Transaction lock outside a transaction: -999 and message 15626.
	if r := getAppLock(t, a, "'x', 'Shared'"); r != -999 {
		t.Errorf("Transaction owner outside a transaction = %d, want -999", r)
	}

	// Session locks end with the session.
	c := appConn(t, db)
	if r := getAppLock(t, c, "'held', 'Exclusive', 'Session'"); r != 0 {
		t.Fatalf("C: %d", r)
	}
	if r := getAppLock(t, a, "'held', 'Exclusive', 'Session', 0"); r != -1 {
		t.Errorf("A while C holds it = %d, want -1", r)
	}
	c.Close()
	db.SetMaxIdleConns(0) // the pool closes C's connection: its session ends
	waitFor(t, "C's session lock released at logout", func() bool {
		return getAppLock(t, a, "'held', 'Exclusive', 'Session', 0") == 0
	})

	// Deadlock between two Session owners: one is the victim (-3).
	d, e := appConn(t, db), appConn(t, db)
	if getAppLock(t, d, "'r1', 'Exclusive', 'Session'") != 0 || getAppLock(t, e, "'r2', 'Exclusive', 'Session'") != 0 {
		t.Fatal("deadlock setup")
	}
	type outcome struct {
		conn *sql.Conn
		code int
	}
	res := make(chan outcome, 2)
	go func() { res <- outcome{d, getAppLock(t, d, "'r2', 'Exclusive', 'Session', 60000")} }()
	waitFor(t, "D waiting for r2", func() bool {
		var n int
		err := e.QueryRowContext(ctx, "SELECT COUNT(*) FROM sys.dm_tran_locks WHERE resource_type = 'APPLICATION' AND request_status = 'WAIT'").Scan(&n)
		return err == nil && n == 1
	})
	go func() { res <- outcome{e, getAppLock(t, e, "'r1', 'Exclusive', 'Session', 60000")} }()
	victim := <-res
	if victim.code != -3 {
		t.Fatalf("first to finish in the deadlock = %d, want -3 (victim)", victim.code)
	}
	// The other is still waiting for what the victim holds: the victim's
	// session gives it up, and the survivor is granted after waiting.
	for _, r := range []string{"r1", "r2"} {
		_, _ = victim.conn.ExecContext(ctx, "EXEC sp_releaseapplock @p1, 'Session'", r)
	}
	if survivor := <-res; survivor.code != 1 {
		t.Errorf("the survivor = %d, want 1 (granted after waiting)", survivor.code)
	}
}

// waitFor polls cond until it holds, failing the test after a generous
// bound (a wait for an event, not a timing assertion).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
