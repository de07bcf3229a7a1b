package tests

import (
	"context"
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDatabaseReadOnlySurvivesRestart sets a database READ_ONLY, kills the
// server and checks that after restart it is still read-only (3906 on a
// write, is_read_only 1) until SET READ_WRITE.
func TestDatabaseReadOnlySurvivesRestart(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "ro"})
	harness.MustRunScript(t, srv.DB("master"), "CREATE DATABASE ro\nGO\n")
	harness.MustRunScript(t, srv.DB("ro"), "CREATE TABLE dbo.t (id int)\nGO\nINSERT dbo.t VALUES (1)\nGO\nALTER DATABASE ro SET READ_ONLY WITH NO_WAIT\nGO\n")
	srv.Kill()
	srv.Restart()

	var ro bool
	if err := srv.DB("master").QueryRow("SELECT is_read_only FROM sys.databases WHERE name = 'ro'").Scan(&ro); err != nil || !ro {
		t.Fatalf("is_read_only after restart = %v, %v; want true", ro, err)
	}
	_, err := srv.DB("ro").Exec("INSERT dbo.t VALUES (2)")
	var me mssql.Error
	if !errors.As(err, &me) || me.Number != 3906 || me.Message != `Failed to update database "ro" because the database is read-only.` {
		t.Fatalf("INSERT into a read-only database after restart: %v; want 3906", err)
	}
	harness.MustRunScript(t, srv.DB("master"), "ALTER DATABASE ro SET READ_WRITE WITH ROLLBACK IMMEDIATE\nGO\n")
	if _, err := srv.DB("ro").Exec("INSERT dbo.t VALUES (2)"); err != nil {
		t.Fatalf("INSERT after SET READ_WRITE: %v", err)
	}
}

// TestDatabaseOfflineSurvivesRestart takes a database OFFLINE, kills the
// server and checks that after restart it is still OFFLINE (942 on access,
// state_desc OFFLINE) until SET ONLINE, with its rows.
func TestDatabaseOfflineSurvivesRestart(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "off"})
	harness.MustRunScript(t, srv.DB("master"), "CREATE DATABASE offd\nGO\n")
	harness.MustRunScript(t, srv.DB("offd"), "CREATE TABLE dbo.t (id int)\nGO\nINSERT dbo.t VALUES (1)\nGO\n")
	harness.MustRunScript(t, srv.DB("master"), "ALTER DATABASE offd SET OFFLINE WITH ROLLBACK IMMEDIATE\nGO\n")
	srv.Kill()
	srv.Restart()

	master := srv.DB("master")
	var state string
	if err := master.QueryRow("SELECT state_desc FROM sys.databases WHERE name = 'offd'").Scan(&state); err != nil || state != "OFFLINE" {
		t.Fatalf("state_desc after restart = %q, %v; want OFFLINE", state, err)
	}
	var n int
	err := master.QueryRow("SELECT COUNT(*) FROM offd.dbo.t").Scan(&n)
	var me mssql.Error
	if !errors.As(err, &me) || me.Number != 942 || me.Message != "Database 'offd' cannot be opened because it is offline." {
		t.Fatalf("reading an OFFLINE database: %v; want 942", err)
	}
	harness.MustRunScript(t, master, "ALTER DATABASE offd SET ONLINE\nGO\n")
	if err := master.QueryRow("SELECT COUNT(*) FROM offd.dbo.t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("after SET ONLINE: %d rows, %v; want 1", n, err)
	}
}

// TestDatabaseReadOnlyOpenTransaction: a transaction that wrote before
// another session set the database READ_ONLY WITH ROLLBACK IMMEDIATE is
// rolled back with its connection, which the termination clause ends, and
// leaves nothing behind.
func TestDatabaseReadOnlyOpenTransaction(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "rotx"})
	harness.MustRunScript(t, srv.DB("master"), "CREATE DATABASE rotx\nGO\n")
	harness.MustRunScript(t, srv.DB("rotx"), "CREATE TABLE dbo.t (id int)\nGO\n")
	ctx := context.Background()
	writer, err := srv.DB("rotx").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	if _, err := writer.ExecContext(ctx, "BEGIN TRAN; INSERT dbo.t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	harness.MustRunScript(t, srv.DB("master"), "ALTER DATABASE rotx SET READ_ONLY WITH ROLLBACK IMMEDIATE\nGO\n")
	if _, err = writer.ExecContext(ctx, "COMMIT"); err == nil {
		t.Fatal("COMMIT of a write made before SET READ_ONLY WITH ROLLBACK IMMEDIATE succeeded; its connection should have been ended")
	}
	var n int
	if err := srv.DB("rotx").QueryRow("SELECT COUNT(*) FROM dbo.t").Scan(&n); err != nil || n != 0 {
		t.Fatalf("rows after the failed COMMIT: %d, %v; want 0", n, err)
	}
}

// TestDatabaseOfflineFromInside: a connection that takes its own current
// database OFFLINE is moved to master and can go on, rather than getting
// 942 on every later batch.
func TestDatabaseOfflineFromInside(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "offin"})
	harness.MustRunScript(t, srv.DB("master"), "CREATE DATABASE offin\nGO\n")
	ctx := context.Background()
	conn, err := srv.DB("offin").Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE CURRENT SET OFFLINE"); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := conn.QueryRowContext(ctx, "SELECT DB_NAME()").Scan(&name); err != nil || name != "master" {
		t.Fatalf("DB_NAME() after taking the current database offline: %q, %v; want master", name, err)
	}
}
