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

// TestClientAPICursors drives the API server cursor procedures by name
// through go-mssqldb RPCs, one connection holding the cursors: the outputs
// of sp_cursoropen (handle, a STATIC cursor made READ_ONLY, the row
// count), rowset fetches with their trailing ROWSTAT column, INFO, PREV
// adjusting to the first row with return status 2, the errors SQL Server
// gives (16909 for a closed handle, 16911 for scrolling a forward-only
// cursor, 16929 for a positioned update, 16902 for nrows 0), prepared cursor
// statements with parameters, and a statement that is not a SELECT running
// directly with message 16954 and handle 0. The FreeTDS ODBC test in
// tests/clients is the same feature as an application sees it.
func TestClientAPICursors(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "apicursor"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE curs")
	db := srv.DB("curs")
	mustExec(t, db, "CREATE TABLE dbo.t (i int NOT NULL PRIMARY KEY, c varchar(6) NULL)")
	mustExec(t, db, "INSERT dbo.t VALUES (1, 'a'), (2, 'bb'), (3, 'ccc'), (4, 'dddd'), (5, NULL)")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	open := func(stmt string, scroll int32) (h, gotScroll, cc, rowcount int32) {
		t.Helper()
		gotScroll, cc = scroll, 4 // OPTIMISTIC requested
		_, err := conn.ExecContext(ctx, "sp_cursoropen", sql.Named("cursor", sql.Out{Dest: &h}), sql.Named("stmt", stmt),
			sql.Named("scrollopt", sql.Out{Dest: &gotScroll, In: true}), sql.Named("ccopt", sql.Out{Dest: &cc, In: true}),
			sql.Named("rowcount", sql.Out{Dest: &rowcount}))
		if err != nil {
			t.Fatalf("sp_cursoropen %q: %v", stmt, err)
		}
		return
	}
	fetch := func(h, fetchType, rownum, nrows int32) (string, mssql.ReturnStatus, error) {
		t.Helper()
		var rs mssql.ReturnStatus
		rows, err := conn.QueryContext(ctx, "sp_cursorfetch", h, fetchType, rownum, nrows, &rs)
		if err != nil {
			return "", rs, err
		}
		var got []string
		for rows.Next() {
			var i, stat int32
			var c sql.NullString
			if err := rows.Scan(&i, &c, &stat); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%d%s/%d", i, c.String, stat))
		}
		err = rows.Err()
		rows.Close()
		return strings.Join(got, " "), rs, err
	}
	wantErr := func(what string, err error, number int32, text string) {
		t.Helper()
		var e mssql.Error
		if !errors.As(err, &e) || e.Number != number || !strings.Contains(e.Message, text) {
			t.Errorf("%s: got %v, want error %d %q", what, err, number, text)
		}
	}

	h, scroll, cc, n := open("SELECT i, c FROM dbo.t ORDER BY i", 8 /* STATIC */)
	if h == 0 || scroll != 8 || cc != 1 || n != 5 {
		t.Fatalf("open: handle %d scrollopt %d ccopt %d rowcount %d; want a handle, 8 (STATIC), 1 (READ_ONLY), 5", h, scroll, cc, n)
	}
	steps := []struct {
		typ, rownum, nrows int32
		want               string
		status             mssql.ReturnStatus
	}{
		{2, 0, 2, "1a/1 2bb/1", 0},               // NEXT from before the first row
		{2, 0, 2, "3ccc/1 4dddd/1", 0},           // NEXT
		{0x20, -1, 3, "2bb/1 3ccc/1 4dddd/1", 0}, // RELATIVE to the buffer's first row
		{4, 0, 3, "1a/1 2bb/1 3ccc/1", 2},        // PREV from row 2: adjusted to the first row
		{8, 0, 2, "4dddd/1 5/1", 0},              // LAST
		{0x10, -1, 1, "5/1", 0},                  // ABSOLUTE from the end
		{2, 0, 1, "", 0},                         // past the end
		{1, 0, 20, "1a/1 2bb/1 3ccc/1 4dddd/1 5/1", 0},
		{4, 0, 2, "", 0},                              // PREV from the first row: nothing before it
		{0x10, 5, 1, "5/1", 0},                        // ABSOLUTE
		{0x200, 0, 5, "1a/1 2bb/1 3ccc/1 4dddd/1", 2}, // PREV_NOADJUST stops before the position
		{0x80, 0, 0, "1a/1 2bb/1 3ccc/1 4dddd/1", 0},  // REFRESH the buffer
	}
	for _, s := range steps {
		got, rs, err := fetch(h, s.typ, s.rownum, s.nrows)
		if err != nil || got != s.want || rs != s.status {
			t.Errorf("fetch type %#x rownum %d nrows %d: %q status %d (%v); want %q status %d", s.typ, s.rownum, s.nrows, got, rs, err, s.want, s.status)
		}
	}
	var pos, total int32
	if _, err := conn.ExecContext(ctx, "sp_cursorfetch", h, 0x100, sql.Named("rownum", sql.Out{Dest: &pos}), sql.Named("nrows", sql.Out{Dest: &total})); err != nil || pos != 1 || total != 5 {
		t.Errorf("INFO: position %d rows %d (%v); want 1 and 5", pos, total, err)
	}
	_, _, err = fetch(h, 2, 0, 0)
	wantErr("nrows 0", err, 16902, "sp_cursorfetch: The value of the parameter 'nrows' is invalid.")
	_, err = conn.ExecContext(ctx, "sp_cursor", h, 33, 1, "")
	wantErr("positioned update", err, 16929, "The cursor is READ ONLY.")
	if _, err := conn.ExecContext(ctx, "sp_cursorclose", h); err != nil {
		t.Fatal(err)
	}
	_, _, err = fetch(h, 2, 0, 1)
	wantErr("closed handle", err, 16909, fmt.Sprintf("sp_cursorfetch: The cursor identifier value provided (%x) is not valid.", h))

	fwd, scroll, _, n := open("SELECT i, c FROM dbo.t ORDER BY i", 4 /* FORWARD_ONLY */)
	if scroll != 4 || n != -1 {
		t.Errorf("forward-only open: scrollopt %d rowcount %d; want 4 and -1", scroll, n)
	}
	_, _, err = fetch(fwd, 1, 0, 1)
	wantErr("FIRST on forward-only", err, 16911, "The fetch type FIRST cannot be used with forward only cursors.")
	if got, _, err := fetch(fwd, 2, 0, 2); err != nil || got != "1a/1 2bb/1" {
		t.Errorf("forward-only NEXT: %q (%v)", got, err)
	}

	// Prepared: sp_cursorprepexec, then sp_cursorexecute with another value.
	var prep, cur1, cur2 int32
	scroll, cc = 8, 1
	if _, err := conn.ExecContext(ctx, "sp_cursorprepexec", sql.Named("prepared_handle", sql.Out{Dest: &prep}), sql.Named("cursor", sql.Out{Dest: &cur1}),
		sql.Named("params", "@lo int"), sql.Named("stmt", "SELECT i, c FROM dbo.t WHERE i > @lo ORDER BY i"),
		sql.Named("scrollopt", sql.Out{Dest: &scroll, In: true}), sql.Named("ccopt", sql.Out{Dest: &cc, In: true}), sql.Named("rowcount", sql.Out{Dest: &n}),
		sql.Named("lo", 3)); err != nil || n != 2 {
		t.Fatalf("sp_cursorprepexec: rowcount %d (%v)", n, err)
	}
	if _, err := conn.ExecContext(ctx, "sp_cursorexecute", prep, sql.Named("cursor", sql.Out{Dest: &cur2}), sql.Named("scrollopt", sql.Out{Dest: &scroll, In: true}), sql.Named("ccopt", sql.Out{Dest: &cc, In: true}), sql.Named("rowcount", sql.Out{Dest: &n}), sql.Named("lo", 1)); err != nil || n != 4 {
		t.Fatalf("sp_cursorexecute: rowcount %d (%v)", n, err)
	}
	if got, _, err := fetch(cur1, 1, 0, 5); err != nil || got != "4dddd/1 5/1" {
		t.Errorf("prepexec cursor: %q (%v)", got, err)
	}
	if got, _, err := fetch(cur2, 8, 0, 1); err != nil || got != "5/1" {
		t.Errorf("execute cursor: %q (%v)", got, err)
	}
	if _, err := conn.ExecContext(ctx, "sp_cursorunprepare", prep); err != nil {
		t.Fatal(err)
	}
	_, err = conn.ExecContext(ctx, "sp_cursorexecute", prep, sql.Named("cursor", sql.Out{Dest: &cur2}), sql.Named("scrollopt", sql.Out{Dest: &scroll, In: true}), sql.Named("ccopt", sql.Out{Dest: &cc, In: true}), sql.Named("rowcount", sql.Out{Dest: &n}), sql.Named("lo", 1))
	wantErr("unprepared handle", err, 8179, "Could not find prepared statement")

	// Not a SELECT: run directly, no cursor.
	h, _, _, _ = open("UPDATE dbo.t SET c = 'z' WHERE i = 5", 8)
	var c string
	if err := conn.QueryRowContext(ctx, "SELECT c FROM dbo.t WHERE i = 5").Scan(&c); err != nil || h != 0 || c != "z" {
		t.Errorf("direct UPDATE: handle %d, c %q (%v); want handle 0 and the row updated", h, c, err)
	}
}
