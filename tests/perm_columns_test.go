package tests

import (
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestColumnPermissions: column-level GRANT and DENY for SQL logins
// through go-mssqldb, with SQL Server's exact 230 text, and the rows
// surviving a SIGKILL and restart (they are catalog rows, logged as DDL).
//
//	reader    SELECT on dbo.t, DENY SELECT (v) — the column DENY wins
//	writer    SELECT (id), UPDATE (v) only
func TestColumnPermissions(t *testing.T) {
	srv := startPermServer(t, "colperms")
	harness.MustRunScript(t, srv.DB("permdb"), `
CREATE TABLE dbo.pay (id int PRIMARY KEY, name varchar(10), v int)
INSERT dbo.pay VALUES (1, 'a', 10), (2, 'b', 20)
GRANT SELECT ON dbo.pay TO reader
DENY SELECT (v) ON dbo.pay TO reader
GRANT SELECT (id), UPDATE (v) ON dbo.pay TO writer
`)
	colDenied := func(perm, col string) string {
		return "The " + perm + " permission was denied on the column '" + col + "' of the object 'pay', database 'permdb', schema 'dbo'."
	}
	cases := []permCase{
		{"reader reads the other columns", "reader", "permdb", "SELECT id, name FROM dbo.pay WHERE id = 1", 0, ""},
		{"column deny beats table grant", "reader", "permdb", "SELECT name, v FROM dbo.pay", 230, colDenied("SELECT", "v")},
		{"star is every column", "reader", "permdb", "SELECT * FROM dbo.pay", 230, colDenied("SELECT", "v")},
		{"where counts", "reader", "permdb", "SELECT id FROM dbo.pay WHERE v > 0", 230, colDenied("SELECT", "v")},
		{"writer updates its column", "writer", "permdb", "UPDATE dbo.pay SET v = 11 WHERE id = 1", 0, ""},
		{"writer may not read v", "writer", "permdb", "UPDATE dbo.pay SET v = v + 1 WHERE id = 1", 230, colDenied("SELECT", "v")},
		{"writer may not update name", "writer", "permdb", "UPDATE dbo.pay SET name = 'x' WHERE id = 1", 230, colDenied("UPDATE", "name")},
		{"writer reads id only", "writer", "permdb", "SELECT id, name FROM dbo.pay", 230, colDenied("SELECT", "name")},
		{"no column rows is 229", "dev", "permdb", "SELECT id FROM dbo.pay", 229, "The SELECT permission was denied on the object 'pay', database 'permdb', schema 'dbo'."},
	}
	runPermCases(t, srv, cases)

	srv.Kill()
	srv.Restart()
	runPermCases(t, srv, []permCase{
		{"after restart: reader's column deny holds", "reader", "permdb", "SELECT v FROM dbo.pay", 230, colDenied("SELECT", "v")},
		{"after restart: writer's column grant holds", "writer", "permdb", "SELECT id FROM dbo.pay", 0, ""},
		{"after restart: writer's update", "writer", "permdb", "UPDATE dbo.pay SET name = 'y' WHERE id = 2", 230, colDenied("UPDATE", "name")},
	})
	var v int
	if err := srv.DB("permdb").QueryRow("SELECT v FROM dbo.pay WHERE id = 1").Scan(&v); err != nil || v != 11 {
		t.Fatalf("writer's acknowledged UPDATE after restart: v = %d, %v", v, err)
	}
}
