package tests

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// whoIsActiveQuery is our own sp_WhoIsActive-style query: every session
// with a request or an open transaction, what it runs, what blocks it, how
// many sessions it blocks (so the head of a chain shows), and the lock
// modes it holds or waits for, aggregated with FOR XML PATH, TYPE and
// value() as those procedures do.
const whoIsActiveQuery = `
SELECT s.session_id,
    ISNULL(r.status, s.status) AS status,
    ISNULL(r.blocking_session_id, 0) AS blocked_by,
    (SELECT COUNT(*) FROM sys.dm_exec_requests AS b WHERE b.blocking_session_id = s.session_id) AS blocking_count,
    ISNULL(r.wait_type, N'') AS wait_type,
    ISNULL(t.text, N'') AS sql_text,
    ISNULL(STUFF((SELECT N',' + l.request_status + N':' + l.request_mode
        FROM sys.dm_tran_locks AS l
        WHERE l.request_session_id = s.session_id AND l.resource_type <> N'DATABASE'
        ORDER BY l.request_status, l.request_mode
        FOR XML PATH(N''), TYPE).value(N'.[1]', N'nvarchar(max)'), 1, 1, N''), N'') AS locks
FROM sys.dm_exec_sessions AS s
LEFT JOIN sys.dm_exec_requests AS r ON r.session_id = s.session_id
OUTER APPLY sys.dm_exec_sql_text(r.sql_handle) AS t
WHERE s.session_id IN (@p1, @p2, @p3)
ORDER BY s.session_id`

// TestWhoIsActiveBlockingChain: A holds an exclusive row lock in an open
// transaction, B's UPDATE of the same row waits for A and C's waits behind
// them; a fourth session's sp_WhoIsActive-style query over
// sys.dm_exec_sessions/requests/sql_text/tran_locks through go-mssqldb
// shows A as the idle head blocker with its granted X lock, B and C
// suspended on LCK_M_* with their statements and a waiting lock each.
func TestWhoIsActiveBlockingChain(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "whoisactive"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE wia")
	db := srv.DB("wia")
	db.SetMaxOpenConns(10)
	mustExec(t, db, "CREATE TABLE dbo.acct (id int NOT NULL PRIMARY KEY, bal int NOT NULL)")
	mustExec(t, db, "INSERT dbo.acct VALUES (1, 100)")
	ctx := context.Background()
	a, b, c, watcher := appConn(t, db), appConn(t, db), appConn(t, db), appConn(t, db)
	var ids [3]int
	for i, conn := range []*sql.Conn{a, b, c} {
		if err := conn.QueryRowContext(ctx, "SELECT @@SPID").Scan(&ids[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.ExecContext(ctx, "BEGIN TRAN; UPDATE dbo.acct SET bal = bal - 10 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	const stmtB, stmtC = "UPDATE dbo.acct SET bal = bal + 5 WHERE id = 1", "UPDATE dbo.acct SET bal = bal + 7 WHERE id = 1"
	doneB, doneC := make(chan error, 1), make(chan error, 1)
	go func() { _, err := b.ExecContext(ctx, stmtB); doneB <- err }()
	waitFor(t, "B suspended", func() bool { return requestStatus(ctx, watcher, ids[1]) == "suspended" })
	go func() { _, err := c.ExecContext(ctx, stmtC); doneC <- err }()
	waitFor(t, "C suspended", func() bool { return requestStatus(ctx, watcher, ids[2]) == "suspended" })

	type row struct {
		session, blockedBy, blocking int
		status, wait, text, locks    string
	}
	rows, err := watcher.QueryContext(ctx, whoIsActiveQuery, ids[0], ids[1], ids[2])
	if err != nil {
		t.Fatal(err)
	}
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.session, &r.status, &r.blockedBy, &r.blocking, &r.wait, &r.text, &r.locks); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("who-is-active rows: %+v, want 3 sessions", got)
	}
	t.Logf("who-is-active: %+v", got)
	head, waiters := got[0], got[1:]
	if head.session != ids[0] || head.status != "sleeping" || head.blockedBy != 0 || head.blocking < 1 || head.text != "" || !strings.Contains(head.locks, "GRANT:X") {
		t.Errorf("head blocker: %+v; want session %d sleeping, not blocked, blocking ≥ 1, no request, a granted X lock", head, ids[0])
	}
	for i, w := range waiters {
		stmt := []string{stmtB, stmtC}[i]
		if w.session != ids[i+1] || w.status != "suspended" || w.blockedBy == 0 || w.blockedBy == w.session ||
			!strings.HasPrefix(w.wait, "LCK_M_") || w.text != stmt || !strings.Contains(w.locks, "WAIT:") {
			t.Errorf("waiter %d: %+v; want session %d suspended on LCK_M_* behind another session, text %q, a waiting lock", i, w, ids[i+1], stmt)
		}
	}
	if waiters[0].blockedBy != ids[0] {
		t.Errorf("B blocked by %d, want the head %d", waiters[0].blockedBy, ids[0])
	}
	// The same chain through sys.dm_os_waiting_tasks and sys.sysprocesses
	// (sp_BlitzFirst and sp_BlitzWho read them): B waits behind A.
	var waitingBlocker, spBlocked, spOpen int
	var waitType, spStatus string
	if err := watcher.QueryRowContext(ctx, "SELECT blocking_session_id, wait_type FROM sys.dm_os_waiting_tasks WHERE session_id = @p1", ids[1]).Scan(&waitingBlocker, &waitType); err != nil {
		t.Fatalf("sys.dm_os_waiting_tasks: %v", err)
	}
	if waitingBlocker != ids[0] || !strings.HasPrefix(waitType, "LCK_M_") {
		t.Errorf("dm_os_waiting_tasks for B: blocked by %d on %s, want %d on LCK_M_*", waitingBlocker, waitType, ids[0])
	}
	if err := watcher.QueryRowContext(ctx, "SELECT blocked, RTRIM(status) FROM sys.sysprocesses WHERE spid = @p1", ids[1]).Scan(&spBlocked, &spStatus); err != nil {
		t.Fatalf("sys.sysprocesses: %v", err)
	}
	if err := watcher.QueryRowContext(ctx, "SELECT open_tran FROM sys.sysprocesses WHERE spid = @p1", ids[0]).Scan(&spOpen); err != nil {
		t.Fatalf("sys.sysprocesses: %v", err)
	}
	if spBlocked != ids[0] || spStatus != "suspended" || spOpen != 1 {
		t.Errorf("sysprocesses: B blocked by %d (%s), A open_tran %d; want %d, suspended, 1", spBlocked, spStatus, spOpen, ids[0])
	}
	if _, err := a.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	for _, ch := range []chan error{doneB, doneC} {
		if err := <-ch; err != nil {
			t.Fatalf("blocked UPDATE after COMMIT: %v", err)
		}
	}
	var bal int
	if err := watcher.QueryRowContext(ctx, "SELECT bal FROM dbo.acct WHERE id = 1").Scan(&bal); err != nil || bal != 102 {
		t.Errorf("balance after the chain drained: %d (%v), want 102", bal, err)
	}
}

// requestStatus is the status of session id's request, "" when it has none.
func requestStatus(ctx context.Context, conn *sql.Conn, id int) string {
	var st string
	if err := conn.QueryRowContext(ctx, "SELECT status FROM sys.dm_exec_requests WHERE session_id = @p1", id).Scan(&st); err != nil {
		return ""
	}
	return st
}
