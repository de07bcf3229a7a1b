package tests

import (
	"context"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDatabaseEmergency sets a database EMERGENCY WITH ROLLBACK IMMEDIATE
// while a login without sysadmin is connected to it, over go-mssqldb: that
// connection is ended and its next login refused (4060); sa reads the rows,
// gets 3906 on a write and sees state 5 EMERGENCY, also after a SIGKILL
// restart; SET ONLINE brings the database back for everyone.
func TestDatabaseEmergency(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "emerg"})
	master := userAccessDB(t, srv, "emg") // database_user_access_test.go
	harness.MustRunScript(t, master, "CREATE LOGIN plain WITH PASSWORD = 'Passw0rd!plain'\nGO\nUSE emg\nCREATE USER plain FOR LOGIN plain\nGRANT SELECT TO plain\nUSE master\nGO\n")
	ctx := context.Background()
	plainDB := loginDB(t, srv, "plain", "emg")
	plain := appConn(t, plainDB)
	if n := tRows(t, plain); n != 1 {
		t.Fatalf("setup: %d rows", n)
	}
	harness.MustExec(t, master, "ALTER DATABASE emg SET EMERGENCY WITH ROLLBACK IMMEDIATE")
	if _, err := plain.ExecContext(ctx, "SELECT 1"); err == nil {
		t.Fatal("a login without sysadmin stayed connected to an EMERGENCY database")
	}
	plain.Close() // the pool holds one connection
	wantLoginRefused(t, plainDB.PingContext(ctx), "emg", "plain")

	check := func(when string) {
		t.Helper()
		var state int
		var desc string
		if err := master.QueryRow("SELECT state, state_desc FROM sys.databases WHERE name = 'emg'").Scan(&state, &desc); err != nil || state != 5 || desc != "EMERGENCY" {
			t.Fatalf("%s: state %d %q, %v; want 5 EMERGENCY", when, state, desc, err)
		}
		sa := srv.DB("emg")
		if n := tRows(t, sa); n != 1 {
			t.Fatalf("%s: sa reads %d rows, want 1", when, n)
		}
		_, err := sa.Exec("INSERT dbo.t VALUES (2)")
		wantSQLError(t, err, 3906, `Failed to update database "emg" because the database is read-only.`)
	}
	check("after SET EMERGENCY")
	srv.Kill()
	srv.Restart()
	master = srv.DB("master")
	check("after a restart")

	harness.MustExec(t, master, "ALTER DATABASE emg SET ONLINE WITH ROLLBACK IMMEDIATE")
	harness.MustExec(t, srv.DB("emg"), "INSERT dbo.t VALUES (2)")
	if n := tRows(t, loginDB(t, srv, "plain", "emg")); n != 2 {
		t.Fatalf("after SET ONLINE the login reads %d rows, want 2", n)
	}
}
