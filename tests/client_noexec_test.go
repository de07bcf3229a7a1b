package tests

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientNoExecRPC: SET NOEXEC ON and SET SHOWPLAN_XML ON, sent as
// batches, also stop the parameterized statements a driver sends as RPCs
// (sp_executesql, sp_prepexec): nothing they would write is written, on the
// session's own connection, until the option is OFF again. The corpus file
// tests/testdata/scripts/noexec.sql covers the batch forms.
func TestClientNoExecRPC(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "noexec"})
	mustExec(t, srv.DB("master"), "CREATE DATABASE noexec")
	db := srv.DB("noexec")
	mustExec(t, db, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v int NOT NULL)")
	mustExec(t, db, "INSERT dbo.t VALUES (1, 10), (2, 20)")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, opt := range []string{"NOEXEC", "SHOWPLAN_XML"} {
		if _, err := conn.ExecContext(ctx, "SET "+opt+" ON"); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ { // repeated: a cached plan must not bypass the option
			if _, err := conn.ExecContext(ctx, "DELETE FROM dbo.t WHERE id = @p1", 1); err != nil {
				t.Fatalf("%s: DELETE: %v", opt, err)
			}
			if _, err := conn.ExecContext(ctx, "UPDATE dbo.t SET v = v + 1 WHERE id = @p1", 2); err != nil {
				t.Fatalf("%s: UPDATE: %v", opt, err)
			}
			if _, err := conn.ExecContext(ctx, "INSERT dbo.t (id, v) VALUES (@p1, @p2)", 3+i, 30); err != nil {
				t.Fatalf("%s: INSERT: %v", opt, err)
			}
		}
		if _, err := conn.ExecContext(ctx, "SET "+opt+" OFF"); err != nil {
			t.Fatal(err)
		}
		var n, sum int
		if err := conn.QueryRowContext(ctx, "SELECT COUNT(*), SUM(v) FROM dbo.t").Scan(&n, &sum); err != nil {
			t.Fatal(err)
		}
		if n != 2 || sum != 30 {
			t.Fatalf("after writes under SET %s ON: %d rows summing %d, want the 2 rows summing 30 untouched", opt, n, sum)
		}
	}
}
