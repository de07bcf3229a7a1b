package tests

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// EXECUTE AS and REVERT through go-mssqldb (issue #2): the context is the
// impersonated principal's for every check, confined to its database for
// a user, kept across batches on one connection, ended by the pool's
// connection reset, and shown by sys.dm_exec_sessions to other sessions.
// The logins are those of permSetup (perm_test.go).
const execAsSetup = `
CREATE USER reader FOR LOGIN reader
CREATE TABLE dbo.other (id int)
GRANT SELECT ON dbo.other TO reader
`

const execAsModules = `
CREATE PROCEDURE dbo.pdynowner WITH EXECUTE AS OWNER AS EXEC('SELECT COUNT(*) FROM dbo.secret')
GO
CREATE PROCEDURE dbo.pwhoami WITH EXECUTE AS 'writer' AS SELECT USER_NAME()
GO
GRANT EXECUTE ON dbo.pdynowner TO app
GRANT EXECUTE ON dbo.pwhoami TO app
`

func TestExecuteAs(t *testing.T) {
	srv := startPermServer(t, "execas")
	mustExec(t, srv.DB("master"), "CREATE DATABASE permdb2")
	harness.MustRunScript(t, srv.DB("permdb2"), execAsSetup)
	harness.MustRunScript(t, srv.DB("permdb"), execAsModules)
	mustExec(t, srv.DB("master"), "GRANT IMPERSONATE ON LOGIN::writer TO reader")
	denied := func(perm, obj string) string {
		return "The " + perm + " permission was denied on the object '" + obj + "', database 'permdb', schema 'dbo'."
	}
	noAccess := func(login, db string) string {
		return `The server principal "` + login + `" is not able to access the database "` + db + `" under the current security context.`
	}
	runPermCases(t, srv, []permCase{
		{"user context checks the user", "sa", "permdb", "EXECUTE AS USER = 'reader'; SELECT * FROM dbo.secret", 229, denied("SELECT", "secret")},
		{"user context reads what the user may", "sa", "permdb", "EXECUTE AS USER = 'reader'; SELECT * FROM dbo.t", 0, ""},
		{"user context writes nothing", "sa", "permdb", "EXECUTE AS USER = 'reader'; DELETE dbo.t", 229, denied("DELETE", "t")},
		{"login context", "sa", "permdb", "EXECUTE AS LOGIN = 'writer'; SELECT * FROM dbo.t", 229, denied("SELECT", "t")},
		{"login context reaches no database of its own", "sa", "master", "EXECUTE AS LOGIN = 'nobody'; SELECT * FROM permdb.dbo.t", 916, noAccess("nobody", "permdb")},
		{"user context confined to its database", "sa", "permdb", "EXECUTE AS USER = 'reader'; SELECT * FROM permdb2.dbo.other", 916, noAccess("reader", "permdb2")},
		{"login context crosses databases", "sa", "permdb", "EXECUTE AS LOGIN = 'reader'; SELECT * FROM permdb2.dbo.other", 0, ""},
		{"user context reaches master as guest", "sa", "permdb", "EXECUTE AS USER = 'reader'; SELECT COUNT(*) FROM master.sys.objects", 0, ""},
		{"dbo context holds no server permission", "sa", "permdb", "EXECUTE AS USER = 'dbo'; CREATE DATABASE nodb", 262, "CREATE DATABASE permission denied in database 'master'."},
		{"dbo context is dbo in its database", "sa", "permdb", "EXECUTE AS USER = 'dbo'; SELECT * FROM dbo.secret", 0, ""},
		{"no IMPERSONATE on a user", "reader", "permdb", "EXECUTE AS USER = 'writer'", 15517, `Cannot execute as the database principal because the principal "writer" does not exist, this type of principal cannot be impersonated, or you do not have permission.`},
		{"no IMPERSONATE on a login", "reader", "permdb", "EXECUTE AS LOGIN = 'boss'", 15406, `Cannot execute as the server principal because the principal "boss" does not exist, this type of principal cannot be impersonated, or you do not have permission.`},
		{"IMPERSONATE ON LOGIN granted", "reader", "permdb", "EXECUTE AS LOGIN = 'writer'; INSERT dbo.t VALUES (50, 0)", 0, ""},
		{"granted impersonation runs with the login's rights only", "reader", "permdb", "EXECUTE AS LOGIN = 'writer'; SELECT * FROM dbo.t", 229, denied("SELECT", "t")},
		{"a kept DML plan is checked for the context", "sa", "permdb", "EXEC sp_executesql N'UPDATE dbo.t SET v = v WHERE id = @p1', N'@p1 int', 1; EXECUTE AS USER = 'reader'; EXEC sp_executesql N'UPDATE dbo.t SET v = v WHERE id = @p1', N'@p1 int', 1", 229, denied("UPDATE", "t")},
		{"no revert", "sa", "permdb", "EXECUTE AS USER = 'reader' WITH NO REVERT; REVERT", 15196, `The current security context is non-revertible. The "Revert" statement failed.`},
		{"module runs as its owner, dynamic SQL too", "app", "permdb", "EXEC dbo.pdynowner", 0, ""},
		{"the caller's context is back", "app", "permdb", "EXEC dbo.pdynowner; SELECT * FROM dbo.secret", 229, denied("SELECT", "secret")},
	})
	for _, c := range []struct{ login, query, want string }{
		{"app", "EXEC dbo.pwhoami", "writer"},
		{"app", "EXEC dbo.pwhoami; SELECT USER_NAME()", "app"},
		{"reader", "EXECUTE AS LOGIN = 'writer'; SELECT ORIGINAL_LOGIN() + '/' + SUSER_SNAME() + '/' + USER_NAME()", "reader/writer/writer"},
		{"sa", "EXECUTE AS USER = 'reader'; SELECT CAST(IS_SRVROLEMEMBER('sysadmin') AS varchar) + CAST(IS_MEMBER('db_datareader') AS varchar)", "01"},
	} {
		t.Run(c.login+" "+c.query, func(t *testing.T) {
			if got := lastString(t, loginDB(t, srv, c.login, "permdb"), c.query); got != c.want {
				t.Fatalf("%s as %s: %q, want %q", c.query, c.login, got, c.want)
			}
		})
	}
	t.Run("context kept across batches, shown to others, ended by reset", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		pool := loginDB(t, srv, "sa", "permdb")
		conn, err := pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var spid int
		if err := conn.QueryRowContext(ctx, "SELECT @@SPID").Scan(&spid); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "EXECUTE AS LOGIN = 'reader'"); err != nil {
			t.Fatal(err)
		}
		var who string
		if err := conn.QueryRowContext(ctx, "SELECT SUSER_SNAME()").Scan(&who); err != nil || who != "reader" {
			t.Fatalf("next batch runs as %q (%v), want reader", who, err)
		}
		var login, orig string
		q := "SELECT login_name, original_login_name FROM sys.dm_exec_sessions WHERE session_id = @p1"
		if err := loginDB(t, srv, "boss", "master").QueryRowContext(ctx, q, spid).Scan(&login, &orig); err != nil || login != "reader" || orig != "sa" {
			t.Fatalf("sys.dm_exec_sessions: login_name %q, original_login_name %q (%v); want reader, sa", login, orig, err)
		}
		conn.Close() // back to the pool: the next use resets the connection
		if err := pool.QueryRowContext(ctx, "SELECT SUSER_SNAME()").Scan(&who); err != nil || who != "sa" {
			t.Fatalf("after the pool's reset the session runs as %q (%v), want sa", who, err)
		}
	})
	t.Run("TRUSTWORTHY lets a user context out as its login", func(t *testing.T) {
		mustExec(t, srv.DB("master"), "ALTER DATABASE permdb SET TRUSTWORTHY ON")
		defer mustExec(t, srv.DB("master"), "ALTER DATABASE permdb SET TRUSTWORTHY OFF")
		db := loginDB(t, srv, "sa", "permdb")
		if _, err := db.Exec("EXECUTE AS USER = 'reader'; SELECT * FROM permdb2.dbo.other"); err != nil {
			t.Fatal(err)
		}
	})
}

// lastString runs query and returns the first column of the first row of
// its last result set.
func lastString(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var last string
	for {
		for rows.Next() {
			if err := rows.Scan(&last); err != nil {
				t.Fatal(err)
			}
		}
		if !rows.NextResultSet() {
			break
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return last
}
