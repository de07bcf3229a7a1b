package tests

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// Permissions (issues #2 and #5): real logins through go-mssqldb, each
// statement checked against SQL Server's error. The setup gives every
// login a different standing in permdb:
//
//	nobody   a login and nothing else (guest in master only)
//	reader   user in db_datareader, DENY SELECT on dbo.secret
//	writer   user with INSERT and UPDATE on dbo.t only
//	app      user with EXECUTE on the procedures and SELECT on the view:
//	         ownership chaining reaches dbo.t and dbo.secret, except
//	         through dynamic SQL
//	dev      user in db_ddladmin
//	creator  dbcreator; killer processadmin; secadm securityadmin;
//	         boss sysadmin
const permSetup = `
CREATE DATABASE permdb
CREATE LOGIN nobody WITH PASSWORD = 'Passw0rd!nobody'
CREATE LOGIN reader WITH PASSWORD = 'Passw0rd!reader'
CREATE LOGIN writer WITH PASSWORD = 'Passw0rd!writer'
CREATE LOGIN app WITH PASSWORD = 'Passw0rd!app'
CREATE LOGIN dev WITH PASSWORD = 'Passw0rd!dev'
CREATE LOGIN creator WITH PASSWORD = 'Passw0rd!creator'
CREATE LOGIN killer WITH PASSWORD = 'Passw0rd!killer'
CREATE LOGIN secadm WITH PASSWORD = 'Passw0rd!secadm'
CREATE LOGIN boss WITH PASSWORD = 'Passw0rd!boss'
ALTER SERVER ROLE dbcreator ADD MEMBER creator
ALTER SERVER ROLE processadmin ADD MEMBER killer
ALTER SERVER ROLE securityadmin ADD MEMBER secadm
ALTER SERVER ROLE sysadmin ADD MEMBER boss
`

const permDBSetup = `
CREATE TABLE dbo.t (id int PRIMARY KEY, v int)
INSERT dbo.t VALUES (1, 10)
CREATE TABLE dbo.secret (id int)
INSERT dbo.secret VALUES (7)
CREATE SEQUENCE dbo.seq START WITH 1
GO
CREATE VIEW dbo.v AS SELECT id, v FROM dbo.t
GO
CREATE PROCEDURE dbo.p AS SELECT COUNT(*) FROM dbo.secret
GO
CREATE PROCEDURE dbo.pdyn AS EXEC('SELECT COUNT(*) FROM dbo.secret')
GO
CREATE PROCEDURE dbo.pins @id int AS INSERT dbo.t VALUES (@id, 0)
GO
CREATE USER reader FOR LOGIN reader
ALTER ROLE db_datareader ADD MEMBER reader
DENY SELECT ON dbo.secret TO reader
CREATE USER writer FOR LOGIN writer
GRANT INSERT, UPDATE ON OBJECT::dbo.t TO writer
CREATE USER app FOR LOGIN app
GRANT EXECUTE ON dbo.p TO app
GRANT EXECUTE ON dbo.pdyn TO app
GRANT EXECUTE ON dbo.pins TO app
GRANT SELECT ON dbo.v TO app
CREATE USER dev FOR LOGIN dev
ALTER ROLE db_ddladmin ADD MEMBER dev
`

type permCase struct {
	name, login, db, query string
	wantNum                int32
	wantMsg                string
}

func runPermCases(t *testing.T, srv *harness.Server, cases []permCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := loginDB(t, srv, tc.login, tc.db)
			_, err := db.Exec(tc.query)
			if tc.wantNum == 0 {
				if err != nil {
					t.Fatalf("%s as %s: %v", tc.query, tc.login, err)
				}
				return
			}
			if tc.wantNum == 4060 { // a login its database refuses: 4060, 18456
				wantLoginRefused(t, err, tc.db, tc.login)
				return
			}
			wantSQLError(t, err, tc.wantNum, tc.wantMsg)
		})
	}
}

// loginDB opens a one-connection pool for login in database db; sa uses
// the harness password.
func loginDB(t *testing.T, srv *harness.Server, login, db string) *sql.DB {
	t.Helper()
	pw := "Passw0rd!" + login
	if login == "sa" {
		pw = srv.Password
	}
	d, err := sql.Open("sqlserver", harness.DSNFor(srv.Addr(), login, pw, db))
	if err != nil {
		t.Fatal(err)
	}
	d.SetMaxOpenConns(1)
	t.Cleanup(func() { d.Close() })
	return d
}

