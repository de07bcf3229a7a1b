package tests

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestReviewConnectionResetClearsSessionState (review, session 7): state a
// pooled connection's previous user set must not reach its next user.
// go-mssqldb resets a pooled connection before reusing it (the RESETCONNECTION
// flag): SESSION_CONTEXT (read-only keys included), CONTEXT_INFO and
// session-owned application locks are the previous user's and must be gone;
// a read-only key must be settable again.
func TestReviewConnectionResetClearsSessionState(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "reviewreset"})
	db, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "sa", srv.Password, "master"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	other, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "sa", srv.Password, "master"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	var spid1, spid2 int
	if err := db.QueryRowContext(ctx, `EXEC sp_set_session_context N'user', N'alice', @read_only = 1;
		EXEC sp_set_session_context N'tenant', 7;
		SET CONTEXT_INFO 0x0102;
		DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'review_res', @LockMode = N'Exclusive', @LockOwner = N'Session';
		SELECT @@SPID`).Scan(&spid1); err != nil {
		t.Fatal(err)
	}
	var user, tenant, info, mode any
	if err := db.QueryRowContext(ctx, `SELECT @@SPID, SESSION_CONTEXT(N'user'), SESSION_CONTEXT(N'tenant'), CONTEXT_INFO(),
		APPLOCK_MODE(N'public', N'review_res', N'Session')`).Scan(&spid2, &user, &tenant, &info, &mode); err != nil {
		t.Fatal(err)
	}
	if spid1 != spid2 {
		t.Fatalf("the pool used two connections (spid %d, %d): the test needs one", spid1, spid2)
	}
	if user != nil || tenant != nil || info != nil {
		t.Errorf("after a connection reset: SESSION_CONTEXT user %v tenant %v, CONTEXT_INFO %v; want all NULL", user, tenant, info)
	}
	if m, _ := mode.(string); m != "NoLock" {
		t.Errorf("after a connection reset APPLOCK_MODE = %v, want NoLock", mode)
	}
	// The lock is free for another session.
	var rc int
	if err := other.QueryRowContext(ctx, `DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'review_res', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 0; SELECT @r`).Scan(&rc); err != nil {
		t.Fatal(err)
	}
	if rc != 0 {
		t.Errorf("another session's sp_getapplock after the reset returned %d, want 0 (granted)", rc)
	}
	// A read-only key of the previous user can be set again.
	if _, err := db.ExecContext(ctx, `EXEC sp_set_session_context N'user', N'bob'`); err != nil {
		t.Errorf("setting the previous user's read-only key: %v", err)
	}
}
