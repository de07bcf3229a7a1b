package tests

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// userAccessDB creates database name with one row in dbo.t, through a
// master connection that ends back in master (so no idle connection of the
// setup is left in the database).
func userAccessDB(t *testing.T, srv *harness.Server, name string) *sql.DB {
	t.Helper()
	master := srv.DB("master")
	harness.MustRunScript(t, master, "CREATE DATABASE "+name+"\nGO\nUSE "+name+"\nCREATE TABLE dbo.t (id int)\nINSERT dbo.t VALUES (1)\nUSE master\nGO\n")
	return master
}

// openTran starts a transaction with an insert on a new connection in db:
// another application in the database.
func openTran(t *testing.T, db *sql.DB) *sql.Conn {
	t.Helper()
	c := appConn(t, db)
	if _, err := c.ExecContext(context.Background(), "BEGIN TRAN; INSERT dbo.t VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	return c
}

// wantChain fails unless err is SQL Server's numbers in order (the
// statement's error and 5069 for a failed ALTER DATABASE).
func wantChain(t *testing.T, err error, numbers ...int32) {
	t.Helper()
	var me mssql.Error
	if !errors.As(err, &me) {
		t.Fatalf("error = %v (%T), want SQL Server errors %v", err, err, numbers)
	}
	var got []int32
	for _, e := range me.All {
		got = append(got, e.Number)
	}
	if len(got) != len(numbers) {
		t.Fatalf("errors %v (%v), want %v", got, err, numbers)
	}
	for i := range got {
		if got[i] != numbers[i] {
			t.Fatalf("errors %v (%v), want %v", got, err, numbers)
		}
	}
}

// count is SELECT COUNT(*) FROM dbo.t through db.
func tRows(t *testing.T, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM dbo.t").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSingleUserRestoreScript runs the DBA's classic script — SINGLE_USER
// WITH ROLLBACK IMMEDIATE, RESTORE … WITH REPLACE, MULTI_USER — in one batch
// while another application is connected to the database with an open
// transaction, through go-mssqldb and then through our sqlcmd: the
// application's connection is ended and its transaction rolled back, the
// restore succeeds, and the application can reconnect afterwards.
func TestSingleUserRestoreScript(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "su"})
	master := userAccessDB(t, srv, "sud")
	bak := filepath.Join(t.TempDir(), "sud.bak")
	harness.MustExec(t, master, "BACKUP DATABASE sud TO DISK = '"+bak+"'")
	script := "ALTER DATABASE sud SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nRESTORE DATABASE sud FROM DISK = '" + bak + "' WITH REPLACE;\nALTER DATABASE sud SET MULTI_USER;\n"

	app := srv.DB("sud")
	ctx := context.Background()
	conn := openTran(t, app)
	admin := appConn(t, master)
	if _, err := admin.ExecContext(ctx, script); err != nil {
		t.Fatalf("the script through go-mssqldb: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err == nil {
		t.Fatal("the application's connection survived SET SINGLE_USER WITH ROLLBACK IMMEDIATE")
	}
	if n := tRows(t, app); n != 1 {
		t.Fatalf("after the restore the application reads %d rows, want the backup's 1", n)
	}
	var access string
	if err := master.QueryRow("SELECT user_access_desc FROM sys.databases WHERE name = 'sud'").Scan(&access); err != nil || access != "MULTI_USER" {
		t.Fatalf("user_access_desc = %q, %v; want MULTI_USER", access, err)
	}

	// The same through sqlcmd, with the application in the database again.
	conn = openTran(t, app)
	file := filepath.Join(t.TempDir(), "restore.sql")
	if err := os.WriteFile(file, []byte(script+"GO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(harness.Binary(t), "sqlcmd", "-S", "127.0.0.1,"+strconv.Itoa(srv.Port), "-U", "sa", "-P", srv.Password, "-b", "-i", file).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlcmd: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Nonqualified transactions are being rolled back. Estimated rollback completion: 100%.") {
		t.Errorf("sqlcmd output lacks 5060:\n%s", out)
	}
	if _, err := conn.ExecContext(ctx, "SELECT 1"); err == nil {
		t.Fatal("the application's connection survived the sqlcmd script")
	}
	if n := tRows(t, app); n != 1 {
		t.Fatalf("after the second restore the application reads %d rows, want 1", n)
	}
}

// TestSingleUserAdmission: the session that sets SINGLE_USER holds the
// database even from master; another gets 924 at USE and at a three-part
// name, 924, 4060 and 18456 at login, and 5064 for its own ALTER DATABASE. When the holder
// disconnects, the next session to enter holds it, until it leaves.
func TestSingleUserAdmission(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "sua"})
	master := userAccessDB(t, srv, "sua")
	ctx := context.Background()
	holderDB := loginDB(t, srv, "sa", "master") // its own pool: closing it ends the session
	holder := appConn(t, holderDB)
	harness.MustExec(t, holder, "ALTER DATABASE sua SET SINGLE_USER")
	other := appConn(t, master)

	_, err := other.ExecContext(ctx, "USE sua")
	wantSQLError(t, err, 924, "Database 'sua' is already open and can only have one user at a time.")
	_, err = other.ExecContext(ctx, "SELECT COUNT(*) FROM sua.dbo.t")
	wantSQLError(t, err, 924, "")
	err = srv.DB("sua").PingContext(ctx)
	wantLoginRefused(t, err, "sua", "sa", 924)
	_, err = other.ExecContext(ctx, "ALTER DATABASE sua SET MULTI_USER WITH ROLLBACK IMMEDIATE")
	wantChain(t, err, 5064, 5069)
	var n int
	if err := holder.QueryRowContext(ctx, "SELECT COUNT(*) FROM sua.dbo.t").Scan(&n); err != nil || n != 1 { // the holder itself goes on
		t.Fatalf("holder: %d rows, %v", n, err)
	}
	if _, err := holder.ExecContext(ctx, "USE sua; SELECT 1; USE master"); err != nil {
		t.Fatal(err)
	}

	holder.Close()
	holderDB.Close()
	harness.WaitFor(t, "the holder's session to end", 10*time.Second, func() (bool, error) {
		_, err := other.ExecContext(ctx, "USE sua")
		return err == nil, err
	})
	third := appConn(t, master)
	_, err = third.ExecContext(ctx, "USE sua")
	wantSQLError(t, err, 924, "")
	if _, err := other.ExecContext(ctx, "USE master"); err != nil {
		t.Fatal(err)
	}
	if _, err := third.ExecContext(ctx, "USE sua; ALTER DATABASE sua SET MULTI_USER"); err != nil {
		t.Fatalf("the next session in, after the last one left: %v", err)
	}
	if err := srv.DB("sua").PingContext(ctx); err != nil {
		t.Fatalf("login after MULTI_USER: %v", err)
	}
}

