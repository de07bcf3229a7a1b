package tests

import (
	"context"
	"database/sql"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientAPICursorDynamic drives a DYNAMIC API server cursor through
// go-mssqldb RPCs, as ODBC's SQL_CURSOR_DYNAMIC and ADO's adOpenDynamic
// do: sp_cursoropen reports DYNAMIC with row count -1; a fetch sees rows
// another session inserted after the open, at their place in the order,
// and rows whose clustered key another session changed at their new place,
// while deleted rows are passed over; PREV and RELATIVE move from the
// buffer; ABSOLUTE is refused with 16925; sp_cursor updates the row of the
// buffer it names; a DYNAMIC request with TOP comes back KEYSET.
func TestClientAPICursorDynamic(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "apidynamic"})
	db := srv.DB("master")
	mustExec(t, db, "CREATE TABLE dbo.dy (i int NOT NULL PRIMARY KEY, c varchar(10) NULL)")
	mustExec(t, db, "INSERT dbo.dy VALUES (10, 'a'), (20, 'b'), (30, 'c'), (40, 'd')")
	ctx := context.Background()
	conn := appConn(t, db)

	open := func(stmt string) (h, scroll, cc, rowcount int32) {
		t.Helper()
		return openAPICursor(t, conn, stmt, 2 /* DYNAMIC */)
	}
	fetch := func(h, fetchType, rownum, nrows int32) (string, error) {
		return fetchAPICursor(conn, h, fetchType, rownum, nrows)
	}

	h, scroll, cc, n := open("SELECT i, c FROM dbo.dy ORDER BY i")
	if h == 0 || scroll != 2 || cc != 4 || n != -1 {
		t.Fatalf("open: handle %d scrollopt %d ccopt %d rowcount %d; want a handle, 2 (DYNAMIC), 4 (OPTIMISTIC), -1", h, scroll, cc, n)
	}
	steps := []struct {
		name          string
		other         string // what another session runs first
		fetch         int32
		rownum, nrows int32
		want          string
		wantErr       int32
	}{
		{name: "FIRST", fetch: 1, nrows: 2, want: "10a/1 20b/1"},
		{name: "insert after open", other: "INSERT dbo.dy VALUES (25, 'new'), (5, 'early')", fetch: 2, nrows: 2, want: "25new/1 30c/1"},
		{name: "key moved", other: "UPDATE dbo.dy SET i = 45 WHERE i = 10", fetch: 2, nrows: 3, want: "40d/1 45a/1"},
		{name: "PREV", fetch: 4, nrows: 2, want: "25new/1 30c/1"},
		{name: "deleted passed over", other: "DELETE dbo.dy WHERE i = 20", fetch: 4, nrows: 1, want: "5early/1"},
		{name: "RELATIVE", fetch: 0x20, rownum: 2, nrows: 2, want: "30c/1 40d/1"},
		{name: "LAST", fetch: 8, nrows: 2, want: "40d/1 45a/1"},
		{name: "ABSOLUTE", fetch: 0x10, rownum: 1, nrows: 1, wantErr: 16925},
	}
	for _, st := range steps {
		if st.other != "" {
			mustExec(t, db, st.other)
		}
		got, err := fetch(h, st.fetch, st.rownum, st.nrows)
		if st.wantErr != 0 {
			wantSQLError(t, err, st.wantErr, "The fetch type Absolute cannot be used with dynamic cursors.")
			continue
		}
		if err != nil || got != st.want {
			t.Fatalf("%s: %q (%v), want %q", st.name, got, err, st.want)
		}
	}
	// sp_cursor's row number names a row of the buffer (40, 45).
	if _, err := conn.ExecContext(ctx, "sp_cursor", h, 1 /* UPDATE */, 2, "", sql.Named("c", "upd")); err != nil {
		t.Fatalf("sp_cursor UPDATE: %v", err)
	}
	var c string
	if err := db.QueryRowContext(ctx, "SELECT c FROM dbo.dy WHERE i = 45").Scan(&c); err != nil || c != "upd" {
		t.Errorf("row 45 after the positioned UPDATE: %q (%v)", c, err)
	}
	if _, err := conn.ExecContext(ctx, "sp_cursorclose", h); err != nil {
		t.Fatal(err)
	}
	if _, scroll, _, n := open("SELECT TOP (2) i, c FROM dbo.dy ORDER BY i"); scroll != 1 || n != 2 {
		t.Errorf("DYNAMIC request with TOP: scrollopt %d rowcount %d, want 1 (KEYSET) and 2", scroll, n)
	}
}
