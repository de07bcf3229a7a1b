package tests

import (
	"context"
	"os"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// whoIsActiveSessionsQuery is our own T-SQL doing what sp_WhoIsActive's
// session collection does over sys.sysprocesses: it keeps user processes by
// a non-blank hostprocess (the client's process id; internal sessions have none),
// the first execution context (ecid = 0), sessions that run something or hold
// a transaction open, and reads the blocker as COALESCE(NULLIF(blocked, spid), 0),
// the start of the last request from last_batch and the wait from
// lastwaittype / waittime, joined with sys.dm_exec_sessions and
// sys.dm_exec_requests by session id.
const whoIsActiveSessionsQuery = `
SELECT sp.spid, RTRIM(sp.status) AS status, COALESCE(NULLIF(sp.blocked, sp.spid), 0) AS blocked,
    RTRIM(sp.lastwaittype) AS wait_type, sp.open_tran,
    CASE WHEN sp.last_batch IS NULL THEN 0 ELSE 1 END AS has_last_batch,
    s.host_process_id,
    CASE WHEN s.last_request_start_time <= s.last_request_end_time THEN 1 ELSE 0 END AS ended_after_start,
    ISNULL(r.wait_time, -1) AS request_wait_ms
FROM sys.sysprocesses AS sp
JOIN sys.dm_exec_sessions AS s ON s.session_id = sp.spid
LEFT JOIN sys.dm_exec_requests AS r ON r.session_id = sp.spid
WHERE sp.ecid = 0 AND sp.hostprocess > '' AND sp.spid <> @@SPID
    AND (sp.open_tran > 0 OR sp.status <> 'sleeping') AND sp.spid IN (@p1, @p2)
ORDER BY sp.spid`

// whoIsActiveLocksQuery groups each session's locks by an expression — the
// object's name, '(null)' for key locks — and counts, in a correlated
// subquery that repeats that expression, the waiting requests of the group:
// the shape of sp_WhoIsActive's @get_locks summary (GROUP BY
// COALESCE(l3.object_name, '(null)') read again inside the nested FOR XML
// subquery).
const whoIsActiveLocksQuery = `
SELECT l3.request_session_id,
    COALESCE(CASE l3.resource_type WHEN N'OBJECT' THEN OBJECT_NAME(l3.resource_associated_entity_id, l3.resource_database_id) END, N'(null)') AS object_name,
    (SELECT COUNT(*) FROM sys.dm_tran_locks AS l4
     WHERE l4.request_session_id = l3.request_session_id AND l4.request_status = N'WAIT'
        AND COALESCE(CASE l4.resource_type WHEN N'OBJECT' THEN OBJECT_NAME(l4.resource_associated_entity_id, l4.resource_database_id) END, N'(null)')
          = COALESCE(CASE l3.resource_type WHEN N'OBJECT' THEN OBJECT_NAME(l3.resource_associated_entity_id, l3.resource_database_id) END, N'(null)')) AS waiting
FROM sys.dm_tran_locks AS l3
WHERE l3.request_session_id IN (@p1, @p2) AND l3.resource_type <> N'DATABASE'
GROUP BY l3.request_session_id,
    COALESCE(CASE l3.resource_type WHEN N'OBJECT' THEN OBJECT_NAME(l3.resource_associated_entity_id, l3.resource_database_id) END, N'(null)')
ORDER BY 1, 2`

// TestWhoIsActiveSessionPick: A holds an X row lock in an open transaction
// and B's UPDATE waits on it. Through go-mssqldb, a third session's
// sp_WhoIsActive-style queries find both as user processes (hostprocess is
// the client's process id, as go-mssqldb sends it in LOGIN7), A sleeping
// with its transaction open and B suspended behind A with a lock wait, both
// with a last_batch; and the lock summary grouped by an expression shows
// B's waiting key lock under '(null)' and both sessions' IX locks under the
// table's name.
func TestWhoIsActiveSessionPick(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "whoisactive-pick"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE wiapick")
	db := srv.DB("wiapick")
	db.SetMaxOpenConns(10)
	mustExec(t, db, "CREATE TABLE dbo.acct (id int NOT NULL PRIMARY KEY, bal int NOT NULL)")
	mustExec(t, db, "INSERT dbo.acct VALUES (1, 100)")
	ctx := context.Background()
	a, b, watcher := appConn(t, db), appConn(t, db), appConn(t, db)
	var ida, idb int
	if err := a.QueryRowContext(ctx, "SELECT @@SPID").Scan(&ida); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRowContext(ctx, "SELECT @@SPID").Scan(&idb); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ExecContext(ctx, "BEGIN TRAN; UPDATE dbo.acct SET bal = bal - 10 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	doneB := make(chan error, 1)
	go func() { _, err := b.ExecContext(ctx, "UPDATE dbo.acct SET bal = bal + 5 WHERE id = 1"); doneB <- err }()
	waitFor(t, "B suspended", func() bool { return requestStatus(ctx, watcher, idb) == "suspended" })

	type session struct {
		spid, blocked, openTran, hasLastBatch, hostPID, endedAfterStart, waitMS int
		status, waitType                                                        string
	}
	// wait_time grows from 0; wait until B's is above it (no timing bound).
	var got []session
	waitFor(t, "B's wait_time > 0", func() bool {
		got = got[:0]
		rows, err := watcher.QueryContext(ctx, whoIsActiveSessionsQuery, ida, idb)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var s session
			if err := rows.Scan(&s.spid, &s.status, &s.blocked, &s.waitType, &s.openTran, &s.hasLastBatch, &s.hostPID, &s.endedAfterStart, &s.waitMS); err != nil {
				t.Fatal(err)
			}
			got = append(got, s)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return len(got) == 2 && got[1].waitMS > 0
	})
	t.Logf("sessions: %+v", got)
	pid := os.Getpid() // go-mssqldb's LOGIN7 ClientPID
	want := []session{
		{spid: ida, status: "sleeping", blocked: 0, waitType: "", openTran: 1, hasLastBatch: 1, hostPID: pid, endedAfterStart: 1, waitMS: -1},
		{spid: idb, status: "suspended", blocked: ida, waitType: "LCK_M_X", openTran: got[1].openTran, hasLastBatch: 1, hostPID: pid, endedAfterStart: got[1].endedAfterStart, waitMS: got[1].waitMS},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("session %d: %+v, want %+v", i, got[i], want[i])
		}
	}

	type lockGroup struct {
		spid    int
		object  string
		waiting int
	}
	rows, err := watcher.QueryContext(ctx, whoIsActiveLocksQuery, ida, idb)
	if err != nil {
		t.Fatal(err)
	}
	var groups []lockGroup
	for rows.Next() {
		var g lockGroup
		if err := rows.Scan(&g.spid, &g.object, &g.waiting); err != nil {
			t.Fatal(err)
		}
		groups = append(groups, g)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	wantGroups := []lockGroup{{ida, "(null)", 0}, {ida, "acct", 0}, {idb, "(null)", 1}, {idb, "acct", 0}}
	if len(groups) != len(wantGroups) {
		t.Fatalf("lock groups: %+v, want %+v", groups, wantGroups)
	}
	for i := range wantGroups {
		if groups[i] != wantGroups[i] {
			t.Errorf("lock group %d: %+v, want %+v", i, groups[i], wantGroups[i])
		}
	}

	if _, err := a.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if err := <-doneB; err != nil {
		t.Fatalf("blocked UPDATE after COMMIT: %v", err)
	}
}
