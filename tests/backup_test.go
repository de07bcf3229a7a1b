package tests

import (
	"errors"
	"path/filepath"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestBackupRestore backs a database up to disk, drops it, restores it and
// checks the rows; a second copy restored WITH NORECOVERY stays RESTORING
// until RESTORE … WITH RECOVERY.
func TestBackupRestore(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "bak"})
	master := srv.DB("master")
	mustExec(t, master, "CREATE DATABASE shop")
	shop := srv.DB("shop")
	mustExec(t, shop, "CREATE TABLE dbo.p (id int PRIMARY KEY, name nvarchar(20))")
	mustExec(t, shop, "INSERT dbo.p VALUES (1, N'one'), (2, N'two')")
	file := filepath.Join(t.TempDir(), "shop.bak")
	t.Run("TO DISK = @variable", func(t *testing.T) {
		_, err := master.Exec("BACKUP DATABASE shop TO DISK = @p1", file+".var")
		if err != nil {
			t.Fatalf("BACKUP DATABASE … TO DISK = @p1 (a parameter): %v", err)
		}
	})
	mustExec(t, master, "BACKUP DATABASE shop TO DISK = '"+file+"'")
	shop.Close()
	waitDatabaseUnused(t, master, "shop")
	mustExec(t, master, "DROP DATABASE shop")
	mustExec(t, master, "RESTORE DATABASE shop FROM DISK = '"+file+"'")
	var n int
	if err := srv.DB("shop").QueryRow("SELECT COUNT(*) FROM dbo.p").Scan(&n); err != nil || n != 2 {
		t.Fatalf("after restore: %d rows, %v; want 2", n, err)
	}

	t.Run("NORECOVERY then RECOVERY", func(t *testing.T) {
		mustExec(t, master, "RESTORE DATABASE shop2 FROM DISK = '"+file+"' WITH NORECOVERY")
		var state string
		if err := master.QueryRow("SELECT state_desc FROM sys.databases WHERE name = 'shop2'").Scan(&state); err != nil {
			t.Fatal(err)
		}
		if state != "RESTORING" {
			t.Errorf("state after NORECOVERY = %q, want RESTORING", state)
		}
		_, err := master.Exec("SELECT COUNT(*) FROM shop2.dbo.p")
		if err == nil {
			t.Error("a RESTORING database answered a query")
		} else {
			wantSQLError(t, err, 927, "Database 'shop2' cannot be opened. It is in the middle of a restore.")
		}
		// ALTER DATABASE is refused while RESTORING, SET ONLINE included
		// (only RESTORE … WITH RECOVERY brings the database online): 5052,
		// then 5069, and nothing changes.
		for _, opt := range []string{"SET ONLINE", "SET SINGLE_USER WITH ROLLBACK IMMEDIATE", "SET RECOVERY SIMPLE", "SET READ_ONLY"} {
			_, err := master.Exec("ALTER DATABASE shop2 " + opt)
			var me mssql.Error
			if !errors.As(err, &me) || len(me.All) != 2 || me.All[0].Number != 5052 || me.All[1].Number != 5069 ||
				me.All[0].Message != "ALTER DATABASE is not permitted while a database is in the Restoring state." || me.All[1].Message != "ALTER DATABASE statement failed." {
				t.Errorf("ALTER DATABASE shop2 %s while RESTORING: %v, want 5052 then 5069", opt, err)
			}
		}
		var access, model string
		if err := master.QueryRow("SELECT state_desc, user_access_desc, recovery_model_desc FROM sys.databases WHERE name = 'shop2'").Scan(&state, &access, &model); err != nil ||
			state != "RESTORING" || access != "MULTI_USER" || model != "FULL" {
			t.Errorf("after the refused ALTER DATABASE: %s %s %s, %v; want RESTORING MULTI_USER FULL", state, access, model, err)
		}
		mustExec(t, master, "RESTORE DATABASE shop2 WITH RECOVERY")
		mustExec(t, master, "ALTER DATABASE shop2 SET ONLINE")
		if err := master.QueryRow("SELECT COUNT(*) FROM shop2.dbo.p").Scan(&n); err != nil || n != 2 {
			t.Fatalf("after RECOVERY: %d rows, %v; want 2", n, err)
		}
	})

	t.Run("restore over an existing database needs REPLACE", func(t *testing.T) {
		_, err := master.Exec("RESTORE DATABASE shop FROM DISK = '" + file + "'")
		// SQL Server sends the cause, then 3013 (the error clients report).
		var me mssql.Error
		if !errors.As(err, &me) || len(me.All) != 2 || me.All[0].Number != 3159 || me.All[1].Number != 3013 {
			t.Fatalf("error = %v, want 3159 then 3013", err)
		}
	})

	t.Run("survives restart", func(t *testing.T) {
		srv.Kill()
		srv.Restart()
		if err := srv.DB("shop").QueryRow("SELECT COUNT(*) FROM dbo.p").Scan(&n); err != nil || n != 2 {
			t.Fatalf("restored database after SIGKILL restart: %d rows, %v; want 2", n, err)
		}
	})
}
