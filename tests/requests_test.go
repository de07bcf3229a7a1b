package tests

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientBlockingChain: the query DBAs run when something hangs —
// sys.dm_exec_requests CROSS APPLY sys.dm_exec_sql_text(sql_handle) — shows
// the blocked session suspended on a lock (LCK_M_*), the session blocking it
// and the statement it runs, from a third session.
func TestClientBlockingChain(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "requests"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE req")
	db := srv.DB("req")
	db.SetMaxOpenConns(10)
	mustExec(t, db, "CREATE TABLE dbo.acct (id int NOT NULL PRIMARY KEY, bal int NOT NULL)")
	mustExec(t, db, "INSERT dbo.acct VALUES (1, 100)")
	ctx := context.Background()
	a, b, watcher := appConn(t, db), appConn(t, db), appConn(t, db)
	var aSPID, bSPID int
	if err := a.QueryRowContext(ctx, "SELECT @@SPID").Scan(&aSPID); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRowContext(ctx, "SELECT @@SPID").Scan(&bSPID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ExecContext(ctx, "BEGIN TRAN; UPDATE dbo.acct SET bal = bal - 10 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	const blocked = "UPDATE dbo.acct SET bal = bal + 5 WHERE id = 1"
	done := make(chan error, 1)
	go func() { _, err := b.ExecContext(ctx, blocked); done <- err }()

	const q = `SELECT r.session_id, r.status, r.wait_type, r.blocking_session_id, r.command, t.text
FROM sys.dm_exec_requests AS r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) AS t
WHERE r.session_id = @p1`
	var status, waitType, command, text string
	var session, blocker int
	waitFor(t, "the blocked UPDATE suspended in sys.dm_exec_requests", func() bool {
		err := watcher.QueryRowContext(ctx, q, bSPID).Scan(&session, &status, &waitType, &blocker, &command, &text)
		return err == nil && status == "suspended"
	})
	if !strings.HasPrefix(waitType, "LCK_M_") || blocker != aSPID || command != "UPDATE" || text != blocked {
		t.Errorf("blocked request: wait %q blocker %d command %q text %q; want LCK_M_*, %d, UPDATE, %q", waitType, blocker, command, text, aSPID, blocked)
	}
	// wait_resource names the key with the hash sys.dm_tran_locks shows for
	// the waiting lock, so the two can be matched.
	var waitRes, lockDesc string
	if err := watcher.QueryRowContext(ctx, "SELECT wait_resource FROM sys.dm_exec_requests WHERE session_id = @p1", bSPID).Scan(&waitRes); err != nil {
		t.Fatal(err)
	}
	if err := watcher.QueryRowContext(ctx, "SELECT resource_description FROM sys.dm_tran_locks WHERE request_session_id = @p1 AND request_status = 'WAIT'", bSPID).Scan(&lockDesc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(waitRes, "KEY: ") || lockDesc == "" || !strings.HasSuffix(waitRes, " "+lockDesc) {
		t.Errorf("wait_resource %q does not end with the waiting lock's resource_description %q", waitRes, lockDesc)
	}
	// sp_who2 and sp_who show the same chain: the blocked session
	// SUSPENDED behind a, a (idle in its transaction) sleeping.
	who := whoRows(t, watcher, "EXEC sp_who2", 0, 1, 4, 6) // SPID, Status, BlkBy, Command
	if got, want := who[strconv.Itoa(bSPID)], []string{"SUSPENDED", strconv.Itoa(aSPID), "UPDATE"}; !slices.Equal(got, want) {
		t.Errorf("sp_who2 row of the blocked session: %q, want %q", got, want)
	}
	if got, want := who[strconv.Itoa(aSPID)], []string{"sleeping", ".", "AWAITING COMMAND"}; !slices.Equal(got, want) {
		t.Errorf("sp_who2 row of the blocking session: %q, want %q", got, want)
	}
	who = whoRows(t, watcher, "EXEC sp_who", 0, 2, 5, 7) // spid, status, blk, cmd
	if got, want := who[strconv.Itoa(bSPID)], []string{"suspended", strconv.Itoa(aSPID), "UPDATE"}; !slices.Equal(got, want) {
		t.Errorf("sp_who row of the blocked session: %q, want %q", got, want)
	}
	// The watcher's own request is there too, running, with its own text.
	var own string
	if err := watcher.QueryRowContext(ctx, "SELECT r.status + '|' + t.text FROM sys.dm_exec_requests AS r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) AS t WHERE r.session_id = @@SPID").Scan(&own); err != nil || !strings.HasPrefix(own, "running|SELECT r.status") {
		t.Errorf("own request: %q (%v)", own, err)
	}
	if _, err := a.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("blocked UPDATE after COMMIT: %v", err)
	}
	var states string
	if err := watcher.QueryRowContext(ctx, "SELECT STRING_AGG(CAST(session_id AS varchar(5)) + ':' + status, ',') WITHIN GROUP (ORDER BY session_id) FROM sys.dm_exec_sessions WHERE session_id IN (@p1, @@SPID)", aSPID).Scan(&states); err != nil || !strings.Contains(states, ":sleeping") || !strings.Contains(states, ":running") {
		t.Errorf("sys.dm_exec_sessions status of an idle and the running session: %q (%v), want one sleeping and one running", states, err)
	}
	// Idle sessions have no request row.
	var n int
	if err := watcher.QueryRowContext(ctx, "SELECT COUNT(*) FROM sys.dm_exec_requests WHERE session_id IN (@p1, @p2)", aSPID, bSPID).Scan(&n); err != nil || n != 0 {
		t.Errorf("idle sessions in sys.dm_exec_requests: %d (%v), want 0", n, err)
	}
}

// whoRows runs sp_who or sp_who2 on conn and returns, by spid (the column
// key, trimmed), the trimmed text of the columns cols.
func whoRows(t *testing.T, conn *sql.Conn, q string, key int, cols ...int) map[string][]string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for _, row := range readAllSets(t, rows)[0] { // client_sysprocs_test.go
		var got []string
		for _, c := range cols {
			got = append(got, strings.TrimSpace(row[c]))
		}
		out[strings.TrimSpace(row[key])] = got
	}
	return out
}
