package exec_test

import (
	"strings"
	"testing"
)

// TestObjectNameDatabaseArgument: OBJECT_NAME(object_id, database_id) and
// OBJECT_SCHEMA_NAME(object_id, database_id) look the object up in that
// database (the OBJECT_NAME page: "database_id … the ID of the database
// where the object is to be looked up"), as DBA scripts do over
// sys.dm_exec_sql_text and sys.dm_db_index_usage_stats. The second
// argument was ignored: the name came from the current database, where the
// same object id names another table (issue #5).
func TestObjectNameDatabaseArgument(t *testing.T) {
	p := newPlanProbe(t, "objnamedb")
	p.run(`CREATE DATABASE db2`)
	p.run(`CREATE TABLE db2.dbo.only_in_db2 (a int); CREATE TABLE dbo.only_in_master (a int)`)
	cases := []struct{ q, want string }{
		{`SELECT OBJECT_NAME(OBJECT_ID('db2.dbo.only_in_db2'), DB_ID('db2')), OBJECT_SCHEMA_NAME(OBJECT_ID('db2.dbo.only_in_db2'), DB_ID('db2'))`, "--;only_in_db2|dbo"},
		{`SELECT OBJECT_NAME(OBJECT_ID('dbo.only_in_master'), DB_ID()), OBJECT_NAME(OBJECT_ID('dbo.only_in_master'))`, "--;only_in_master|only_in_master"},
		{`SELECT OBJECT_NAME(OBJECT_ID('db2.dbo.only_in_db2'), NULL), OBJECT_NAME(OBJECT_ID('db2.dbo.only_in_db2'), 32000)`, "--;NULL|NULL"},
		{`SELECT OBJECT_NAME(OBJECT_ID('sys.objects'), DB_ID('db2'))`, "--;objects"},
	}
	for _, c := range cases {
		if got := p.traced(c.q); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.q, got, c.want)
		}
	}
	// A #temp table's name in tempdb is its stored, padded one.
	p.run(`CREATE TABLE #t (a int)`)
	if got := p.rowsText(`SELECT OBJECT_NAME(OBJECT_ID('tempdb..#t'), 2)`); !strings.HasPrefix(got, "#t___") || len(got) != 128 {
		t.Errorf("OBJECT_NAME(OBJECT_ID('tempdb..#t'), 2) = %q, want #t padded to 128 characters", got)
	}
}
