package tests

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Database ownership kept by SID (issues #5 and #6), through go-mssqldb
// against real server processes, as SQL Server keeps it:
// sys.databases.owner_sid (master's record) is the creating login's SID,
// the restoring login's after a RESTORE ("the login who initiated the
// restore operation becomes the owner of the new database", Manage
// Metadata When Making a Database Available on Another Server), and what
// ALTER AUTHORIZATION or sp_changedbowner sets; dbo's SID in
// sys.database_principals is the database's own record and comes with the
// backup, so on another instance it names a login only once CREATE LOGIN
// … WITH SID gives that login the same SID. A login of the same name with
// another SID is not the owner.

// ownerCheck is one query and the single value it must return ("NULL" for
// NULL), or the SQL Server error number it must fail with.
type ownerCheck struct {
	name, login, db, query string
	want                   string
	wantErr                int32
}

// runOwnerChecks runs the checks on srv, each as its login in its
// database, and reports every mismatch (not just the first) so a run on
// code without owners by SID counts what differs.
func runOwnerChecks(t *testing.T, srv *harness.Server, checks []ownerCheck) {
	t.Helper()
	for _, c := range checks {
		db := loginDB(t, srv, c.login, c.db)
		var v sql.NullString
		err := db.QueryRowContext(context.Background(), c.query).Scan(&v)
		got := v.String
		if !v.Valid {
			got = "NULL"
		}
		var me mssql.Error
		switch {
		case c.wantErr != 0 && errors.As(err, &me) && me.Number == c.wantErr:
		case c.wantErr != 0:
			t.Errorf("%s: %s as %s in %s: got %q, %v; want error %d", c.name, c.query, c.login, c.db, got, err, c.wantErr)
		case err != nil:
			t.Errorf("%s: %s as %s in %s: %v; want %q", c.name, c.query, c.login, c.db, err, c.want)
		case got != c.want:
			t.Errorf("%s: %s as %s in %s = %q, want %q", c.name, c.query, c.login, c.db, got, c.want)
		}
	}
}

// execAs runs statements as login in db and returns the error.
func execAs(t *testing.T, srv *harness.Server, login, db, query string) error {
	t.Helper()
	_, err := loginDB(t, srv, login, db).Exec(query)
	return err
}

const ownerSetup = `
CREATE LOGIN bob WITH PASSWORD = 'Passw0rd!bob'
ALTER SERVER ROLE dbcreator ADD MEMBER bob
CREATE LOGIN boss WITH PASSWORD = 'Passw0rd!boss'
ALTER SERVER ROLE sysadmin ADD MEMBER boss
CREATE LOGIN carl WITH PASSWORD = 'Passw0rd!carl'
CREATE DATABASE sadb
`

// ownerSID is the owner_sid of database db as 0x… text.
const ownerSIDQuery = "SELECT CONVERT(varchar(200), owner_sid, 1) FROM sys.databases WHERE name = '"

func TestDatabaseOwnerBySID(t *testing.T) {
	a := harness.Start(t, harness.Options{Name: "owner-a"})
	b := harness.Start(t, harness.Options{Name: "owner-b"})
	harness.MustRunScript(t, a.DB("master"), ownerSetup)
	if err := execAs(t, a, "bob", "master", "CREATE DATABASE bobdb"); err != nil {
		t.Fatal(err)
	}
	if err := execAs(t, a, "boss", "master", "CREATE DATABASE bossdb"); err != nil {
		t.Fatal(err)
	}
	sid := func(srv *harness.Server, login string) string {
		v, err := harness.QueryString(context.Background(), srv.DB("master"), "SELECT CONVERT(varchar(200), SUSER_SID(@p1), 1)", login)
		if err != nil || v == "" {
			t.Fatalf("SUSER_SID(%s) = %q, %v", login, v, err)
		}
		return v
	}
	bobSID, bossSID, carlSID := sid(a, "bob"), sid(a, "boss"), sid(a, "carl")

	// 1. CREATE DATABASE: the creating login owns it, a sysadmin's too
	// (only sa's databases are sa's); the login is dbo there.
	created := []ownerCheck{
		{name: "dbcreator's database", login: "sa", db: "master", query: ownerSIDQuery + "bobdb'", want: bobSID},
		{name: "sysadmin's database", login: "sa", db: "master", query: ownerSIDQuery + "bossdb'", want: bossSID},
		{name: "sa's database", login: "sa", db: "master", query: ownerSIDQuery + "sadb'", want: "0x01"},
		{name: "sysdatabases.sid", login: "sa", db: "master", query: "SELECT CONVERT(varchar(200), sid, 1) FROM sys.sysdatabases WHERE name = 'bossdb'", want: bossSID},
		{name: "SUSER_SNAME(owner_sid)", login: "sa", db: "master", query: "SELECT SUSER_SNAME(owner_sid) FROM sys.databases WHERE name = 'bossdb'", want: "boss"},
		{name: "dbo's sid", login: "sa", db: "bossdb", query: "SELECT CONVERT(varchar(200), sid, 1) FROM sys.database_principals WHERE name = 'dbo'", want: bossSID},
		{name: "the owner is dbo", login: "bob", db: "bobdb", query: "SELECT USER_NAME() + ':' + CAST(IS_MEMBER('db_owner') AS varchar(2))", want: "dbo:1"},
	}
	runOwnerChecks(t, a, created)
	wantOwner := func(srv *harness.Server, db, owner string) {
		t.Helper()
		rows, err := srv.DB("master").Query("EXEC sp_helpdb '" + db + "'")
		if err != nil {
			t.Errorf("sp_helpdb %s: %v", db, err)
			return
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		var got sql.NullString
		for i, c := range cols {
			vals[i] = new(any)
			if c == "owner" {
				vals[i] = &got
			}
		}
		if !rows.Next() || rows.Scan(vals...) != nil || got.String != owner {
			t.Errorf("sp_helpdb %s: owner %q, want %q", db, got.String, owner)
		}
	}
	wantOwner(a, "bossdb", "boss")
	var me mssql.Error
	if err := execAs(t, a, "sa", "bobdb", "CREATE USER bobuser FOR LOGIN bob"); !errors.As(err, &me) || me.Number != 15063 ||
		me.Message != "The login already has an account with the user name 'dbo'." {
		t.Errorf("CREATE USER for the owner's login: %v, want 15063 naming dbo", err)
	}

	// 2. DROP LOGIN of an owner is 15174; sp_changedbowner undone by a
	// ROLLBACK changes nothing, committed it does, and then the login goes.
	err := execAs(t, a, "sa", "master", "DROP LOGIN boss")
	if !errors.As(err, &me) || me.Number != 15174 || me.Class != 16 ||
		me.Message != "Login 'boss' owns one or more database(s). Change the owner of the database(s) before dropping the login." {
		t.Errorf("DROP LOGIN of a database's owner: %v, want 15174", err)
	}
	if err := execAs(t, a, "sa", "bossdb", "BEGIN TRAN; EXEC sp_changedbowner 'sa'; ROLLBACK"); err != nil {
		t.Errorf("sp_changedbowner in a rolled-back transaction: %v", err)
	}
	runOwnerChecks(t, a, []ownerCheck{{name: "rolled back owner change", login: "sa", db: "master", query: ownerSIDQuery + "bossdb'", want: bossSID}})
	if err := execAs(t, a, "sa", "bossdb", "EXEC sp_changedbowner 'sa'"); err != nil {
		t.Errorf("sp_changedbowner 'sa': %v", err)
	}
	runOwnerChecks(t, a, []ownerCheck{{name: "sp_changedbowner", login: "sa", db: "master", query: ownerSIDQuery + "bossdb'", want: "0x01"}})
	if err := execAs(t, a, "sa", "bossdb", "EXEC sp_changedbowner"); !errors.As(err, &me) || me.Number != 201 {
		t.Errorf("sp_changedbowner without @loginame: %v, want 201", err)
	}

	// 3. ALTER AUTHORIZATION sets master's record and dbo's SID; TO [sa]
	// gives it back to sa, and the former owner is no one in the database.
	mustExec(t, a.DB("master"), "ALTER AUTHORIZATION ON DATABASE::sadb TO carl")
	runOwnerChecks(t, a, []ownerCheck{
		{name: "ALTER AUTHORIZATION owner_sid", login: "sa", db: "master", query: ownerSIDQuery + "sadb'", want: carlSID},
		{name: "ALTER AUTHORIZATION dbo sid", login: "sa", db: "sadb", query: "SELECT CONVERT(varchar(200), sid, 1) FROM sys.database_principals WHERE name = 'dbo'", want: carlSID},
		{name: "new owner is dbo", login: "carl", db: "sadb", query: "SELECT USER_NAME()", want: "dbo"},
	})
	mustExec(t, a.DB("master"), "ALTER AUTHORIZATION ON DATABASE::sadb TO [sa]")
	runOwnerChecks(t, a, []ownerCheck{
		{name: "back to sa", login: "sa", db: "master", query: ownerSIDQuery + "sadb'", want: "0x01"},
		{name: "dbo sid back to sa", login: "sa", db: "sadb", query: "SELECT CONVERT(varchar(200), sid, 1) FROM sys.database_principals WHERE name = 'dbo'", want: "0x01"},
	})

	// 4. The owners survive a restart (master's catalog and the database's).
	file := filepath.Join(t.TempDir(), "bobdb.bak")
	mustExec(t, a.DB("master"), "BACKUP DATABASE bobdb TO DISK = '"+file+"'")
	a.Kill()
	a.Restart()
	runOwnerChecks(t, a, []ownerCheck{
		created[0], created[6],
		{name: "restart: sp_changedbowner kept", login: "sa", db: "master", query: ownerSIDQuery + "bossdb'", want: "0x01"},
	})

	// 5. RESTORE on another instance: the restoring login owns the
	// database there; dbo's SID is still bob's, which no login there has:
	// a login called bob with its own SID is not the owner, one made WITH
	// SID = bob's is.
	mustExec(t, b.DB("master"), "RESTORE DATABASE bobdb FROM DISK = '"+file+"'")
	mustExec(t, b.DB("master"), "CREATE LOGIN bob WITH PASSWORD = 'Passw0rd!bob'")
	dboSID := "SELECT CONVERT(varchar(200), sid, 1) + ':' + ISNULL(SUSER_SNAME(sid), 'NULL') FROM sys.database_principals WHERE name = 'dbo'"
	runOwnerChecks(t, b, []ownerCheck{
		{name: "restored: owner_sid is the restorer's", login: "sa", db: "master", query: ownerSIDQuery + "bobdb'", want: "0x01"},
		{name: "restored: dbo's sid from the backup", login: "sa", db: "bobdb", query: dboSID, want: bobSID + ":NULL"},
		{name: "restored: bob with another SID is no one there", login: "bob", db: "bobdb", query: "SELECT USER_NAME()", wantErr: 18456},
	})
	wantOwner(b, "bobdb", "sa")
	mustExec(t, b.DB("master"), "DROP LOGIN bob")
	mustExec(t, b.DB("master"), "CREATE LOGIN bob WITH PASSWORD = 'Passw0rd!bob', SID = "+bobSID)
	runOwnerChecks(t, b, []ownerCheck{
		{name: "restored: dbo's sid names bob", login: "sa", db: "bobdb", query: dboSID, want: bobSID + ":bob"},
		{name: "restored: bob WITH SID is dbo", login: "bob", db: "bobdb", query: "SELECT USER_NAME()", want: "dbo"},
	})

	// 6. A restore by a dbcreator: it owns the copy, and cannot be dropped.
	mustExec(t, b.DB("master"), "CREATE LOGIN rest WITH PASSWORD = 'Passw0rd!rest'; ALTER SERVER ROLE dbcreator ADD MEMBER rest")
	if err := execAs(t, b, "rest", "master", "RESTORE DATABASE bobcopy FROM DISK = '"+file+"'"); err != nil {
		t.Fatalf("RESTORE as a dbcreator: %v", err)
	}
	runOwnerChecks(t, b, []ownerCheck{
		{name: "restorer owns", login: "sa", db: "master", query: "SELECT SUSER_SNAME(owner_sid) FROM sys.databases WHERE name = 'bobcopy'", want: "rest"},
		{name: "restorer is dbo", login: "rest", db: "bobcopy", query: "SELECT USER_NAME()", want: "dbo"},
	})
	if err := execAs(t, b, "sa", "master", "DROP LOGIN rest"); !errors.As(err, &me) || me.Number != 15174 {
		t.Errorf("DROP LOGIN of the restorer: %v, want 15174", err)
	}
}
