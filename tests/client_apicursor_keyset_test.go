package tests

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientAPICursorKeyset drives a KEYSET API server cursor through
// go-mssqldb RPCs by name, as ODBC's SQLSetPos and JDBC's updatable result
// sets do: sp_cursoropen reports KEYSET and OPTIMISTIC, a fetch sees
// another session's change and marks a deleted member with ROWSTAT 2,
// sp_cursor updates (named values and a SET text) and deletes the rows of
// the fetch buffer and inserts a row, a change inside a transaction rolls
// back, a row changed by another session since the fetch is refused
// (16947), a rownum past the buffer is 16930 (DYNAMIC requests:
// client_apicursor_dynamic_test.go); a cursor named by sp_cursoroption and positioned by
// SETPOSITION takes a T-SQL UPDATE … WHERE CURRENT OF; sys.dm_exec_cursors lists the cursor as an API keyset
// cursor.
func TestClientAPICursorKeyset(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "apikeyset"})
	db := srv.DB("master")
	mustExec(t, db, "CREATE TABLE dbo.k (i int NOT NULL PRIMARY KEY, c varchar(10) NULL)")
	mustExec(t, db, "INSERT dbo.k VALUES (1, 'a'), (2, 'bb'), (3, 'ccc'), (4, 'dddd')")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	open := func(scroll int32) (h, gotScroll, cc, rowcount int32) {
		t.Helper()
		return openAPICursor(t, conn, "SELECT i, c FROM dbo.k ORDER BY i", scroll)
	}
	fetch := func(h, fetchType, rownum, nrows int32) string {
		t.Helper()
		got, err := fetchAPICursor(conn, h, fetchType, rownum, nrows)
		if err != nil {
			t.Fatalf("sp_cursorfetch: %v", err)
		}
		return got
	}
	table := func() string {
		t.Helper()
		rows, err := db.QueryContext(ctx, "SELECT i, c FROM dbo.k ORDER BY i")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var i int32
			var c sql.NullString
			if err := rows.Scan(&i, &c); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%d%s", i, c.String))
		}
		return strings.Join(got, " ")
	}
	cursorOp := func(args ...any) error {
		_, err := conn.ExecContext(ctx, "sp_cursor", args...)
		return err
	}
	wantErr := func(what string, err error, number int32) {
		t.Helper()
		var e mssql.Error
		if !errors.As(err, &e) || e.Number != number {
			t.Errorf("%s: got %v, want error %d", what, err, number)
		}
	}

	h, scroll, cc, n := open(1 /* KEYSET */)
	if h == 0 || scroll != 1 || cc != 4 || n != 4 {
		t.Fatalf("open: handle %d scrollopt %d ccopt %d rowcount %d; want a handle, 1 (KEYSET), 4 (OPTIMISTIC), 4", h, scroll, cc, n)
	}
	var props string
	var id int32
	if err := conn.QueryRowContext(ctx, "SELECT cursor_id, properties FROM sys.dm_exec_cursors(@@SPID)").Scan(&id, &props); err != nil || id != h || props != "API | Keyset | Optimistic | Global (0)" {
		t.Errorf("sys.dm_exec_cursors: %d %q (%v); want %d and API | Keyset | Optimistic | Global (0)", id, props, err, h)
	}
	if got := fetch(h, 1 /* FIRST */, 0, 2); got != "1a/1 2bb/1" {
		t.Errorf("FIRST: %q", got)
	}
	mustExec(t, db, "UPDATE dbo.k SET c = 'other' WHERE i = 2")
	if got := fetch(h, 0x80 /* REFRESH */, 0, 0); got != "1a/1 2other/1" {
		t.Errorf("REFRESH after another session's UPDATE: %q", got)
	}
	steps := []struct {
		name string
		args []any
		want string // the table afterwards
	}{
		{"update named", []any{h, 1, 1, "", sql.Named("c", "named")}, "1named 2other 3ccc 4dddd"},
		{"update text", []any{h, 1, 2, "", "SET c = 'text'"}, "1named 2text 3ccc 4dddd"},
		{"update again without a fetch", []any{h, 1, 2, "dbo.k", sql.Named("c", "again")}, "1named 2again 3ccc 4dddd"},
		{"delete", []any{h, 2, 1, ""}, "2again 3ccc 4dddd"},
		{"insert", []any{h, 4, 0, "", sql.Named("i", 9), sql.Named("c", "nine")}, "2again 3ccc 4dddd 9nine"},
	}
	for _, s := range steps {
		if err := cursorOp(s.args...); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := table(); got != s.want {
			t.Fatalf("%s: table %q, want %q", s.name, got, s.want)
		}
	}
	if got := fetch(h, 0x80, 0, 0); got != "0/2 2again/1" {
		t.Errorf("REFRESH after the positioned DELETE: %q, want the deleted member with ROWSTAT 2", got)
	}
	wantErr("rownum past the buffer", cursorOp(h, 1, 3, "", sql.Named("c", "x")), 16930)
	wantErr("deleted member", cursorOp(h, 1, 1, "", sql.Named("c", "x")), 16947)

	// A positioned change inside a transaction rolls back with it.
	connExec(t, conn, "BEGIN TRAN")
	if err := cursorOp(h, 1, 2, "", sql.Named("c", "tran")); err != nil {
		t.Fatal(err)
	}
	connExec(t, conn, "ROLLBACK")
	if got := table(); got != "2again 3ccc 4dddd 9nine" {
		t.Errorf("after ROLLBACK: %q", got)
	}

	// Another session changes the fetched row: OPTIMISTIC refuses.
	if got := fetch(h, 2 /* NEXT */, 0, 2); got != "3ccc/1 4dddd/1" {
		t.Errorf("NEXT: %q", got)
	}
	mustExec(t, db, "UPDATE dbo.k SET c = 'meanwhile' WHERE i = 3")
	wantErr("changed since the fetch", cursorOp(h, 1, 1, "", sql.Named("c", "x")), 16947)
	if err := cursorOp(h, 2, 2, ""); err != nil {
		t.Errorf("delete of the unchanged row: %v", err)
	}
	// Named by sp_cursoroption and positioned by SETPOSITION, the cursor
	// takes a T-SQL UPDATE … WHERE CURRENT OF.
	if got := fetch(h, 0x10 /* ABSOLUTE */, 2, 1); got != "2again/1" {
		t.Errorf("ABSOLUTE 2: %q", got)
	}
	if _, err := conn.ExecContext(ctx, "sp_cursoroption", h, 2, "app_cursor"); err != nil {
		t.Fatal(err)
	}
	if err := cursorOp(h, 0x20 /* SETPOSITION */, 1, ""); err != nil {
		t.Fatal(err)
	}
	connExec(t, conn, "UPDATE dbo.k SET c = 'tsql' WHERE CURRENT OF app_cursor")
	if _, err := conn.ExecContext(ctx, "sp_cursorclose", h); err != nil {
		t.Fatal(err)
	}
	if got := table(); got != "2tsql 3meanwhile 9nine" {
		t.Errorf("at the end: %q", got)
	}

}

