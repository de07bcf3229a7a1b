package tests

import (
	"database/sql"
	"regexp"
	"strings"
	"testing"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// readAllSets reads every result set of rows as text, NULL as "NULL".
func readAllSets(t *testing.T, rows *sql.Rows) [][][]string {
	t.Helper()
	defer rows.Close()
	var sets [][][]string
	for {
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		var set [][]string
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make([]string, len(cols))
			for i, v := range vals {
				row[i] = "NULL"
				if v.Valid {
					row[i] = v.String
				}
			}
			set = append(set, row)
		}
		sets = append(sets, set)
		if !rows.NextResultSet() {
			break
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return sets
}

// TestClientSystemProcs runs the catalog and monitoring procedures DBA
// scripts call through go-mssqldb, reading every result set: each value must
// fit the type its COLMETADATA declares (the TDS encoder refuses one that
// does not, which the client sees as an error), as SQL Server's always do.
// sp_helpdb's created column once overflowed its nvarchar(11) on every day
// from the 10th of a month.
func TestClientSystemProcs(t *testing.T) {
	srv := harness.Start(t, harness.Options{Name: "sysprocs"})
	admin := srv.DB("master")
	mustExec(t, admin, "CREATE DATABASE procs")
	db := srv.DB("procs")
	mustExec(t, db, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v nvarchar(20) NULL, d datetime2(3) NULL)")
	mustExec(t, db, "CREATE VIEW dbo.vt AS SELECT id, v FROM dbo.t")
	mustExec(t, db, "CREATE PROCEDURE dbo.p AS SELECT 1 AS one")
	for _, q := range []string{
		"EXEC sp_who", "EXEC sp_who2", "EXEC sp_helpdb", "EXEC sp_helpdb 'procs'", "EXEC sp_databases",
		"EXEC sp_help", "EXEC sp_help 'dbo.t'", "EXEC sp_columns 't'", "EXEC sp_columns @table_name = 't', @ODBCVer = 3",
		"EXEC sp_tables", "EXEC sp_helpindex 'dbo.t'", "EXEC sp_helptext 'dbo.vt'", "EXEC sp_helptext 'dbo.p'",
		"EXEC sp_configure", "EXEC msdb..sp_dbmmonitorupdate; EXEC msdb..sp_dbmmonitorresults 'procs'", "EXEC sp_spaceused", "EXEC sp_spaceused 'dbo.t'",
		"SELECT * FROM sys.master_files", "SELECT * FROM sys.database_files",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Errorf("%s: %v", q, err)
			continue
		}
		if sets := readAllSets(t, rows); len(sets) == 0 {
			t.Errorf("%s: no result set", q)
		}
	}

	// sp_spaceused without a name: the database's size, then its space.
	rows, err := db.Query("EXEC sp_spaceused")
	if err != nil {
		t.Fatal(err)
	}
	if sets := readAllSets(t, rows); len(sets) != 2 || len(sets[0]) != 1 || sets[0][0][0] != "procs" || !strings.HasSuffix(sets[0][0][1], " MB") {
		t.Errorf("sp_spaceused: %v, want (procs, \"… MB\", …) then the space row", sets)
	}

	// created is CONVERT(nvarchar(11), create_date): "Nov 26 2026",
	// "Nov  5 2026".
	rows, err = db.Query("EXEC sp_helpdb 'procs'")
	if err != nil {
		t.Fatal(err)
	}
	sets := readAllSets(t, rows)
	if len(sets) == 0 || len(sets[0]) != 1 {
		t.Fatalf("sp_helpdb 'procs': %v, want one row", sets)
	}
	created := regexp.MustCompile(`^[A-Z][a-z]{2} [ 1-3][0-9] [0-9]{4}$`)
	if got := sets[0][0][4]; !created.MatchString(got) {
		t.Errorf("sp_helpdb created = %q, want CONVERT style 0 such as %q", got, "Nov 26 2026")
	}
}
