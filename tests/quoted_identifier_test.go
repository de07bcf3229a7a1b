package tests

import (
	"context"
	"database/sql"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// qiQuery is one text sent through sp_executesql (go-mssqldb sends a query
// with arguments so) under both QUOTED_IDENTIFIER settings: under ON "name"
// is the column, under OFF the string 'name'.
const qiQuery = `SELECT "name" FROM dbo.qi WHERE id = @p1`

// TestQuotedIdentifierOverTDS: the same sp_executesql text gives the
// column under QUOTED_IDENTIFIER ON and the string under OFF on one
// connection, back and forth (the parse caches key on the setting); a
// procedure created under OFF reads "…" as strings when a connection under
// ON calls it, keeps that setting in sys.sql_modules, and still does after
// a SIGKILL and a restart.
func TestQuotedIdentifierOverTDS(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "qi"})
	ctx := context.Background()
	mustExec(t, srv.DB("master"), "CREATE DATABASE qidb")
	setup, err := srv.DB("qidb").Conn(ctx) // one session: the SET holds for the next batch
	if err != nil {
		t.Fatal(err)
	}
	harness.MustRunScript(t, setup, "CREATE TABLE dbo.qi (id int PRIMARY KEY, name varchar(20))\n"+
		"INSERT dbo.qi VALUES (1, 'abc')\n"+
		"GO\n"+
		"SET QUOTED_IDENTIFIER OFF\n"+
		"GO\n"+
		"CREATE PROCEDURE dbo.qi_off @n varchar(20) = \"abc\" AS SELECT \"off\" AS mode, id FROM dbo.qi WHERE name = @n\n"+
		"GO\n")
	setup.Close()

	conn, err := srv.DB("qidb").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, step := range []struct {
		set  string
		want string
	}{
		{"", "abc"}, // a new connection runs under ON (go-mssqldb asks for the ODBC defaults)
		{"SET QUOTED_IDENTIFIER OFF", "name"},
		{"", "name"},
		{"SET QUOTED_IDENTIFIER ON", "abc"},
		{"SET QUOTED_IDENTIFIER OFF", "name"},
	} {
		if step.set != "" {
			if _, err := conn.ExecContext(ctx, step.set); err != nil {
				t.Fatal(err)
			}
		}
		var got string
		if err := conn.QueryRowContext(ctx, qiQuery, 1).Scan(&got); err != nil {
			t.Fatalf("after %q: %v", step.set, err)
		}
		if got != step.want {
			t.Errorf("after %q: sp_executesql %s = %q, want %q", step.set, qiQuery, got, step.want)
		}
	}

	check := func(db *sql.DB, when string) {
		t.Helper()
		var mode string
		var id int
		if err := db.QueryRowContext(ctx, "EXEC dbo.qi_off").Scan(&mode, &id); err != nil {
			t.Fatalf("%s: EXEC dbo.qi_off: %v", when, err)
		}
		if mode != "off" || id != 1 {
			t.Errorf("%s: EXEC dbo.qi_off = %q, %d; want \"off\", 1", when, mode, id)
		}
		var usesQI, execQI int
		if err := db.QueryRowContext(ctx, "SELECT CAST(uses_quoted_identifier AS int), OBJECTPROPERTY(object_id, 'ExecIsQuotedIdentOn') FROM sys.sql_modules WHERE object_id = OBJECT_ID('dbo.qi_off')").Scan(&usesQI, &execQI); err != nil {
			t.Fatalf("%s: sys.sql_modules: %v", when, err)
		}
		if usesQI != 0 || execQI != 0 {
			t.Errorf("%s: uses_quoted_identifier = %d, ExecIsQuotedIdentOn = %d; want 0, 0", when, usesQI, execQI)
		}
	}
	check(srv.DB("qidb"), "before the restart")
	conn.Close()
	srv.Kill()
	srv.Restart()
	check(srv.DB("qidb"), "after a SIGKILL and a restart")
}