// openAPICursor opens an OPTIMISTIC API server cursor on stmt with
// sp_cursoropen and scroll option scroll, returning its handle and the
// scroll option, concurrency and row count the server gave back.
func openAPICursor(t *testing.T, conn *sql.Conn, stmt string, scroll int32) (h, gotScroll, cc, rowcount int32) {
	t.Helper()
	gotScroll, cc = scroll, 4 // OPTIMISTIC
	if _, err := conn.ExecContext(context.Background(), "sp_cursoropen", sql.Named("cursor", sql.Out{Dest: &h}), sql.Named("stmt", stmt),
		sql.Named("scrollopt", sql.Out{Dest: &gotScroll, In: true}), sql.Named("ccopt", sql.Out{Dest: &cc, In: true}),
		sql.Named("rowcount", sql.Out{Dest: &rowcount})); err != nil {
		t.Fatalf("sp_cursoropen: %v", err)
	}
	return
}

// fetchAPICursor runs sp_cursorfetch on a cursor of an int and a varchar
// column and shows its rows as "1a/1 2bb/1": the values, then ROWSTAT.
func fetchAPICursor(conn *sql.Conn, h, fetchType, rownum, nrows int32) (string, error) {
	rows, err := conn.QueryContext(context.Background(), "sp_cursorfetch", h, fetchType, rownum, nrows)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var i sql.NullInt32
		var c sql.NullString
		var stat int32
		if err := rows.Scan(&i, &c, &stat); err != nil {
			return "", err
		}
		got = append(got, fmt.Sprintf("%d%s/%d", i.Int32, c.String, stat))
	}
	return strings.Join(got, " "), rows.Err()
}
