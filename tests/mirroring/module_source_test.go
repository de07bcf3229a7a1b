package mirroring_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestModuleSourceSurvivesFailover: the definitions of modules created and
// altered on the principal (the batch text, comments and CR LF line breaks
// included) reach the mirror through the log unchanged, so after a manual
// failover the new principal shows the same definitions and reports errors
// inside them on the same lines.
func TestModuleSourceSurvivesFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	script := "-- header of p\r\n" +
		"CREATE PROCEDURE dbo.ms_p\r\n" +
		"AS\r\n" +
		"  SELECT 1 AS one\r\n" +
		"GO\r\n" +
		"/* altered: the text says CREATE */\r\n" +
		"\r\n" +
		"ALTER PROCEDURE dbo.ms_p @d int = 0\r\n" +
		"AS\r\n" +
		"  SET NOCOUNT ON\r\n" +
		"  SELECT 10 / @d AS q -- line 6\r\n" +
		"GO\r\n" +
		"CREATE TRIGGER dbo.ms_trg ON dbo.kv AFTER INSERT\r\n" +
		"AS\r\n" +
		"  IF EXISTS (SELECT * FROM inserted WHERE v < 0)\r\n" +
		"    THROW 50001, N'negative', 1; -- line 4\r\n" +
		"GO\r\n" +
		"create or alter view dbo.ms_v as\r\n  select k from dbo.kv\r\n"
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := harness.RunScript(ctx, cur.DB(dbName), script); err != nil {
		t.Fatal(err)
	}
	definitions := func(db *sql.DB) map[string]string {
		t.Helper()
		rows, err := db.QueryContext(ctx, "SELECT OBJECT_NAME(object_id), definition FROM sys.sql_modules WHERE OBJECT_NAME(object_id) LIKE 'ms[_]%'")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]string{}
		for rows.Next() {
			var name, def string
			if err := rows.Scan(&name, &def); err != nil {
				t.Fatal(err)
			}
			out[name] = def
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := definitions(cur.DB(dbName))
	if got := want["ms_p"]; got != "/* altered: the text says CREATE */\r\n\r\nCREATE PROCEDURE dbo.ms_p @d int = 0\r\nAS\r\n  SET NOCOUNT ON\r\n  SELECT 10 / @d AS q -- line 6\r\n" {
		t.Fatalf("ms_p on the principal: %q", got)
	}
	if len(want) != 3 {
		t.Fatalf("definitions on the principal: %q, want ms_p, ms_trg and ms_v", want)
	}

	c.manualFailover(cur, oth)
	db := oth.DB(dbName)
	got := definitions(db)
	for name, def := range want {
		if got[name] != def {
			t.Errorf("%s on the new principal %s:\n got %q\nwant %q", name, oth.Name, got[name], def)
		}
	}
	calls := []struct {
		query  string
		number int32
		proc   string
		line   int32
	}{
		{"EXEC dbo.ms_p", 8134, "ms_p", 6},
		{"INSERT dbo.kv (k, v) VALUES (100, -1)", 50001, "ms_trg", 4},
	}
	for _, call := range calls {
		_, err := db.ExecContext(ctx, call.query)
		var me mssql.Error
		if !errors.As(err, &me) {
			t.Fatalf("%s on %s: error = %v, want %d", call.query, oth.Name, err, call.number)
		}
		last := me.All[len(me.All)-1]
		if last.Number != call.number || last.ProcName != call.proc || last.LineNo != call.line {
			t.Errorf("%s on %s: Msg %d, Procedure %q, Line %d; want Msg %d, Procedure %q, Line %d",
				call.query, oth.Name, last.Number, last.ProcName, last.LineNo, call.number, call.proc, call.line)
		}
	}
}
