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

// TestClientRunningStatement: while a batch waits in its WAITFOR, the
// request shows WAITFOR — not the batch's first keyword (SET) — in
// sys.dm_exec_requests.command, sp_who2 and sys.sysprocesses, and its
// statement_start_offset/statement_end_offset cut that statement out of the
// text sys.dm_exec_sql_text returns, with the query DBAs use (offsets count
// bytes of the nvarchar text, two a character). sp_executesql's statements
// are shown the same way.
func TestClientRunningStatement(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "reqstmt"})
	db := srv.DB("master")
	db.SetMaxOpenConns(4)
	ctx := context.Background()
	runner, watcher, spid := runnerAndWatcher(t, db)
	const q = `SELECT r.command, SUBSTRING(t.text, r.statement_start_offset / 2 + 1,
	(CASE r.statement_end_offset WHEN -1 THEN DATALENGTH(t.text) ELSE r.statement_end_offset END - r.statement_start_offset) / 2 + 1),
	p.cmd, p.stmt_start, r.statement_start_offset
FROM sys.dm_exec_requests AS r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) AS t
JOIN sys.sysprocesses AS p ON p.spid = r.session_id
WHERE r.session_id = @p1`
	for _, tc := range []struct {
		name, batch, stmt string
		args              []any
	}{
		{"a batch's second statement", "SET NOCOUNT ON; /* é € */\nWAITFOR DELAY '00:00:02';\nSELECT 1", "WAITFOR DELAY '00:00:02'", nil},
		{"the last statement", "SET NOCOUNT ON\nIF 1 = 1\nBEGIN\n  WAITFOR DELAY '00:00:02'\nEND\n", "WAITFOR DELAY '00:00:02'", nil},
		{"sp_executesql", "DECLARE @x int = @p1; WAITFOR DELAY '00:00:02'; SELECT @x", "WAITFOR DELAY '00:00:02'", []any{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { _, err := runner.ExecContext(ctx, tc.batch, tc.args...); done <- err }()
			var command, stmt, cmd string
			var stmtStart, start int
			waitFor(t, "the WAITFOR running", func() bool {
				err := watcher.QueryRowContext(ctx, q, spid).Scan(&command, &stmt, &cmd, &stmtStart, &start)
				return err == nil && command == "WAITFOR"
			})
			if stmt != tc.stmt || trimRight(cmd) != "WAITFOR" || stmtStart != start {
				t.Errorf("running statement %q, sysprocesses cmd %q stmt_start %d (requests: %d); want %q, WAITFOR", stmt, cmd, stmtStart, start, tc.stmt)
			}
			who := whoRows(t, watcher, "EXEC sp_who2", 0, 6) // SPID, Command
			if got := who[strconv.Itoa(spid)]; !slices.Equal(got, []string{"WAITFOR"}) {
				t.Errorf("sp_who2 Command of the waiting session: %q, want WAITFOR", got)
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		})
	}
}

// runnerAndWatcher opens a connection that runs the statements watched and
// one that watches it, and returns the runner's session id.
func runnerAndWatcher(t *testing.T, db *sql.DB) (runner, watcher *sql.Conn, spid int) {
	t.Helper()
	runner, watcher = appConn(t, db), appConn(t, db)
	if err := runner.QueryRowContext(context.Background(), "SELECT @@SPID").Scan(&spid); err != nil {
		t.Fatal(err)
	}
	return runner, watcher, spid
}