func startPermServer(t *testing.T, name string) *harness.Server {
	t.Helper()
	srv := harness.Start(t, harness.Options{Name: name})
	harness.MustRunScript(t, srv.DB("master"), permSetup)
	harness.MustRunScript(t, srv.DB("permdb"), permDBSetup)
	return srv
}

func TestPermissions(t *testing.T) {
	srv := startPermServer(t, "perms")
	denied := func(perm, obj string) string {
		return "The " + perm + " permission was denied on the object '" + obj + "', database 'permdb', schema 'dbo'."
	}
	runPermCases(t, srv, []permCase{
		// Server level.
		{"create database", "nobody", "master", "CREATE DATABASE nodb", 262, "CREATE DATABASE permission denied in database 'master'."},
		{"drop database", "nobody", "master", "DROP DATABASE permdb", 3701, "Cannot drop the database 'permdb', because it does not exist or you do not have permission."},
		{"alter database", "nobody", "master", "ALTER DATABASE permdb SET RECOVERY SIMPLE", 5011, "User does not have permission to alter database 'permdb', the database does not exist, or the database is not in a state that allows access checks."},
		{"create login", "nobody", "master", "CREATE LOGIN x1 WITH PASSWORD = 'Passw0rd!x1'", 15247, "User does not have permission to perform this action."},
		{"drop login", "nobody", "master", "DROP LOGIN reader", 15151, "Cannot drop the login 'reader', because it does not exist or you do not have permission."},
		{"server role", "nobody", "master", "ALTER SERVER ROLE sysadmin ADD MEMBER nobody", 15151, "Cannot alter the server role 'sysadmin', because it does not exist or you do not have permission."},
		{"sp_addsrvrolemember", "nobody", "master", "EXEC sp_addsrvrolemember 'nobody', 'sysadmin'", 15151, "Cannot alter the server role 'sysadmin', because it does not exist or you do not have permission."},
		{"kill", "nobody", "master", "KILL 999", 6102, "User does not have permission to use the KILL statement."},
		{"shutdown", "nobody", "master", "SHUTDOWN", 6004, "User does not have permission to perform this action."},
		{"sp_configure change", "nobody", "master", "EXEC sp_configure 'show advanced options', 1", 15247, "User does not have permission to perform this action."},
		{"sp_configure read", "nobody", "master", "EXEC sp_configure 'show advanced options'", 0, ""},
		{"reconfigure", "nobody", "master", "RECONFIGURE", 5812, "You do not have permission to run the RECONFIGURE statement."},
		{"dbcc", "nobody", "master", "DBCC FREEPROCCACHE", 2571, "User 'guest' does not have permission to run DBCC freeproccache."},
		{"backup", "nobody", "master", "BACKUP DATABASE permdb TO DISK = 'nobody.bak'", 262, "BACKUP DATABASE permission denied in database 'permdb'."},
		{"grant on endpoint", "nobody", "master", "GRANT CONNECT ON ENDPOINT::mirroring TO nobody", 15247, "User does not have permission to perform this action."},
		{"grant server perm", "nobody", "master", "GRANT CONTROL SERVER TO nobody", 15247, "User does not have permission to perform this action."},
		{"endpoint", "nobody", "master", "CREATE ENDPOINT ep STATE = STARTED AS TCP (LISTENER_PORT = 5099) FOR DATABASE_MIRRORING (ROLE = PARTNER)", 15247, "User does not have permission to perform this action."},
		{"processadmin kills", "killer", "master", "KILL 999", 6106, "Process ID 999 is not an active process ID."},
		{"securityadmin makes logins", "secadm", "master", "CREATE LOGIN x2 WITH PASSWORD = 'Passw0rd!x2'", 0, ""},
		{"own password", "nobody", "master", "ALTER LOGIN nobody WITH PASSWORD = 'Passw0rd!nobody' OLD_PASSWORD = 'Passw0rd!nobody'", 0, ""},
		{"own password needs the old", "nobody", "master", "ALTER LOGIN nobody WITH PASSWORD = 'Passw0rd!nobody'", 15151, "Cannot alter the login 'nobody', because it does not exist or you do not have permission."},
		{"dbcreator creates", "creator", "master", "CREATE DATABASE creatordb", 0, ""},
		{"creator is dbo", "creator", "creatordb", "CREATE TABLE dbo.c (a int); INSERT dbo.c VALUES (1); SELECT * FROM dbo.c", 0, ""},
		{"creator not in permdb", "creator", "master", "USE permdb", 916, `The server principal "creator" is not able to access the database "permdb" under the current security context.`},
		// Database access.
		{"use", "nobody", "master", "USE permdb", 916, `The server principal "nobody" is not able to access the database "permdb" under the current security context.`},
		{"three-part name", "nobody", "master", "SELECT * FROM permdb.dbo.t", 916, `The server principal "nobody" is not able to access the database "permdb" under the current security context.`},
		{"login database", "nobody", "permdb", "SELECT 1", 4060, ""},
		{"master as guest", "nobody", "master", "SELECT COUNT(*) FROM sys.objects", 0, ""},
		// Objects.
		{"datareader reads", "reader", "permdb", "SELECT * FROM dbo.t", 0, ""},
		{"deny wins", "reader", "permdb", "SELECT * FROM dbo.secret", 229, denied("SELECT", "secret")},
		{"sequence needs UPDATE", "reader", "permdb", "SELECT NEXT VALUE FOR dbo.seq", 229, denied("UPDATE", "seq")},
		{"deny on a point read", "reader", "permdb", "EXEC sp_executesql N'SELECT id FROM dbo.secret WHERE id = @p1', N'@p1 int', 7", 229, denied("SELECT", "secret")},
		{"deny in a subquery", "reader", "permdb", "SELECT * FROM dbo.t WHERE id IN (SELECT id FROM dbo.secret)", 229, denied("SELECT", "secret")},
		{"deny through INSERT SELECT", "writer", "permdb", "INSERT dbo.t SELECT id, 0 FROM dbo.secret", 229, denied("SELECT", "secret")},
		{"deny in a join", "reader", "permdb", "SELECT * FROM dbo.t JOIN dbo.secret s ON s.id = t.id", 229, denied("SELECT", "secret")},
		{"reader cannot insert", "reader", "permdb", "INSERT dbo.t VALUES (2, 2)", 229, denied("INSERT", "t")},
		{"reader cannot delete", "reader", "permdb", "DELETE dbo.t", 229, denied("DELETE", "t")},
		{"reader cannot create", "reader", "permdb", "CREATE TABLE dbo.x (a int)", 262, "CREATE TABLE permission denied in database 'permdb'."},
		{"reader cannot drop", "reader", "permdb", "DROP TABLE dbo.t", 3701, "Cannot drop the table 'dbo.t', because it does not exist or you do not have permission."},
		{"reader cannot exec", "reader", "permdb", "EXEC dbo.p", 229, denied("EXECUTE", "p")},
		{"reader cannot join db_owner", "reader", "permdb", "EXEC sp_addrolemember 'db_owner', 'reader'", 15151, "Cannot alter the role 'db_owner', because it does not exist or you do not have permission."},
		{"reader cannot alter role", "reader", "permdb", "ALTER ROLE db_owner ADD MEMBER reader", 15151, "Cannot alter the role 'db_owner', because it does not exist or you do not have permission."},
		{"reader cannot rename", "reader", "permdb", "EXEC sp_rename 'dbo.t', 't2'", 15248, "Either the parameter @objname is ambiguous or the claimed @objtype () is wrong."},
		{"reader cannot create user", "reader", "permdb", "CREATE USER x3 WITHOUT LOGIN", 15247, "User does not have permission to perform this action."},
		{"reader cannot grant", "reader", "permdb", "GRANT SELECT ON dbo.t TO writer", 4613, "Grantor does not have GRANT permission."},
		{"writer inserts", "writer", "permdb", "INSERT dbo.t VALUES (3, 30)", 0, ""},
		{"writer updates", "writer", "permdb", "UPDATE dbo.t SET v = 31", 0, ""},
		{"writer cannot select", "writer", "permdb", "SELECT * FROM dbo.t", 229, denied("SELECT", "t")},
		{"writer cannot delete", "writer", "permdb", "DELETE FROM dbo.t", 229, denied("DELETE", "t")},
		{"chain through procedure", "app", "permdb", "EXEC dbo.p", 0, ""},
		{"chain through procedure writes", "app", "permdb", "EXEC dbo.pins 4", 0, ""},
		{"chain through view", "app", "permdb", "SELECT * FROM dbo.v", 0, ""},
		{"no chain outside", "app", "permdb", "SELECT * FROM dbo.t", 229, denied("SELECT", "t")},
		{"dynamic SQL breaks the chain", "app", "permdb", "EXEC dbo.pdyn", 229, denied("SELECT", "secret")},
		{"sp_executesql is checked", "app", "permdb", "EXEC sp_executesql N'SELECT * FROM dbo.t'", 229, denied("SELECT", "t")},
		{"ddladmin creates", "dev", "permdb", "CREATE TABLE dbo.devt (a int); DROP TABLE dbo.devt", 0, ""},
		{"reader cannot create sequence", "reader", "permdb", "CREATE SEQUENCE dbo.sq START WITH 1", 262, "CREATE SEQUENCE permission denied in database 'permdb'."},
		{"reader cannot create type", "reader", "permdb", "CREATE TYPE dbo.ty FROM int", 262, "CREATE TYPE permission denied in database 'permdb'."},
		{"reader cannot truncate", "reader", "permdb", "TRUNCATE TABLE dbo.t", 1088, `Cannot find the object "t" because it does not exist or you do not have permissions.`},
		{"reader cannot alter", "reader", "permdb", "ALTER TABLE dbo.t ADD w int", 1088, `Cannot find the object "t" because it does not exist or you do not have permissions.`},
		{"reader cannot index", "reader", "permdb", "CREATE INDEX ix ON dbo.t (v)", 1088, `Cannot find the object "t" because it does not exist or you do not have permissions.`},
		{"reader cannot create view", "reader", "permdb", "CREATE VIEW dbo.rv AS SELECT 1 AS one", 262, "CREATE VIEW permission denied in database 'permdb'."},
		{"reader cannot drop view", "reader", "permdb", "DROP VIEW dbo.v", 3701, "Cannot drop the view 'dbo.v', because it does not exist or you do not have permission."},
		{"writer merge", "writer", "permdb", "MERGE dbo.t AS d USING (SELECT 9 AS id) AS s ON d.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id, 0);", 0, ""},
		{"writer merge delete", "writer", "permdb", "MERGE dbo.t AS d USING (SELECT 9 AS id) AS s ON d.id = s.id WHEN MATCHED THEN DELETE;", 229, denied("DELETE", "t")},
		{"ddladmin cannot read", "dev", "permdb", "SELECT * FROM dbo.t", 229, denied("SELECT", "t")},
	})
	// The pool of "creator is dbo" was closed, but its session ends when
	// the server reads the close (asynchronously, as in SQL Server): until
	// then DROP DATABASE creatordb is 3702.
	waitDatabaseUnused(t, srv.DB("master"), "creatordb")
	runPermCases(t, srv, []permCase{
		{"sysadmin member", "boss", "master", "SELECT * FROM permdb.dbo.secret; DROP DATABASE creatordb", 0, ""},
	})
	// What the permission functions answer for each login.
	for _, c := range []struct{ login, db, expr, want string }{
		{"reader", "permdb", "HAS_PERMS_BY_NAME('dbo.t', 'OBJECT', 'SELECT')", "1"},
		{"reader", "permdb", "HAS_PERMS_BY_NAME('dbo.secret', 'OBJECT', 'SELECT')", "0"},
		{"reader", "permdb", "HAS_PERMS_BY_NAME('dbo.t', 'OBJECT', 'INSERT')", "0"},
		{"reader", "permdb", "HAS_PERMS_BY_NAME('dbo.nope', 'OBJECT', 'SELECT')", "NULL"},
		{"writer", "permdb", "HAS_PERMS_BY_NAME('dbo.t', 'OBJECT', 'ANY')", "1"},
		{"dev", "permdb", "HAS_PERMS_BY_NAME(NULL, 'DATABASE', 'CREATE TABLE')", "1"},
		{"reader", "permdb", "HAS_PERMS_BY_NAME(NULL, 'DATABASE', 'CREATE TABLE')", "0"},
		{"killer", "master", "HAS_PERMS_BY_NAME(NULL, 'SERVER', 'ALTER ANY CONNECTION')", "1"},
		{"nobody", "master", "HAS_PERMS_BY_NAME(NULL, 'SERVER', 'ALTER ANY CONNECTION')", "0"},
		{"nobody", "master", "HAS_DBACCESS('permdb')", "0"},
		{"reader", "master", "HAS_DBACCESS('permdb')", "1"},
		{"sa", "master", "HAS_PERMS_BY_NAME('permdb.dbo.secret', 'OBJECT', 'DELETE')", "1"},
	} {
		t.Run(c.login+" "+c.expr, func(t *testing.T) {
			var got sql.NullString
			if err := loginDB(t, srv, c.login, c.db).QueryRow("SELECT " + c.expr).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if s := map[bool]string{true: got.String, false: "NULL"}[got.Valid]; s != c.want {
				t.Fatalf("%s as %s = %s, want %s", c.expr, c.login, s, c.want)
			}
		})
	}
}

