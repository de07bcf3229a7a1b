package mirroring_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestOwnerAfterFailover: a mirrored database's owner as SQL Server keeps
// it (engine/exec/owner.go). ALTER AUTHORIZATION on the principal is
// logged, so dbo's SID reaches the mirror; master's owner_sid is each
// instance's own, the restoring login's on the mirror (sa here), which a
// failover does not change. On the new principal dbo's SID names no login
// until the owner's login is made there WITH SID, and then that login is
// dbo; the former principal still records the owner and refuses to drop
// its login (15174).
func TestOwnerAfterFailover(t *testing.T) {
	c := newCluster(t, setupOptions{})
	cur, oth := c.principal, c.mirror
	const pw = "Own!Passw0rd#1"
	c.mustExec(cur, "CREATE LOGIN dbowner WITH PASSWORD = '"+pw+"'\nGO\nALTER AUTHORIZATION ON DATABASE::"+dbName+" TO dbowner")
	query := func(s *harness.Server, db *sql.DB, q string) string {
		t.Helper()
		v, err := harness.QueryString(context.Background(), db, q)
		if err != nil {
			t.Errorf("%s: %s: %v", s.Name, q, err)
		}
		return v
	}
	sid := query(cur, c.master(cur), "SELECT CONVERT(varchar(200), SUSER_SID('dbowner'), 1)")
	ownerSID := "SELECT CONVERT(varchar(200), owner_sid, 1) FROM sys.databases WHERE name = '" + dbName + "'"
	dboSID := "SELECT CONVERT(varchar(200), sid, 1) + ':' + ISNULL(SUSER_SNAME(sid), 'NULL') FROM sys.database_principals WHERE name = 'dbo'"
	if got := query(cur, c.master(cur), ownerSID); got != sid {
		t.Errorf("%s: owner_sid %s, want dbowner's %s", cur.Name, got, sid)
	}

	c.manualFailover(cur, oth)
	if got := query(oth, c.master(oth), ownerSID); got != "0x01" {
		t.Errorf("new principal %s: owner_sid %s, want 0x01 (the mirror's restorer, sa)", oth.Name, got)
	}
	if got := query(oth, oth.DB(dbName), dboSID); got != sid+":NULL" {
		t.Errorf("new principal %s: dbo's sid %s, want %s:NULL (the principal's owner, no login here)", oth.Name, got, sid)
	}
	c.mustExec(oth, "CREATE LOGIN dbowner WITH PASSWORD = '"+pw+"', SID = "+sid)
	owner, err := sql.Open("sqlserver", harness.DSNFor(oth.Addr(), "dbowner", pw, dbName))
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if got := query(oth, owner, "SELECT USER_NAME()"); got != "dbo" {
		t.Errorf("new principal %s: dbowner made WITH SID is %q in %s, want dbo", oth.Name, got, dbName)
	}
	if got := query(cur, c.master(cur), ownerSID); got != sid {
		t.Errorf("former principal %s: owner_sid %s, want dbowner's %s", cur.Name, got, sid)
	}
	var me mssql.Error
	if err := c.exec(cur, "DROP LOGIN dbowner"); !errors.As(err, &me) || me.Number != 15174 {
		t.Errorf("former principal %s: DROP LOGIN of the owner: %v, want 15174", cur.Name, err)
	}
}
