package tests

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	mssql "github.com/microsoft/go-mssqldb"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDatabaseCollation: CREATE DATABASE … COLLATE sets the database's
// default collation, which columns declared without COLLATE take (tables,
// ALTER TABLE, table variables; not #temp tables, which take tempdb's) and
// which sys.databases and DATABASEPROPERTYEX show. It lives in the database:
// a restart, and a RESTORE on another instance under another name, keep it.
// ALTER DATABASE … COLLATE changes it for columns declared afterwards. The
// clause was accepted and ignored: every database compared case-insensitively
// (issue #5).
func TestDatabaseCollation(t *testing.T) {
	a := harness.Start(t, harness.Options{Name: "coll-a"})
	master := a.DB("master")
	mustExec(t, master, "CREATE DATABASE csdb COLLATE Latin1_General_CS_AS")
	harness.MustRunScript(t, a.DB("csdb"), `
CREATE TABLE dbo.t (v varchar(10) NOT NULL, n nvarchar(10) NULL, ci varchar(10) COLLATE SQL_Latin1_General_CP1_CI_AS NULL)
GO
INSERT dbo.t (v, n, ci) VALUES ('a', N'a', 'a'), ('A', N'A', 'A')
GO
CREATE UNIQUE INDEX ux ON dbo.t (v)
GO
ALTER TABLE dbo.t ADD added varchar(5) NULL`)

	type check struct{ name, db, query, want string }
	checks := []check{
		{"sys.databases", "master", "SELECT collation_name FROM sys.databases WHERE name = 'csdb'", "Latin1_General_CS_AS"},
		{"DATABASEPROPERTYEX", "master", "SELECT CAST(DATABASEPROPERTYEX('csdb', 'Collation') AS nvarchar(128))", "Latin1_General_CS_AS"},
		{"master keeps the server's", "master", "SELECT collation_name FROM sys.databases WHERE name = 'master'", "SQL_Latin1_General_CP1_CI_AS"},
		{"varchar column", "csdb", "SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.t') AND name = 'v'", "Latin1_General_CS_AS"},
		{"nvarchar column", "csdb", "SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.t') AND name = 'n'", "Latin1_General_CS_AS"},
		{"explicit COLLATE", "csdb", "SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.t') AND name = 'ci'", "SQL_Latin1_General_CP1_CI_AS"},
		{"ALTER TABLE ADD", "csdb", "SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.t') AND name = 'added'", "Latin1_General_CS_AS"},
		{"case-sensitive comparison", "csdb", "SELECT CAST(COUNT(*) AS varchar(5)) FROM dbo.t WHERE v = 'a'", "1"},
		{"explicit CI column", "csdb", "SELECT CAST(COUNT(*) AS varchar(5)) FROM dbo.t WHERE ci = 'a'", "2"},
		{"table variable", "csdb", "DECLARE @tv TABLE (v varchar(5)); INSERT @tv VALUES ('a'), ('A'); SELECT CAST(COUNT(*) AS varchar(5)) FROM @tv WHERE v = 'a'", "1"},
		{"#temp takes tempdb's", "csdb", "CREATE TABLE #x (v varchar(5)); INSERT #x VALUES ('a'), ('A'); SELECT CAST(COUNT(*) AS varchar(5)) FROM #x WHERE v = 'a'", "2"},
	}
	run := func(srv *harness.Server, db string, cs []check) {
		t.Helper()
		for _, c := range cs {
			if db != "" {
				c.db = db
			}
			got, err := harness.QueryString(context.Background(), srv.DB(c.db), c.query)
			if err != nil || got != c.want {
				t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
			}
		}
	}
	run(a, "", checks)
	number := func(err error) int32 {
		var e mssql.Error
		if errors.As(err, &e) {
			return e.Number
		}
		return 0
	}
	if _, err := master.Exec("CREATE DATABASE baddb COLLATE Not_A_Collation"); number(err) != 448 {
		t.Errorf("CREATE DATABASE with an unknown collation: %v, want 448", err)
	}

	// A restart and a RESTORE elsewhere keep it: it is in the database.
	file := filepath.Join(t.TempDir(), "csdb.bak")
	mustExec(t, master, "BACKUP DATABASE csdb TO DISK = '"+file+"'")
	a.Kill()
	a.Restart()
	run(a, "", checks[:8])
	b := harness.Start(t, harness.Options{Name: "coll-b"})
	mustExec(t, b.DB("master"), "RESTORE DATABASE copydb FROM DISK = '"+file+"'")
	run(b, "", []check{
		{"restored: sys.databases", "master", "SELECT collation_name FROM sys.databases WHERE name = 'copydb'", "Latin1_General_CS_AS"},
		{"restored: comparison", "copydb", "SELECT CAST(COUNT(*) AS varchar(5)) FROM dbo.t WHERE v = 'a'", "1"},
		{"restored: new column", "copydb", "CREATE TABLE dbo.u (v varchar(5)); SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.u')", "Latin1_General_CS_AS"},
	})

	// ALTER DATABASE … COLLATE: new columns take the new default, old ones
	// keep theirs; a system database refuses.
	master = a.DB("master") // the restart closed the first pool's connections
	// While another session is in the database it is refused (5030, then
	// 5072); a DBA takes it to SINGLE_USER first, as in SQL Server.
	other, err := a.DB("csdb").Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := other.PingContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, err = master.Exec("ALTER DATABASE csdb COLLATE Latin1_General_CI_AS")
	if number(err) != 5072 || !strings.Contains(err.Error(), "exclusively locked") {
		t.Errorf("ALTER DATABASE … COLLATE with another session in it: %v, want 5030 and 5072", err)
	}
	other.Close()
	mustExec(t, master, "ALTER DATABASE csdb SET SINGLE_USER WITH ROLLBACK IMMEDIATE")
	mustExec(t, master, "ALTER DATABASE csdb COLLATE Latin1_General_CI_AS")
	mustExec(t, master, "ALTER DATABASE csdb SET MULTI_USER")
	run(a, "csdb", []check{
		{"altered: DATABASEPROPERTYEX", "", "SELECT CAST(DATABASEPROPERTYEX('csdb', 'Collation') AS nvarchar(128))", "Latin1_General_CI_AS"},
		{"altered: old column kept", "", "SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.t') AND name = 'v'", "Latin1_General_CS_AS"},
		{"altered: new column", "", "CREATE TABLE dbo.w (v varchar(5)); SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.w')", "Latin1_General_CI_AS"},
	})
	if _, err := master.Exec("ALTER DATABASE master COLLATE Latin1_General_CS_AS"); number(err) != 3708 {
		t.Errorf("ALTER DATABASE master COLLATE: %v, want 3708", err)
	}
}
