package tests

import (
	"context"
	"slices"
	"strconv"
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
	runner, watcher := appConn(t, db), appConn(t, db)
	var spid int
	if err := runner.QueryRowContext(ctx, "SELECT @@SPID").Scan(&spid); err != nil {
		t.Fatal(err)
	}
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

func trimRight(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}
