package tests

import (
	"strings"
	"testing"
)

// Metadata visibility (issue #5): a user sees in the catalog views, and
// through OBJECT_ID / OBJECT_NAME, only the objects it holds a permission
// on (perm_test.go's logins: writer has INSERT and UPDATE on dbo.t, app
// EXECUTE on the procedures and SELECT on dbo.v, reader is a
// db_datareader denied SELECT on dbo.secret). VIEW DEFINITION shows an
// object; sysadmin and dbo see everything; an EXECUTE AS context sees what
// its principal sees.
func TestMetadataVisibility(t *testing.T) {
	srv := startPermServer(t, "visible")
	objects := "SELECT STRING_AGG(name, ',') WITHIN GROUP (ORDER BY name) FROM sys.objects WHERE type IN ('U', 'V', 'P')"
	cases := []struct {
		name, login, query, want string
	}{
		{"sa sees all", "sa", objects, "p,pdyn,pins,secret,t,v"},
		{"writer sees its table", "writer", objects, "t"},
		{"app sees its procedures and view", "app", objects, "p,pdyn,pins,v"},
		{"db_datareader sees tables and views, a DENY hides", "reader", objects, "t,v"},
		{"sys.tables", "writer", "SELECT STRING_AGG(name, ',') FROM sys.tables", "t"},
		{"sys.procedures", "writer", "SELECT COUNT(*) FROM sys.procedures", "0"},
		{"sys.columns of a hidden table", "writer", "SELECT COUNT(*) FROM sys.columns c JOIN sys.tables t ON t.object_id = c.object_id", "2"},
		{"OBJECT_ID of a hidden table", "writer", "SELECT ISNULL(CAST(OBJECT_ID('dbo.secret') AS varchar), 'NULL')", "NULL"},
		{"OBJECT_ID of a visible table", "writer", "SELECT CASE WHEN OBJECT_ID('dbo.t') IS NULL THEN 'NULL' ELSE 'id' END", "id"},
		{"INFORMATION_SCHEMA.TABLES", "app", "SELECT STRING_AGG(TABLE_NAME, ',') FROM INFORMATION_SCHEMA.TABLES", "v"},
		{"INFORMATION_SCHEMA.COLUMNS", "writer", "SELECT COUNT(DISTINCT TABLE_NAME) FROM INFORMATION_SCHEMA.COLUMNS", "1"},
		{"INFORMATION_SCHEMA.ROUTINES", "writer", "SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES", "0"},
		{"EXECUTE AS sees the user's view", "sa", "EXECUTE AS USER = 'writer'; " + objects, "t"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := lastString(t, loginDB(t, srv, c.login, "permdb"), c.query); got != c.want {
				t.Fatalf("%s as %s: %q, want %q", c.query, c.login, got, c.want)
			}
		})
	}
	mustExec(t, srv.DB("permdb"), "GRANT VIEW DEFINITION ON dbo.secret TO writer")
	if got := lastString(t, loginDB(t, srv, "writer", "permdb"), objects); got != "secret,t" {
		t.Fatalf("after GRANT VIEW DEFINITION writer sees %q, want secret,t", got)
	}
	mustExec(t, srv.DB("permdb"), "GRANT VIEW DEFINITION TO app")
	if got := lastString(t, loginDB(t, srv, "app", "permdb"), objects); !strings.Contains(got, "secret") {
		t.Fatalf("after database-wide VIEW DEFINITION app sees %q, want every object", got)
	}
}
