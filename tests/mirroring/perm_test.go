package mirroring_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestPermissionsSurviveFailover: users, role memberships and GRANT/DENY
// (column-level ones too) live in the database catalog, hence in the log: after a manual failover
// the new principal enforces them for the login (logins are per instance,
// as in SQL Server, so the test transfers it with its SID as
// sp_help_revlogin does: logins_test.go).
func TestPermissionsSurviveFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	const login, pw = "permmirr", "Passw0rd!permmirr"
	c.mustExec(cur, "CREATE LOGIN "+login+" WITH PASSWORD = '"+pw+"'\nGO\nUSE "+dbName+`
GO
CREATE TABLE dbo.permsecret (id int)
CREATE USER permmirr FOR LOGIN permmirr
ALTER ROLE db_datareader ADD MEMBER permmirr
DENY SELECT ON dbo.permsecret TO permmirr
DENY SELECT (v) ON dbo.kv TO permmirr`)
	var script string
	if err := c.master(cur).QueryRow(revloginScript, login).Scan(&script); err != nil {
		t.Fatalf("revlogin script on %s: %v", cur.Name, err)
	}
	c.mustExec(oth, script)
	c.manualFailover(cur, oth)

	db, err := sql.Open("sqlserver", harness.DSNFor(oth.Addr(), login, pw, dbName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tests := []struct {
		name, query string
		wantErr     int32
	}{
		{"datareader reads", "SELECT COUNT(*) FROM dbo.kv", 0},
		{"deny holds", "SELECT COUNT(*) FROM dbo.permsecret", 229},
		{"no insert", "INSERT dbo.kv (k, v) VALUES (99, 0)", 229},
		{"column deny holds", "SELECT v FROM dbo.kv", 230},
		{"other columns read", "SELECT k FROM dbo.kv", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.ExecContext(ctx, tt.query)
			var me mssql.Error
			switch {
			case tt.wantErr == 0 && err != nil:
				t.Fatalf("%s on %s: %v", tt.query, oth.Name, err)
			case tt.wantErr != 0 && (!errors.As(err, &me) || me.Number != tt.wantErr):
				t.Fatalf("%s on %s: %v, want error %d", tt.query, oth.Name, err, tt.wantErr)
			}
		})
	}
}
