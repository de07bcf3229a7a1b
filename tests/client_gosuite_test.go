package tests

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/golang-sql/sqlexp"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// countBoundaries runs query in go-mssqldb's message-queue mode (sqlexp, what
// go-sqlcmd uses) and counts, as go-mssqldb's TestSprocWithCursorNoResult
// does, the result-set boundaries NextResultSet accepts and the notices. Every
// DONE, DONEPROC and DONEINPROC token of the answer is one boundary.
func countBoundaries(t *testing.T, conn *sql.Conn, query string) (boundaries, notices int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	retmsg := &sqlexp.ReturnMessage{}
	rows, err := conn.QueryContext(ctx, query, retmsg)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	for active := true; active; {
		switch m := retmsg.Message(ctx).(type) {
		case sqlexp.MsgNext:
			t.Fatalf("%s: unexpected rows", query)
		case sqlexp.MsgError:
			t.Fatalf("%s: %v", query, m.Error)
		case sqlexp.MsgNotice:
			notices++
		case sqlexp.MsgNextResultSet:
			if active = rows.NextResultSet(); active {
				boundaries++
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return boundaries, notices
}

// TestClientProcStatementsReportCompletion: with SET NOCOUNT OFF a procedure
// reports every statement it runs with a DONEINPROC, also those that return
// nothing (assignments, cursor statements, each IF/WHILE condition), as SQL
// Server does; SET NOCOUNT ON suppresses those, and batches outside procedures
// are unchanged. The first case is go-mssqldb's TestSprocWithCursorNoResult
// (13 boundaries, 2 notices), which failed with 3 before.
func TestClientProcStatementsReportCompletion(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	const cursorLoop = `
	DECLARE @tmp int;
	DECLARE Server_Cursor CURSOR FOR
	SELECT 1 UNION SELECT 2
	OPEN Server_Cursor;
	FETCH NEXT FROM Server_Cursor INTO @tmp;
	WHILE @@FETCH_STATUS = 0
		BEGIN
			PRINT @tmp
			FETCH NEXT FROM Server_Cursor INTO @tmp;
		END;
	CLOSE Server_Cursor;
	DEALLOCATE Server_Cursor;`
	const counter = `
	DECLARE @i int = 0, @j int;
	WHILE @i < 3 SET @i += 1;
	IF @i = 3 SET @j = @i;`
	mustExec(t, db, "CREATE PROCEDURE dbo.cursor_loop AS BEGIN"+cursorLoop+" END")
	mustExec(t, db, "CREATE PROCEDURE dbo.cursor_loop_nocount AS BEGIN SET NOCOUNT ON;"+cursorLoop+" END")
	mustExec(t, db, "CREATE PROCEDURE dbo.counter AS BEGIN"+counter+" END")
	tests := []struct {
		name           string
		query          string
		wantBoundaries int
		wantNotices    int
	}{
		// DECLARE CURSOR, OPEN, FETCH, 3 WHILE conditions, 2 PRINT, 2
		// FETCH, CLOSE, DEALLOCATE: 12 DONEINPROC, then the final DONE.
		{"cursor loop with PRINT", "exec [dbo].[cursor_loop]", 13, 2},
		// Only the PRINTs' DONEINPROC, then the final DONE.
		{"same under SET NOCOUNT ON", "exec dbo.cursor_loop_nocount", 3, 2},
		// DECLARE with a value, 4 WHILE conditions, 3 SET, the IF
		// condition and its SET: 10 DONEINPROC, then the final DONE.
		{"assignments and conditions", "exec dbo.counter", 11, 0},
		// Outside a procedure nothing changes: the final DONE only.
		{"same statements in a batch", counter, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := db.Conn(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			b, n := countBoundaries(t, conn, tc.query)
			if b != tc.wantBoundaries || n != tc.wantNotices {
				t.Fatalf("%s: %d result-set boundaries and %d notices, want %d and %d", tc.query, b, n, tc.wantBoundaries, tc.wantNotices)
			}
		})
	}
}
