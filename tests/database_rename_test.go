package tests

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDatabaseRename renames a database over go-mssqldb: while another
// connection is in it, MODIFY NAME and sp_renamedb get 5030 and nothing
// changes; once it has left, the rename succeeds, a login to the old name
// gets 4060 and USE of it 911, the new name serves the rows, and the name
// lasts across a SIGKILL restart (the files stayed where they were).
func TestDatabaseRename(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "rename"})
	master := userAccessDB(t, srv, "rn_old") // database_user_access_test.go
	ctx := context.Background()
	admin := appConn(t, master)
	app := loginDB(t, srv, "sa", "rn_old")
	user := appConn(t, app)
	if tRows(t, user) != 1 {
		t.Fatal("setup: want 1 row")
	}
	_, err := admin.ExecContext(ctx, "ALTER DATABASE rn_old MODIFY NAME = rn_new")
	wantSQLError(t, err, 5030, "The database could not be exclusively locked to perform the operation.")
	_, err = admin.ExecContext(ctx, "EXEC sp_renamedb 'rn_old', 'rn_new'")
	wantSQLError(t, err, 5030, "")
	if _, err := user.ExecContext(ctx, "USE master"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.ExecContext(ctx, "ALTER DATABASE rn_old MODIFY NAME = rn_new"); err != nil {
		t.Fatalf("rename once the other connection left: %v", err)
	}
	_, err = user.ExecContext(ctx, "USE rn_old")
	wantSQLError(t, err, 911, "Database 'rn_old' does not exist. Make sure that the name is entered correctly.")
	app.Close()
	err = loginDB(t, srv, "sa", "rn_old").PingContext(ctx)
	wantLoginRefused(t, err, "rn_old", "sa")
	if n := tRows(t, srv.DB("rn_new")); n != 1 {
		t.Fatalf("rows under the new name: %d", n)
	}

	srv.Kill()
	srv.Restart()
	var name string
	if err := srv.DB("master").QueryRow("SELECT name FROM sys.databases WHERE database_id = DB_ID('rn_new')").Scan(&name); err != nil || name != "rn_new" {
		t.Fatalf("after restart: %q, %v; want rn_new", name, err)
	}
	if n := tRows(t, srv.DB("rn_new")); n != 1 {
		t.Fatalf("rows under the new name after restart: %d", n)
	}
}
