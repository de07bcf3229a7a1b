package tests

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestClientDefaultSchemaPlans runs the same prepared statements through
// go-mssqldb on one connection as dbo and, under EXECUTE AS USER, as a user
// whose default schema is app, in turn and in both orders (issue #5): each
// execution must read and write its own user's table, as SQL Server keys
// such plans by user (sys.dm_exec_plan_attributes' user_id). The session's
// cached DML and bound SELECT plans (engine/exec/dmlplan.go, boundplan.go)
// under a driver's prepared statements are what this reaches that the
// corpus's batches do not.
func TestClientDefaultSchemaPlans(t *testing.T) {
	srv := harness.Start(t, harness.Options{})
	db := srv.DB("master")
	mustExec(t, db, "CREATE DATABASE dsplans")
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{
		"USE dsplans",
		"CREATE SCHEMA app",
		`CREATE TABLE dbo.t (k int PRIMARY KEY, v int)
CREATE TABLE app.t (k int PRIMARY KEY, v int)
INSERT dbo.t VALUES (1, 10)
INSERT app.t VALUES (1, 100)
CREATE USER u1 WITHOUT LOGIN WITH DEFAULT_SCHEMA = app
GRANT SELECT, UPDATE, EXECUTE TO u1`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	as := func(user string) {
		t.Helper()
		q := "REVERT"
		if user != "dbo" {
			q = "EXECUTE AS USER = '" + user + "'"
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// want is what each user's one-part t holds at k = 1, kept in step
	// with the UPDATEs below.
	want := map[string]int{"dbo": 10, "u1": 100}
	sel, err := conn.PrepareContext(ctx, "SELECT v FROM t WHERE k = @p1")
	if err != nil {
		t.Fatal(err)
	}
	defer sel.Close()
	upd, err := conn.PrepareContext(ctx, "UPDATE t SET v = v + 1 WHERE k = @p1")
	if err != nil {
		t.Fatal(err)
	}
	defer upd.Close()
	for _, order := range [][]string{{"dbo", "u1", "dbo", "u1"}, {"u1", "dbo", "u1", "dbo"}} {
		for _, user := range order {
			as(user)
			var v int
			if err := sel.QueryRowContext(ctx, 1).Scan(&v); err != nil {
				t.Fatalf("%v as %s: %v", order, user, err)
			}
			if v != want[user] {
				t.Errorf("%v: prepared SELECT as %s read %d, want %d", order, user, v, want[user])
			}
			if _, err := upd.ExecContext(ctx, 1); err != nil {
				t.Fatalf("%v: UPDATE as %s: %v", order, user, err)
			}
			want[user]++
		}
		as("dbo")
	}
	// Each table took exactly its own user's updates.
	for user, table := range map[string]string{"dbo": "dbo.t", "u1": "app.t"} {
		var v int
		if err := conn.QueryRowContext(ctx, "SELECT v FROM "+table+" WHERE k = 1").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != want[user] {
			t.Errorf("%s = %d, want %d", table, v, want[user])
		}
	}
}