func trimRight(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

// TestProcedureRunningStatement: while a procedure the batch called waits
// in its WAITFOR, sys.dm_exec_requests shows the procedure's statement, as
// SQL Server does: sql_handle is the procedure's, so dm_exec_sql_text gives
// its dbid, objectid and CREATE text, and the offsets cut the WAITFOR out of
// that text; a procedure called by a procedure shows the inner one's, EXEC('…')
// its own string. DBCC INPUTBUFFER still shows what the client sent, and an
// sp_WhoIsActive-style query the procedure's statement.
func TestProcedureRunningStatement(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "reqproc"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE reqproc")
	db := srv.DB("reqproc")
	db.SetMaxOpenConns(4)
	const slow = "CREATE PROCEDURE dbo.slow @n int = 1\nAS\nSET NOCOUNT ON; /* é € */\nDECLARE @x int = @n;\nWAITFOR DELAY '00:00:02';\nSELECT @x AS x"
	mustExec(t, db, slow)
	mustExec(t, db, "CREATE PROCEDURE dbo.outer_proc AS\nBEGIN\n  SET NOCOUNT ON\n  EXEC dbo.slow 2\n  WAITFOR DELAY '00:00:00.1'\nEND")
	ctx := context.Background()
	runner, watcher, spid := runnerAndWatcher(t, db)
	const q = `SELECT r.command, SUBSTRING(t.text, r.statement_start_offset / 2 + 1,
	(CASE r.statement_end_offset WHEN -1 THEN DATALENGTH(t.text) ELSE r.statement_end_offset END - r.statement_start_offset) / 2 + 1),
	ISNULL(t.objectid, 0), ISNULL(t.dbid, 0), t.text, p.stmt_start, r.statement_start_offset
FROM sys.dm_exec_requests AS r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) AS t
JOIN sys.sysprocesses AS p ON p.spid = r.session_id AND p.sql_handle = r.sql_handle
WHERE r.session_id = @p1`
	var slowID, dbID int
	if err := watcher.QueryRowContext(ctx, "SELECT OBJECT_ID('dbo.slow'), DB_ID()").Scan(&slowID, &dbID); err != nil {
		t.Fatal(err)
	}
	dynamic := "WAITFOR DELAY '00:00:02'; SELECT 1"
	for _, tc := range []struct {
		name, batch, stmt, text string
		objectID, dbID          int
	}{
		{"a procedure", "EXEC dbo.slow", "WAITFOR DELAY '00:00:02'", slow, slowID, dbID},
		{"a procedure's procedure", "SELECT 0 AS zero; EXEC dbo.outer_proc", "WAITFOR DELAY '00:00:02'", slow, slowID, dbID},
		{"EXEC of a string", "DECLARE @s nvarchar(100) = N'" + strings.ReplaceAll(dynamic, "'", "''") + "'; EXEC (@s)", "WAITFOR DELAY '00:00:02'", dynamic, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				rows, err := runner.QueryContext(ctx, tc.batch)
				if err == nil {
					for rows.NextResultSet() {
						for rows.Next() {
						}
					}
					err = rows.Close()
				}
				done <- err
			}()
			var command, stmt, text string
			var objectID, dbid, stmtStart, start int
			waitFor(t, "the WAITFOR running", func() bool {
				err := watcher.QueryRowContext(ctx, q, spid).Scan(&command, &stmt, &objectID, &dbid, &text, &stmtStart, &start)
				return err == nil && command == "WAITFOR"
			})
			if stmt != tc.stmt || objectID != tc.objectID || dbid != tc.dbID || text != tc.text || stmtStart != start {
				t.Errorf("running statement %q in object %d of database %d, text %q, sysprocesses stmt_start %d (requests: %d);\nwant %q in object %d of database %d, text %q",
					stmt, objectID, dbid, text, stmtStart, start, tc.stmt, tc.objectID, tc.dbID, tc.text)
			}
			var event, info string
			var params int
			if err := watcher.QueryRowContext(ctx, "DBCC INPUTBUFFER(@p1)", spid).Scan(&event, &params, &info); err != nil || info != tc.batch {
				t.Errorf("DBCC INPUTBUFFER: %q, %v; want the batch %q", info, err, tc.batch)
			}
			rows, err := watcher.QueryContext(ctx, whoIsActiveStatementQuery, spid)
			if err != nil {
				t.Fatal(err)
			}
			var who []string
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					t.Fatal(err)
				}
				who = append(who, s)
			}
			if !slices.Equal(who, []string{tc.stmt}) {
				t.Errorf("sp_WhoIsActive's sql_text: %q, want %q", who, tc.stmt)
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		})
	}
}

// whoIsActiveStatementQuery is how sp_WhoIsActive cuts the running
// statement out of its text (@get_full_inner_text = 0, the default).
const whoIsActiveStatementQuery = `
SELECT SUBSTRING(t.text, (r.statement_start_offset / 2) + 1,
    ((CASE WHEN r.statement_end_offset = -1 OR r.statement_end_offset = 0
        THEN (DATALENGTH(t.text) - r.statement_start_offset) / 2
        ELSE (r.statement_end_offset - r.statement_start_offset) / 2 END) + 1))
FROM sys.dm_exec_requests AS r
OUTER APPLY sys.dm_exec_sql_text(r.sql_handle) AS t
WHERE r.session_id = @p1`
