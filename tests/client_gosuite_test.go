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
// Server does; SET NOCOUNT ON suppresses those. Outside procedures the same
// statements complete with a DONE. The first case is go-mssqldb's TestSprocWithCursorNoResult
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
		// At the top of a batch the same 10 statements and conditions
		// complete with a DONE each ([MS-TDS] 2.2.7.6: a DONE for every
		// statement of the batch but variable declarations), the last
		// one final; there is no procedure to end.
		{"same statements in a batch", counter, 10, 0},
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

// TestClientCollationCodePages is what go-mssqldb's TestLcidsFetching checks,
// in small: every Windows collation sys.fn_helpcollations lists with a code
// page other than 1252 converts a sample of that code page from nvarchar to
// varchar, and go-mssqldb, decoding the varchar with the code page it derives
// from the LCID in the column's COLLATION, reads the sample back unchanged.
// Before sys.fn_helpcollations existed, TestLcidsFetching panicked and
// stopped the suite.
func TestClientCollationCodePages(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	samples := map[int]string{
		874: "ภาษาไทย", 932: "日本語のテキスト（ＭＷＣ）", 936: "简体中文文本", 949: "한국어 텍스트",
		950: "繁體中文文本", 1250: "ŁąśćŽźŔő", 1251: "Привет, Ђђ Її", 1253: "Ελληνικά",
		1254: "ğüşİıÇ", 1255: "שלום", 1256: "مرحبا پچژگ", 1257: "ĄČĘĖĮŠŲŪŽ", 1258: "ĂÂÊÔƠƯĐ₫",
	}
	rows, err := db.Query(`SELECT name, CAST(COLLATIONPROPERTY(name, 'CodePage') AS int)
		FROM sys.fn_helpcollations()
		WHERE COLLATIONPROPERTY(name, 'CodePage') NOT IN (0, 1252, 65001)
		  AND COLLATIONPROPERTY(name, 'SortId') = 0
		ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	type coll struct {
		name string
		cp   int
	}
	var colls []coll
	for rows.Next() {
		var c coll
		if err := rows.Scan(&c.name, &c.cp); err != nil {
			t.Fatal(err)
		}
		colls = append(colls, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	pages := map[int]bool{}
	for _, c := range colls {
		sample, ok := samples[c.cp]
		if !ok {
			t.Fatalf("%s: code page %d has no sample", c.name, c.cp)
		}
		pages[c.cp] = true
		var got string
		if err := db.QueryRow("SELECT CAST(N'" + sample + "' COLLATE " + c.name + " AS varchar(100))").Scan(&got); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != sample {
			t.Errorf("%s (code page %d): read %q, want %q", c.name, c.cp, got, sample)
		}
	}
	if len(pages) != len(samples) {
		t.Fatalf("collations cover %d code pages, want all %d", len(pages), len(samples))
	}
}
