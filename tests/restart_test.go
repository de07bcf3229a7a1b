package tests

import (
	"database/sql"
	"fmt"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestRestartPersistence creates a database with schema objects and rows,
// stops the server (SIGTERM, then SIGKILL), restarts it on the same data
// directory and checks data and schema survived.
func TestRestartPersistence(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "persist"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE keep")
	db := srv.DB("keep")
	setup := `CREATE TABLE dbo.k (id int IDENTITY(1,1) PRIMARY KEY, name nvarchar(50) NOT NULL, amount decimal(10,2) NULL, at datetime2 NULL)
GO
CREATE UNIQUE INDEX ux_k_name ON dbo.k (name)
GO
CREATE VIEW dbo.k_view AS SELECT name, amount FROM dbo.k WHERE amount > 0
GO
CREATE PROCEDURE dbo.k_count AS SELECT COUNT(*) AS n FROM dbo.k
GO
INSERT dbo.k (name, amount, at) VALUES (N'alpha', 1.50, '2024-01-02 03:04:05'), (N'béta', -2.00, NULL), (N'gamma', NULL, '2024-12-31')
GO
`
	if err := harness.RunScript(t.Context(), db, setup); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, srv)

	stops := []struct {
		name string
		stop func()
	}{
		{"SIGTERM", srv.Stop},
		{"SIGKILL", srv.Kill},
	}
	for i, st := range stops {
		t.Run(st.name, func(t *testing.T) {
			st.stop()
			srv.Restart()
			if got := snapshot(t, srv); got != want {
				t.Fatalf("after %s restart:\n%s\nwant:\n%s", st.name, got, want)
			}
			// The database stays writable and constraints still hold.
			db := srv.DB("keep")
			mustExec(t, db, "INSERT dbo.k (name) VALUES (@p1)", fmt.Sprintf("after-%d", i))
			if _, err := db.Exec("INSERT dbo.k (name) VALUES (N'alpha')"); err == nil {
				t.Fatal("unique index ux_k_name lost: duplicate insert succeeded")
			} else {
				wantSQLError(t, err, 2601, "")
			}
			mustExec(t, db, "DELETE FROM dbo.k WHERE name = @p1", fmt.Sprintf("after-%d", i))
		})
	}
}

// snapshot renders the keep database's rows, schema and object behaviour.
func snapshot(t *testing.T, srv *harness.Server) string {
	t.Helper()
	db := srv.DB("keep")
	queries := []string{
		"SELECT id, name, amount, at FROM dbo.k ORDER BY id",
		"SELECT name, amount FROM dbo.k_view ORDER BY name",
		"EXEC dbo.k_count",
		"SELECT c.name, TYPE_NAME(c.system_type_id), c.max_length, c.is_nullable FROM sys.columns c WHERE c.object_id = OBJECT_ID('dbo.k') ORDER BY c.column_id",
		"SELECT name, is_unique FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.k') AND name IS NOT NULL ORDER BY name",
		"SELECT name FROM sys.databases WHERE name = 'keep'",
	}
	out := ""
	for _, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cts, _ := rows.ColumnTypes()
		for rows.Next() {
			vals := make([]any, len(cts))
			ptrs := make([]any, len(cts))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				out += renderGo(v, cts[i].DatabaseTypeName()) + " "
			}
			out += "\n"
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		rows.Close()
		out += "--\n"
	}
	return out
}

// TestRestartLoginsAndDDL: a login and DDL acknowledged just before a SIGKILL
// are there after restart.
func TestRestartLoginsAndDDL(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "logins"})
	master := srv.DB("master")
	mustExec(t, master, "CREATE LOGIN bob WITH PASSWORD = 'Bob!Passw0rd1'")
	mustExec(t, master, "CREATE TABLE dbo.last_ddl (a int)")
	mustExec(t, master, "INSERT dbo.last_ddl VALUES (1)")
	srv.Kill()
	srv.Restart()
	bob, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "bob", "Bob!Passw0rd1", "master"))
	if err != nil {
		t.Fatal(err)
	}
	defer bob.Close()
	var who string
	if err := bob.QueryRow("SELECT SUSER_SNAME()").Scan(&who); err != nil || who != "bob" {
		t.Fatalf("login bob after restart: %q, %v", who, err)
	}
	wrong, _ := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), "bob", "nope", "master"))
	defer wrong.Close()
	wantSQLError(t, wrong.Ping(), 18456, "Login failed for user 'bob'.")
	var n int
	if err := srv.DB("master").QueryRow("SELECT COUNT(*) FROM dbo.last_ddl").Scan(&n); err != nil || n != 1 {
		t.Fatalf("table created just before SIGKILL: %d rows, %v", n, err)
	}
}