// TestAlterDatabaseTermination: with another session in the database,
// NO_WAIT fails at once (5070, 5069), no clause waits until LOCK_TIMEOUT
// (5061, 5069) or until the other leaves, ROLLBACK AFTER ends it after the
// wait; RESTRICTED_USER ends only the sessions it does not admit.
func TestAlterDatabaseTermination(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "term"})
	master := userAccessDB(t, srv, "term")
	ctx := context.Background()
	admin := appConn(t, master)
	app := srv.DB("term")
	conn := openTran(t, app)

	for _, opt := range []string{"SINGLE_USER", "READ_ONLY", "OFFLINE"} {
		_, err := admin.ExecContext(ctx, "ALTER DATABASE term SET "+opt+" WITH NO_WAIT")
		wantChain(t, err, 5070, 5069)
	}
	_, err := admin.ExecContext(ctx, "SET LOCK_TIMEOUT 200; ALTER DATABASE term SET READ_ONLY")
	wantChain(t, err, 5061, 5069)
	_, err = admin.ExecContext(ctx, "SET LOCK_TIMEOUT -1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "SELECT 1"); err != nil {
		t.Fatalf("the other session after the refused changes: %v", err)
	}

	// No clause: the ALTER waits for the other to leave.
	done := make(chan error, 1)
	go func() {
		_, err := admin.ExecContext(ctx, "ALTER DATABASE term SET READ_ONLY")
		done <- err
	}()
	if _, err := conn.ExecContext(ctx, "COMMIT; USE master"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("SET READ_ONLY after the other left: %v", err)
	}
	harness.MustExec(t, admin, "ALTER DATABASE term SET READ_WRITE WITH NO_WAIT")

	// ROLLBACK AFTER: the other is ended once the wait is over.
	conn = openTran(t, app)
	if _, err := admin.ExecContext(ctx, "ALTER DATABASE term SET OFFLINE WITH ROLLBACK AFTER 1 SECONDS"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "SELECT 1"); err == nil {
		t.Fatal("the other session survived ROLLBACK AFTER")
	}
	harness.MustExec(t, admin, "ALTER DATABASE term SET ONLINE")
	if n := tRows(t, app); n != 2 {
		t.Fatalf("rows after the ended transaction: %d, want 2 (1 and the committed 2)", n)
	}

	// RESTRICTED_USER: a login without db_owner is ended and kept out; a
	// db_owner member stays.
	harness.MustRunScript(t, master, "CREATE LOGIN plain WITH PASSWORD = 'Passw0rd!plain'\nCREATE LOGIN owner1 WITH PASSWORD = 'Passw0rd!owner1'\nGO\n"+
		"USE term\nCREATE USER plain FOR LOGIN plain\nCREATE USER owner1 FOR LOGIN owner1\nALTER ROLE db_owner ADD MEMBER owner1\nGRANT SELECT TO plain\nUSE master\nGO\n")
	plainDB := loginDB(t, srv, "plain", "term")
	ownerDB := loginDB(t, srv, "owner1", "term")
	plain, owner := appConn(t, plainDB), appConn(t, ownerDB)
	if _, err := admin.ExecContext(ctx, "ALTER DATABASE term SET RESTRICTED_USER WITH ROLLBACK IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if _, err := plain.ExecContext(ctx, "SELECT 1"); err == nil {
		t.Fatal("a login RESTRICTED_USER does not admit survived ROLLBACK IMMEDIATE")
	}
	plain.Close() // the pool holds one connection
	if n := tRows(t, owner); n != 2 {
		t.Fatalf("db_owner member: %d rows", n)
	}
	err = plainDB.PingContext(ctx)
	wantLoginRefused(t, err, "term", "plain")
	harness.MustExec(t, admin, "ALTER DATABASE term SET MULTI_USER")
	if n := tRows(t, plainDB); n != 2 {
		t.Fatalf("after MULTI_USER: %d rows", n)
	}
}
