package mirroring_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// revloginScript is the statement sp_help_revlogin (KB 918992) writes for
// a SQL login, made by T-SQL on the instance that has the login: its
// password hash (LOGINPROPERTY) and SID, so that the other partner's copy
// of the login opens with the same password and maps to the same users.
const revloginScript = `SELECT 'CREATE LOGIN ' + QUOTENAME(p.name)
	+ ' WITH PASSWORD = ' + CONVERT(varchar(514), CAST(LOGINPROPERTY(p.name, 'PasswordHash') AS varbinary(256)), 1) + ' HASHED'
	+ ', SID = ' + CONVERT(varchar(514), p.sid, 1)
	+ ', DEFAULT_DATABASE = ' + QUOTENAME(p.default_database_name)
	+ ', CHECK_POLICY = ' + CASE l.is_policy_checked WHEN 1 THEN 'ON' ELSE 'OFF' END
	+ ', CHECK_EXPIRATION = ' + CASE l.is_expiration_checked WHEN 1 THEN 'ON' ELSE 'OFF' END
FROM sys.server_principals AS p JOIN sys.sql_logins AS l ON l.principal_id = p.principal_id
WHERE p.name = @p1`

// TestLoginsSurviveFailover is the best-known mirroring pitfall and its
// cure. A database user is tied to its login by SID, and the database —
// users included — is what mirroring copies; logins are the instance's.
// The application's login transferred the sp_help_revlogin way (same SID,
// same password hash) logs in to the new principal after a failover
// through go-mssqldb's failover partner and works; a login made by name
// alone on the mirror has another SID, so after the failover its user is
// orphaned — the login is refused by the database (4060 at login, 916 at
// USE) — until sp_change_users_login 'Update_One' maps the user to it.
func TestLoginsSurviveFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	const moved, byName, pw = "app_moved", "app_byname", "App!Passw0rd#1"
	for _, login := range []string{moved, byName} {
		c.mustExec(cur, "CREATE LOGIN "+login+" WITH PASSWORD = '"+pw+"'\nGO\nUSE "+dbName+`
GO
CREATE USER `+login+` FOR LOGIN `+login+`
ALTER ROLE db_datareader ADD MEMBER `+login+`
ALTER ROLE db_datawriter ADD MEMBER `+login)
	}
	// The DBA's transfer: the script read on the principal, run on the mirror.
	var script string
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.master(cur).QueryRowContext(ctx, revloginScript, moved).Scan(&script); err != nil {
		t.Fatalf("revlogin script on %s: %v", cur.Name, err)
	}
	c.mustExec(oth, script)
	c.mustExec(oth, "CREATE LOGIN "+byName+" WITH PASSWORD = '"+pw+"'") // the pitfall: same name and password, another SID

	app := func(login string) *sql.DB {
		dsn := harness.DSNFor(cur.Addr(), login, pw, dbName, "failoverpartner=127.0.0.1",
			"failoverport="+strconv.Itoa(oth.Port), "connection timeout=5", "dial timeout=2")
		db, err := sql.Open("sqlserver", dsn)
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxIdleConns(0) // every query logs in again: after the failover, to the new principal
		t.Cleanup(func() { db.Close() })
		return db
	}
	appMoved := app(moved)
	if _, err := appMoved.ExecContext(ctx, "INSERT dbo.kv (k, v) VALUES (7001, 1)"); err != nil {
		t.Fatalf("%s before the failover: %v", moved, err)
	}

	c.manualFailover(cur, oth)

	t.Run("transferred login works on the new principal", func(t *testing.T) {
		var server, user string
		err := appMoved.QueryRowContext(ctx, "UPDATE dbo.kv SET v = 2 WHERE k = 7001; SELECT @@SERVERNAME, USER_NAME()").Scan(&server, &user)
		if err != nil {
			t.Fatalf("%s after the failover: %v", moved, err)
		}
		var want string
		if err := c.master(oth).QueryRowContext(ctx, "SELECT @@SERVERNAME").Scan(&want); err != nil {
			t.Fatal(err)
		}
		if server != want || user != moved {
			t.Fatalf("%s ran on %s as user %s, want %s as %s", moved, server, user, want, moved)
		}
	})
	t.Run("login made by name is refused by the database", func(t *testing.T) {
		_, err := app(byName).ExecContext(ctx, "SELECT 1")
		if nums := errNumbers(err); len(nums) != 2 || nums[0] != 4060 || nums[1] != 18456 {
			t.Fatalf("%s after the failover: %v (errors %v), want 4060 then 18456", byName, err, nums)
		}
		inMaster, err := sql.Open("sqlserver", harness.DSNFor(oth.Addr(), byName, pw, "master"))
		if err != nil {
			t.Fatal(err)
		}
		defer inMaster.Close()
		_, err = inMaster.ExecContext(ctx, "USE "+dbName)
		if errNumber(err) != 916 {
			t.Fatalf("USE %s as %s: %v, want 916", dbName, byName, err)
		}
	})
	t.Run("orphaned user reported and repaired", func(t *testing.T) {
		db, err := sql.Open("sqlserver", oth.DSN(dbName))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var user string
		var sid []byte
		if err := db.QueryRowContext(ctx, "EXEC sp_change_users_login 'Report'").Scan(&user, &sid); err != nil || user != byName {
			t.Fatalf("Report on %s: %q, %v; want %s", oth.Name, user, err, byName)
		}
		if _, err := db.ExecContext(ctx, "EXEC sp_change_users_login 'Update_One', '"+byName+"', '"+byName+"'"); err != nil {
			t.Fatalf("Update_One: %v", err)
		}
		var n int
		if err := app(byName).QueryRowContext(ctx, "SELECT COUNT(*) FROM dbo.kv WHERE k = 7001").Scan(&n); err != nil || n != 1 {
			t.Fatalf("%s after the repair: %d rows, %v", byName, n, err)
		}
	})
}