// TestPermissionsChangeAndPersist: GRANT, REVOKE, DENY and role changes
// take effect on open sessions and survive SIGKILL and restart.
func TestPermissionsChangeAndPersist(t *testing.T) {
	srv := startPermServer(t, "perms2")
	sa := srv.DB("permdb")
	mustExec(t, sa, "GRANT SELECT ON SCHEMA::dbo TO writer")
	mustExec(t, sa, "DENY UPDATE ON dbo.t TO writer")
	mustExec(t, sa, "REVOKE SELECT ON dbo.secret FROM reader")
	mustExec(t, sa, "GRANT CONNECT TO guest")
	mustExec(t, sa, "CREATE ROLE auditors")
	mustExec(t, sa, "ALTER ROLE auditors ADD MEMBER writer")
	mustExec(t, sa, "GRANT SELECT ON dbo.secret TO auditors")
	mustExec(t, sa, "GRANT SELECT ON dbo.secret TO app")
	mustExec(t, srv.DB("master"), "GRANT VIEW SERVER STATE TO reader")
	srv.Kill()
	srv.Restart()
	for _, c := range []struct {
		db, query string
		want      string
	}{
		{"permdb", "SELECT COUNT(*) FROM sys.database_permissions p JOIN sys.database_principals u ON u.principal_id = p.grantee_principal_id WHERE u.name = 'writer' AND p.permission_name = 'UPDATE' AND p.state_desc = 'DENY' AND p.major_id = OBJECT_ID('dbo.t')", "1"},
		{"permdb", "SELECT COUNT(*) FROM sys.database_permissions WHERE class_desc = 'SCHEMA' AND permission_name = 'SELECT' AND state = 'G'", "1"},
		{"master", "SELECT COUNT(*) FROM sys.server_permissions p JOIN sys.server_principals l ON l.principal_id = p.grantee_principal_id WHERE l.name = 'reader' AND p.permission_name = 'VIEW SERVER STATE'", "1"},
	} {
		var got string
		if err := srv.DB(c.db).QueryRow(c.query).Scan(&got); err != nil || got != c.want {
			t.Fatalf("%s: %q, %v; want %s", c.query, got, err, c.want)
		}
	}
	runPermCases(t, srv, []permCase{
		{"schema grant", "writer", "permdb", "SELECT * FROM dbo.t", 0, ""},
		{"deny update", "writer", "permdb", "UPDATE dbo.t SET v = 1", 229, "The UPDATE permission was denied on the object 't', database 'permdb', schema 'dbo'."},
		{"role grant", "writer", "permdb", "SELECT * FROM dbo.secret", 0, ""},
		{"object grant", "app", "permdb", "SELECT * FROM dbo.secret", 0, ""},
		{"revoked deny", "reader", "permdb", "SELECT * FROM dbo.secret", 0, ""},
		{"guest enabled", "nobody", "permdb", "SELECT 1", 0, ""},
		{"guest has no grants", "nobody", "permdb", "SELECT * FROM dbo.t", 229, "The SELECT permission was denied on the object 't', database 'permdb', schema 'dbo'."},
	})
	// Permissions are catalog data: they go with the database into a backup
	// and come back with RESTORE under another name.
	file := filepath.Join(t.TempDir(), "permdb.bak")
	mustExec(t, srv.DB("master"), "BACKUP DATABASE permdb TO DISK = '"+file+"'")
	mustExec(t, srv.DB("master"), "RESTORE DATABASE permcopy FROM DISK = '"+file+"'")
	runPermCases(t, srv, []permCase{
		{"restored deny", "writer", "permcopy", "UPDATE dbo.t SET v = 1", 229, "The UPDATE permission was denied on the object 't', database 'permcopy', schema 'dbo'."},
		{"restored grant", "app", "permcopy", "SELECT * FROM dbo.secret", 0, ""},
		{"restored reader", "reader", "permcopy", "SELECT * FROM dbo.t", 0, ""},
	})
	// A new object of a dropped one's name does not inherit its grants.
	harness.MustRunScript(t, srv.DB("permdb"), "DROP TABLE dbo.secret\nCREATE TABLE dbo.secret (id int)")
	runPermCases(t, srv, []permCase{
		{"grant gone with the table", "app", "permdb", "SELECT * FROM dbo.secret", 229, "The SELECT permission was denied on the object 'secret', database 'permdb', schema 'dbo'."},
	})
}
