package tests

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Bound SELECT plans (engine/exec/boundplan.go) through go-mssqldb: the
// same parameterized lookup on one connection, as a driver sends it again
// and again (sp_executesql, and a prepared statement), must see every change
// made meanwhile by another connection — a DENY (229), a column DENY (230),
// an ALTER TABLE, and on its own connection another database holding a
// table of the same name.
func TestBoundPlansOverTDS(t *testing.T) {
	srv := startPermServer(t, "boundplan")
	ctx := context.Background()
	admin := srv.DB("permdb")
	mustExec(t, admin, "CREATE TABLE dbo.bp (id int PRIMARY KEY, v int, secret int)")
	mustExec(t, admin, "INSERT dbo.bp VALUES (1, 10, 100), (2, 20, 200)")
	mustExec(t, admin, "GRANT SELECT ON dbo.bp TO app")

	const lookup = "SELECT v FROM dbo.bp WHERE id = @p1"
	_, app, prep := appConnPrepared(t, srv, lookup)

	// want runs the lookup both ways and expects v, or the error number.
	want := func(step string, id, v int, errNum int32) {
		t.Helper()
		for _, how := range []string{"sp_executesql", "prepared"} {
			var got int
			var err error
			if how == "prepared" {
				err = prep.QueryRowContext(ctx, id).Scan(&got)
			} else {
				err = app.QueryRowContext(ctx, lookup, id).Scan(&got)
			}
			var me mssql.Error
			switch {
			case errNum != 0 && (!errors.As(err, &me) || me.Number != errNum):
				t.Errorf("%s (%s): got %v, %v; want error %d", step, how, got, err, errNum)
			case errNum == 0 && (err != nil || got != v):
				t.Errorf("%s (%s): got %v, %v; want %d", step, how, got, err, v)
			}
		}
	}
	want("granted", 1, 10, 0)
	want("granted, again", 2, 20, 0)
	mustExec(t, admin, "DENY SELECT ON dbo.bp TO app")
	want("after DENY", 1, 0, 229)
	mustExec(t, admin, "REVOKE SELECT ON dbo.bp FROM app")
	mustExec(t, admin, "GRANT SELECT ON dbo.bp TO app")
	want("granted again", 1, 10, 0)
	want("granted again, again", 2, 20, 0)
	mustExec(t, admin, "DENY SELECT ON dbo.bp (v) TO app")
	want("after a column DENY", 1, 0, 230)
	mustExec(t, admin, "REVOKE SELECT ON dbo.bp (v) FROM app")
	want("column DENY revoked", 2, 20, 0)

	// ALTER TABLE: SELECT * shows the new column on the same connection.
	cols := func() int {
		t.Helper()
		rows, err := app.QueryContext(ctx, "SELECT * FROM dbo.bp WHERE id = @p1", 1)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		c, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		return len(c)
	}
	if n, m := cols(), cols(); n != 3 || m != 3 {
		t.Fatalf("SELECT * has %d, %d columns, want 3", n, m)
	}
	mustExec(t, admin, "ALTER TABLE dbo.bp ADD w int NOT NULL DEFAULT 5")
	if n := cols(); n != 4 {
		t.Errorf("after ALTER TABLE ADD: %d columns, want 4", n)
	}
	mustExec(t, admin, "ALTER TABLE dbo.bp DROP COLUMN v")
	want("after DROP COLUMN", 1, 0, 207)

	// Another database with a table of the same name, on one connection.
	sa, err := srv.DB("permdb").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sa.Close()
	mustExec(t, admin, "CREATE DATABASE bp2")
	mustExec(t, srv.DB("bp2"), "CREATE TABLE dbo.bp (id int PRIMARY KEY, w int NOT NULL)")
	mustExec(t, srv.DB("bp2"), "INSERT dbo.bp VALUES (1, 77)")
	const lw = "SELECT w FROM dbo.bp WHERE id = @p1"
	for i, wantW := range []int{5, 5, 77, 77, 5} {
		if i == 2 {
			if _, err := sa.ExecContext(ctx, "USE bp2"); err != nil {
				t.Fatal(err)
			}
		}
		if i == 4 {
			if _, err := sa.ExecContext(ctx, "USE permdb"); err != nil {
				t.Fatal(err)
			}
		}
		var w int
		if err := sa.QueryRowContext(ctx, lw, 1).Scan(&w); err != nil || w != wantW {
			t.Errorf("lookup %d: got %d, %v; want %d", i, w, err, wantW)
		}
	}
}

// appConnPrepared opens one connection as the login app to permdb on srv
// (its pool returned too) and prepares stmt on it, as a driver that sends the same statement again
// and again; both close when t ends.
func appConnPrepared(t *testing.T, srv *harness.Server, stmt string) (*sql.DB, *sql.Conn, *sql.Stmt) {
	t.Helper()
	appDB, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "app", "Passw0rd!app", "permdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { appDB.Close() })
	app, err := appDB.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	prep, err := app.PrepareContext(context.Background(), stmt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prep.Close(); app.Close() })
	return appDB, app, prep
}
